"""A firm's own files, through the real command: French Excel CSV and FEC in, Excel-readable predictions out."""

from __future__ import annotations

import codecs
import csv
import io
import json

import pytest
import torch

from compta_finetune.cli import main
from compta_finetune.data import load_account_labels, read_invoice_csv
from compta_finetune.samples import FIRM_CHART, write_excel_csv, write_fec

CORPUS_ACCOUNTS = set(load_account_labels())
EXCEL_OPTIONS = ["--text-column", "Libellé", "--label-column", "COMPTE"]


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def run(capsys, argv) -> str:
    """Run a command that must succeed; return what it printed on standard error."""
    assert main(argv) == 0
    return capsys.readouterr().err


def fails(capsys, argv, *expected: str) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("error:") == 1 and "Fix:" in err, err
    for text in expected:
        assert text in err, err
    return err


def read_excel(path) -> list[list[str]]:
    """Read a file as French Excel does: Windows-1252, semicolons."""
    with open(path, encoding="cp1252", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


@pytest.fixture(scope="module")
def corpus_rows(small_corpus):
    return {split: read_invoice_csv(path) for split, path in small_corpus.items()}


@pytest.fixture(scope="module")
def excel_model(tiny_camembert, corpus_rows, tmp_path_factory):
    """`train` on a French Excel export (`;`, Windows-1252, CRLF, 8-digit accounts), without conversion."""
    directory = tmp_path_factory.mktemp("excel")
    train = write_excel_csv(corpus_rows["train"], directory / "ecritures.csv", seed=1)
    validation = write_excel_csv(corpus_rows["validation"], directory / "validation.csv", seed=2)
    output_dir = directory / "model"
    capture = io.StringIO()
    import sys

    stderr, sys.stderr = sys.stderr, capture
    try:
        code = main([
            "train", "--model", str(tiny_camembert), "--output-dir", str(output_dir), "--train-file", str(train),
            "--validation-file", str(validation), "--max-steps", "30", "--learning-rate", "3e-3", *EXCEL_OPTIONS,
        ])  # fmt: skip
    finally:
        sys.stderr = stderr
    assert code == 0
    return output_dir, train, capture.getvalue()


def test_a_french_excel_export_trains_with_its_own_accounts(excel_model):
    output_dir, train, stderr = excel_model
    raw = train.read_bytes()
    assert b"\r\n" in raw and b";" in raw and "Libellé".encode("cp1252") in raw  # really what Excel writes
    config = json.loads((output_dir / "config.json").read_text())
    accounts = set(config["id2label"].values())
    # The firm's 8-digit sub-accounts, normalised: some outside the corpus's 21, none left padded.
    assert {"6155", "6161", "6231", "6241"} <= accounts and not accounts <= CORPUS_ACCOUNTS
    assert all(len(code) <= 5 for code in accounts)
    settings = config["compta_finetune"]
    assert settings["accounts"]["codes_changed"] > 0 and "trailing zeros" in settings["accounts"]["rule"]
    assert settings["read_options"]["text_column"] == "Libellé"
    assert "semicolon-separated, Windows-1252, CRLF" in stderr and "codes changed" in stderr
    results = json.loads((output_dir / "results.json").read_text())
    calibration = results["calibration"]
    assert calibration["temperature"] > 0 and settings["calibration"]["temperature"] == calibration["temperature"]
    for report in (calibration["validation"]["raw"], calibration["validation"]["calibrated"]):
        assert 0 <= report["ece"] <= 1 and report["curve"][0]["coverage"] == 1.0
    # Scaling fitted on validation cannot make validation's likelihood worse, and rarely its ECE.
    assert calibration["validation"]["calibrated"]["ece"] <= calibration["validation"]["raw"]["ece"] + 0.05
    assert "ECE" in stderr


def test_predict_on_the_excel_file_writes_an_excel_file_with_every_column(excel_model, corpus_rows, tmp_path, capsys):
    output_dir, _, _ = excel_model
    lines = write_excel_csv(corpus_rows["test"], tmp_path / "a classer.csv", seed=3, with_account=False)
    before = lines.read_bytes()
    output = tmp_path / "predictions.csv"
    err = run(capsys, ["predict", "--model-dir", str(output_dir), "--input", str(lines), "--output", str(output), "--top-k", "2"])
    assert lines.read_bytes() == before  # the input is untouched
    raw = output.read_bytes()
    assert not raw.startswith(codecs.BOM_UTF8) and raw.count(b"\r\n") == len(corpus_rows["test"]) + 1
    table = read_excel(output)
    header, rows = table[0], table[1:]
    inputs = read_excel(lines)
    assert header == inputs[0] + ["predicted_label", "predicted_libelle", "score", "decision", "predicted_label_2", "score_2"]
    assert [row[: len(inputs[0])] for row in rows] == inputs[1:]  # every input column, in order, unchanged
    config = json.loads((output_dir / "config.json").read_text())
    accounts = set(config["id2label"].values())
    for row in rows:
        label, libelle, score, decision, label_2, score_2 = row[len(inputs[0]) :]
        assert decision in ("auto", "parent", "review")
        if decision == "parent":
            assert len(label) >= 3 and any(code.startswith(label) for code in accounts)
        else:
            assert label in accounts and float(score) >= float(score_2)
            assert (decision == "auto") == (float(score) >= 0.9)
        assert label_2 in accounts and libelle  # a libellé from the PCG reference
    assert "Predicted" in err and "semicolon-separated, Windows-1252, CRLF" in err


def test_fec_export_trains_on_debit_lines_of_classes_2_and_6(tiny_camembert, corpus_rows, tmp_path, capsys):
    fec = write_fec(corpus_rows["train"], tmp_path / "FEC.txt", seed=4)
    output_dir = tmp_path / "model"
    err = run(capsys, ["train", "--model", str(tiny_camembert), "--output-dir", str(output_dir), "--train-file", str(fec), "--max-steps", "4"])
    assert "FEC" in err and f"{len(corpus_rows['train'])} debit lines of classes 2, 6 kept" in err
    assert "lines left out: " in err and " of class 4" in err and "credit or zero amount" in err
    config = json.loads((output_dir / "config.json").read_text())
    assert set(config["id2label"].values()) == {row["label"] for row in corpus_rows["train"]}  # 60640000 -> 6064
    assert config["compta_finetune"]["supplier"] is True
    results = json.loads((output_dir / "results.json").read_text())
    assert results["data"]["supplier"] and "FEC: " in results["data"]["files"]["train"]
    # A pipe-separated FEC with other classes asked for.
    piped = write_fec(corpus_rows["train"][:60], tmp_path / "FEC-pipe.txt", seed=5, delimiter="|")
    err = run(capsys, [
        "train", "--model", str(tiny_camembert), "--output-dir", str(tmp_path / "m2"), "--train-file", str(piped),
        "--max-steps", "1", "--fec-classes", "6", "--no-supplier",
    ])  # fmt: skip
    assert "debit lines of classes 6 kept" in err
    assert json.loads((tmp_path / "m2" / "config.json").read_text())["compta_finetune"]["supplier"] is False


def test_evaluate_reports_levels_calibration_and_routing(excel_model, corpus_rows, tmp_path, capsys):
    output_dir, _, _ = excel_model
    test = write_excel_csv(corpus_rows["test"] + [{"text": "Abonnement logiciel comptable", "label": "6811"}], tmp_path / "test.csv", seed=6)
    report_path = tmp_path / "report.json"
    assert main(["evaluate", "--model-dir", str(output_dir), "--input", str(test), "--output", str(report_path), "--auto-threshold", "0.5"]) == 0
    captured = capsys.readouterr()
    assert "warning:" in captured.err and "1 line(s) have 1 account(s) the model" in captured.err and "count as errors" in captured.err
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["lines"] == len(corpus_rows["test"]) + 1 and report["unknown_accounts"] == {"6811": 1}
    assert report["accuracy"] <= report["accuracy_3_digits"] <= report["accuracy_2_digits"] <= 1
    assert sum(row["lines"] for row in report["routing"].values()) == report["lines"]
    assert report["auto"]["threshold"] == 0.5 and report["auto"]["lines"] == report["routing"]["auto"]["lines"]
    assert 0 <= report["calibration"]["ece"] <= 1 and report["calibration"]["reliability"]
    assert [point["threshold"] for point in report["curve"]][:2] == [0.0, 0.1]
    assert "routing at --auto-threshold 0.5" in captured.out and "ECE" in captured.out and "at 3 digits" in captured.out


# --- Files, one feature at a time ------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_model(tiny_camembert, small_corpus, tmp_path_factory):
    output_dir = tmp_path_factory.mktemp("corpus") / "model"
    assert main(["train", "--model", str(tiny_camembert), "--output-dir", str(output_dir), "--train-file", str(small_corpus["train"]), "--max-steps", "2"]) == 0
    return output_dir


def test_predict_refuses_to_write_over_its_input_or_an_existing_file(corpus_model, tmp_path, capsys):
    lines = tmp_path / "lines.csv"
    lines.write_text("text\nPapier A4\n", encoding="utf-8")
    before = lines.read_bytes()
    fails(capsys, ["predict", "--model-dir", str(corpus_model), "--input", str(lines), "--output", str(lines)], "is the input file")
    fails(capsys, ["predict", "--model-dir", str(corpus_model), "--input", str(lines), "--output", str(tmp_path / "." / "lines.csv"), "--overwrite"], "is the input file")
    link = tmp_path / "link.csv"
    link.symlink_to(lines)
    fails(capsys, ["predict", "--model-dir", str(corpus_model), "--input", str(lines), "--output", str(link), "--overwrite"], "is the input file")
    fails(capsys, ["evaluate", "--model-dir", str(corpus_model), "--input", str(lines), "--output", str(lines)], "is the input file")
    existing = tmp_path / "old.csv"
    existing.write_bytes(b"keep me")
    fails(capsys, ["predict", "--model-dir", str(corpus_model), "--input", str(lines), "--output", str(existing)], "already exists", "--overwrite")
    assert lines.read_bytes() == before and existing.read_bytes() == b"keep me"
    run(capsys, ["predict", "--model-dir", str(corpus_model), "--input", str(lines), "--output", str(existing), "--overwrite"])
    assert existing.read_bytes().startswith(b"text,predicted_label,")


def test_formula_cells_are_escaped_and_columns_never_reused(corpus_model, tmp_path, capsys):
    lines = tmp_path / "lines.csv"
    content = "\ufefftext;score;Note\r\n=1+1;12;@SUM(A1)\r\nPapier A4, 5 ramettes;-3,50;+A1\r\n"
    lines.write_bytes(content.encode("utf-8"))
    output = tmp_path / "out.csv"
    run(capsys, ["predict", "--model-dir", str(corpus_model), "--input", str(lines), "--output", str(output)])
    raw = output.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)  # UTF-8 with a BOM in, UTF-8 with a BOM out
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == ["text", "score", "Note", "predicted_label", "predicted_libelle", "score_new", "decision"]
    assert rows[1][:3] == ["'=1+1", "12", "'@SUM(A1)"] and rows[2][:3] == ["Papier A4, 5 ramettes", "-3,50", "'+A1"]


