"""Number-with-unit spans in a sentence: the raw material every quantity answer comes from.

A span keeps what a reader needs to trust it: the value with its scale folded in
(约650万余元 → 6500000 元), whether it is approximate, and where it sits in the text so
its clause and neighbouring words can be judged. Years, dates such as 3·15 and
ordinals (第二次) are not quantities and never become spans.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from qa.chinese_numerals import plain_chinese_integer
from qa.units import unit_at

_DIGITS = "零〇一二两三四五六七八九十"
_NUMBER = re.compile(
    r"(?P<prefix>大约|约为|约有|约|将近|接近|近|超过|超|逾|不足|不到)?"
    r"(?P<number>\d+(?:,\d{3})*(?:\.\d+)?"
    rf"|[{_DIGITS}][{_DIGITS}百千]*)"
    r"(?P<more1>余|多|来)?"
    r"(?P<scale>万亿|亿|万|千(?![米克瓦])|百(?![分万亿]))?"
    r"(?P<more2>余|多)?"
)
_POST = re.compile(r"左右|以上|上下|以下|以内")
# 3·15, 4月28日, 2009年4月: calendar text whose digits are no quantity.
_DATE = re.compile(r"\d{1,2}\s*[·•・]\s*\d{1,2}(?!\d)|\d{1,2}月\d{1,2}[日号]?|\d{1,4}年\d{1,2}月")
_SCALES = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4,
           "千": Decimal(1000), "百": Decimal(100), None: Decimal(1)}
_APPROX_PREFIX = frozenset({"大约", "约为", "约有", "约", "将近", "接近", "近", "超过", "超", "逾",
                            "不足", "不到"})


@dataclass(frozen=True)
class NumberSpan:
    """One quantity in a sentence; ``start``/``end`` cover prefix to trailing modifier."""

    value: float
    unit: str
    raw: str
    start: int
    end: int
    number_start: int
    approximate: bool
    bound: str | None  # 左右, 以上 … as written after the unit


def find_numbers(text: str, extra_units: tuple[str, ...] = ()) -> list[NumberSpan]:
    """Every number followed by a unit in ``text``; ``extra_units`` are units a question named."""
    dates = [m.span() for m in _DATE.finditer(text)]
    spans = []
    for match in _NUMBER.finditer(text):
        span = _span(text, match, extra_units)
        if span is None or _inside(span.number_start, dates):
            continue
        spans.append(_as_range(text, span))
    return [s for s in spans if not any(o is not s and o.start <= s.start < s.end <= o.end
                                        for o in spans)]


def _as_range(text: str, span: NumberSpan) -> NumberSpan:
    """6%-6.5% or 70至80分钟 is one approximate figure whose value is its lower bound."""
    tail = re.compile(rf"(\d+(?:\.\d+)?)(万亿|亿|万)?(?:{re.escape(span.unit)})?\s*[-—–~至到]\s*$")
    lower = tail.search(text, 0, span.start)
    upper = re.match(r"\d+(?:\.\d+)?", text[span.number_start:])
    if lower is None or upper is None or not float(upper.group()):
        return span
    base = Decimal(lower.group(1))
    if lower.group(2):
        value = base * _SCALES[lower.group(2)]
    else:  # the lower bound shares the upper bound's scale (1.2-1.5万人)
        value = base * Decimal(str(span.value)) / Decimal(upper.group())
    return NumberSpan(
        value=float(value), unit=span.unit, raw=text[lower.start():span.end], start=lower.start(),
        end=span.end, number_start=lower.start(), approximate=True, bound=span.bound,
    )


def _span(text: str, match: re.Match[str], extra_units: tuple[str, ...]) -> NumberSpan | None:
    start, number_start = match.start(), match.start("number")
    if _continues_other(text, number_start):
        return None
    unit = unit_at(text, match.end(), extra_units)
    if unit is None:
        return None
    number = match.group("number")
    if _is_year(number, unit) and unit not in extra_units:
        return None
    base = _to_decimal(number)
    if base is None:
        return None
    end = match.end() + len(unit)
    post = _POST.match(text, end)
    if post:
        end = post.end()
    value = base * _SCALES[match.group("scale")]
    approximate = bool(
        match.group("prefix") in _APPROX_PREFIX
        or match.group("more1") or match.group("more2")
        or (post and post.group() in ("左右", "上下", "以上"))
    )
    return NumberSpan(
        value=float(value), unit=unit, raw=text[start:end], start=start, end=end,
        number_start=number_start, approximate=approximate,
        bound=post.group() if post else None,
    )


def _continues_other(text: str, position: int) -> bool:
    """True for ordinals (第二次) and for the tail of a number the pattern split (1,2 or 3.5)."""
    before = text[position - 1] if position > 0 else ""
    if before == "第" or before.isdigit():
        return True
    return before in ".," and position > 1 and text[position - 2].isdigit()


def _is_year(number: str, unit: str) -> bool:
    """2017年 names a year, while 6000年 (前) is a count: only calendar-like values are years."""
    return unit == "年" and number.isdigit() and len(number) == 4 and 1000 <= int(number) <= 2100


def _to_decimal(number: str) -> Decimal | None:
    if number[0].isdigit():
        try:
            return Decimal(number.replace(",", ""))
        except InvalidOperation:
            return None
    plain = plain_chinese_integer(number)
    if plain is not None:
        return Decimal(plain)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # Imported for odd numerals only: cn2an takes longer to set up than most
            # questions take to answer.
            import cn2an

            return Decimal(str(cn2an.cn2an(number, "smart")))
    except (ValueError, KeyError):
        return None


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def years_in(text: str) -> list[tuple[int, int]]:
    """(position, year) for every explicit 4-digit year in ``text`` (2017年, 2017—2022年)."""
    return [(m.start(), int(m.group(1))) for m in _YEAR.finditer(text)]


_YEAR = re.compile(r"(?<!\d)((?:1[89]|20)\d{2})(?=年|\s*[-—–~至到]\s*(?:1[89]|20)\d{2}年)")
