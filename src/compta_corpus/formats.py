"""French invoice formats: quantities, amounts, VAT, dates, periods, references.

Every function takes the generator's :class:`random.Random` so that the
corpus stays a pure function of its seed.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass
from typing import Callable

__all__ = [
    "UNITS",
    "VAT_CODES",
    "REFERENCE_KINDS",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "Unit",
    "french_number",
    "money",
    "amount",
    "unit_price",
    "vat",
    "quantity",
    "date",
    "period",
    "reference",
]

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)
MONTH_ABBREVIATIONS = (
    "janv.", "févr.", "mars", "avr.", "mai", "juin",
    "juil.", "août", "sept.", "oct.", "nov.", "déc.",
)


@dataclass(frozen=True)
class Unit:
    """How a quantity of some unit is printed.

    Attributes
    ----------
    low, high : float
        Range of plausible quantities on one line.
    step : float
        Quantities are multiples of ``step`` (``1`` for counted units).
    prefix : tuple of str
        Forms placed before the item (``{n}`` is the quantity).
    suffix : tuple of str
        Forms placed after the item.
    label : str
        Short unit label used in unit prices (``0,18 €/kWh``); empty for
        counted units, which use ``PU`` forms.
    """

    low: float
    high: float
    step: float
    prefix: tuple[str, ...]
    suffix: tuple[str, ...]
    label: str = ""


_COUNT_PREFIX = ("{n} x", "{n}x", "{n}", "x{n}", "Qté {n} -", "{n} u.")
_COUNT_SUFFIX = ("x{n}", "x {n}", "- QTE {n}", "Qté : {n}", "({n} u)", "{n} u", "{n} unités", "QTE:{n}", "qté {n}")

UNITS: dict[str, Unit] = {
    "u": Unit(1, 40, 1, _COUNT_PREFIX, _COUNT_SUFFIX + ("{n} pcs", "{n} pièces")),
    "forfait": Unit(1, 1, 1, ("1 x", "1", "1,00", "Qté 1 -", "1 forfait"), ("x1", "Qté : 1", "1 forfait", "(forfait)", "QTE 1", "1,00 U", "forfait")),
    "ramette": Unit(1, 25, 1, _COUNT_PREFIX, ("x{n}", "{n} ramettes", "QTE {n}", "- {n} rames", "({n} ram.)", "Qté : {n}")),
    "carton": Unit(1, 30, 1, _COUNT_PREFIX + ("{n} cartons de", "{n} ctn"), ("x{n}", "{n} cartons", "{n} ctn", "QTE {n}", "- {n} colis")),
    "colis": Unit(1, 20, 1, _COUNT_PREFIX, ("x{n}", "{n} colis", "QTE {n}", "({n} colis)", "nb colis : {n}")),
    "sac": Unit(1, 40, 1, _COUNT_PREFIX + ("{n} sacs de",), ("x{n}", "{n} sacs", "QTE {n}", "({n} sacs)")),
    "palette": Unit(1, 33, 1, ("{n} x", "{n}", "{n} pal."), ("x{n}", "{n} palettes", "{n} pal.", "{n} PAL", "({n} palettes)"), "palette"),
    "h": Unit(0.5, 24, 0.5, ("{d} h", "{d}h"), ("{d} h", "{d}h", "{d} heures", "{d} H", "durée {d} h", "({d} h)", "temps passé {d} h"), "h"),
    "jour": Unit(1, 20, 1, ("{n} j", "{n} jours"), ("{n} jours", "{n} j", "{n} jour(s)", "{n} JRS", "durée {n} j", "({n} j)"), "jour"),
    "nuit": Unit(1, 5, 1, ("{n} nuits", "{n} x"), ("{n} nuits", "{n} nuitées", "{n} nuit(s)", "({n} nuits)", "x{n} nuits"), "nuit"),
    "mois": Unit(1, 3, 1, ("{n} mois", "{n} x"), ("{n} mois", "x{n} mois", "({n} mois)", "durée {n} mois"), "mois"),
    "licence": Unit(1, 50, 1, ("{n} x", "{n}", "x{n}"), ("{n} licences", "{n} utilisateurs", "{n} users", "{n} postes", "x{n}", "({n} lic.)", "{n} sièges"), "utilisateur"),
    "ligne": Unit(1, 25, 1, ("{n} x", "{n}"), ("{n} lignes", "x{n} lignes", "({n} lignes)", "x{n}"), "ligne"),
    "kWh": Unit(50, 25000, 1, ("{n} kWh",), ("{n} kWh", "conso {n} kWh", "{n} KWH", "({n} kWh)", "index : {n} kWh"), "kWh"),
    "kWh_session": Unit(5, 90, 0.01, ("{d} kWh",), ("{d} kWh", "énergie {d} kWh", "({d} kWh)", "{d} KWH"), "kWh"),
    "m3": Unit(5, 300, 1, ("{n} m³", "{n} m3"), ("{n} m³", "{n} m3", "{n} M3", "({n} m³)", "conso {n} m3"), "m³"),
    "L": Unit(10, 80, 0.01, ("{d} L", "{d} l"), ("{d} L", "{d} litres", "{d} l", "({d} L)", "vol. {d} L"), "L"),
    "kg": Unit(1, 1500, 1, ("{n} kg",), ("{n} kg", "poids {n} kg", "({n} kg)", "{n} KG", "PN {n} kg"), "kg"),
    "t": Unit(1, 30, 0.1, ("{d} t",), ("{d} t", "{d} tonnes", "({d} T)", "poids {d} t"), "t"),
    "m": Unit(1, 100, 1, ("{n} m", "{n} ml"), ("{n} m", "{n} ml", "{n} mètres", "({n} m)"), "m"),
    "m2": Unit(5, 200, 1, ("{n} m²", "{n} m2"), ("{n} m²", "{n} m2", "surface {n} m²", "({n} m²)"), "m²"),
    "km": Unit(10, 900, 1, ("{n} km",), ("{n} km", "{n} kms", "({n} km)", "trajet {n} km", "distance {n} km"), "km"),
    "couvert": Unit(2, 40, 1, ("{n} x", "{n} pers.", "{n} couverts"), ("{n} couverts", "{n} pers.", "{n} personnes", "{n} cvts", "({n} couverts)", "pour {n}"), "couvert"),
    "billet": Unit(1, 6, 1, ("{n} x", "{n} billets"), ("{n} billets", "{n} pax", "{n} voyageurs", "x{n}", "({n} pax)"), "billet"),
    "ex": Unit(50, 5000, 50, ("{n} ex.", "{n} x"), ("{n} ex.", "{n} exemplaires", "qté {n}", "tirage {n} ex.", "({n} ex)"), "ex."),
    "page": Unit(500, 20000, 1, ("{n}",), ("{n} copies", "{n} pages", "{n} impressions", "({n} copies)", "compteur {n}"), "copie"),
    "pli": Unit(5, 400, 1, ("{n} x", "{n}"), ("{n} plis", "{n} lettres", "{n} envois", "x{n}", "({n} plis)"), "pli"),
}

VAT_RATES: dict[str, float] = {
    "20": 0.20, "10": 0.10, "5.5": 0.055, "2.1": 0.021,
    "exo": 0.0, "autoliq": 0.0, "ins": 0.0, "none": 0.0,
}
VAT_CODES = tuple(VAT_RATES)

_VAT_RATE_TEXT = {"20": ("20", "20,00", "20,0"), "10": ("10", "10,00"), "5.5": ("5,5", "5,50", "5.5"), "2.1": ("2,1", "2,10")}
_VAT_TEMPLATES = (
    "TVA {r} %", "TVA {r}%", "TVA ({r} %)", "tx TVA {r}", "TVA {r} % : {v}", "dont TVA {r} % {v}",
    "Taux TVA {r} %", "TVA {r}", "TVA à {r} %", "TVA {r}% = {v}",
)
_VAT_OTHER = {
    "exo": ("exonéré de TVA", "TVA non applicable", "Exonéré TVA", "TVA non applicable, art. 261 C du CGI", "exo TVA", "TVA 0 %", "hors champ TVA"),
    "autoliq": ("Autoliquidation", "TVA autoliquidée", "Autoliquidation TVA art. 283-2 du CGI", "Reverse charge", "TVA due par le preneur", "TVA 0 % autoliquidation"),
    "ins": ("Taxe assurance 9 %", "dont taxes 9 %", "TCA 9 %", "taxes incluses", "exonéré de TVA", "hors TVA", "taxe attentat incluse"),
    "none": ("non soumis à TVA", "TVA non applicable", "hors champ TVA", "sans TVA", "net de taxe", "TVA : néant"),
}

REFERENCE_KINDS: tuple[str, ...] = (
    "invoice", "order", "bl", "generic", "sku", "contract", "client", "phone", "pdl", "policy",
    "account", "pnr", "tracking", "lv", "plate", "serial", "lot", "member", "subscription",
    "campaign", "dossier", "table",
)

_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
_ALNUM = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"


def french_number(value: float, decimals: int = 2, thousands: str = " ") -> str:
    """Format a number the French way.

    Parameters
    ----------
    value : float
        Number to format.
    decimals : int, default 2
        Number of decimals.
    thousands : str, default " "
        Thousands separator ("" for none).

    Returns
    -------
    str
        For example ``"1 234,56"``.
    """
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", thousands)


def money(rng: random.Random, value: float, decimals: int = 2) -> str:
    """Render an amount in euros in one of the usual invoice styles.

    Parameters
    ----------
    rng : random.Random
        Generator state.
    value : float
        Amount in euros.
    decimals : int, default 2
        Number of decimals.

    Returns
    -------
    str
        For example ``"1 234,56 €"`` or ``"1234,56 EUR"``.
    """
    draw = rng.random()
    thousands = " " if draw < 0.62 else ("" if draw < 0.94 else ".")
    number = french_number(value, decimals, thousands)
    style = rng.choice(("{n} €", "{n} €", "{n} €", "{n}€", "{n} EUR", "{n} euros", "€ {n}", "{n} Eur"))
    return style.format(n=number)


def amount(rng: random.Random, total: float, rate: float) -> str:
    """Render a line total, excluding or including VAT.

    Parameters
    ----------
    rng : random.Random
        Generator state.
    total : float
        Amount excluding VAT.
    rate : float
        VAT rate used when the amount is printed including VAT.

    Returns
    -------
    str
        For example ``"Montant HT : 1 234,56 €"``.
    """
    if rate and rng.random() < 0.25:
        value = money(rng, round(total * (1 + rate), 2))
        style = rng.choice(("{m} TTC", "TTC {m}", "Total TTC : {m}", "{m} T.T.C.", "soit {m} TTC"))
    else:
        value = money(rng, total)
        style = rng.choice(("{m}", "{m} HT", "{m} HT", "HT {m}", "Montant HT : {m}", "Total HT {m}", "soit {m} HT", "{m} H.T.", "Mt {m}", "montant {m}", "{m} (HT)"))
    return style.format(m=value)


def unit_price(rng: random.Random, price: float, unit: Unit) -> str:
    """Render a unit price.

    Parameters
    ----------
    rng : random.Random
        Generator state.
    price : float
        Unit price excluding VAT.
    unit : Unit
        Unit of the quantity.

    Returns
    -------
    str
        For example ``"PU HT 12,50 €"`` or ``"0,1852 €/kWh"``.
    """
    decimals = 4 if price < 0.1 else (3 if price < 1 else 2)
    if unit.label and rng.random() < 0.6:
        number = french_number(price, decimals, "")
        return rng.choice(("{p} €/{u}", "{p} € / {u}", "à {p} €/{u}", "PU {p} €/{u}", "{p} EUR/{u}")).format(p=number, u=unit.label)
    value = money(rng, price, decimals)
    return rng.choice(("PU {m}", "P.U. HT {m}", "PU HT : {m}", "{m}/u", "à {m} l'unité", "prix unitaire {m}", "{m} l'unité", "PU {m} HT")).format(m=value)


def vat(rng: random.Random, code: str, total: float) -> str:
    """Render the VAT mention of a line.

    Parameters
    ----------
    rng : random.Random
        Generator state.
    code : str
        One of :data:`VAT_CODES`.
    total : float
        Amount excluding VAT (used for "TVA 20 % : 24,69 €").

    Returns
    -------
    str
        For example ``"TVA 5,5 %"`` or ``"exonéré de TVA"``.
    """
    if code in _VAT_OTHER:
        return rng.choice(_VAT_OTHER[code])
    rate_text = rng.choice(_VAT_RATE_TEXT[code])
    vat_amount = money(rng, round(total * VAT_RATES[code], 2))
    return rng.choice(_VAT_TEMPLATES).format(r=rate_text, v=vat_amount)


def _number(value: float, step: float) -> str:
    if step >= 1:
        return str(int(round(value)))
    text = french_number(value, 2 if step < 0.1 else 1, "")
    if text.endswith(",0") or text.endswith(",00"):
        text = text.split(",")[0]
    return text


def draw_quantity(rng: random.Random, unit: Unit) -> float:
    """Draw a plausible quantity for a unit.

    Parameters
    ----------
    rng : random.Random
        Generator state.
    unit : Unit
        Unit of the quantity.

    Returns
    -------
    float
        A multiple of ``unit.step`` between ``unit.low`` and ``unit.high``,
        skewed towards small values.
    """
    if unit.low == unit.high:
        return unit.low
    span = unit.high - unit.low
    value = unit.low + span * rng.random() ** 2.5
    return max(unit.low, round(value / unit.step) * unit.step)


def quantity(rng: random.Random, unit: Unit, value: float, position: str) -> str:
    """Render a quantity before (``position="prefix"``) or after the item.

    Parameters
    ----------
    rng : random.Random
        Generator state.
    unit : Unit
        Unit of the quantity.
    value : float
        The quantity.
    position : {"prefix", "suffix"}
        Where the quantity is placed relative to the item.

    Returns
    -------
    str
        For example ``"3 x"``, ``"2,5 h"`` or ``"- QTE 12"``.
    """
    forms = unit.prefix if position == "prefix" else unit.suffix
    text = _number(value, unit.step)
    return rng.choice(forms).format(n=text, d=text)


def _random_day(rng: random.Random) -> tuple[int, int, int]:
    year = rng.choice((2023, 2024, 2024, 2025))
    month = rng.randint(1, 6 if year == 2025 else 12)
    day = rng.randint(1, 28)
    return year, month, day


def _format_date(rng: random.Random, year: int, month: int, day: int) -> str:
    style = rng.randrange(8)
    if style == 0:
        return f"{day:02d}/{month:02d}/{year}"
    if style == 1:
        return f"{day:02d}.{month:02d}.{year}"
    if style == 2:
        return f"{day:02d}/{month:02d}/{year % 100:02d}"
    if style == 3:
        return f"{year}-{month:02d}-{day:02d}"
    if style == 4:
        return f"{day} {MONTHS[month - 1]} {year}"
    if style == 5:
        return f"{day:02d}-{month:02d}-{year}"
    if style == 6:
        return f"{day:02d}/{month:02d}"
    return f"{day:02d}/{month:02d}/{year}"


def date(rng: random.Random) -> str:
    """Render a random invoice date between 2023 and 2025.

    Parameters
    ----------
    rng : random.Random
        Generator state.

    Returns
    -------
    str
        For example ``"12/03/2024"`` or ``"12 mars 2024"``.
    """
    return _format_date(rng, *_random_day(rng))


def _month_period(rng: random.Random, year: int, month: int) -> str:
    last = calendar.monthrange(year, month)[1]
    name = MONTHS[month - 1]
    styles = (
        f"période du 01/{month:02d}/{year} au {last}/{month:02d}/{year}",
        f"du 01/{month:02d}/{year} au {last}/{month:02d}/{year}",
        f"du 01/{month:02d} au {last}/{month:02d}/{year}",
        f"{name} {year}",
        f"{name.capitalize()} {year}",
        f"{month:02d}/{year}",
        f"{month:02d}-{year}",
        f"mois de {name} {year}",
        f"période {month:02d}/{year}",
        f"{MONTH_ABBREVIATIONS[month - 1]} {year % 100:02d}",
        f"{name.upper()} {year}",
        f"échéance {month:02d}/{year}",
        f"01/{month:02d}/{year % 100:02d}-{last}/{month:02d}/{year % 100:02d}",
        f"({name} {year})",
    )
    return rng.choice(styles)


def _quarter_period(rng: random.Random, year: int, quarter: int) -> str:
    first_month = 3 * (quarter - 1) + 1
    last_month = first_month + 2
    last = calendar.monthrange(year, last_month)[1]
    ordinal = "1er" if quarter == 1 else f"{quarter}e"
    styles = (
        f"T{quarter} {year}",
        f"{ordinal} trimestre {year}",
        f"{quarter}ème trim. {year}",
        f"du 01/{first_month:02d}/{year} au {last}/{last_month:02d}/{year}",
        f"{MONTHS[first_month - 1]} à {MONTHS[last_month - 1]} {year}",
        f"Q{quarter} {year}",
        f"T{quarter}/{year}",
        f"période T{quarter}-{year}",
        f"{quarter}T{year % 100:02d}",
        f"trimestre {quarter} {year}",
    )
    return rng.choice(styles)


def _semester_period(rng: random.Random, year: int, half: int) -> str:
    styles = (
        f"S{half} {year}",
        f"{'1er' if half == 1 else '2nd'} semestre {year}",
        f"{'1er' if half == 1 else '2e'} sem. {year}",
        "du 01/01/{y} au 30/06/{y}".format(y=year) if half == 1 else "du 01/07/{y} au 31/12/{y}".format(y=year),
    )
    return rng.choice(styles)


def _year_period(rng: random.Random, year: int) -> str:
    month = rng.randint(1, 12)
    # A twelve-month period starting on the first day of ``month``.
    end_month, end_year = (12, year) if month == 1 else (month - 1, year + 1)
    end_day = calendar.monthrange(end_year, end_month)[1]
    styles = (
        f"{year}",
        f"année {year}",
        f"exercice {year}",
        f"du 01/01/{year} au 31/12/{year}",
        f"01/{month:02d}/{year} - {end_day:02d}/{end_month:02d}/{end_year}",
        f"période {year}-{year + 1}",
        f"annuel {year}",
        f"échéance annuelle 01/{month:02d}/{year}",
        f"{year}/{year + 1}",
    )
    return rng.choice(styles)


def period(rng: random.Random, kind: str, granularities: str) -> str:
    """Render the period or date context of a line.

    Parameters
    ----------
    rng : random.Random
        Generator state.
    kind : {"g", "s", "r"}
        Goods get a delivery/order date, one-off services an intervention
        date, recurring services a billing period.
    granularities : str
        Allowed billing periods for recurring services (``m``, ``q``, ``s``,
        ``y``).

    Returns
    -------
    str
        For example ``"période du 01/03/2024 au 31/03/2024"``, ``"T2 2024"``
        or ``"livré le 12/03/2024"``.
    """
    year, month, day = _random_day(rng)
    if kind == "g":
        styles = (
            f"livraison {month:02d}/{year}",
            f"commande de {MONTHS[month - 1]} {year}",
            f"cde {MONTHS[month - 1]} {year}",
            f"livré le {_format_date(rng, year, month, day)}",
            f"BL du {_format_date(rng, year, month, day)}",
            f"commande du {_format_date(rng, year, month, day)}",
            f"{MONTHS[month - 1]} {year}",
            f"livraison du {_format_date(rng, year, month, day)}",
        )
        return rng.choice(styles)
    if kind == "s":
        styles = (
            f"intervention du {_format_date(rng, year, month, day)}",
            f"réalisé en {MONTHS[month - 1]} {year}",
            f"{MONTHS[month - 1]} {year}",
            f"prestation de {MONTHS[month - 1]} {year}",
            f"le {_format_date(rng, year, month, day)}",
            f"du {_format_date(rng, year, month, day)}",
            f"sem. {rng.randint(1, 52)}",
            f"période {month:02d}/{year}",
        )
        return rng.choice(styles)
    granularity = rng.choice(granularities)
    if granularity == "m":
        return _month_period(rng, year, month)
    if granularity == "q":
        return _quarter_period(rng, year, (month - 1) // 3 + 1)
    if granularity == "s":
        return _semester_period(rng, year, 1 if month <= 6 else 2)
    return _year_period(rng, year)


def _digits(rng: random.Random, count: int) -> str:
    return f"{rng.randrange(10 ** count):0{count}d}"


def _letters(rng: random.Random, count: int) -> str:
    return "".join(rng.choice(_LETTERS) for _ in range(count))


def _code(rng: random.Random, count: int) -> str:
    text = "".join(rng.choice(_ALNUM) for _ in range(count - 1))
    return text + rng.choice("0123456789")


def reference(rng: random.Random, kind: str, vendor_key: str | None = None) -> str:
    """Render a reference of the given kind (invoice number, contract...).

    Parameters
    ----------
    rng : random.Random
        Generator state.
    kind : str
        One of :data:`REFERENCE_KINDS`.
    vendor_key : str or None
        Vendor of the line; Amazon and UPS get their own number formats.

    Returns
    -------
    str
        For example ``"Facture n° FA2024-01234"`` or ``"PDL 12345678901234"``.
    """
    d, a = _digits, _letters
    year = rng.choice(("2023", "2024", "2025"))
    if vendor_key == "amazon" and kind in ("order", "generic") and rng.random() < 0.7:
        return rng.choice(("Commande {}", "Cde {}", "N° commande {}")).format(f"{d(rng, 3)}-{d(rng, 7)}-{d(rng, 7)}")
    if vendor_key == "ups" and kind == "tracking" and rng.random() < 0.7:
        return "1Z" + "".join(rng.choice(_ALNUM) for _ in range(15)) + d(rng, 1)
    options: dict[str, Callable[[], tuple[str, ...]]] = {
        "invoice": lambda: (f"Facture n° FA{year}-{d(rng, 5)}", f"Fact. {d(rng, 6)}", f"Fact n°{d(rng, 7)}", f"Facture {year}{d(rng, 4)}", f"FAC-{d(rng, 6)}", f"F{year}{d(rng, 2)}-{d(rng, 4)}", f"N° facture {d(rng, 8)}"),
        "order": lambda: (f"Cde {d(rng, 6)}", f"Commande n° {d(rng, 7)}", f"BC {year}-{d(rng, 4)}", f"Réf. cde {d(rng, 5)}", f"PO {d(rng, 6)}", f"Bon de commande {d(rng, 5)}", f"N/Cde {d(rng, 5)}"),
        "bl": lambda: (f"BL {d(rng, 6)}", f"BL n° {d(rng, 7)}", f"Bon de livraison {d(rng, 6)}", f"selon BL {d(rng, 6)}"),
        "generic": lambda: (f"Réf. {a(rng, 2)}{d(rng, 4)}", f"REF {d(rng, 5)}", f"Réf : {d(rng, 3)}-{d(rng, 2)}", f"N° {d(rng, 6)}", f"Dossier {d(rng, 4)}", f"réf {a(rng, 3)}-{d(rng, 3)}"),
        "sku": lambda: (f"Réf. {a(rng, 2)}{d(rng, 5)}", f"{a(rng, 3)}-{d(rng, 4)}", f"Art. {d(rng, 6)}", f"Code {d(rng, 5)}", f"SKU {_code(rng, 8)}", f"EAN {d(rng, 13)}", f"réf. {d(rng, 7)}"),
        "contract": lambda: (f"Contrat n° {d(rng, 8)}", f"Contrat {a(rng, 2)}-{year}-{d(rng, 4)}", f"N° contrat {d(rng, 7)}", f"Ctr {d(rng, 6)}", f"contrat {a(rng, 1)}{d(rng, 7)}"),
        "client": lambda: (f"N° client {d(rng, 9)}", f"Client {d(rng, 7)}", f"Compte client {d(rng, 10)}", f"Réf. client {a(rng, 2)}{d(rng, 6)}", f"N° de compte {d(rng, 9)}"),
        "phone": lambda: (f"Ligne 06 {d(rng, 2)} {d(rng, 2)} {d(rng, 2)} {d(rng, 2)}", f"Ligne 01 {d(rng, 2)} {d(rng, 2)} {d(rng, 2)} {d(rng, 2)}", f"N° 07{d(rng, 8)}", f"ligne 04{d(rng, 8)}", f"N° d'appel 09 {d(rng, 2)} {d(rng, 2)} {d(rng, 2)} {d(rng, 2)}"),
        "pdl": lambda: (f"PDL {d(rng, 14)}", f"PRM {d(rng, 14)}", f"PCE GI{d(rng, 6)}", f"N° compteur {d(rng, 8)}", f"Point de livraison {d(rng, 14)}", f"Réf. site {d(rng, 9)}"),
        "policy": lambda: (f"Police n° {d(rng, 9)}", f"Contrat {a(rng, 2)}{d(rng, 7)}", f"Sociétaire {d(rng, 7)}", f"N° adhérent {d(rng, 8)}", f"police {d(rng, 4)} {d(rng, 4)} {d(rng, 3)}"),
        "account": lambda: (f"Compte FR76 **** {d(rng, 4)}", f"Compte n° {d(rng, 11)}", f"Carte **** {d(rng, 4)}", f"CB XXXX {d(rng, 4)}", f"compte {d(rng, 5)} {d(rng, 6)}"),
        "pnr": lambda: (f"PNR {_code(rng, 6)}", f"Dossier {_code(rng, 6)}", f"Réservation n° {d(rng, 10)}", f"Billet {d(rng, 3)}-{d(rng, 10)}", f"Confirmation {d(rng, 9)}", f"Réf. {_code(rng, 6)}"),
        "tracking": lambda: (f"N° suivi {a(rng, 2)}{d(rng, 9)}FR", f"LV {d(rng, 10)}", f"Expédition {d(rng, 10)}", f"Récépissé {d(rng, 7)}", f"suivi {d(rng, 12)}"),
        "lv": lambda: (f"Lettre de voiture {d(rng, 8)}", f"CMR {d(rng, 6)}", f"Récépissé {d(rng, 6)}", f"N° d'envoi {d(rng, 9)}"),
        "plate": lambda: (f"Immat. {a(rng, 2)}-{d(rng, 3)}-{a(rng, 2)}", f"{a(rng, 2)}-{d(rng, 3)}-{a(rng, 2)}", f"Véhicule {a(rng, 2)}-{d(rng, 3)}-{a(rng, 2)}", f"véh. {a(rng, 2)}{d(rng, 3)}{a(rng, 2)}"),
        "serial": lambda: (f"N° série {a(rng, 3)}{d(rng, 7)}", f"S/N {a(rng, 2)}{d(rng, 8)}", f"SN: {_code(rng, 10)}", f"n° de série {_code(rng, 12)}"),
        "lot": lambda: (f"Lot {d(rng, 3)}", f"Lot n° {d(rng, 2)}", f"Bail n° {d(rng, 4)}", f"Lots {d(rng, 2)}/{d(rng, 2)}", f"Réf. bail {a(rng, 2)}{d(rng, 4)}"),
        "member": lambda: (f"Adhérent n° {d(rng, 5)}", f"N° membre {d(rng, 6)}", f"Membre {d(rng, 4)}", f"N° adhésion {d(rng, 7)}"),
        "subscription": lambda: (f"Abonnement {_code(rng, 8)}", f"ID abonnement {_code(rng, 12)}", f"Sub {_code(rng, 10)}", f"Invoice {a(rng, 2)}-{d(rng, 6)}", f"Compte {d(rng, 8)}", f"Tenant {_code(rng, 8)}"),
        "campaign": lambda: (f"Campagne {d(rng, 7)}", f"Compte Ads {d(rng, 3)}-{d(rng, 3)}-{d(rng, 4)}", f"ID campagne {d(rng, 10)}", f"Compte publicitaire {d(rng, 15)}"),
        "dossier": lambda: (f"Dossier {d(rng, 4)}", f"Affaire {year}/{d(rng, 3)}", f"Réf. dossier {a(rng, 2)}{d(rng, 4)}", f"N/Réf {d(rng, 5)}", f"Dossier n°{d(rng, 3)}-{year}"),
        "table": lambda: (f"Table {rng.randint(1, 40)}", f"Ticket {d(rng, 5)}", f"Note n° {d(rng, 4)}", f"Addition {d(rng, 6)}"),
    }
    return rng.choice(options[kind]())
