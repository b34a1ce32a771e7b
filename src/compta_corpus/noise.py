"""Surface noise seen on real invoice lines.

Accounting exports and OCR'd invoices abbreviate words (``ABT``, ``FORF.``,
``PREST.``), drop accents, print everything in capitals, truncate long labels
and contain ordinary typos. These helpers reproduce that noise.
"""

from __future__ import annotations

import random
import re
import unicodedata

__all__ = ["abbreviate", "strip_accents", "add_typo", "change_case", "truncate"]

# (pattern, abbreviations). Abbreviations written in capitals keep their case.
_ABBREVIATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("abonnement", ("abt", "abonnt", "abo", "ABT")),
    ("forfait", ("forf.", "FORF.", "fft")),
    ("prestations?", ("prest.", "PREST.", "presta")),
    ("maintenance", ("maint.", "MAINT.", "mtce")),
    ("location", ("loc.", "LOC.")),
    ("honoraires", ("hon.", "honos", "HON.")),
    ("cotisations?", ("cotis.", "COTIS.", "cot.")),
    ("assurance", ("ass.", "assur.")),
    ("fournitures?", ("fourn.", "fournit.", "FOURN.")),
    ("mensuel(?:le)?s?", ("mens.",)),
    ("annuel(?:le)?", ("ann.",)),
    ("intervention", ("interv.", "interv")),
    ("déplacements?", ("dépl.", "depl.", "déplact")),
    ("commande", ("cde", "cmde", "CDE")),
    ("référence", ("réf.", "ref.")),
    ("quantité", ("qté", "QTE")),
    ("contrat", ("ctrt", "ctr.")),
    ("transport", ("transp.", "trsp")),
    ("livraison", ("livr.", "lvr")),
    ("électricité", ("élec.", "elec", "élec")),
    ("téléphone", ("tél.", "tel")),
    ("communications?", ("comm.", "com.")),
    ("consommation", ("conso", "consom.")),
    ("professionnel(?:le)?", ("pro", "prof.")),
    ("trimestre", ("trim.",)),
    ("trimestriel(?:le)?", ("trim.",)),
    ("mobilier", ("mob.",)),
    ("matériel", ("mat.", "matl")),
    ("entretien", ("entr.", "ent.")),
    ("réparation", ("répar.", "rép.")),
    ("nettoyage", ("nettoy.", "nett.")),
    ("boîtes?", ("bte", "btes")),
    ("paquets?", ("pqt", "paq.")),
    ("cartons?", ("ctn", "crt")),
    ("rouleaux", ("rlx",)),
    ("ramettes?", ("ram.", "rmt")),
    ("ordinateur", ("ordi", "ordin.")),
    ("imprimante", ("imp.", "imprim.")),
    ("enveloppes?", ("env.", "envel.")),
    ("indemnités", ("indem.", "ind.")),
    ("kilométriques", ("km", "kilom.")),
    ("personnes", ("pers.",)),
    ("véhicule", ("véh.", "vhl")),
    ("utilitaire", ("util.", "VU")),
    ("carburant", ("carb.", "carbu")),
    ("gazole", ("GO", "gasoil")),
    ("service", ("serv.", "svc")),
    ("frais", ("frs",)),
    ("licences?", ("lic.", "lics")),
    ("utilisateurs?", ("users", "util.")),
    ("mise à jour", ("MAJ", "màj")),
    ("petit-déjeuner", ("PDJ", "pt-déj", "petit déj")),
    ("déjeuner", ("déj.", "dej")),
    ("aller-retour", ("AR", "A/R")),
    ("expédition", ("exp.", "expé")),
    ("marchandises", ("mses", "marchand.", "mdises")),
    ("matières premières", ("MP", "mat. prem.")),
    ("semaine", ("sem.",)),
    ("installation", ("install.", "instal.")),
    ("équipement", ("équip.", "equipt")),
    ("informatique", ("info.", "inform.")),
    ("assurances", ("assur.",)),
    ("remplacement", ("rempl.", "remplact")),
    ("numérique", ("num.", "numériq.")),
    ("réception", ("récep.",)),
)
_ABBREVIATION_PATTERNS = tuple(
    (re.compile(rf"(?<![\w-]){pattern}(?![\w])", re.IGNORECASE), choices)
    for pattern, choices in _ABBREVIATIONS
)


