"""Deterministic generation of the labelled invoice-line corpus."""

from __future__ import annotations

import csv
import functools
import random
import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from . import formats, noise
from .profiles import SKEWED_PROFILE
from .vendors import VENDORS
from .vocabulary import ACCOUNTS, Item

__all__ = [
    "DEFAULT_SEED",
    "LINES_PER_ACCOUNT",
    "SPLITS",
    "TEMPLATES",
    "VARIANTS",
    "CorpusLine",
    "corpus_statistics",
    "generate_corpus",
    "label_codes",
    "load_corpus",
    "normalize_text",
    "write_corpus",
]

DEFAULT_SEED: int = 20240531
"""Seed of the corpus shipped in ``compta_finetune/data``."""

LINES_PER_ACCOUNT: int = 360
"""Number of distinct lines generated for every account (before splitting)."""

SPLITS: tuple[tuple[str, float], ...] = (("train", 0.70), ("validation", 0.15), ("test", 0.15))
"""Split names and the fraction of every account's lines they receive."""

DATA_DIR = Path(__file__).resolve().parent.parent / "compta_finetune" / "data"
LABELS_PATH = DATA_DIR / "labels.csv"

VARIANTS: dict[str, tuple[Path, Mapping[str, int] | None]] = {
    "balanced": (DATA_DIR, None),
    "skewed": (DATA_DIR / "skewed", SKEWED_PROFILE),
}
"""Shipped corpus variants: where each is written, and its lines per account (``None``: :data:`LINES_PER_ACCOUNT` each).

See :mod:`compta_corpus.profiles` for the skewed profile."""

# Line shapes. Tokens: <V> vendor, <I> item, <I2> second item of the same
# account, <QP>/<QS> quantity before/after the item, <U> unit price,
# <A> amount, <T> VAT mention, <P> period or date context, <D> date,
# <DPREP> preposition before a date, <R> reference, <DOCREF> "selon devis
# n°...", <X> site / department / cost centre, <N> line number, <S> the
# separator chosen for the line, plus a few fixed words (<FACT>, <ACOMPTE>,
# <FIELD>, <SUITE>, <ANNEX>, <AND>). Every shape applies to every account;
# shapes with <V> are skipped for items without a supplier.
TEMPLATES: tuple[tuple[str, str, int], ...] = (
    ("item", "<I>", 4),
    ("item-vendor", "<I><S><V>", 4),
    ("vendor-item", "<V><S><I>", 4),
    ("vendor_item", "<V> <I>", 3),
    ("item_period", "<I> <P>", 4),
    ("item-period", "<I><S><P>", 3),
    ("vendor-item-period", "<V><S><I><S><P>", 4),
    ("vendor_item_period", "<V> <I> <P>", 2),
    ("qty_item", "<QP> <I>", 3),
    ("item_qty", "<I> <QS>", 3),
    ("item-qty-amount", "<I><S><QS><S><A>", 2),
    ("item_qty_unitprice", "<I> <QS> <U>", 2),
    ("item-qty-unitprice-amount", "<I><S><QS><S><U><S><A>", 2),
    ("ref_item", "<R> <I>", 3),
    ("ref-item-period", "<R><S><I><S><P>", 2),
    ("amount_item", "<A> <I>", 1),
    ("item_amount", "<I> <A>", 3),
    ("item-amount-vat", "<I><S><A><S><T>", 2),
    ("vendor/ref/item", "<V> / <R> / <I>", 2),
    ("item(vendor)period", "<I> (<V>) <P>", 2),
    ("invoice_vendor_ref:item", "<FACT> <V> <R> : <I>", 1),
    ("item_docref", "<I> <DOCREF>", 2),
    ("date_vendor_item", "<D> <V> <I>", 2),
    ("date-item", "<D><S><I>", 2),
    ("vendor:item,period,amount", "<V> : <I>, <P>, <A>", 1),
    ("item-extra", "<I><S><X>", 2),
    ("item_extra_period", "<I> <X> <P>", 2),
    ("num_item_qty_amount", "<N> <I> <QS> <A>", 1),
    ("ref_item_qty", "<R> <I> <QS>", 2),
    ("vendor-item-extra-date", "<V><S><I><S><X><S><D>", 1),
    ("item_prep_date", "<I> <DPREP> <D>", 2),
    ("vendor_ref_item_amount_vat", "<V> <R> <I> <A> <T>", 1),
    ("item/vendor/amount/vat", "<I> / <V> / <A> / <T>", 1),
    ("item_vat", "<I> <T>", 1),
    ("vendor-item-qty-unitprice-amount", "<V><S><I><S><QS><S><U><S><A>", 1),
    ("item-period-ref", "<I><S><P><S><R>", 2),
    ("period_item", "<P> <I>", 2),
    ("period-vendor-item", "<P><S><V><S><I>", 1),
    ("extra:item", "<X> : <I>", 1),
    ("vendor_item_ref_period_amount", "<V> <I> <R> <P> <A>", 1),
    ("item(qty)amount_vat", "<I> (<QS>) <A> <T>", 1),
    ("amount-vendor-item", "<A><S><V><S><I>", 1),
    ("ref-vendor-item-amount", "<R><S><V><S><I><S><A>", 1),
    ("item+item", "<I><AND><I2>", 2),
    ("deposit_item", "<ACOMPTE> <I>", 1),
    ("field_item", "<FIELD> <I>", 2),
    ("field_item-qty-amount", "<FIELD> <I><S><QS><S><A>", 1),
    ("following:item", "<SUITE> : <I>", 1),
    ("item_annex", "<I> <ANNEX>", 1),
    ("qty_item_vendor_amount", "<QP> <I> <V> <A>", 1),
    ("item_vendor_date", "<I> <V> <D>", 1),
    ("item-ref", "<I><S><R>", 2),
    ("vendor_period-item-amount", "<V> <P><S><I><S><A>", 1),
    ("item_qty_period", "<I> <QS> <P>", 2),
)

