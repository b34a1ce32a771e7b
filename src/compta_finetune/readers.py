"""Read the CSV files firms actually have: any separator, UTF-8 or Windows-1252, and the FEC.

A French Excel « Enregistrer sous CSV » writes ``;``-separated Windows-1252 with CRLF line
ends; other tools write UTF-8 (with or without a byte-order mark) and commas, tabs or ``|``.
:func:`read_table` detects all of it, and remembers it, so that ``predict`` writes its output
the way the input came (:func:`write_table`).

The **FEC** (Fichier des Écritures Comptables, article A47 A-1 du livre des procédures
fiscales) is the export every French accounting package produces: 18 columns, tab or ``|``,
amounts with a decimal comma. :func:`fec_lines` picks its training lines: the debit lines of
the expense and fixed-asset accounts (classes 6 and 2 by default), with ``EcritureLib`` as
text, ``CompteNum`` as label and the entry's supplier (``CompAuxLib``) when there is one.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from compta_finetune.errors import DataError

DELIMITERS = (",", ";", "\t", "|")
"""Separators recognised in a header line."""

DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}

FEC_COLUMNS = (
    "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum",
    "CompAuxLib", "PieceRef", "PieceDate", "EcritureLib", "Debit", "Credit", "EcritureLet", "DateLet",
    "ValidDate", "Montantdevise", "Idevise",
)  # fmt: skip
"""The 18 columns of an FEC (in the order of the decree; files may use any order)."""

FEC_REQUIRED = ("CompteNum", "EcritureLib")
"""Columns that make a header an FEC's, together with the amounts (``Debit``/``Credit`` or ``Montant``/``Sens``)."""