def _match_case(original: str, replacement: str) -> str:
    if any(ch.isupper() for ch in replacement):
        return replacement
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def abbreviate(rng: random.Random, text: str, probability: float = 0.6) -> str:
    """Abbreviate common invoice words the way accounting exports do.

    Parameters
    ----------
    rng : random.Random
        Generator state.
    text : str
        Item phrase.
    probability : float, default 0.6
        Probability of abbreviating each matched word.

    Returns
    -------
    str
        The phrase with some words abbreviated (``abonnement`` -> ``ABT``).
    """
    for pattern, choices in _ABBREVIATION_PATTERNS:
        if not pattern.search(text):
            continue

        def replace(match: re.Match[str]) -> str:
            if rng.random() >= probability:
                return match.group(0)
            return _match_case(match.group(0), rng.choice(choices))

        text = pattern.sub(replace, text)
    return text


def strip_accents(text: str) -> str:
    """Remove accents, as many accounting exports do.

    Parameters
    ----------
    text : str
        Text to transform.

    Returns
    -------
    str
        The text without combining marks (``é`` -> ``e``, ``²`` -> ``2``).
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


_WORD = re.compile(r"[^\W\d_]{4,}")
_ACCENTED = {"é": "e", "è": "e", "ê": "e", "à": "a", "ç": "c", "ô": "o", "î": "i", "û": "u", "É": "E"}


def add_typo(rng: random.Random, text: str) -> str:
    """Add one realistic typo: swapped, dropped or doubled letter, lost space or accent.

    Parameters
    ----------
    rng : random.Random
        Generator state.
    text : str
        Text to alter.

    Returns
    -------
    str
        The text with one typo (unchanged if it has no word long enough).
    """
    words = [match.span() for match in _WORD.finditer(text)]
    if not words:
        return text
    start, end = rng.choice(words)
    word = text[start:end]
    operation = rng.choice(("swap", "swap", "drop", "double", "space", "accent"))
    if operation == "accent" and any(ch in _ACCENTED for ch in word):
        new = "".join(_ACCENTED.get(ch, ch) for ch in word)
    elif operation == "space" and end < len(text) and text[end] == " " and end + 1 < len(text) and text[end + 1].isalpha():
        return text[:end] + text[end + 1:]
    elif operation == "drop":
        i = rng.randrange(1, len(word) - 1)
        new = word[:i] + word[i + 1:]
    elif operation == "double":
        i = rng.randrange(1, len(word))
        new = word[:i] + word[i] + word[i:]
    else:
        i = rng.randrange(1, len(word) - 1)
        new = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return text[:start] + new + text[end:]


def change_case(rng: random.Random, text: str) -> str:
    """Put a line in capitals (often without accents), lower case or keep it.

    Parameters
    ----------
    rng : random.Random
        Generator state.
    text : str
        Text to transform.

    Returns
    -------
    str
        The text, possibly in ALL CAPS or in lower case.
    """
    draw = rng.random()
    if draw < 0.14:
        upper = text.upper()
        return strip_accents(upper) if rng.random() < 0.6 else upper
    if draw < 0.18:
        return text.lower()
    if draw < 0.27:
        return strip_accents(text)
    return text


def truncate(rng: random.Random, text: str) -> str:
    """Cut a long line the way fixed-width accounting labels are cut.

    Parameters
    ----------
    rng : random.Random
        Generator state.
    text : str
        Text to cut.

    Returns
    -------
    str
        The first 30 to 45 characters of the text when it is longer than 50.
    """
    if len(text) <= 50:
        return text
    return text[: rng.randint(30, 45)].rstrip(" -/|,;:(")
