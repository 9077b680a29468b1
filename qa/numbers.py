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
from qa.units import SPELLINGS, unit_at

_DIGITS = "零〇一二两三四五六七八九十"
# Traditional numerals as the 1954 report writes them (二萬一千七百公里); folded before parsing.
_TRADITIONAL_NUMERALS = str.maketrans({"萬": "万", "億": "亿", "兩": "两", "仟": "千", "佰": "百",
                                       "拾": "十", "壹": "一", "贰": "二", "貳": "二", "叁": "三",
                                       "參": "三", "肆": "四", "伍": "五", "陆": "六", "陸": "六",
                                       "柒": "七", "捌": "八", "玖": "九"})
_CN_DIGITS = _DIGITS + "萬億兩"
# A Chinese numeral carries its own 万 and 亿 (四百二十七亿四千万元, 一千一百零八万吨): the whole
# run is one number, read as a whole, never as 四百二十七亿 and a stray 四千万.
_CN_NUMBER = rf"[{_CN_DIGITS}][{_CN_DIGITS}百千万亿]*(?:点[{_CN_DIGITS}]+)?"
# 19·5％: the 1999 report writes a middle dot as the decimal point.
_DECIMAL = r"(?:[.·•・]\d+)?"
_NUMBER = re.compile(
    r"(?P<prefix>大约|约为|约有|约|将近|接近|近|超过|超|逾|突破|不足|不到|百分之)?"
    rf"(?P<number>\d+(?:,\d{{3}})*{_DECIMAL}"
    rf"|{_CN_NUMBER})"
    r"(?P<more1>余|多|来)?"
    r"(?P<scale>万亿|亿|万|千(?![米克瓦])|百(?![分万亿]))?"
    r"(?P<more2>余|多)?"
)
_POST = re.compile(r"左右|以上|上下|以下|以内")
# 3·15, 4月28日, 2009年4月: calendar text whose digits are no quantity. A dotted pair
# followed by a scale or % (19·5％, 3·2万) is a decimal, not a date.
_DATE = re.compile(
    r"\d{1,2}\s*[·•・]\s*\d{1,2}(?![\d%万亿])|\d{1,2}月\d{1,2}[日号]?|\d{1,4}年\d{1,2}月"
)
# ½ and ⅓ reach us as 1⁄2 and 1⁄3 (NFKC, with the fraction slash): neither digit is a
# quantity of its own; 增加½平方米 must never answer "2平方米".
_FRACTION = re.compile(r"\d+\s*⁄\s*\d+")
_SCALES = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4,
           "千": Decimal(1000), "百": Decimal(100), None: Decimal(1)}
_APPROX_PREFIX = frozenset({"大约", "约为", "约有", "约", "将近", "接近", "近", "超过", "超", "逾",
                            "突破", "不足", "不到"})


@dataclass(frozen=True)
class NumberSpan:
    """One quantity in a sentence; ``start``/``end`` cover prefix to trailing modifier.
    ``unit`` is "" for a scaled number written without one (减少6800多万)."""

    value: float
    unit: str
    raw: str
    start: int
    end: int
    number_start: int
    approximate: bool
    bound: str | None  # 左右, 以上 … as written after the unit


def find_numbers(text: str, extra_units: tuple[str, ...] = ()) -> list[NumberSpan]:
    """Every number followed by a unit in ``text`` (or scaled and ending its clause);
    ``extra_units`` are units a question named."""
    dates = [m.span() for m in _DATE.finditer(text)] + [
        m.span() for m in _FRACTION.finditer(text)]
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
    number = match.group("number")
    if match.group("prefix") == "百分之":  # 百分之十五点三 is 15.3%
        unit: str | None = "%"
        end = match.end()
    else:
        unit = unit_at(text, match.end(), extra_units)
        if unit is None and _bare_scaled(text, match):
            unit = ""  # 贫困人口减少6800多万，: the counted noun stands before it
        end = match.end() + len(unit or "")
    if unit is None:
        return None
    unit = SPELLINGS.get(unit, unit)
    if _is_year(number, unit) and unit not in extra_units:
        return None
    base = _to_decimal(number)
    if base is None:
        return None
    post = _POST.match(text, end)
    if post:
        end = post.end()
    value = base * _SCALES[match.group("scale")]
    approximate = bool(
        (match.group("prefix") or "") in _APPROX_PREFIX
        or match.group("more1") or match.group("more2")
        or (post and post.group() in ("左右", "上下", "以上"))
    )
    return NumberSpan(
        value=float(value), unit=unit, raw=text[start:end], start=start, end=end,
        number_start=number_start, approximate=approximate,
        bound=post.group() if post else None,
    )


_CLAUSE_PUNCTUATION = re.compile(r"[,，。;；、!！?？)）]|$")


def _bare_scaled(text: str, match: re.Match[str]) -> bool:
    """A number with 万 or 亿 that ends its clause has left its unit unwritten; the caller
    decides from the noun before it whether a unit is implied (``unit`` is then "")."""
    scaled = match.group("scale") in ("万", "亿", "万亿") or (
        not match.group("number")[0].isdigit() and match.group("number")[-1] in "万亿")
    return scaled and bool(_CLAUSE_PUNCTUATION.match(text, match.end()))


def _continues_other(text: str, position: int) -> bool:
    """True for ordinals (第二次), for the tail of a number the pattern split (1,2 or 3.5),
    and for a particle size in a pollutant's name (PM2.5年均浓度, PM_2.5: not 2.5年)."""
    before = text[position - 1] if position > 0 else ""
    if before == "第" or before.isdigit() or text[max(0, position - 3):position].upper() in (
            "PM_", "MPM") or text[max(0, position - 2):position].upper() == "PM":
        return True
    return before in ".," and position > 1 and text[position - 2].isdigit()


def _is_year(number: str, unit: str) -> bool:
    """2017年 and 一九五五年 name years, while 6000年 (前) is a count: only calendar-like
    values are years."""
    if unit != "年":
        return False
    if _CN_YEAR_DIGITS.fullmatch(number):
        return True
    return number.isdigit() and len(number) == 4 and 1000 <= int(number) <= 2100


def _to_decimal(number: str) -> Decimal | None:
    if number[0].isdigit():
        try:
            return Decimal(re.sub("[·•・]", ".", number.replace(",", "")))
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

            return Decimal(str(cn2an.cn2an(number.translate(_TRADITIONAL_NUMERALS), "smart")))
    except (ValueError, KeyError):
        return None


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def years_in(text: str) -> list[tuple[int, int]]:
    """(position, year) for every explicit year in ``text``: 2017年, 2017—2022年, and years
    written digit by digit in Chinese numerals (一九五五年, 二〇一七年)."""
    found = [(m.start(), int(m.group(1))) for m in _YEAR.finditer(text)]
    found += [(m.start(), int(m.group(1).translate(_CN_YEAR_MAP)))
              for m in _CN_YEAR.finditer(text)]
    return sorted(found)


_YEAR = re.compile(r"(?<!\d)((?:1[89]|20)\d{2})(?=年|\s*[-—–~至到]\s*(?:1[89]|20)\d{2}年)")
_CN_YEAR_DIGITS = re.compile("[一二][〇零O○一二三四五六七八九]{3}")
_CN_YEAR = re.compile(
    r"(?<![〇零一二三四五六七八九十百千万])([一二][〇零O○一二三四五六七八九]{3})(?=年)"
)
_CN_YEAR_MAP = str.maketrans("〇零O○一二三四五六七八九", "0000123456789")
