"""Small functions checked on exact values, in process: option parsing, header sniffing, weights, probabilities."""

import argparse
import codecs

import numpy as np
import pytest
import torch
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from compta_finetune.accounts import libelle, libelles
from compta_finetune.calibration import baseline_probabilities
from compta_finetune.cli import _names_text_column, _threshold, read_texts
from compta_finetune.data import ReadOptions
from compta_finetune.training import balanced_class_weights


@pytest.mark.parametrize("value, expected", [("0.9", 0.9), ("1", 1.0), ("1e-3", 0.001)])
def test_a_threshold_is_a_probability_above_zero_and_at_most_one(value, expected):
    assert _threshold(value) == expected


@pytest.mark.parametrize("value", ["0", "-0.5", "1.01", "2", "abc", "nan", ""])
def test_other_thresholds_are_refused_with_the_value_named(value):
    with pytest.raises(argparse.ArgumentTypeError, match=rf"expected a probability above 0 and at most 1, got '{value}'"):
        _threshold(value)


@pytest.mark.parametrize(
    "first_line, text_column, names_it",
    [
        (b"text,label\n", "text", True),
        (b"Libelle;Compte\r\n", "libelle", True),  # case, separator and CRLF of a French Excel file
        (codecs.BOM_UTF8 + b"text;label\n", "text", True),
        (b"JournalCode\tEcritureLib\tCompteNum\n", "text", True),  # an FEC names its text EcritureLib
        (b"Ramettes papier A4\n", "text", False),  # a bare line of text: no header
        (b"texte,compte\n", "text", False),
        (b"d\xe9signation;compte\n", "d\ufffdsignation", True),  # undecodable bytes are replaced, not fatal
    ],
)
def test_standard_input_starts_with_a_header_only_when_it_names_the_text_column(first_line, text_column, names_it):
    assert _names_text_column(first_line + b"Ramettes;6064\n", text_column) is names_it


def test_read_texts_uses_the_files_encoding_or_the_one_given(tmp_path):
    path = tmp_path / "lignes.csv"
    path.write_bytes("libellé;fournisseur\r\nRéparation photocopieur;Bureau Plus\r\n".encode("cp1252"))
    assert read_texts(str(path), ReadOptions(text_column="libellé")) == ["Réparation photocopieur"]
    assert read_texts(str(path), ReadOptions(text_column="libellé", supplier_column="fournisseur")) == [
        "Bureau Plus | Réparation photocopieur"
    ]
    assert read_texts(str(path), ReadOptions(text_column="libellé", encoding="latin-1")) == ["Réparation photocopieur"]
    path.write_text("text\nToner\n", encoding="utf-8")
    assert read_texts(str(path)) == ["Toner"]


def test_class_weights_are_float32_and_one_for_absent_accounts():
    weights = balanced_class_weights([2, 2, 0], num_labels=4)
    assert weights.dtype == torch.float32
    assert weights.tolist() == pytest.approx([1.5, 1.0, 0.75, 1.0])


def test_baseline_probabilities_follow_classes_and_temperature():
    texts = ["ramettes papier", "papier a4", "loyer bureaux", "loyer mars"]
    pipeline = make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(texts, ["6064", "6064", "6132", "6132"])
    plain = baseline_probabilities(pipeline, ["papier"])
    assert plain.shape == (1, 2) and plain.sum() == pytest.approx(1.0)
    assert plain == pytest.approx(pipeline.predict_proba(["papier"]))  # temperature 1 changes nothing
    assert list(pipeline.classes_[plain.argmax(axis=1)]) == ["6064"]
    flatter = baseline_probabilities(pipeline, ["papier"], temperature=4.0)
    assert flatter.max() < plain.max() and flatter.argmax() == plain.argmax()
    expected = np.exp(np.log(plain) / 4.0)
    assert flatter == pytest.approx(expected / expected.sum())


def test_libelles_names_each_code_as_libelle_does():
    assert libelles(["6064", "61551"]) == {"6064": libelle("6064"), "61551": libelle("61551")}
    assert libelles([]) == {}


def test_a_missing_column_is_named_with_the_columns_found_and_a_guess():
    from compta_finetune.data import TEXT_HINTS, missing_column_error
    from compta_finetune.readers import Table

    error = missing_column_error("f.csv", Table("f.csv", ["Libellé", "Compte"], [], []), "text", "text", "--text-column", TEXT_HINTS)
    assert (error.problem, error.fix) == ("f.csv: no text column 'text' (columns found: Libellé, Compte).", "pass --text-column 'Libellé'.")
    error = missing_column_error("f.csv", Table("f.csv", [], [], []), "supplier", "vendor", "--supplier-column", ())
    assert (error.problem, error.fix) == (
        "f.csv: no supplier column 'vendor' (columns found: none).",
        "name the column 'vendor', or pass its name with --supplier-column.",
    )


