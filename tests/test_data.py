"""The loader accepts good CSV files and names the file, the line and the fix for bad ones."""

import pytest
from datasets import ClassLabel

from compta_finetune.data import label_maps, load_account_labels, load_invoice_dataset, read_invoice_csv
from compta_finetune.errors import DataError


def write(path, content: str | bytes):
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def test_shipped_corpus_loads_with_account_codes_as_class_labels():
    corpus = load_invoice_dataset()
    assert set(corpus) == {"train", "validation", "test"}
    feature = corpus["train"].features["label"]
    assert isinstance(feature, ClassLabel)
    assert feature.names == list(load_account_labels())
    assert all(corpus[split].num_rows > 0 for split in corpus)


def test_label_maps_are_inverse_of_each_other():
    id2label, label2id = label_maps(load_invoice_dataset())
    assert len(id2label) == 21
    assert all(label2id[code] == index for index, code in id2label.items())


def test_user_files_load_with_the_same_label_set(tmp_path):
    train = write(tmp_path / "train.csv", "text,label\nAbonnement fibre Orange,626\nRamettes papier A4,6064\n")
    corpus = load_invoice_dataset({"train": train})
    assert corpus["train"]["text"] == ["Abonnement fibre Orange", "Ramettes papier A4"]
    assert [corpus["train"].features["label"].int2str(i) for i in corpus["train"]["label"]] == ["626", "6064"]


def test_byte_order_mark_and_quoted_commas_are_accepted(tmp_path):
    path = write(tmp_path / "bom.csv", "\ufefftext,label\n\"Toner HP, x2\",6064\n")
    assert read_invoice_csv(path, {"6064"}) == [{"text": "Toner HP, x2", "label": "6064"}]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "the file is empty"),
        ("text,label\n", "header but no data line"),
        ("libelle,label\nToner,6064\n", "no text column 'text'"),
        ("text,compte\nToner,6064\n", "no account column 'label'"),
        ("text,label\nToner,6064\n  ,626\n", "line 3: empty text"),
        ("text,label\nToner,6064\nLoyer,9999\n", "line 3: '9999' is not a PCG account code"),
        ("text,label\nToner,6064\nLoyer,6000\n", "line 3: unknown label '600'"),
        ("text,label\nToner,6064\nPapier A4, 5 ramettes,6064\n", "line 3: 3 fields where the header has 2"),
    ],
)
def test_bad_files_name_the_file_the_line_and_the_fix(tmp_path, content, expected):
    path = write(tmp_path / "bad.csv", content)
    with pytest.raises(DataError) as raised:
        read_invoice_csv(path, set(load_account_labels()))
    message = str(raised.value)
    assert str(path) in message and expected in message
    assert raised.value.fix and "Fix:" in message


def test_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="file not found"):
        read_invoice_csv(tmp_path / "absent.csv")


def test_duplicates_warn_with_their_count_and_are_kept(tmp_path):
    path = write(tmp_path / "dup.csv", "text,label\nToner,6064\nToner,6064\nToner,6064\nLoyer,6132\n")
    with pytest.warns(UserWarning, match="2 duplicate line"):
        rows = read_invoice_csv(path, {"6064", "6132"})
    assert len(rows) == 4


def test_prediction_files_need_no_label(tmp_path):
    path = write(tmp_path / "lines.csv", "text\nToner HP 305A\n")
    assert read_invoice_csv(path, require_label=False) == [{"text": "Toner HP 305A"}]


# --- The files firms have ----------------------------------------------------------------------

import codecs  # noqa: E402
import warnings  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

from compta_finetune.accounts import libelle, load_pcg, normalize_account  # noqa: E402
from compta_finetune.data import ReadOptions, load_training_data, read_labelled_file  # noqa: E402
from compta_finetune.readers import excel_safe, fec_lines, read_table  # noqa: E402
from compta_finetune.samples import write_fec  # noqa: E402