def test_a_row_with_more_fields_than_the_header_names_its_line(corpus_model, tmp_path, capsys):
    lines = tmp_path / "lines.csv"
    lines.write_text("text\nRamettes papier\nPapier A4, 5 ramettes\n", encoding="utf-8")
    fails(capsys, ["predict", "--model-dir", str(corpus_model), "--input", str(lines)], "line 3: 2 fields where the header has 1", "double quotes")


def test_windows_1252_is_detected_and_forced_encodings_are_checked(corpus_model, tmp_path, capsys):
    lines = tmp_path / "lines.csv"
    lines.write_bytes("Libellé|Montant\r\nFacture électricité|12,00\r\n".encode("cp1252"))
    run(capsys, ["predict", "--model-dir", str(corpus_model), "--input", str(lines), "--output", str(tmp_path / "p.csv"), "--text-column", "LIBELLÉ"])
    rows = list(csv.reader(open(tmp_path / "p.csv", encoding="cp1252", newline=""), delimiter="|"))
    assert rows[1][:2] == ["Facture électricité", "12,00"]
    fails(capsys, ["predict", "--model-dir", str(corpus_model), "--input", str(lines), "--encoding", "utf-8"], "line 1: bytes that are not utf-8")
    fails(capsys, ["predict", "--model-dir", str(corpus_model), "--input", str(lines), "--encoding", "klingon"], "unknown encoding")
    fails(capsys, ["predict", "--model-dir", str(corpus_model), "--input", str(lines)], "no text column 'text'", "--text-column")


