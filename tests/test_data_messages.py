"""Each problem of an invoice file, with its exact message and fix (a changed word is a changed message)."""

import pytest

from compta_finetune.data import label_maps, load_account_labels, load_invoice_dataset, read_invoice_csv, shipped_data_files
from compta_finetune.errors import DataError


def problem(path, content: bytes, **options):
    path.write_bytes(content)
    with pytest.raises(DataError) as error:
        read_invoice_csv(path, **options)
    return error.value.problem, error.value.fix


def test_missing_file(tmp_path):
    with pytest.raises(DataError) as error:
        read_invoice_csv(tmp_path / "absent.csv")
    assert (error.value.problem, error.value.fix) == (
        f"{tmp_path / 'absent.csv'}: file not found.",
        "check the path.",
    )


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "locked.csv"
    path.write_text("text,label\n", encoding="utf-8")

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(type(path), "read_bytes", refuse)
    with pytest.raises(DataError) as error:
        read_invoice_csv(path)
    assert (error.value.problem, error.value.fix) == (
        f"{path}: cannot be read (Permission denied).",
        "check the file's permissions.",
    )


def test_bytes_that_are_not_utf8_are_read_as_windows_1252(tmp_path):
    path = tmp_path / "cp1252.csv"
    path.write_bytes(b"text,label\nLoyer,6132\nCaf\xe9,6257\n")  # what a French Excel saves
    assert read_invoice_csv(path) == [{"text": "Loyer", "label": "6132"}, {"text": "Café", "label": "6257"}]


def test_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    expected = (f"{path}: the file is empty (or its first line is).", "write a header line, then data lines.")
    assert problem(path, b"") == expected
    assert problem(path, b"", require_label=False) == expected


def test_missing_columns(tmp_path):
    path = tmp_path / "cols.csv"
    assert problem(path, b"libelle,compte\nLoyer,6132\n") == (
        f"{path}: no text column 'text' (columns found: libelle, compte).",
        "pass --text-column 'libelle'.",
    )
    assert problem(path, b"text,compte\nLoyer,6132\n") == (
        f"{path}: no account column 'label' (columns found: text, compte).",
        "pass --label-column 'compte'.",
    )
    assert problem(path, b"libelle\nLoyer\n", require_label=False) == (
        f"{path}: no text column 'text' (columns found: libelle).",
        "pass --text-column 'libelle'.",
    )


def test_empty_text_header_only_and_bad_quoting(tmp_path):
    path = tmp_path / "bad.csv"
    assert problem(path, b"text,label\nLoyer,6132\n  ,6132\n") == (
        f"{path}, line 3: empty text.",
        "remove the line or fill in its text.",
    )
    assert problem(path, b"text,label\n") == (
        f"{path}: the file has a header but no data line.",
        "add invoice lines under the header.",
    )
    message, fix = problem(path, b'text,label\nLoyer,6132\n"' + b"a" * 200_000 + b'",6064\n')
    assert message.startswith(f"{path}, line ") and message.endswith(": field larger than field limit (131072).")
    assert fix == "fix the quoting of that line, or shorten it."


def test_unknown_label_lists_the_accounts(tmp_path):
    path = tmp_path / "labels.csv"
    assert problem(path, b"text,label\nLoyer,6132\nToner,6251\n", known_labels={"6132", "6064"}) == (
        f"{path}, line 3: unknown label '6251'.",
        "use one of the 2 account codes: 6064, 6132.",
    )
    assert problem(path, b"text,label\nLoyer,6132\nToner,6O64\n", known_labels={"6132", "6064"}) == (
        f"{path}, line 3: '6O64' is not a PCG account code (digits only, the first from 1 to 8).",
        "write the account number of the line (e.g. 6064 or 60640000), or remove the line.",
    )


def test_rows_are_stripped_and_labels_optional(tmp_path):
    path = tmp_path / "ok.csv"
    path.write_bytes("\ufefftext,label\n  Loyer bureaux ,  6132 \n".encode())
    assert read_invoice_csv(path, {"6132"}) == [{"text": "Loyer bureaux", "label": "6132"}]
    path.write_bytes(b"text,label\nLoyer,6999\n")
    assert read_invoice_csv(path) == [{"text": "Loyer", "label": "6999"}]  # any PCG-like code without a label set
    path.write_bytes(b"text\nLoyer\n")
    assert read_invoice_csv(path, require_label=False) == [{"text": "Loyer"}]


def test_user_splits_keep_the_label_order_given(tmp_path):
    path = tmp_path / "train.csv"
    path.write_bytes(b"text,label\nLoyer,6132\nToner,6064\n")
    dataset = load_invoice_dataset({"train": path}, labels=["6132", "6064"])
    assert list(dataset) == ["train"]
    assert dataset["train"]["label"] == [0, 1]
    assert label_maps(dataset["train"]) == ({0: "6132", 1: "6064"}, {"6132": 0, "6064": 1})


def test_the_shipped_corpus_by_default():
    accounts = load_account_labels()
    dataset = load_invoice_dataset()
    assert list(dataset) == ["train", "validation", "test"]
    assert dataset["train"].features["label"].names == list(accounts)
    assert sorted(shipped_data_files()) == ["test", "train", "validation"]
    assert all(path.name == f"{split}.csv" for split, path in shipped_data_files().items())
