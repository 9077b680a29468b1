"""How much of a publication date is actually known, and how to show just that.

Page extractors always return a whole date: a page that only says "2018年12月" comes
back as 2018-12-01, or as 2018-01-01 when only the year was found. Citing those as
dates invents a day (and sometimes a month). So each date carries a precision — day,
month or year — decided from what the page's text confirms, and is shown to that
precision only.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year"]
DAY: Precision = "day"
MONTH: Precision = "month"
YEAR: Precision = "year"


def _mentions_day(text: str, when: date) -> bool:
    y, m, d = when.year, when.month, when.day
    patterns = [rf"{y}\s*年\s*0?{m}\s*月\s*0?{d}\s*日",
                rf"{y}[-/.]0?{m}[-/.]0?{d}(?!\d)"]
    return any(re.search(pattern, text) for pattern in patterns)


def _mentions_month(text: str, when: date) -> bool:
    y, m = when.year, when.month
    return bool(re.search(rf"{y}\s*年\s*0?{m}\s*月|{y}[-/.]0?{m}(?!\d)", text))


def precision_of(when: date, text: str) -> Precision:
    """The precision an extracted ``when`` deserves, given the page's text.

    A day the text names is a day. Otherwise the first of a month is what extractors
    fill in for "month only", and 1 January for "year only": those are trusted only as
    far as the text confirms them. Any other day was not filled in, so it is kept."""
    if _mentions_day(text, when):
        return DAY
    if when.day != 1:
        return DAY
    if when.month != 1 or _mentions_month(text, when):
        return MONTH
    return YEAR


def shown(when: date, precision: str | None) -> str:
    """``2018-12-05``, ``2018-12`` or ``2018``; rows stored before precisions were kept
    (None) were whole dates parsed from the text."""
    if precision == YEAR:
        return f"{when.year:04d}"
    if precision == MONTH:
        return f"{when.year:04d}-{when.month:02d}"
    return when.isoformat()


def written(when: date, precision: str | None) -> str:
    """The date as a Chinese reader writes it, to its precision: ``2024年3月5日``,
    ``2018年12月`` or ``2018年``."""
    if precision == YEAR:
        return f"{when.year}年"
    if precision == MONTH:
        return f"{when.year}年{when.month}月"
    return f"{when.year}年{when.month}月{when.day}日"