DEFAULT_FEC_CLASSES = ("2", "6")
"""Account classes whose debit lines are training lines: fixed assets and expenses."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?[\d\s\u00a0\u202f]*[\d]([.,]\d+)?$")


@dataclass
class Table:
    """A CSV file as read: its header, its rows (with their line numbers) and how it was written."""

    path: str
    header: list[str]
    rows: list[list[str]]
    line_numbers: list[int]
    delimiter: str = ","
    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"

    @property
    def format(self) -> str:
        """How the file was written, in words (e.g. ``semicolon-separated, Windows-1252, CRLF``)."""
        encoding = {"cp1252": "Windows-1252", "latin-1": "Latin-1", "utf-8": "UTF-8"}.get(self.encoding, self.encoding)
        return (
            f"{DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))}-separated, {encoding}"
            f"{' with BOM' if self.bom else ''}, {'CRLF' if self.newline == chr(13) + chr(10) else 'LF'}"
        )


def _fold(name: str) -> str:
    return name.strip().strip("\ufeff").casefold()


def find_column(header: Sequence[str], name: str | None) -> int | None:
    """Index of the column called ``name``, ignoring case and surrounding spaces; ``None`` if absent.

    Examples
    --------
    >>> find_column(["Date", "Libellé", "Compte"], "libellé"), find_column(["text"], "label")
    (1, None)
    """
    if name is None:
        return None
    wanted = _fold(name)
    for index, column in enumerate(header):
        if _fold(column) == wanted:
            return index
    return None


def decode(raw: bytes, path: str, encoding: str | None = None) -> tuple[str, str, bool]:
    """Decode a file's bytes: forced ``encoding``, else UTF-8 (BOM or not), else Windows-1252, else Latin-1.

    Returns the text, the encoding used and whether a UTF-8 byte-order mark was there.

    Examples
    --------
    >>> decode("Libellé".encode("cp1252"), "f.csv")
    ('Libellé', 'cp1252', False)
    >>> decode(codecs.BOM_UTF8 + "é".encode(), "f.csv")
    ('é', 'utf-8', True)
    """
    bom = raw.startswith(codecs.BOM_UTF8)
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise DataError(f"unknown encoding {encoding!r}.", "pass an encoding Python knows, e.g. utf-8, cp1252, latin-1.") from None
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            raise DataError(
                f"{path}, line {line}: bytes that are not {encoding} ({raw[error.start:error.start + 1]!r}).",
                "pass the file's real encoding with --encoding, or leave it out to detect it.",
            ) from None
        if text.startswith("\ufeff"):
            text = text[1:]
        return text, encoding, bom
    try:
        return raw.decode("utf-8-sig"), "utf-8", bom
    except UnicodeDecodeError:
        pass
    try:
        # Windows-1252 leaves five bytes undefined; a file with one of them is Latin-1.
        return raw.decode("cp1252"), "cp1252", False
    except UnicodeDecodeError:
        return raw.decode("latin-1"), "latin-1", False


def sniff_delimiter(header_line: str) -> str:
    """The separator of a header line: the candidate that splits it into most columns.

    When the header alone cannot tell (a single column), :class:`csv.Sniffer` decides, and a
    comma is the default.

    Examples
    --------
    >>> [sniff_delimiter(h) for h in ["text,label", "Libellé;Compte", "Date;Libellé, détail;Compte", "a\\tb", "a|b", "text"]]
    [',', ';', ';', '\\t', '|', ',']
    """
    counts = {delimiter: len(next(csv.reader([header_line], delimiter=delimiter), [])) for delimiter in DELIMITERS}
    best = max(counts.values())
    winners = [delimiter for delimiter, count in counts.items() if count == best]
    if len(winners) == 1:
        return winners[0]
    try:
        return csv.Sniffer().sniff(header_line, delimiters="".join(winners)).delimiter
    except csv.Error:
        return ","


def read_table(path: str | Path, *, encoding: str | None = None, display_name: str | None = None) -> Table:
    """Read a CSV file whatever its separator and encoding, checking every row against the header.

    Raises
    ------
    DataError
        Missing or unreadable file, an undecodable byte under a forced encoding, an empty file,
        bad quoting, or a row with more (or fewer) fields than the header, naming the line.
    """
    path = Path(path)
    name = display_name or str(path)
    if not path.is_file():
        raise DataError(f"{name}: file not found.", "check the path.")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(f"{name}: cannot be read ({error.strerror}).", "check the file's permissions.") from None
    return parse_table(raw, name, encoding=encoding)


def parse_table(raw: bytes, name: str, *, encoding: str | None = None) -> Table:
    """:func:`read_table` on bytes already read (standard input, for instance)."""
    text, used, bom = decode(raw, name, encoding)
    newline = "\r\n" if "\r\n" in text[:65536] else "\n"
    first_line = text.splitlines()[0] if text.strip() else ""
    if not first_line.strip():
        raise DataError(f"{name}: the file is empty (or its first line is).", "write a header line, then data lines.")
    delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    rows, lines = [], []
    try:
        line_start = 1
        for record in reader:
            if header is None:
                header = [column.strip().lstrip("\ufeff") for column in record]
                line_start = reader.line_num + 1
                continue
            if not record or all(not cell.strip() for cell in record):
                line_start = reader.line_num + 1
                continue
            if len(record) != len(header):
                more = len(record) > len(header)
                raise DataError(
                    f"{name}, line {line_start}: {len(record)} fields where the header has {len(header)} "
                    f"({DELIMITER_NAMES[delimiter]}-separated).",
                    "put the text between double quotes (\"Papier A4, 5 ramettes\"), as spreadsheets do, "
                    "or remove the extra separator." if more else "fill in the missing fields of that line.",
                )
            rows.append(record)
            lines.append(line_start)
            line_start = reader.line_num + 1
    except csv.Error as error:
        raise DataError(f"{name}, line {reader.line_num}: {error}.", "fix the quoting of that line, or shorten it.") from None
    return Table(name, header or [], rows, lines, delimiter, used, bom, newline)


def is_fec(header: Sequence[str]) -> bool:
    """Whether a header is an FEC's: ``CompteNum``, ``EcritureLib`` and the amounts, in any order and case.

    Examples
    --------
    >>> is_fec(FEC_COLUMNS), is_fec(["text", "label"])
    (True, False)
    """
    has = {_fold(column) for column in header}
    amounts = {"debit", "credit"} <= has or {"montant", "sens"} <= has
    return amounts and all(_fold(column) in has for column in FEC_REQUIRED)


def parse_amount(value: str) -> float:
    """An FEC amount: decimal comma or point, spaces as thousands separators; empty is zero.

    Examples
    --------
    >>> parse_amount("1 234,56"), parse_amount("-12.5"), parse_amount("")
    (1234.56, -12.5, 0.0)
    """
    cleaned = re.sub(r"[\s\u00a0\u202f]", "", value or "").replace(",", ".")
    if not cleaned:
        return 0.0
    try:
        return float(cleaned)
    except ValueError:
        raise ValueError(f"{value!r} is not an amount") from None


@dataclass
class FecSelection:
    """The training lines picked from an FEC, and what was left out."""

    rows: list[dict[str, str]]
    total: int
    left_out: Counter

    def summary(self, classes: Sequence[str]) -> str:
        """One line for the user: lines read, kept, and left out by reason."""
        reasons = ", ".join(f"{count} {reason}" for reason, count in self.left_out.most_common())
        return (
            f"FEC: {self.total} lines; {len(self.rows)} debit lines of classes {', '.join(classes)} kept"
            + (f"; lines left out: {reasons}" if reasons else "")
            + "."
        )


def fec_lines(table: Table, classes: Sequence[str] = DEFAULT_FEC_CLASSES) -> FecSelection:
    """The training lines of an FEC: debit lines whose ``CompteNum`` starts with one of ``classes``.

    Each kept line gives ``text`` (``EcritureLib``), ``label`` (``CompteNum`` as written: the
    caller normalises it), ``line`` (its line number) and ``supplier``: the line's own
    ``CompAuxLib``, or else the one of another line of the same entry (``JournalCode`` +
    ``EcritureNum``), where FECs put the supplier (on the ``401`` line).
    """
    column = {name: find_column(table.header, name) for name in FEC_COLUMNS + ("Montant", "Sens")}

    def cell(row: list[str], name: str) -> str:
        index = column[name]
        return row[index].strip() if index is not None else ""

    entry_supplier: dict[tuple[str, str], str] = {}
    for row in table.rows:
        supplier = cell(row, "CompAuxLib")
        key = (cell(row, "JournalCode"), cell(row, "EcritureNum"))
        if supplier and key not in entry_supplier:
            entry_supplier[key] = supplier
    kept, left_out = [], Counter()
    for row, line in zip(table.rows, table.line_numbers):
        try:
            if column["Debit"] is not None:
                debit = parse_amount(cell(row, "Debit")) - parse_amount(cell(row, "Credit"))
            else:
                amount = parse_amount(cell(row, "Montant"))
                debit = amount if cell(row, "Sens").upper() in ("D", "+1", "1") else -amount
        except ValueError as error:
            raise DataError(f"{table.path}, line {line}: {error}.", "write amounts like 1234,56 (decimal comma or point).") from None
        account = cell(row, "CompteNum").replace(" ", "")
        if not account.startswith(tuple(classes)):
            left_out[f"of class {account[:1]}" if account else "without account"] += 1
        elif debit <= 0:
            left_out["credit or zero amount in the kept classes"] += 1
        elif not cell(row, "EcritureLib"):
            left_out["without EcritureLib"] += 1
        else:
            supplier = cell(row, "CompAuxLib") or entry_supplier.get((cell(row, "JournalCode"), cell(row, "EcritureNum")), "")
            kept.append({"text": cell(row, "EcritureLib"), "label": account, "supplier": supplier, "line": str(line)})
    return FecSelection(kept, len(table.rows), left_out)


def excel_safe(cell: str) -> str:
    """A cell that Excel or LibreOffice will not run as a formula: a leading ``'`` before ``= + - @``, tab or CR.

    Numbers (``-12,50``) are left as they are. This follows OWASP's CSV-injection guidance.

    Examples
    --------
    >>> [excel_safe(c) for c in ["=1+1", "@SUM(A1)", "+A1", "-12,50", "\\t=1+1", "Toner"]]
    ["'=1+1", "'@SUM(A1)", "'+A1", '-12,50', "'\\t=1+1", 'Toner']
    """
    if cell.startswith(_FORMULA_START) and not _NUMBER.match(cell):
        return "'" + cell
    return cell


def write_table(
    handle: TextIO,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    delimiter: str = ",",
    newline: str = "\n",
    escape: Callable[[str], str] = excel_safe,
) -> None:
    """Write a header and rows as CSV, every cell made Excel-safe (:func:`excel_safe`)."""
    writer = csv.writer(handle, delimiter=delimiter, lineterminator=newline)
    writer.writerow([escape(str(cell)) for cell in header])
    for row in rows:
        writer.writerow([escape(str(cell)) for cell in row])


def unique_column(name: str, taken: Sequence[str]) -> str:
    """``name``, or ``name_new``, ``name_new2``... whichever no column in ``taken`` uses (case-insensitive).

    Examples
    --------
    >>> unique_column("score", ["text", "Score"]), unique_column("decision", ["text"])
    ('score_new', 'decision')
    >>> unique_column("score", ["score", "score_new", "SCORE_NEW2"])
    'score_new3'
    """
    used = {_fold(column) for column in taken}
    candidate, number = name, 1
    while _fold(candidate) in used:
        candidate = f"{name}_new" + (str(number) if number > 1 else "")
        number += 1
    return candidate
