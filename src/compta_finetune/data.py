"""Load invoice lines labelled with accounts, from the shipped corpus or from a firm's own files.

A file is a CSV with a text column and an account column (``text`` and ``label`` by default;
other names with ``text_column``/``label_column``, matched case-insensitively), in any
separator and encoding (see :mod:`compta_finetune.readers`), or an FEC export. Account codes
are normalised by :func:`compta_finetune.accounts.normalize_account`, and the label set is the
accounts present in the training data. Every file is checked before anything is trained on
it, and each problem is reported with the file, the line and the fix.
"""

from __future__ import annotations

import csv
import warnings
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path

from datasets import ClassLabel, Dataset, DatasetDict, Features, Value

from compta_finetune.accounts import describe_rule, normalize_account
from compta_finetune.errors import DataError
from compta_finetune.readers import DEFAULT_FEC_CLASSES, Table, fec_lines, find_column, is_fec, read_table

SPLITS = ("train", "validation", "test")
"""Split names of the shipped corpus, in the order they are used."""

SUPPLIER_SEPARATOR = " | "
"""Put between the supplier and the line's text when the supplier is used as a feature."""

TEXT_HINTS = ("libellé", "libelle", "designation", "désignation", "description", "ecriturelib")
LABEL_HINTS = ("compte", "account", "comptenum", "code")


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
    """The 21 accounts of the shipped corpus: account code -> libellé, in label-id order.

    Examples
    --------
    >>> accounts = load_account_labels()
    >>> len(accounts), accounts["6064"]
    (21, 'Fournitures administratives')
    """
    with open(_data_dir() / "labels.csv", encoding="utf-8", newline="") as handle:
        return {row["code"]: row["libelle"] for row in csv.DictReader(handle)}


@dataclass(frozen=True)
class ReadOptions:
    """How to read a firm's files; the same options are saved with the model and reused by ``predict``.

    Attributes
    ----------
    text_column, label_column : str
        Column names (case-insensitive). An FEC uses ``EcritureLib`` and ``CompteNum``.
    supplier_column : str, optional
        A column with the supplier's name, put before the text (an FEC's ``CompAuxLib`` is used
        unless ``use_supplier`` is false).
    use_supplier : bool
        Whether the supplier, where the file has one, is part of the text.
    encoding : str, optional
        Force an encoding; by default UTF-8, else Windows-1252, else Latin-1, detected.
    account_digits : int, optional
        The sub-account rule of :func:`~compta_finetune.accounts.normalize_account`.
    fec_classes : tuple of str
        Account classes whose debit lines are training lines in an FEC.
    """

    text_column: str = "text"
    label_column: str = "label"
    supplier_column: str | None = None
    use_supplier: bool = True
    encoding: str | None = None
    account_digits: int | None = None
    fec_classes: tuple[str, ...] = DEFAULT_FEC_CLASSES

    def to_dict(self) -> dict:
        """A JSON-ready copy, saved in the model's config."""
        return {**asdict(self), "fec_classes": list(self.fec_classes)}

    @classmethod
    def from_dict(cls, values: Mapping) -> ReadOptions:
        """The options saved by :meth:`to_dict` (unknown keys ignored)."""
        known = {name: value for name, value in values.items() if name in cls.__dataclass_fields__}
        if "fec_classes" in known:
            known["fec_classes"] = tuple(known["fec_classes"])
        return cls(**known)


@dataclass
class LabelledFile:
    """One file as read: its lines, how it was written and what was done to its account codes."""

    path: str
    rows: list[dict[str, str]]
    table: Table
    fec_summary: str | None = None
    codes_changed: int = 0
    supplier: bool = False
    line_numbers: list[int] = field(default_factory=list)

    def describe(self) -> str:
        """One line for the user: format, lines, supplier and normalised codes."""
        kind = "FEC, " if self.fec_summary else ""
        parts = [f"{self.path}: {kind}{self.table.format}, {len(self.rows)} lines"]
        if self.supplier:
            parts.append("supplier put before the text")
        if self.codes_changed:
            parts.append(f"{self.codes_changed} account codes normalised")
        return "; ".join(parts) + "." + (f" {self.fec_summary}" if self.fec_summary else "")


def with_supplier(text: str, supplier: str | None) -> str:
    """The text a model sees: the supplier, :data:`SUPPLIER_SEPARATOR`, then the line.

    Examples
    --------
    >>> with_supplier("Toner 305A", "Bureau Vallée"), with_supplier("Toner 305A", "")
    ('Bureau Vallée | Toner 305A', 'Toner 305A')
    """
    return f"{supplier}{SUPPLIER_SEPARATOR}{text}" if supplier else text


def missing_column_error(path: str, table: Table, role: str, name: str, option: str, hints: Sequence[str]) -> DataError:
    """The error for a column that is not in the header, suggesting a likely one (``Libellé``, ``Compte``...)."""
    found = ", ".join(table.header) or "none"
    guess = next((column for column in table.header if column.strip().casefold() in hints), None)
    fix = f"pass {option} {guess!r}" if guess else f"name the column {name!r}, or pass its name with {option}"
    return DataError(f"{path}: no {role} column {name!r} (columns found: {found}).", fix + ".")