_TOKEN = re.compile(r"<([A-Z0-9]+)>")
_SEPARATORS = (" - ",) * 6 + (" – ", " / ", " | ", ", ", " ; ", " : ", " ", " -- ", " * ", "-", "/")
_FACT = ("Facture", "Fact.", "FACT", "Votre facture", "Facture n°", "Fac.")
_DPREP = ("du", "le", "en date du", "au", "date :", "du")
_DOCREF = (
    "selon devis n° {d}", "suivant devis {d}", "cf. devis {d}", "selon BC {o}", "suivant commande {o}",
    "cf. contrat n° {c}", "réf. commande {o}", "selon bon de commande {o}", "conformément au contrat {c}",
)
_SUITE = (
    "Suite à votre devis n° {d}", "Suite à notre commande du {date}", "Suivant bon de commande {o}",
    "Conformément au contrat n° {c}", "Selon votre proposition du {date}", "Suite à votre intervention du {date}",
    "Dans le cadre du contrat {c}", "Selon accord du {date}",
)
_ACOMPTE = (
    "Acompte 30 % -", "Acompte 50 % sur", "Acompte n°1 :", "Acompte", "Solde", "Solde -", "Avoir sur",
    "Régularisation", "Complément", "Avance sur", "Annule et remplace :",
)
_FIELD = {
    "g": ("Désignation :", "Article :", "Libellé :", "Produit :", "Description :", "Désignation", "Réf. article :"),
    "s": ("Désignation :", "Libellé :", "Objet :", "Prestation :", "Description :", "Nature :"),
    "r": ("Désignation :", "Libellé :", "Objet :", "Description :", "Période facturée -", "Nature :"),
}
_ANNEX = (
    "(voir détail joint)", "- détail en annexe", "cf. relevé joint", "(détail au verso)", "- voir bordereau",
    "selon relevé", "(cf. annexe)", "- détail ci-joint", "(voir relevé détaillé)",
)
_AND = (" + ", " et ", ", ", " / ", " & ")
_EXTRAS = (
    "site de Lyon", "agence Nantes", "siège social", "établissement de Lille", "dépôt de Rungis", "magasin Bordeaux",
    "bureau Paris 9e", "service comptabilité", "service commercial", "équipe technique", "direction",
    "projet Atlas", "chantier Villeurbanne", "CC 410", "analytique 6200", "pour M. Martin", "pour Mme Dubois",
    "demandé par J. Lefèvre", "réf. interne 2024-118", "agence de Rennes", "site de Toulouse", "entrepôt Saint-Priest",
    "boutique rue de Rivoli", "atelier", "service RH", "pôle marketing", "filiale Sud", "établissement secondaire",
    "centre de coûts 5120", "affaire 24-031", "site Marseille Nord", "antenne de Strasbourg", "bureaux de Nice",
    "local 2", "bâtiment C", "usine de Tours", "plateforme logistique", "show-room",
)
_NUMBERS = ("1", "01", "L1", "Ligne 2 :", "#3", "Art. 4", "Pos. 10", "2", "10", "003", "L. 5")
_MONTH_TOKENS = frozenset(
    {"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
     "novembre", "decembre", "janv", "fevr", "avr", "juil", "sept", "oct", "nov", "dec"}
)
_ALTERNATIVE = re.compile(r"\{([^{}]*)\}")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