def test_codes_that_are_not_accounts_are_refused_with_their_line(tiny_camembert, tmp_path, capsys):
    path = tmp_path / "train.csv"
    path.write_text("Libellé;Compte\r\nPapier;6064\r\nLoyer;F6132\r\n", encoding="utf-8")
    fails(
        capsys,
        ["train", "--model", str(tiny_camembert), "--output-dir", str(tmp_path / "m"), "--train-file", str(path), *EXCEL_OPTIONS],
        "line 3: 'F6132' is not a PCG account code",
    )
    assert not (tmp_path / "m").exists()


def test_a_single_account_and_accounts_absent_from_training_warn(tiny_camembert, tmp_path, capsys):
    train = tmp_path / "train.csv"
    train.write_text("text,label\nPapier,6064\nToner,60640000\nStylos,6064.0\n", encoding="utf-8")
    validation = tmp_path / "validation.csv"
    validation.write_text("text,label\nEnveloppes,6064\nLoyer,6132\nLoyer juin,61320000\n", encoding="utf-8")
    err = run(capsys, [
        "train", "--model", str(tiny_camembert), "--output-dir", str(tmp_path / "m"), "--train-file", str(train),
        "--validation-file", str(validation), "--max-steps", "1",
    ])  # fmt: skip
    assert "warning: the training data has a single account (6064)" in err
    assert "2 validation line(s) have 1 account(s) absent from training (6132)" in err
    assert "Account codes: trailing zeros stripped down to 3 digits (60640000 -> 6064); 3 codes changed." in err
    results = json.loads((tmp_path / "m" / "results.json").read_text())
    assert results["data"]["left_out"] == {"validation": {"6132": 2}}
    assert results["data"]["account_rule"]["codes_changed"] == 3  # 60640000, 6064.0 and 61320000


