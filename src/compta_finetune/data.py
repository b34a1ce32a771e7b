"""Load invoice lines labelled with PCG accounts, from the shipped corpus or from your CSV files.

A CSV file has a ``text`` column (the invoice line) and a ``label`` column (the PCG account
code, e.g. ``6064``). Every file is checked before anything is trained on it, and each
problem is reported with the file, the line and the fix.
"""

from __future__ import annotations

import csv
import io
import warnings
from collections import Counter
from collections.abc import Collection, Mapping
from importlib import resources
from pathlib import Path

from datasets import ClassLabel, Dataset, DatasetDict, Features, Value

from compta_finetune.errors import DataError

SPLITS = ("train", "validation", "test")
"""Split names of the shipped corpus, in the order they are used."""


def _data_dir() -> Path:
    return Path(str(resources.files("compta_finetune") / "data"))


CORPUS_VARIANTS = ("balanced", "skewed")
"""Variants of the shipped corpus: every account with the same number of lines (the default), or
accounts as unequal as in a real ledger, the most frequent with 21 times the lines of the rarest."""


def shipped_data_files(variant: str = "balanced") -> dict[str, Path]:
    """Paths of the corpus shipped with the package, by split.

    Parameters
    ----------
    variant : {"balanced", "skewed"}, default "balanced"
        One of :data:`CORPUS_VARIANTS`. ``"skewed"`` gives each account as many lines as a
        Zipf law along a reasoned ranking of how often a small business books it (see the
        corpus page).

    Examples
    --------
    >>> sorted(shipped_data_files())
    ['test', 'train', 'validation']
    >>> shipped_data_files("skewed")["train"].parent.name
    'skewed'
    >>> load_invoice_dataset(shipped_data_files("skewed"))["train"].num_rows
    2678
    """
    if variant not in CORPUS_VARIANTS:
        raise ValueError(f"unknown corpus variant {variant!r}; choose one of {', '.join(CORPUS_VARIANTS)}.")
    directory = _data_dir() if variant == "balanced" else _data_dir() / variant
    return {split: directory / f"{split}.csv" for split in SPLITS}


def load_account_labels() -> dict[str, str]:
    """The PCG accounts of the label set: account code -> libellé, in label-id order.

    Examples
    --------
    >>> accounts = load_account_labels()
    >>> len(accounts), accounts["6064"]
    (21, 'Fournitures administratives')
    """
    with open(_data_dir() / "labels.csv", encoding="utf-8", newline="") as handle:
        return {row["code"]: row["libelle"] for row in csv.DictReader(handle)}


