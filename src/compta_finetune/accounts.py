"""Account codes of the Plan Comptable Général: normalisation of sub-accounts, libellés and parents.

Firms post to sub-accounts: ``606400``, ``6064000``, ``60640000`` (eight digits in most FEC
exports) or ``6064.0`` once a spreadsheet has seen the column. One rule, in
:func:`normalize_account`, turns them into the account the model learns, the same way in
``train``, ``evaluate`` and ``predict``:

- by default (``digits=None``), spaces and a spreadsheet's ``.0`` are removed, then trailing
  zeros are stripped down to three digits at least: ``60640000`` → ``6064``, ``62260000`` →
  ``6226``, ``6060`` → ``606``, ``1000`` → ``100``;
- ``digits=N`` (``--account-digits N``) truncates to ``N`` digits instead: ``6064100`` → ``6064``
  with ``N=4``;
- ``digits=0`` keeps the codes as written (spaces and ``.0`` removed).

A code must look like a PCG account: digits only, the first one from 1 to 8.

The reference list of accounts (code, official libellé, parent), classes 1 to 7, ships in
``compta_finetune/data/pcg.csv``; see :data:`PCG_SOURCE`.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

PCG_SOURCE = (
    "Plan comptable général, règlement ANC n° 2014-03 du 5 juin 2014 modifié, version consolidée "
    "au 1er janvier 2025 (Autorité des normes comptables)"
)
"""Where the libellés of ``data/pcg.csv`` come from."""

MIN_DIGITS = 3
"""The default rule never strips a code below three digits: ``600`` is an account, ``60`` a chapter."""

_SPREADSHEET_DECIMAL = re.compile(r"^(\d+)[.,]0+$")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def normalize_account(code: str, digits: int | None = None) -> str:
    """The account a (sub-)account code is learned and predicted as; see the module's rule.

    Parameters
    ----------
    code : str
        An account code as written in a file.
    digits : int, optional
        ``None``: strip trailing zeros down to three digits; ``N > 0``: truncate to ``N``
        digits; ``0``: keep the code as written.

    Raises
    ------
    ValueError
        If the code is not a PCG account code (digits only, first digit 1 to 8).

    Examples
    --------
    >>> [normalize_account(code) for code in ["60640000", "62260000", "606400", "6064.0", "60 64", "6060", "1000"]]
    ['6064', '6226', '6064', '6064', '6064', '606', '100']
    >>> normalize_account("6064100", digits=4), normalize_account("60640000", digits=0)
    ('6064', '60640000')
    >>> normalize_account("F6064")
    Traceback (most recent call last):
    ...
    ValueError: 'F6064' is not a PCG account code (digits only, the first from 1 to 8)
    """
    cleaned = _SPACES.sub("", str(code))
    match = _SPREADSHEET_DECIMAL.match(cleaned)
    if match:
        cleaned = match.group(1)
    if not cleaned.isascii() or not cleaned.isdigit() or cleaned[0] not in "12345678":
        raise ValueError(f"{str(code)!r} is not a PCG account code (digits only, the first from 1 to 8)")
    if digits is None:
        stripped = cleaned.rstrip("0")
        return stripped if len(stripped) >= MIN_DIGITS else cleaned[: max(MIN_DIGITS, len(stripped))]
    if digits == 0:
        return cleaned
    return cleaned[:digits]


def describe_rule(digits: int | None = None) -> str:
    """The normalisation rule in words, as printed by ``train`` and saved with the model.

    Examples
    --------
    >>> describe_rule()
    'trailing zeros stripped down to 3 digits (60640000 -> 6064)'
    >>> describe_rule(4), describe_rule(0)
    ('truncated to 4 digits (6064100 -> 6064)', 'kept as written')
    """
    if digits is None:
        return f"trailing zeros stripped down to {MIN_DIGITS} digits (60640000 -> 6064)"
    if digits == 0:
        return "kept as written"
    example = "6064100"
    return f"truncated to {digits} digits ({example} -> {normalize_account(example, digits)})"


def check_account_digits(digits: int | None) -> None:
    """Refuse a ``--account-digits`` value that no rule means (negative, or 1 to 2)."""
    if digits is not None and digits != 0 and digits < MIN_DIGITS:
        raise ValueError(f"--account-digits must be 0 (keep codes) or at least {MIN_DIGITS}, got {digits}")


@dataclass(frozen=True)
class PcgAccount:
    """One account of the reference list."""

    code: str
    libelle: str
    parent: str


@lru_cache(maxsize=1)
def load_pcg() -> dict[str, PcgAccount]:
    """The reference accounts of the Plan Comptable Général, classes 1 to 7, by code (see :data:`PCG_SOURCE`).

    Examples
    --------
    >>> pcg = load_pcg()
    >>> pcg["615"].libelle, pcg["6155"].parent
    ('Entretien et réparations', '615')
    """
    path = resources.files("compta_finetune") / "data" / "pcg.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: PcgAccount(row["code"], row["libelle"], row["parent"]) for row in csv.DictReader(handle)}


def reference_account(code: str) -> PcgAccount | None:
    """The account itself if the reference lists it, else its nearest listed parent (``61551`` → ``6155``).

    Examples
    --------
    >>> reference_account("61551").code, reference_account("62260000").code
    ('6155', '6226')
    >>> reference_account("999") is None
    True
    """
    pcg = load_pcg()
    for length in range(len(code), 0, -1):
        if code[:length] in pcg:
            return pcg[code[:length]]
    return None


def libelle(code: str) -> str:
    """An account's libellé: its own if the reference lists it, else its nearest parent's; ``""`` if none.

    Examples
    --------
    >>> libelle("6064"), libelle("61551")
    ('Fournitures administratives', 'Entretien et réparations sur biens mobiliers')
    """
    account = reference_account(str(code))
    return account.libelle if account is not None else ""


def libelles(codes: Iterable[str]) -> dict[str, str]:
    """:func:`libelle` of each code."""
    return {code: libelle(code) for code in codes}


def level_accuracy(true_codes: Sequence[str], predicted_codes: Sequence[str], digits: int) -> float:
    """Accuracy once both codes are cut to their first ``digits`` digits (``6061`` and ``6063`` agree at 3).

    Examples
    --------
    >>> level_accuracy(["6061", "6064", "626"], ["6063", "6132", "627"], 3)
    0.3333333333333333
    >>> level_accuracy(["6061", "6064", "626"], ["6063", "6132", "627"], 2)
    0.6666666666666666
    """
    if not true_codes:
        return 0.0
    hits = sum(str(t)[:digits] == str(p)[:digits] for t, p in zip(true_codes, predicted_codes))
    return hits / len(true_codes)