@pytest.mark.parametrize(
    ("content", "delimiter", "encoding", "bom"),
    [
        ("Libellé;Compte\r\nPapier A4, 5 ramettes;60640000\r\n".encode("cp1252"), ";", "cp1252", False),
        ("Libellé\tCompte\nPapier A4, 5 ramettes\t6064\n".encode("utf-8"), "\t", "utf-8", False),
        (codecs.BOM_UTF8 + "Libellé|Compte\nPapier A4, 5 ramettes|6064\n".encode("utf-8"), "|", "utf-8", True),
        ('Libellé,Compte\n"Papier A4, 5 ramettes",6064\n'.encode("utf-8"), ",", "utf-8", False),
        ("Libellé;Compte\nPapier A4, 5 ramettes\x81;6064\n".encode("latin-1"), ";", "latin-1", False),
    ],
)
def test_separator_and_encoding_are_detected(tmp_path, content, delimiter, encoding, bom):
    path = write(tmp_path / "export.csv", content)
    table = read_table(path)
    assert (table.delimiter, table.encoding, table.bom) == (delimiter, encoding, bom)
    labelled = read_labelled_file(path, ReadOptions(text_column="LIBELLÉ", label_column="compte"))
    assert labelled.rows[0]["text"].startswith("Papier A4, 5 ramettes") and labelled.rows[0]["label"] == "6064"


def test_sub_accounts_are_normalised_by_one_rule():
    assert [normalize_account(c) for c in ["60640000", "62260000", "606400", "6064000", "6064.0", "6 064", "600000"]] == [
        "6064", "6226", "6064", "6064", "6064", "6064", "600",
    ]  # fmt: skip
    assert normalize_account("6064100", 4) == "6064" and normalize_account("60640000", 0) == "60640000"
    for bad in ("F6064", "9064", "0601", "", "60A4"):
        with pytest.raises(ValueError, match="not a PCG account code"):
            normalize_account(bad)


def test_pcg_reference_gives_libelles_and_parents():
    pcg = load_pcg()
    assert len(pcg) > 400 and {code[0] for code in pcg} == set("1234567")
    assert all(len(code) == 1 or account.parent == code[: len(account.parent)] for code, account in pcg.items())
    assert all(code[:2] in pcg and code[:3] in pcg for code in pcg if len(code) >= 3 and code[0] in "26")
    # The 21 accounts of the corpus have their official libellé; a sub-account gets its parent's.
    assert all(pcg[code].libelle == name for code, name in load_account_labels().items())
    assert libelle("61551") == pcg["6155"].libelle and libelle("615") == "Entretien et réparations"


def test_fec_training_lines_are_debit_lines_of_classes_2_and_6(tmp_path):
    lines = [{"text": "Ramettes papier A4", "label": "6064"}, {"text": "Ordinateur portable", "label": "2183"},
             {"text": "Forfait mobile", "label": "626"}]  # fmt: skip
    path = write_fec(lines, tmp_path / "FEC.txt")
    table = read_table(path)
    assert table.delimiter == "\t" and len(table.header) == 18
    selection = fec_lines(table)
    assert [(row["text"], row["label"]) for row in selection.rows] == [
        ("Ramettes papier A4", "60640000"), ("Ordinateur portable", "21830000"), ("Forfait mobile", "62600000"),
    ]  # fmt: skip
    assert all(row["supplier"] for row in selection.rows)  # from the entry's 401 line
    assert sum(selection.left_out.values()) == selection.total - 3 and selection.left_out["of class 4"] > 0
    rows = read_labelled_file(path).rows
    assert rows[0]["label"] == "6064" and rows[0]["text"].endswith(" | Ramettes papier A4")
    assert read_labelled_file(path, ReadOptions(use_supplier=False)).rows[0]["text"] == "Ramettes papier A4"


def test_label_set_is_the_accounts_of_the_training_data(tmp_path):
    train = write(tmp_path / "train.csv", "text,label\nPapier,60640000\nRéparation photocopieur,61551\nLoyer,6132\n")
    test = write(tmp_path / "test.csv", "text,label\nPapier,6064\nPrime,616\n")
    with pytest.warns(UserWarning, match="1 test line.s. have 1 account.s. absent from training .616."):
        data = load_training_data({"train": train, "test": test})
    assert data.dataset["train"].features["label"].names == ["6064", "6132", "61551"]
    assert data.dataset["test"].num_rows == 1 and data.left_out == {"test": {"616": 1}}
    assert data.codes_changed == 1