def read_invoice_csv(
    path: str | Path,
    known_labels: Collection[str] | None = None,
    *,
    require_label: bool = True,
) -> list[dict[str, str]]:
    """Read and check one CSV file of invoice lines.

    Parameters
    ----------
    path : str or Path
        A UTF-8 CSV file with a ``text`` column and, if ``require_label``, a ``label`` column.
    known_labels : collection of str, optional
        The accepted account codes; a label outside it is an error. ``None`` accepts any.
    require_label : bool, default True
        Whether the ``label`` column is required (it is not for prediction).

    Returns
    -------
    list of dict
        One ``{"text": ..., "label": ...}`` per line (``label`` only if the file has one).

    Raises
    ------
    DataError
        Missing file, non-UTF-8 bytes, missing column, no rows, empty text or unknown label;
        the message names the file and the line.

    Warns
    -----
    UserWarning
        When some lines are exact duplicates, with their count.
    """
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path}: file not found.", "Check the path, or omit it to use the shipped corpus.")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(f"{path}: cannot be read ({error.strerror}).", "Check the file's permissions.") from None
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(
            f"{path}, line {line}: bytes that are not UTF-8 ({raw[error.start:error.start + 1]!r}).",
            "Re-save the file as UTF-8 (e.g. `iconv -f cp1252 -t utf-8`).",
        ) from None
    reader = csv.DictReader(io.StringIO(content, newline=""))
    columns = reader.fieldnames or []
    required = ["text", "label"] if require_label else ["text"]
    if not columns:
        raise DataError(f"{path}: the file is empty.", f"Write a header line ({','.join(required)}) and data lines.")
    for column in required:
        if column not in columns:
            raise DataError(
                f"{path}: no column '{column}' (columns found: {', '.join(columns)}).",
                f"Name the columns {' and '.join(repr(c) for c in required)} in the header line.",
            )
    has_label = "label" in columns
    rows = []
    for row in _checked_rows(reader, path):
        text = (row.get("text") or "").strip()
        if not text:
            raise DataError(f"{path}, line {reader.line_num}: empty text.", "Remove the line or fill in its text.")
        record = {"text": text}
        if has_label:
            label = (row.get("label") or "").strip()
            if known_labels is not None and label not in known_labels:
                raise DataError(
                    f"{path}, line {reader.line_num}: unknown label {label!r}.",
                    f"Use one of the {len(known_labels)} account codes: {', '.join(sorted(known_labels))}.",
                )
            record["label"] = label
        rows.append(record)
    if not rows:
        raise DataError(f"{path}: the file has a header but no data line.", "Add invoice lines under the header.")
    duplicates = sum(count - 1 for count in Counter(tuple(r.values()) for r in rows).values())
    if duplicates:
        warnings.warn(f"{path}: {duplicates} duplicate line(s); they are kept.", UserWarning, stacklevel=2)
    return rows


def _checked_rows(reader: csv.DictReader, path: Path):
    """The reader's rows, with a malformed line (bad quoting, oversized field) as a :class:`DataError`."""
    try:
        yield from reader
    except csv.Error as error:
        raise DataError(f"{path}, line {reader.line_num}: {error}.", "Fix the quoting of that line, or shorten it.") from None


def load_invoice_dataset(
    data_files: Mapping[str, str | Path] | None = None,
    labels: Collection[str] | None = None,
) -> DatasetDict:
    """Load labelled invoice lines as a :class:`datasets.DatasetDict`.

    Parameters
    ----------
    data_files : mapping of split name to CSV path, optional
        For example ``{"train": "train.csv", "validation": "val.csv"}``. By default, the
        corpus shipped with the package (train, validation and test).
    labels : collection of str, optional
        The account codes of the label set, in id order. By default, the 21 accounts of
        :func:`load_account_labels`.

    Returns
    -------
    datasets.DatasetDict
        Columns ``text`` (string) and ``label`` (:class:`datasets.ClassLabel` whose names are the
        account codes). Use :func:`label_maps` for the id <-> code maps.

    Examples
    --------
    >>> corpus = load_invoice_dataset()
    >>> corpus["train"].features["label"].names[:3]
    ['2183', '2184', '601']
    """
    files = dict(data_files) if data_files else shipped_data_files()
    codes = list(labels) if labels is not None else list(load_account_labels())
    features = Features({"text": Value("string"), "label": ClassLabel(names=codes)})
    label_ids = {code: index for index, code in enumerate(codes)}
    splits = {}
    for split, path in files.items():
        rows = read_invoice_csv(path, known_labels=label_ids)
        splits[split] = Dataset.from_dict(
            {"text": [r["text"] for r in rows], "label": [label_ids[r["label"]] for r in rows]},
            features=features,
        )
    return DatasetDict(splits)


def label_maps(dataset: Dataset | DatasetDict) -> tuple[dict[int, str], dict[str, int]]:
    """The ``id2label`` and ``label2id`` maps of a dataset's ``label`` column, for the model config.

    Examples
    --------
    >>> id2label, label2id = label_maps(load_invoice_dataset())
    >>> id2label[0], label2id["2183"]
    ('2183', 0)
    """
    if isinstance(dataset, DatasetDict):
        dataset = next(iter(dataset.values()))
    names = dataset.features["label"].names
    return dict(enumerate(names)), {name: index for index, name in enumerate(names)}