def read_labelled_file(
    path: str | Path,
    options: ReadOptions = ReadOptions(),
    *,
    require_label: bool = True,
    display_name: str | None = None,
    table: Table | None = None,
) -> LabelledFile:
    """Read one CSV or FEC file of invoice lines, check it, and normalise its account codes.

    Parameters
    ----------
    path : str or Path
        The file.
    options : ReadOptions
        Columns, encoding, sub-account rule, FEC classes.
    require_label : bool, default True
        Whether an account column is required (it is not for prediction).
    display_name : str, optional
        The name used in messages (``<stdin>``).
    table : Table, optional
        The file already read by :func:`~compta_finetune.readers.read_table`.

    Returns
    -------
    LabelledFile
        ``rows`` holds one ``{"text", "label"?, "supplier"?}`` per line; ``text`` already
        carries the supplier when one is used.

    Raises
    ------
    DataError
        Missing file, undecodable bytes under ``--encoding``, missing column, no rows, a row
        with more fields than the header, empty text, or a code that is not a PCG account;
        the message names the file and the line.
    """
    name = display_name or str(path)
    table = table or read_table(path, encoding=options.encoding, display_name=name)
    fec_summary = None
    if is_fec(table.header) and find_column(table.header, options.text_column) is None:
        selection = fec_lines(table, options.fec_classes)
        fec_summary = selection.summary(options.fec_classes)
        raw_rows = selection.rows
        has_label = True
        if not raw_rows:
            raise DataError(
                f"{name}: FEC with no debit line of classes {', '.join(options.fec_classes)} ({fec_summary})",
                "pass the classes of the accounts to learn with --fec-classes (e.g. 2,6).",
            )
        if not options.use_supplier:
            for row in raw_rows:
                row["supplier"] = ""
    else:
        text_index = find_column(table.header, options.text_column)
        label_index = find_column(table.header, options.label_column)
        supplier_index = find_column(table.header, options.supplier_column)
        if not table.header:
            raise DataError(f"{name}: the file is empty.", "write a header line (text,label) and data lines.")
        if text_index is None:
            raise missing_column_error(name, table, "text", options.text_column, "--text-column", TEXT_HINTS)
        if label_index is None and require_label:
            raise missing_column_error(name, table, "account", options.label_column, "--label-column", LABEL_HINTS)
        if options.supplier_column and supplier_index is None:
            raise missing_column_error(name, table, "supplier", options.supplier_column, "--supplier-column", ())
        has_label = label_index is not None
        raw_rows = []
        for record, line in zip(table.rows, table.line_numbers):
            row = {"text": record[text_index].strip(), "line": str(line)}
            if has_label:
                row["label"] = record[label_index].strip()
            if supplier_index is not None and options.use_supplier:
                row["supplier"] = record[supplier_index].strip()
            raw_rows.append(row)
    rows, changed, line_numbers = [], 0, []
    for raw in raw_rows:
        line = raw["line"]
        if not raw["text"]:
            raise DataError(f"{name}, line {line}: empty text.", "remove the line or fill in its text.")
        record = {"text": with_supplier(raw["text"], raw.get("supplier"))}
        if has_label:
            try:
                label = normalize_account(raw["label"], options.account_digits)
            except ValueError as error:
                raise DataError(
                    f"{name}, line {line}: {error}.",
                    "write the account number of the line (e.g. 6064 or 60640000), or remove the line.",
                ) from None
            changed += label != raw["label"]
            record["label"] = label
        if raw.get("supplier"):
            record["supplier"] = raw["supplier"]
        rows.append(record)
        line_numbers.append(int(line))
    if not rows:
        raise DataError(f"{name}: the file has a header but no data line.", "add invoice lines under the header.")
    supplier = any("supplier" in row for row in rows)
    return LabelledFile(name, rows, table, fec_summary, changed, supplier, line_numbers)


def read_invoice_csv(
    path: str | Path,
    known_labels: Collection[str] | None = None,
    *,
    require_label: bool = True,
    options: ReadOptions = ReadOptions(),
) -> list[dict[str, str]]:
    """Read and check one file of invoice lines: the rows of :func:`read_labelled_file`.

    Parameters
    ----------
    path : str or Path
        A CSV file (any separator, UTF-8 or Windows-1252) or an FEC.
    known_labels : collection of str, optional
        The accepted account codes (after normalisation); a label outside it is an error.
        ``None`` accepts any PCG account code.
    require_label : bool, default True
        Whether the account column is required (it is not for prediction).
    options : ReadOptions
        Columns, encoding and sub-account rule.

    Returns
    -------
    list of dict
        One ``{"text": ..., "label": ...}`` per line (``label`` only if the file has one;
        ``supplier`` when the file has one).

    Warns
    -----
    UserWarning
        When some lines are exact duplicates, with their count.
    """
    labelled = read_labelled_file(path, options, require_label=require_label)
    if known_labels is not None:
        for row, line in zip(labelled.rows, labelled.line_numbers):
            if "label" in row and row["label"] not in known_labels:
                raise DataError(
                    f"{labelled.path}, line {line}: unknown label {row['label']!r}.",
                    f"use one of the {len(known_labels)} account codes: {', '.join(sorted(known_labels))}.",
                )
    duplicates = sum(count - 1 for count in Counter(tuple(r.values()) for r in labelled.rows).values())
    if duplicates:
        warnings.warn(f"{labelled.path}: {duplicates} duplicate line(s); they are kept.", UserWarning, stacklevel=2)
    return labelled.rows


