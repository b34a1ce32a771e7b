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
        ("libelle,label\nToner,6064\n", "no column 'text'"),
        ("text,compte\nToner,6064\n", "no column 'label'"),
        ("text,label\nToner,6064\n  ,626\n", "line 3: empty text"),
        ("text,label\nToner,6064\nLoyer,9999\n", "line 3: unknown label '9999'"),
        ("text,label\nToner,6064\nCaf\xe9,626\n".encode("latin-1"), "line 3: bytes that are not UTF-8"),
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