def test_routing_table_on_no_lines_and_on_parent_accounts():
    from compta_finetune.calibration import Routing
    from compta_finetune.evaluation import routing_table

    empty = routing_table([], [])
    assert empty == {decision: {"lines": 0, "share": 0.0, "accuracy": None} for decision in ("auto", "parent", "review")}
    table = routing_table(["6064", "6061"], [Routing("parent", "6064", 0.9), Routing("auto", "606", 0.95)])
    # A parent line is right when the true account lies under it; an auto line only when it is the account.
    assert table["parent"] == {"lines": 1, "share": 0.5, "accuracy": 1.0}
    assert table["auto"] == {"lines": 1, "share": 0.5, "accuracy": 0.0}


def test_level_accuracy_of_no_lines_is_zero_and_percentages_say_n_a():
    from compta_finetune.accounts import level_accuracy
    from compta_finetune.cli import _percent

    assert level_accuracy([], [], 3) == 0.0
    assert (_percent(None), _percent(0.6333)) == ("n/a", "63.3%")


def test_write_atomically_writes_beside_the_target_then_renames_with_the_umask(tmp_path):
    import os
    import stat

    from compta_finetune.cli import write_atomically

    target = tmp_path / "out.csv"
    seen = []

    def write(handle):
        handle.write("a;b\r\nToner;6064\r\n")
        seen.extend(path.name for path in tmp_path.iterdir())

    previous = os.umask(0o022)
    try:
        write_atomically(str(target), write)
    finally:
        os.umask(previous)
    # While it was written, the only file was a hidden temporary beside the target.
    assert len(seen) == 1 and seen[0].startswith(".out.csv.") and seen[0].endswith(".tmp")
    assert [path.name for path in tmp_path.iterdir()] == ["out.csv"]
    assert target.read_bytes() == b"a;b\r\nToner;6064\r\n"  # line ends as written
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_write_atomically_refuses_characters_the_encoding_lacks_and_keeps_the_old_file(tmp_path):
    from compta_finetune.cli import write_atomically

    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_atomically(str(target), lambda handle: handle.write("Café ☕"), encoding="cp1252")
    assert target.read_text(encoding="utf-8") == "old" and [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    write_atomically(str(target), lambda handle: handle.write("Café ☕"), encoding="cp1252", errors="replace")
    assert target.read_bytes() == "Café ?".encode("cp1252")


def stdin_of(monkeypatch, raw: bytes):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))


def test_standard_input_lines_become_a_table_named_stdin(monkeypatch):
    from compta_finetune.cli import read_input_table

    stdin_of(monkeypatch, codecs.BOM_UTF8 + "Ramettes papier\n  Loyer mars \n\n".encode())
    table = read_input_table("-")
    assert (table.path, table.header, table.rows, table.line_numbers) == ("<stdin>", ["text"], [["Ramettes papier"], ["Loyer mars"]], [1, 2])
    assert (table.delimiter, table.encoding, table.bom) == (",", "utf-8", True)
    stdin_of(monkeypatch, "Réparation\n".encode("cp1252"))
    assert read_input_table("-").encoding == "cp1252"


def test_a_csv_on_standard_input_is_read_with_the_encoding_given(monkeypatch):
    from compta_finetune.cli import read_input_table

    stdin_of(monkeypatch, "text\ncafé\n".encode())
    assert read_input_table("-").rows == [["café"]]
    stdin_of(monkeypatch, "text\ncafé\n".encode())
    assert read_input_table("-", encoding="latin-1").rows == [["cafÃ©"]]  # as forced: the bytes read as Latin-1


@pytest.mark.parametrize(
    "raw, problem, fix",
    [
        (b"  \n\n", "<stdin>: no input.", "pipe invoice lines (one per line), or a CSV file with a text column."),
        (b"Toner\n\nPapier\n", "<stdin>, line 2: empty text.", "remove the empty line."),
    ],
)
def test_bad_standard_input_is_named(monkeypatch, raw, problem, fix):
    from compta_finetune.cli import read_input_table
    from compta_finetune.errors import DataError

    stdin_of(monkeypatch, raw)
    with pytest.raises(DataError) as error:
        read_input_table("-")
    assert (error.value.problem, error.value.fix) == (problem, fix)


def test_input_and_output_paths_are_checked_with_a_fix(tmp_path):
    from compta_finetune.cli import _check_input_file, _check_output_file
    from compta_finetune.errors import DataError, OutputError

    with pytest.raises(DataError) as error:
        _check_input_file(str(tmp_path))
    assert (error.value.problem, error.value.fix) == (f"{tmp_path} is a directory, not a CSV file.", "give the path of a CSV file with --input.")
    with pytest.raises(DataError) as error:
        _check_input_file(str(tmp_path / "absent.csv"))
    assert (error.value.problem, error.value.fix) == (f"{tmp_path / 'absent.csv'}: file not found.", "check the path given with --input.")
    with pytest.raises(OutputError) as error:
        _check_output_file("  ")
    assert (error.value.problem, error.value.fix) == ("the --output name is empty.", "give a file name with --output, e.g. predictions.csv.")