@dataclass
class TrainingData:
    """A :class:`~datasets.DatasetDict` and the report of how its files were read."""

    dataset: DatasetDict
    files: dict[str, LabelledFile]
    options: ReadOptions
    left_out: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def codes_changed(self) -> int:
        """Account codes changed by the sub-account rule, over all files."""
        return sum(labelled.codes_changed for labelled in self.files.values())

    @property
    def supplier(self) -> bool:
        """Whether the supplier is part of the training text."""
        return any(labelled.supplier for labelled in self.files.values() if labelled is not None)

    def account_rule(self) -> dict:
        """The sub-account rule, in words and as a value, with the number of codes it changed."""
        digits = self.options.account_digits
        return {"account_digits": digits, "rule": describe_rule(digits), "codes_changed": self.codes_changed}

    def report_lines(self) -> list[str]:
        """What a user should read before training starts."""
        lines = [labelled.describe() for labelled in self.files.values() if labelled is not None]
        rule = self.account_rule()
        lines.append(f"Account codes: {rule['rule']}; {rule['codes_changed']} codes changed.")
        names = self.dataset["train"].features["label"].names
        lines.append(f"Label set: {len(names)} accounts present in the training data.")
        return lines


def load_training_data(
    data_files: Mapping[str, str | Path] | None = None,
    labels: Sequence[str] | None = None,
    options: ReadOptions = ReadOptions(),
) -> TrainingData:
    """Load labelled files, fix the label set and report what was read; see :func:`load_invoice_dataset`.

    Warns
    -----
    UserWarning
        When the training data has a single account, when validation or test hold accounts absent
        from training (those lines are left out, with their count), and on duplicate lines.
    """
    files = dict(data_files) if data_files else shipped_data_files()
    labelled = {split: read_labelled_file(path, options) for split, path in files.items()}
    if "train" in labelled:
        rows = labelled["train"].rows
        duplicates = sum(count - 1 for count in Counter(tuple(r.values()) for r in rows).values())
        if duplicates:
            warnings.warn(f"{labelled['train'].path}: {duplicates} duplicate line(s); they are kept.", UserWarning, stacklevel=2)
    if labels is not None:
        codes = list(labels)
        train = labelled.get("train")
        if train is not None:
            for row, line in zip(train.rows, train.line_numbers):
                if row["label"] not in codes:
                    raise DataError(
                        f"{train.path}, line {line}: unknown label {row['label']!r}.",
                        f"use one of the {len(codes)} account codes: {', '.join(sorted(codes))}.",
                    )
    else:
        first = labelled.get("train") or next(iter(labelled.values()))
        codes = sorted({row["label"] for row in first.rows})
    if len(codes) == 1:
        warnings.warn(
            f"the training data has a single account ({codes[0]}): the model will predict it for every line.",
            UserWarning,
            stacklevel=2,
        )
    features = Features({"text": Value("string"), "label": ClassLabel(names=codes)})
    label_ids = {code: index for index, code in enumerate(codes)}
    splits, left_out = {}, {}
    for split, read in labelled.items():
        unknown = Counter(row["label"] for row in read.rows if row["label"] not in label_ids)
        if unknown:
            left_out[split] = dict(unknown)
            warnings.warn(
                f"{read.path}: {sum(unknown.values())} {split} line(s) have {len(unknown)} account(s) absent from "
                f"training ({', '.join(sorted(unknown)[:10])}{', ...' if len(unknown) > 10 else ''}); they are left out.",
                UserWarning,
                stacklevel=2,
            )
        kept = [row for row in read.rows if row["label"] in label_ids]
        splits[split] = Dataset.from_dict(
            {"text": [r["text"] for r in kept], "label": [label_ids[r["label"]] for r in kept]}, features=features
        )
    return TrainingData(DatasetDict(splits), labelled, options, left_out)


def load_invoice_dataset(
    data_files: Mapping[str, str | Path] | None = None,
    labels: Sequence[str] | None = None,
    options: ReadOptions = ReadOptions(),
) -> DatasetDict:
    """Load labelled invoice lines as a :class:`datasets.DatasetDict`.

    Parameters
    ----------
    data_files : mapping of split name to file path, optional
        For example ``{"train": "ecritures.csv", "validation": "val.csv"}``: CSV files in any
        separator and encoding, or FEC exports. By default, the corpus shipped with the package
        (train, validation and test).
    labels : sequence of str, optional
        The account codes of the label set, in id order. By default, the accounts present in the
        ``train`` file after normalisation, sorted.
    options : ReadOptions
        Column names, encoding, sub-account rule, FEC classes.

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
    return load_training_data(data_files, labels, options).dataset


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
