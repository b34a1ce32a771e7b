"""Example files in the formats firms export, built from labelled lines: an FEC and a French Excel CSV.

They let the site and the tests train on the files a reader has, without a firm's books:
:func:`write_fec` turns invoice lines into purchase entries of an FEC (an 8-digit expense or
fixed-asset line, VAT, the supplier's ``401`` line with ``CompAuxLib``) mixed with bank
payments, sales and credit notes; :func:`write_excel_csv` writes what « Enregistrer sous CSV »
gives in a French Excel (``;``, Windows-1252, CRLF), with the firm's own sub-accounts.
The suppliers are drawn from a short list per account, some shared between accounts: they
are synthetic, like the corpus.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path

from compta_finetune.accounts import libelle
from compta_finetune.readers import FEC_COLUMNS, write_table

SUPPLIERS: dict[str, tuple[str, ...]] = {
    "2183": ("LDLC Pro", "Dell Technologies", "Amazon Business", "Inmac Wstore"),
    "2184": ("Bureau Vallée", "Manutan", "IKEA Business"),
    "601": ("Métaux Rhône SA", "Plastiques de l'Ain", "Bois & Dérivés"),
    "6061": ("EDF Entreprises", "Engie Pro", "Eau de Paris", "TotalEnergies"),
    "6063": ("Leroy Merlin Pro", "Würth France", "Amazon Business", "Manutan"),
    "6064": ("Bureau Vallée", "Lyreco", "JPG", "Amazon Business"),
    "607": ("Metro Cash & Carry", "Grossiste Durand", "Promocash"),
    "6132": ("SCI Les Tilleuls", "Foncière Lyonnaise", "Regus"),
    "6135": ("Kiloutou", "Loxam", "Grenke Location"),
    "615": ("Dépannage Martin", "Schindler", "Garage du Centre"),
    "616": ("AXA France", "MMA Entreprise", "Hiscox"),
    "6181": ("Éditions Lefebvre Dalloz", "Dalloz", "Les Échos"),
    "6226": ("Cabinet Fidal", "Expert-comptable Morel", "Avocats Dupont"),
    "623": ("Google Ireland", "Vistaprint", "Meta Platforms Ireland"),
    "624": ("DHL Express", "Geodis", "Chronopost"),
    "6251": ("SNCF Voyageurs", "Air France", "Uber France"),
    "6257": ("Restaurant Le Bistrot", "Traiteur Lenôtre", "Brasserie du Port"),
    "626": ("Orange Business", "La Poste", "SFR Business", "Bouygues Telecom"),
    "627": ("BNP Paribas", "Crédit Agricole", "Qonto"),
    "6281": ("CCI Paris Île-de-France", "Syntec Numérique", "Medef"),
    "651": ("Microsoft Ireland", "Adobe Systems", "Atlassian", "Google Ireland"),
}
"""Synthetic suppliers by account; a few (Amazon Business, Manutan, Google Ireland...) sell to several."""

FIRM_CHART: dict[str, str] = {
    "615": "61550000",
    "616": "61610000",
    "623": "62310000",
    "624": "62410000",
    "6061": "60612000",
    "6064": "60640000",
    "626": "62600000",
}
"""A firm's own sub-accounts for some of the corpus accounts; four of them normalise outside the corpus's 21."""


def _amount(value: float) -> str:
    """An amount the French way: decimal comma, two decimals."""
    return f"{value:.2f}".replace(".", ",")


def supplier_of(code: str, rng: random.Random) -> str:
    """A supplier for an account, drawn from :data:`SUPPLIERS` (any account's list for an unknown one)."""
    choices = SUPPLIERS.get(code) or SUPPLIERS[sorted(SUPPLIERS)[len(code) % len(SUPPLIERS)]]
    return rng.choice(choices)


def write_fec(
    lines: Sequence[Mapping[str, str]],
    path: str | Path,
    *,
    seed: int = 0,
    delimiter: str = "\t",
    encoding: str = "cp1252",
) -> Path:
    """Write labelled lines as the purchase entries of an FEC, among payments, sales and credit notes.

    Each line ``{"text", "label"}`` becomes an entry of the ``AC`` journal: the account on
    8 digits (``6064`` → ``60640000``) debited with the amount before tax, ``44566000`` (or
    ``44562000`` for a fixed asset) with the VAT, and ``40100000`` credited with the total,
    carrying the supplier in ``CompAuxNum``/``CompAuxLib``. Every third entry is paid by a
    ``BQ`` entry (``401`` / ``512``), every fifth is followed by a sale (``VE``: ``411`` /
    ``706`` / ``44571``), and every seventh by a credit note (the account credited).
    """
    rng = random.Random(seed)
    rows: list[list[str]] = []
    number = 0

    def entry(journal: str, journal_name: str, day: int, piece: str, lines_: list[tuple]) -> None:
        nonlocal number
        number += 1
        date = f"2025{1 + day // 28 % 12:02d}{1 + day % 28:02d}"
        for account, account_name, aux_num, aux_name, text, debit, credit in lines_:
            values = {
                "JournalCode": journal, "JournalLib": journal_name, "EcritureNum": f"{journal}{number:06d}",
                "EcritureDate": date, "CompteNum": account, "CompteLib": account_name, "CompAuxNum": aux_num,
                "CompAuxLib": aux_name, "PieceRef": piece, "PieceDate": date, "EcritureLib": text,
                "Debit": _amount(debit), "Credit": _amount(credit), "EcritureLet": "", "DateLet": "",
                "ValidDate": date, "Montantdevise": "", "Idevise": "EUR",
            }  # fmt: skip
            rows.append([values[column] for column in FEC_COLUMNS])

    for index, line in enumerate(lines):
        code = str(line["label"])
        supplier = supplier_of(code, rng)
        folded = unicodedata.normalize("NFKD", supplier.upper()).encode("ascii", "ignore").decode()
        aux = "F" + "".join(ch for ch in folded if ch.isalnum())[:8]
        account = code.ljust(8, "0")
        amount = round(rng.uniform(5, 2500), 2)
        vat = round(amount * 0.2, 2)
        vat_account = "44562000" if code.startswith("2") else "44566000"
        piece = f"FA{index + 1:05d}"
        entry("AC", "Achats", index, piece, [
            (account, libelle(code), "", "", line["text"], amount, 0.0),
            (vat_account, libelle(vat_account[:4]), "", "", line["text"], vat, 0.0),
            ("40100000", "Fournisseurs", aux, supplier, line["text"], 0.0, amount + vat),
        ])  # fmt: skip
        if index % 3 == 0:
            entry("BQ", "Banque", index + 10, piece, [
                ("40100000", "Fournisseurs", aux, supplier, f"Règlement {supplier}", amount + vat, 0.0),
                ("51200000", "Banque", "", "", f"Règlement {supplier}", 0.0, amount + vat),
            ])  # fmt: skip
        if index % 5 == 0:
            sale = round(rng.uniform(100, 5000), 2)
            entry("VE", "Ventes", index, f"VT{index + 1:05d}", [
                ("41100000", "Clients", "C0001", "Client Dupont SARL", "Prestation de conseil", sale * 1.2, 0.0),
                ("70600000", "Prestations de services", "", "", "Prestation de conseil", 0.0, sale),
                ("44571000", "TVA collectée", "", "", "Prestation de conseil", 0.0, round(sale * 0.2, 2)),
            ])  # fmt: skip
        if index % 7 == 0:
            credit_note = round(amount * 0.1, 2)
            entry("AC", "Achats", index + 1, f"AV{index + 1:05d}", [
                ("40100000", "Fournisseurs", aux, supplier, f"Avoir {line['text']}", credit_note * 1.2, 0.0),
                (account, libelle(code), "", "", f"Avoir {line['text']}", 0.0, credit_note),
                (vat_account, libelle(vat_account[:4]), "", "", f"Avoir {line['text']}", 0.0, round(credit_note * 0.2, 2)),
            ])  # fmt: skip
    path = Path(path)
    with open(path, "w", encoding=encoding, errors="replace", newline="") as handle:
        write_table(handle, FEC_COLUMNS, rows, delimiter=delimiter, newline="\r\n", escape=str)
    return path


def write_excel_csv(
    lines: Sequence[Mapping[str, str]],
    path: str | Path,
    *,
    seed: int = 0,
    chart: Mapping[str, str] = FIRM_CHART,
    with_account: bool = True,
) -> Path:
    """Write labelled lines as a French Excel « CSV (séparateur : point-virgule) » export.

    Columns ``Date;Fournisseur;Libellé;Compte;Montant TTC`` (``Compte`` left out when
    ``with_account`` is false), Windows-1252, CRLF, amounts with a decimal comma; accounts
    written as the firm's sub-accounts (``chart``, else the code padded to 8 digits).
    """
    rng = random.Random(seed)
    header = ["Date", "Fournisseur", "Libellé", "Compte", "Montant TTC"]
    rows = []
    for index, line in enumerate(lines):
        code = str(line["label"])
        row = [
            f"{1 + index % 28:02d}/{1 + index // 28 % 12:02d}/2025",
            supplier_of(code, rng),
            line["text"],
            chart.get(code, code.ljust(8, "0")),
            _amount(round(rng.uniform(5, 3000), 2)),
        ]
        rows.append(row if with_account else row[:3] + row[4:])
    if not with_account:
        header.remove("Compte")
    path = Path(path)
    with open(path, "w", encoding="cp1252", errors="replace", newline="") as handle:
        write_table(handle, header, rows, delimiter=";", newline="\r\n", escape=str)
    return path