def test_account_digits_options(tiny_camembert, tmp_path, capsys):
    train = tmp_path / "train.csv"
    train.write_text("text,label\nPapier,6064100\nToner,60640000\nLoyer,6132\nBail,61320000\n", encoding="utf-8")
    run(capsys, ["train", "--model", str(tiny_camembert), "--output-dir", str(tmp_path / "four"), "--train-file", str(train), "--validation-file", str(train), "--max-steps", "1", "--account-digits", "4"])
    assert set(json.loads((tmp_path / "four" / "config.json").read_text())["id2label"].values()) == {"6064", "6132"}
    run(capsys, ["train", "--model", str(tiny_camembert), "--output-dir", str(tmp_path / "kept"), "--train-file", str(train), "--validation-file", str(train), "--max-steps", "1", "--account-digits", "0"])
    config = json.loads((tmp_path / "kept" / "config.json").read_text())
    assert set(config["id2label"].values()) == {"6064100", "60640000", "6132", "61320000"}
    assert config["compta_finetune"]["accounts"]["rule"] == "kept as written"
    fails(capsys, ["train", "--model", str(tiny_camembert), "--output-dir", str(tmp_path / "bad"), "--train-file", str(train), "--account-digits", "2"], "--account-digits")


def test_the_copy_ready_snippet_loads_an_fec_and_an_excel_file(corpus_rows, tmp_path, capsys):
    from compta_finetune.examples.load_your_books import load_books

    fec = write_fec(corpus_rows["train"][:80], tmp_path / "FEC.txt")
    dataset, id2label, label2id = load_books(fec)
    assert dataset["train"].num_rows == 80 and set(id2label.values()) == {row["label"] for row in corpus_rows["train"][:80]}
    excel = write_excel_csv(corpus_rows["train"][:80], tmp_path / "ecritures.csv")
    dataset, id2label, _ = load_books(excel, "Libellé", "Compte")
    assert dataset["train"].num_rows == 80 and set(FIRM_CHART.values()) and "6155" in id2label.values()
    assert "FEC: " in capsys.readouterr().out