def test_formula_cells_are_escaped_for_spreadsheets():
    assert [excel_safe(c) for c in ["=HYPERLINK(\"x\")", "+A1", "-A1", "@A1", "\t=1", "\r=1", "-12,50", "+3.5", "Toner"]] == [
        "'=HYPERLINK(\"x\")", "'+A1", "'-A1", "'@A1", "'\t=1", "'\r=1", "-12,50", "+3.5", "Toner",
    ]  # fmt: skip


def test_recipes_are_values_and_listing_them_imports_no_torch():
    code = "import sys; from compta_finetune.cli import RECIPE_NAMES; print(RECIPE_NAMES, 'torch' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "('camembert', 'phi2') False"
    from compta_finetune.recipes import RECIPES, camembert, phi2

    assert (RECIPES["camembert"].model_name, RECIPES["phi2"].model_name) == (camembert.MODEL_NAME, phi2.MODEL_NAME)
    assert RECIPES["phi2"].load_options == ("lora",) and RECIPES["camembert"].load_options == ()


def test_training_data_warns_about_duplicates_of_the_train_file_only(tmp_path):
    train = write(tmp_path / "train.csv", "text,label\nToner,6064\nToner,6064\nToner,6064\nLoyer,6132\n")
    validation = write(tmp_path / "validation.csv", "text,label\nLoyer,6132\nLoyer,6132\n")  # not counted
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        data = load_training_data({"train": train, "validation": validation})
    assert [(w.category, str(w.message)) for w in caught] == [
        (UserWarning, f"{train}: 2 duplicate line(s); they are kept.")
    ]
    assert data.dataset["train"].num_rows == 4


def test_without_labels_the_label_set_is_the_train_files_whatever_the_order(tmp_path):
    validation = write(tmp_path / "validation.csv", "text,label\nLoyer,6132\nEau,6061\n")
    train = write(tmp_path / "train.csv", "text,label\nToner,6064\nLoyer,6132\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # 6061 is absent from training: warned, left out
        data = load_training_data({"validation": validation, "train": train})
    assert data.dataset["train"].features["label"].names == ["6064", "6132"]


ABSENT = ["6011", "6012", "6013", "6014", "6015", "6016", "6017", "6018", "6019", "6021", "6022"]


@pytest.mark.parametrize("absent, listed", [(10, ", ".join(ABSENT[:10]) + ")"), (11, ", ".join(ABSENT[:10]) + ", ...)")])
def test_accounts_absent_from_training_are_named_ten_at_most(tmp_path, absent, listed):
    train = write(tmp_path / "train.csv", "text,label\nToner,6064\nLoyer,6132\n")
    validation = write(tmp_path / "validation.csv", "text,label\n" + "".join(f"Ligne {code},{code}\n" for code in ABSENT[:absent]))
    with pytest.warns(UserWarning) as caught:
        data = load_training_data({"train": train, "validation": validation})
    assert str(caught[0].message) == (
        f"{validation}: {absent} validation line(s) have {absent} account(s) absent from training ({listed}; they are left out."
    )
    assert data.left_out == {"validation": dict.fromkeys(ABSENT[:absent], 1)}


def test_reading_options_reach_the_reader(tmp_path):
    path = write(tmp_path / "export.csv", "libelle,compte\nToner HP,6064\nLoyer,6132\n")
    options = ReadOptions(text_column="libelle", label_column="compte")
    assert read_invoice_csv(path, {"6064", "6132"}, options=options) == [
        {"text": "Toner HP", "label": "6064"}, {"text": "Loyer", "label": "6132"}
    ]
    corpus = load_invoice_dataset({"train": path}, options=options)
    assert corpus["train"]["text"] == ["Toner HP", "Loyer"]


def test_build_tiny_pretrains_only_when_asked(monkeypatch, tmp_path):
    import importlib

    from compta_finetune.recipes import RECIPES

    recipe = RECIPES["camembert"]
    module, _, name = recipe.tiny_builder.partition(":")
    calls = []
    monkeypatch.setattr(importlib.import_module(module), name, lambda directory, **options: calls.append((directory, options)))
    module, _, name = recipe.tiny_pretraining_epochs.partition(":")
    epochs = getattr(importlib.import_module(module), name)
    recipe.build_tiny(tmp_path / "random")
    recipe.build_tiny(tmp_path / "pretrained", pretrain=True)
    assert calls == [(tmp_path / "random", {}), (tmp_path / "pretrained", {"pretraining_epochs": epochs})]

