"""Numbers written for French readers on the executed pages: decimal comma, narrow no-break spaces.

``glue`` and pandas write ``63.3%`` and ``5292``; the pages want ``63,3 %`` and ``5 292``.
"""

from __future__ import annotations

import math

NARROW_NBSP = "\u202f"
"""Thousands separator and space before ``%`` in French typography."""


def french_number(value: float, decimals: int = 1) -> str:
    """``value`` with ``decimals`` decimals, a decimal comma and narrow no-break spaces between thousands.

    Examples
    --------
    >>> french_number(5292, 0) == "5\\u202f292"
    True
    >>> french_number(-0.456, 2)
    '-0,46'
    >>> french_number(float("nan"))
    '—'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NARROW_NBSP).replace(".", ",")


def french_percent(share: float, decimals: int = 1, sign: bool = False) -> str:
    """A share (0.633) as a French percentage (``63,3 %``); ``sign`` writes ``+`` before a positive one.

    Examples
    --------
    >>> french_percent(0.633) == "63,3\\u202f%"
    True
    >>> french_percent(0.052, sign=True).startswith("+5,2")
    True
    """
    text = french_number(100 * share, decimals)
    if sign and share > 0:
        text = "+" + text
    return text + NARROW_NBSP + "%"


def french_points(difference: float, decimals: int = 1) -> str:
    """A difference of two shares in percentage points, signed: ``+10,8 points``.

    Examples
    --------
    >>> french_points(0.108)
    '+10,8 points'
    >>> french_points(-0.02)
    '-2,0 points'
    """
    text = french_number(100 * difference, decimals)
    return ("+" if difference > 0 else "") + text + " points"


def mean_and_spread(mean: float, deviation: float, decimals: int = 1, percent: bool = True) -> str:
    """``mean ± deviation`` in French format, in percent of shares by default: ``63,3 ± 2,1``.

    Examples
    --------
    >>> mean_and_spread(0.6333, 0.0212)
    '63,3 ± 2,1'
    >>> mean_and_spread(1.52, 0.1, decimals=2, percent=False)
    '1,52 ± 0,10'
    """
    scale = 100 if percent else 1
    return f"{french_number(scale * mean, decimals)} ± {french_number(scale * deviation, decimals)}"
