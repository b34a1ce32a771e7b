"""Class-frequency profiles: how many lines each account gets in a corpus variant.

The shipped corpus comes in two variants:

* ``balanced`` (the default, in ``compta_finetune/data/``): every account gets
  :data:`~compta_corpus.generator.LINES_PER_ACCOUNT` lines, so that every account is
  learned and measured on the same footing;
* ``skewed`` (in ``compta_finetune/data/skewed/``): accounts get lines in proportion to how
  often a small French business books them, as in a real purchase ledger, where a few
  accounts hold most of the lines.

The skewed profile
------------------
Nobody publishes the account frequencies of real ledgers, so the profile is reasoned, not
measured. It has two parts:

1. **A ranking** (:data:`SKEWED_RANKING`), from the account a small service business books
   most often to the one it books least, counting *invoice lines per year*: expense receipts
   (train, hotel, taxi, toll, parking, meal: 6251) come in by the hundreds; fuel fills and
   energy bills (6061), bank fees and card commissions (627, several lines per monthly
   statement) and telephone and internet bills (626) every week or month; office supplies,
   receptions, small equipment and goods (6064, 6257, 6063, 607) several times a month;
   carriers, software subscriptions, repairs, advertising (624, 651, 615, 623) about monthly;
   rent and equipment leases (6132, 6135) exactly monthly; raw materials (601) seldom in a
   service business; fees of the accountant or lawyer (6226) quarterly; insurance premiums
   (616) a few times a year; books and subscriptions (6181) rarely; computers (2183) a few
   a year; professional dues (6281) once a year; furniture (2184) almost never.
2. **A law** for the counts along that ranking: Zipf's law with exponent 1, the account of
   rank *r* gets ``round(largest / r)`` lines. It is the usual first model of skewed
   frequencies (words in a text, Pareto's few large and many small); with 21 accounts, it
   gives the most frequent account 21 times the lines of the rarest, and the five most
   frequent accounts over half of all lines.

Both parts are assumptions, stated here and on the corpus page; a firm's own ledger (see
the « vos factures » guide) is the only real measure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

SKEWED_RANKING: tuple[str, ...] = (
    "6251",  # travel and expense receipts
    "6061",  # fuel, energy, water
    "627",  # bank fees and card commissions
    "626",  # telephone, internet, postage
    "6064",  # office supplies
    "6257",  # receptions
    "6063",  # small equipment and cleaning products
    "607",  # goods for resale
    "624",  # transport of goods
    "651",  # software subscriptions and licences
    "615",  # maintenance and repairs
    "623",  # advertising
    "6132",  # rent
    "6135",  # equipment leases
    "601",  # raw materials
    "6226",  # fees
    "616",  # insurance premiums
    "6181",  # documentation
    "2183",  # computers and office equipment
    "6281",  # professional dues
    "2184",  # furniture
)
"""Accounts from the most to the least often booked by a small service business (see the module docstring)."""

SKEWED_LARGEST: int = 1050
"""Lines of the most frequent account in the skewed variant (the rarest gets 1050 / 21 = 50)."""

ZIPF_EXPONENT: float = 1.0
"""Exponent of the Zipf law of the skewed variant."""


def zipf_profile(ranking: Sequence[str], largest: int, exponent: float = 1.0) -> dict[str, int]:
    """Lines per account along ``ranking``: the account of rank *r* (from 1) gets ``round(largest / r ** exponent)``.

    Parameters
    ----------
    ranking : sequence of str
        Account codes, from the most to the least frequent.
    largest : int
        Lines of the first account.
    exponent : float, default 1
        Exponent of the law; 0 gives a balanced corpus.

    Examples
    --------
    >>> zipf_profile(["6251", "627", "2184"], largest=300)
    {'6251': 300, '627': 150, '2184': 100}
    """
    return {code: round(largest / rank**exponent) for rank, code in enumerate(ranking, start=1)}


SKEWED_PROFILE: dict[str, int] = zipf_profile(SKEWED_RANKING, SKEWED_LARGEST, ZIPF_EXPONENT)
"""Lines per account of the skewed variant, before the 70/15/15 split."""


def imbalance_ratio(profile: Mapping[str, int]) -> float:
    """Lines of the most frequent account over lines of the rarest.

    Examples
    --------
    >>> imbalance_ratio(SKEWED_PROFILE)
    21.0
    """
    return max(profile.values()) / min(profile.values())