class CorpusLine(tuple):
    """A ``(text, label)`` pair that also records how it was generated.

    It compares, hashes and unpacks like the plain tuple ``(text, label)``;
    the extra attributes are only used by :func:`corpus_statistics`.

    Parameters
    ----------
    text : str
        Invoice line.
    label : str
        PCG account code.
    vendor : str or None
        Canonical name of the supplier printed on the line, if any.
    structure : str or None
        Identifier of the line shape (see :data:`TEMPLATES`).
    """

    vendor: str | None
    structure: str | None

    def __new__(cls, text: str, label: str, vendor: str | None = None, structure: str | None = None):
        line = super().__new__(cls, (text, label))
        line.vendor = vendor
        line.structure = structure
        return line

    def __getnewargs__(self):
        return (self[0], self[1], self.vendor, self.structure)

    @property
    def text(self) -> str:
        """The invoice line."""
        return self[0]

    @property
    def label(self) -> str:
        """The PCG account code."""
        return self[1]


def normalize_text(text: str) -> str:
    """Normalise a line for duplicate and leakage checks.

    Lower-cases, strips accents (NFKD decomposition, combining marks
    dropped), replaces every run of digits with ``0`` and collapses
    whitespace.

    Parameters
    ----------
    text : str
        Invoice line.

    Returns
    -------
    str
        The normalised line.

    Examples
    --------
    >>> normalize_text("  Ramette papier A4 80 g —  QTÉ 12 ")
    'ramette papier a0 0 g — qte 0'
    >>> normalize_text("ABT Électricité 03/2024") == normalize_text("abt electricite 11/2025")
    True
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return _SPACES.sub(" ", _DIGITS.sub("0", stripped)).strip()


def _skeleton(text: str) -> str:
    """Stricter duplicate key: the normalised text without numbers, codes and months."""
    tokens = []
    for token in normalize_text(text).split():
        word = token.strip(".,;:!?()[]«»\"'-–—/|*#=+&")
        if not word or "0" in word or word in _MONTH_TOKENS:
            continue
        tokens.append(word)
    return " ".join(tokens)


def label_codes(path: str | Path = LABELS_PATH) -> tuple[str, ...]:
    """Read the account codes of the label set.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        CSV file with columns ``code,libelle``; defaults to the packaged
        ``labels.csv``.

    Returns
    -------
    tuple of str
        Account codes in file order.
    """
    with open(path, encoding="utf-8", newline="") as handle:
        return tuple(row["code"] for row in csv.DictReader(handle))


def _expand(rng: random.Random, phrase: str) -> str:
    text = _ALTERNATIVE.sub(lambda match: rng.choice(match.group(1).split("|")), phrase)
    return _SPACES.sub(" ", text).strip()


def _tidy(text: str) -> str:
    text = _SPACES.sub(" ", text).strip()
    text = text.replace(" ,", ",").replace("( ", "(").replace(" )", ")").replace("()", "")
    return text.strip(" -/|,;:*–=")


class _LineBuilder:
    """Draws lines for one account."""

    def __init__(self, rng: random.Random, code: str, items: Sequence[Item]):
        self.rng = rng
        self.code = code
        self.items = tuple(items)
        self.weights = tuple(template[2] for template in TEMPLATES)

    def _phrase(self, item: Item, capitalize_tail: bool) -> str:
        rng = self.rng
        text = _expand(rng, rng.choice(item.phrases))
        if rng.random() < 0.3:
            text = noise.abbreviate(rng, text)
        if not capitalize_tail and text[:1].isupper() and text[1:2].islower() and rng.random() < 0.3:
            text = text[0].lower() + text[1:]
        return text

    def build(self) -> tuple[str, str, str | None, str]:
        """Return ``(clean_text, noisy_text, vendor, structure)``."""
        rng = self.rng
        item = rng.choice(self.items)
        vendor_key = rng.choice(item.vendors) if item.vendors else None
        while True:
            name, pattern, _ = rng.choices(TEMPLATES, weights=self.weights)[0]
            if vendor_key is not None or "<V>" not in pattern:
                break
        unit = formats.UNITS[item.unit]
        qty = formats.draw_quantity(rng, unit)
        low, high = item.price
        price = low * (high / low) ** rng.random()
        price = round(price, 4 if price < 0.1 else (3 if price < 1 else 2))
        total = round(price * qty, 2)
        vat_code = rng.choice(item.vat)
        rate = formats.VAT_RATES[vat_code]
        separator = rng.choice(_SEPARATORS)
        used_vendor = vendor_key is not None and "<V>" in pattern

        def render(match: re.Match[str]) -> str:
            token = match.group(1)
            if token == "I":
                return self._phrase(item, match.start() == 0)
            if token == "I2":
                other = rng.choice(self.items)
                return self._phrase(other, False)
            if token == "V":
                vendor = VENDORS[vendor_key]
                return vendor.forms[0] if rng.random() < 0.55 or len(vendor.forms) == 1 else rng.choice(vendor.forms[1:])
            if token == "S":
                return separator
            if token == "QP":
                return formats.quantity(rng, unit, qty, "prefix")
            if token == "QS":
                return formats.quantity(rng, unit, qty, "suffix")
            if token == "U":
                return formats.unit_price(rng, price, unit)
            if token == "A":
                return formats.amount(rng, total, rate)
            if token == "T":
                return formats.vat(rng, vat_code, total)
            if token == "P":
                return formats.period(rng, item.kind, item.periods)
            if token == "D":
                return formats.date(rng)
            if token == "DPREP":
                return rng.choice(_DPREP)
            if token == "R":
                return formats.reference(rng, rng.choice(item.refs), vendor_key)
            if token == "DOCREF":
                return rng.choice(_DOCREF).format(
                    d=f"D{rng.randint(23, 25)}-{rng.randint(1, 999):03d}",
                    o=formats.reference(rng, "order").split()[-1],
                    c=formats.reference(rng, "contract").split()[-1],
                )
            if token == "SUITE":
                return rng.choice(_SUITE).format(
                    d=f"D{rng.randint(23, 25)}-{rng.randint(1, 999):03d}",
                    o=formats.reference(rng, "order").split()[-1],
                    c=formats.reference(rng, "contract").split()[-1],
                    date=formats.date(rng),
                )
            if token == "X":
                return rng.choice(_EXTRAS)
            if token == "N":
                return rng.choice(_NUMBERS)
            if token == "FACT":
                return rng.choice(_FACT)
            if token == "ACOMPTE":
                return rng.choice(_ACOMPTE)
            if token == "FIELD":
                return rng.choice(_FIELD[item.kind])
            if token == "ANNEX":
                return rng.choice(_ANNEX)
            if token == "AND":
                return rng.choice(_AND)
            raise KeyError(token)

        clean = _tidy(_TOKEN.sub(render, pattern))
        noisy = noise.change_case(rng, clean)
        if rng.random() < 0.10:
            noisy = noise.add_typo(rng, noisy)
        if pattern.startswith("<I>") and rng.random() < 0.05:
            # Fixed-width exports cut long labels; only cut lines that start
            # with the item so that the cut never removes the item itself.
            noisy = noise.truncate(rng, noisy)
        noisy = _tidy(noisy)
        vendor = VENDORS[vendor_key].canonical if used_vendor else None
        return clean, noisy, vendor, name


def generate_corpus(
    seed: int = DEFAULT_SEED, lines_per_account: Mapping[str, int] | None = None
) -> dict[str, list[tuple[str, str]]]:
    """Generate the labelled invoice-line corpus.

    Every account of ``labels.csv`` receives :data:`LINES_PER_ACCOUNT`
    distinct lines (or its count in ``lines_per_account``), split 70/15/15
    per account (stratified). Lines are
    deduplicated before splitting on :func:`normalize_text` and on a stricter
    key that also ignores numbers, codes, month names, case, accents and
    surface noise, so that no split contains a line that another split
    contains up to such details.

    Parameters
    ----------
    seed : int, default DEFAULT_SEED
        Seed of every random draw; the corpus is a pure function of it
        (and of ``lines_per_account``).
    lines_per_account : mapping of account code to int, optional
        A class-frequency profile, such as
        :data:`compta_corpus.profiles.SKEWED_PROFILE`; by default, every
        account gets :data:`LINES_PER_ACCOUNT` lines.

    Returns
    -------
    dict
        ``{"train": [...], "validation": [...], "test": [...]}``, each a list
        of :class:`CorpusLine` ``(text, label)`` pairs.

    Raises
    ------
    RuntimeError
        If the vocabulary does not match ``labels.csv`` or cannot produce
        enough distinct lines for an account.
    """
    codes = label_codes()
    if tuple(sorted(codes)) != tuple(sorted(ACCOUNTS)):
        raise RuntimeError(f"vocabulary accounts {sorted(ACCOUNTS)} differ from labels.csv {sorted(codes)}")
    if lines_per_account is not None and sorted(lines_per_account) != sorted(codes):
        raise RuntimeError(f"the profile's accounts {sorted(lines_per_account)} differ from labels.csv {sorted(codes)}")
    seen_keys: set[str] = set()
    seen_texts: set[str] = set()
    per_label: dict[str, list[CorpusLine]] = {}
    for code in codes:
        rng = random.Random(f"compta-corpus/{seed}/{code}")
        builder = _LineBuilder(rng, code, ACCOUNTS[code])
        lines: list[CorpusLine] = []
        attempts = 0
        wanted = LINES_PER_ACCOUNT if lines_per_account is None else lines_per_account[code]
        while len(lines) < wanted:
            attempts += 1
            if attempts > 200 * wanted:
                raise RuntimeError(f"account {code}: only {len(lines)} distinct lines after {attempts} attempts")
            clean, text, vendor, structure = builder.build()
            key = _skeleton(clean)
            normalized = normalize_text(text)
            if not text or key in seen_keys or normalized in seen_texts:
                continue
            seen_keys.add(key)
            seen_texts.add(normalized)
            lines.append(CorpusLine(text, code, vendor, structure))
        per_label[code] = lines

    split_rng = random.Random(f"compta-corpus/{seed}/split")
    corpus: dict[str, list[tuple[str, str]]] = {name: [] for name, _ in SPLITS}
    for code in codes:
        lines = list(per_label[code])
        split_rng.shuffle(lines)
        start = 0
        for index, (name, fraction) in enumerate(SPLITS):
            stop = len(lines) if index == len(SPLITS) - 1 else start + round(fraction * len(lines))
            corpus[name].extend(lines[start:stop])
            start = stop
    for name, _ in SPLITS:
        split_rng.shuffle(corpus[name])
    return corpus


def write_corpus(
    directory: str | Path, seed: int = DEFAULT_SEED, lines_per_account: Mapping[str, int] | None = None
) -> dict[str, Path]:
    """Generate the corpus and write one CSV per split.

    Parameters
    ----------
    directory : str or pathlib.Path
        Output directory (created if needed).
    seed : int, default DEFAULT_SEED
        Generation seed.
    lines_per_account : mapping of account code to int, optional
        Class-frequency profile (see :func:`generate_corpus`).

    Returns
    -------
    dict
        Split name -> path of ``<split>.csv`` (UTF-8, header ``text,label``).
    """
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    corpus = generate_corpus(seed, lines_per_account)
    paths: dict[str, Path] = {}
    for name, _ in SPLITS:
        path = directory / f"{name}.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["text", "label"])
            writer.writerows((text, label) for text, label in corpus[name])
        paths[name] = path
    return paths


def load_corpus(directory: str | Path = DATA_DIR) -> dict[str, list[tuple[str, str]]]:
    """Read the split CSVs written by :func:`write_corpus`.

    Parameters
    ----------
    directory : str or pathlib.Path, optional
        Directory holding ``train.csv``, ``validation.csv`` and ``test.csv``;
        defaults to the packaged data directory.

    Returns
    -------
    dict
        Split name -> list of ``(text, label)`` tuples.
    """
    corpus: dict[str, list[tuple[str, str]]] = {}
    for name, _ in SPLITS:
        with open(Path(directory) / f"{name}.csv", encoding="utf-8", newline="") as handle:
            corpus[name] = [(row["text"], row["label"]) for row in csv.DictReader(handle)]
    return corpus


@functools.lru_cache(maxsize=4)
def _metadata_index(seed: int) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    """Vendor and structure of every line of every shipped variant generated with ``seed``."""
    return {
        (line[0], line[1]): (line.vendor, line.structure)
        for _, profile in VARIANTS.values()
        for lines in generate_corpus(seed, profile).values()
        for line in lines
    }


def corpus_statistics(corpus: Mapping[str, Iterable[tuple[str, str]]]) -> dict:
    """Describe a corpus: sizes, label balance, vendor and structure variety.

    Vendors and line structures are read from :class:`CorpusLine` attributes.
    Plain ``(text, label)`` tuples (e.g. read back from the CSVs) are looked
    up in the default-seed corpus of every variant; lines not found there are counted in
    ``lines_without_metadata``.

    Parameters
    ----------
    corpus : mapping
        Split name -> iterable of ``(text, label)`` pairs.

    Returns
    -------
    dict
        Keys ``lines_per_split``, ``total_lines``, ``lines_per_label``
        (split -> label -> count), ``distinct_labels``, ``distinct_vendors``,
        ``vendors_per_label`` (label -> count), ``vendors_shared_across_labels``,
        ``lines_with_vendor``, ``distinct_structures``, ``structures_per_label``
        (label -> count), ``min_labels_per_structure``, ``mean_text_length``,
        ``lines_without_metadata``.
    """
    lines_per_split: dict[str, int] = {}
    lines_per_label: dict[str, dict[str, int]] = {}
    vendor_labels: dict[str, set[str]] = {}
    structure_labels: dict[str, set[str]] = {}
    label_vendors: dict[str, set[str]] = {}
    label_structures: dict[str, set[str]] = {}
    labels: set[str] = set()
    with_vendor = 0
    without_metadata = 0
    total_length = 0
    total = 0
    for split, lines in corpus.items():
        counts: Counter[str] = Counter()
        for line in lines:
            text, label = line[0], line[1]
            counts[label] += 1
            labels.add(label)
            total += 1
            total_length += len(text)
            if isinstance(line, CorpusLine):
                vendor, structure = line.vendor, line.structure
            else:
                metadata = _metadata_index(DEFAULT_SEED).get((text, label))
                if metadata is None:
                    without_metadata += 1
                    continue
                vendor, structure = metadata
            if vendor is not None:
                with_vendor += 1
                vendor_labels.setdefault(vendor, set()).add(label)
                label_vendors.setdefault(label, set()).add(vendor)
            if structure is not None:
                structure_labels.setdefault(structure, set()).add(label)
                label_structures.setdefault(label, set()).add(structure)
        lines_per_split[split] = sum(counts.values())
        lines_per_label[split] = dict(sorted(counts.items()))
    return {
        "lines_per_split": lines_per_split,
        "total_lines": total,
        "lines_per_label": lines_per_label,
        "distinct_labels": len(labels),
        "distinct_vendors": len(vendor_labels),
        "vendors_per_label": {label: len(v) for label, v in sorted(label_vendors.items())},
        "vendors_shared_across_labels": sum(1 for v in vendor_labels.values() if len(v) > 1),
        "lines_with_vendor": with_vendor,
        "distinct_structures": len(structure_labels),
        "structures_per_label": {label: len(s) for label, s in sorted(label_structures.items())},
        "min_labels_per_structure": min((len(s) for s in structure_labels.values()), default=0),
        "mean_text_length": round(total_length / total, 1) if total else 0.0,
        "lines_without_metadata": without_metadata,
    }
