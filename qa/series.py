"""Series, differences and extremes: answers no single bulletin states, assembled per year.

"2013—2024年城镇新增就业分别是多少", "2017年比2016年城镇新增就业多了多少", "粮食产量哪一年
最高": each year's figure is found by asking the single question "Y年X是多少" (or "Y年X的目
标是多少" for targets) through the same analysis, year and status rules as any other
question, so a series point is never looser than a single answer. A year nobody states is
a gap, listed as missing and never filled in; a difference or an extreme is computed only
from found figures of one unit and one kind.

This module reads the question and assembles the answer; ``service.engine`` asks the
single questions in between.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from qa.chinese_numerals import plain_chinese_integer
from qa.types import Answer, FigureStatus, SeriesPoint

SeriesKind = Literal["series", "difference", "extreme"]

_YEAR = r"((?:1[89]|20)\d{2})"
# 2013—2024年, 2013年至2024年, 2013到2024年, 2013-2024年
_RANGE = re.compile(_YEAR + r"\s*年?\s*(?:[-—–~～至到]|-{2})\s*" + _YEAR + r"(?!\d)\s*年?")
# 近五年, 过去5年, 最近十年
_RECENT = re.compile(
    r"(?:近|过去|最近|前)\s*([两二三四五六七八九十]{1,3}|\d{1,2})\s*年(?:来|间|中|里)?")
_ALL_YEARS = re.compile(r"历年|各年|逐年|每一年")
# 2016年、2017年和2018年……分别是多少
_LISTED_YEAR = re.compile(_YEAR + r"\s*年")
_EACH = re.compile(r"分别|各是|各为|各有|每一年|逐年|历年|各年|趋势|走势|变化|序列|变动")
# A range with these asks for one multi-year figure (累计, 年均), not a series.
_ONE_FIGURE = re.compile(r"累计|合计|总共|一共|总计|共计|年均|平均|总和|加起来")
# 2017年比2016年城镇新增就业多了多少 / 2017年城镇新增就业比2016年增长了多少
_DIFFERENCE = re.compile(
    _YEAR + r"\s*年(?P<first>.*?)比\s*" + _YEAR + r"\s*年(?P<second>.*?)"
    r"(?P<verb>多|少|增加|增长|减少|下降|提高|降低|上升|高|低|增多|扩大|缩小)了?"
    r"(?:多少|几|百分之几|几成)"
)
# 2017年城镇新增就业是2016年的多少倍
_RATIO = re.compile(
    _YEAR + r"\s*年(?P<first>.*?)是\s*" + _YEAR + r"\s*年的?(?P<second>.*?)(?P<verb>多少倍|几倍)"
)
_EXTREME = re.compile(
    r"(?:哪一年|哪年|哪个年份|哪些年|什么年份|何年)(?:的)?\s*(?P<a>最高|最多|最大|最低|最少|最小)|"
    r"(?P<b>最高|最多|最大|最低|最少|最小)(?:的)?(?:是|在)?(?:哪一年|哪年|哪个年份|什么年份|何年)"
)
_HIGH = ("最高", "最多", "最大")
_BOTH = re.compile(r"目标(?:和|与|及|跟|同|、|以及|对比|比较)(?:实际|完成|实现)|"
                   r"(?:实际|完成|实现)(?:和|与|及|跟|同|、|以及)(?:目标|计划|预期)")
_PLANNED = re.compile(r"预期目标|目标|计划|预期")
# What remains of a question once its years and question words are gone is its subject.
_NOISE = re.compile(
    r"(?:的)?(?:预期目标|目标|计划数|实际数|实际完成|实际)(?:和|与|及|跟|同|、|以及|对比|比较)?"
    r"(?:实际完成|实际|完成|实现|目标|计划|预期)?(?:数|情况|值)?|"
    r"分别|各是|各为|各有|是多少|为多少|有多少|多少|是什么|怎样|如何|怎么样|"
    r"的?(?:变化|走势|趋势|序列|变动|情况|数据|数字)|"
    r"从|到|至|期间|以来|之间|每一年|历年|各年|逐年|请问|请|列出|给出|画出|看看|查询"
)
_EDGES = " ,，、。.;；:：?？!！的是了和与及呢吗年"
_PUNCT = re.compile(r"[?？!！。，,；;：:\s]+")
SERIES_NOTE_MISSING = "未找到"


@dataclass(frozen=True)
class SeriesRequest:
    """What to assemble: ``years`` ascending (empty with ``all_years``: every year the
    store has reports for); for a difference ``later`` minus ``earlier`` as asked."""

    kind: SeriesKind
    subject: str
    years: tuple[int, ...]
    statuses: tuple[FigureStatus, ...] = ("achieved",)
    all_years: bool = False
    highest: bool = True
    later: int | None = None
    earlier: int | None = None
    verb: str = ""

    def with_years(self, years: tuple[int, ...]) -> SeriesRequest:
        return SeriesRequest(self.kind, self.subject, years, self.statuses, False,
                             self.highest, self.later, self.earlier, self.verb)

    def questions(self) -> list[tuple[int, FigureStatus, str]]:
        """(year, status, the single question that finds that point)."""
        return [(year, status, single_question(year, self.subject, status))
                for year in self.years for status in self.statuses]


def single_question(year: int, subject: str, status: FigureStatus) -> str:
    """The single-figure question a series point answers: 2016年城镇新增就业是多少."""
    if status == "planned":
        return f"{year}年{subject}的目标是多少"
    return f"{year}年{subject}是多少"


def parse(text: str, today: date | None = None) -> SeriesRequest | None:
    """The series, difference or extreme a question asks for, or None for any other
    question (which the single-figure path answers as before)."""
    text = text.strip()
    difference = _difference(text)
    if difference is not None:
        return difference
    extreme = _EXTREME.search(text)
    years, all_years = _years(text, today)
    if extreme is not None:
        subject = subject_of(text[: extreme.start()] + text[extreme.end():])
        if not subject:
            return None
        word = extreme.group("a") or extreme.group("b")
        return SeriesRequest("extreme", subject, years, _statuses(text),
                             all_years=not years, highest=word in _HIGH)
    if not (years or all_years) or _ONE_FIGURE.search(text):
        return None
    if not (_EACH.search(text) or _BOTH.search(text) or all_years):
        return None
    if len(years) < 2 and not all_years:
        return None
    subject = subject_of(text)
    if not subject:
        return None
    return SeriesRequest("series", subject, years, _statuses(text), all_years=all_years)


def trend_request(text: str, today: date | None = None) -> SeriesRequest | None:
    """``/trend X``: X may name years (2013—2024年, 近五年) or only the subject, which then
    runs over every year the store has reports for."""
    parsed = parse(text, today)
    if parsed is not None and parsed.kind == "series":
        return parsed
    years, all_years = _years(text, today)
    subject = subject_of(text)
    if not subject:
        return None
    years = years if len(years) >= 2 else ()
    return SeriesRequest("series", subject, years, _statuses(text),
                         all_years=all_years or not years)


def _difference(text: str) -> SeriesRequest | None:
    """A difference (A年比B年多了多少) or a ratio (A年是B年的多少倍; verb 倍)."""
    match = _DIFFERENCE.search(text) or _RATIO.search(text)
    if match is None:
        return None
    later, earlier = int(match.group(1)), int(match.group(3))
    subject = subject_of(f"{match.group('first')}{match.group('second')}")
    if later == earlier or not subject:
        return None
    verb = "倍" if match.group("verb").endswith("倍") else match.group("verb")
    return SeriesRequest("difference", subject, tuple(sorted((later, earlier))),
                         _statuses(text), later=later, earlier=earlier, verb=verb)


def _years(text: str, today: date | None) -> tuple[tuple[int, ...], bool]:
    """(the years a question names, whether it asks for every year on record)."""
    found = _RANGE.search(text)
    if found:
        first, last = sorted((int(found.group(1)), int(found.group(2))))
        return tuple(range(first, last + 1)), False
    recent = _RECENT.search(text)
    if recent:
        count = _count(recent.group(1))
        if count and count >= 2:
            last = (today or date.today()).year - 1  # the last year a report can review
            return tuple(range(last - count + 1, last + 1)), False
    listed = sorted({int(m.group(1)) for m in _LISTED_YEAR.finditer(text)})
    if len(listed) >= 2:
        return tuple(listed), False
    return (), bool(_ALL_YEARS.search(text))


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return plain_chinese_integer(word.replace("两", "二"))


def _statuses(text: str) -> tuple[FigureStatus, ...]:
    """Achieved figures unless the question asks for targets, or for both side by side."""
    if _BOTH.search(text):
        return ("achieved", "planned")
    if _PLANNED.search(text):
        return ("planned",)
    return ("achieved",)


def subject_of(text: str) -> str:
    """What is counted: the question without its years, spans and question words."""
    text = _RANGE.sub(" ", text)
    text = _RECENT.sub(" ", text)
    text = _LISTED_YEAR.sub(" ", text)
    text = _NOISE.sub(" ", text)
    parts = [p.strip(_EDGES) for p in _PUNCT.split(text)]
    return "".join(p for p in parts if p).strip(_EDGES)


# -- assembling ----------------------------------------------------------------------


def assemble(request: SeriesRequest, question: str, points: list[SeriesPoint]) -> Answer:
    """The answer for ``request`` from one point per (year, status), found or not."""
    if request.kind == "difference":
        return _difference_answer(request, question, points)
    if request.kind == "extreme":
        return _extreme_answer(request, question, points)
    return _series_answer(request, question, points)


def found_points(points: list[SeriesPoint]) -> list[SeriesPoint]:
    return [p for p in points if p.found is not None]


def missing_years(points: list[SeriesPoint]) -> list[int]:
    """Years of ``points`` without a found figure (for one status, pass its points)."""
    return sorted({p.year for p in points} - {p.year for p in found_points(points)})


def main_unit(points: list[SeriesPoint]) -> str | None:
    """The unit most found points share: a series is drawn and compared in it only."""
    units = Counter(p.found.unit for p in points if p.found is not None and p.found.unit)
    return units.most_common(1)[0][0] if units else None


def year_ranges(years: list[int]) -> str:
    """2013—2018、2020—2024年: consecutive years folded into ranges."""
    if not years:
        return ""
    runs: list[list[int]] = [[years[0]]]
    for year in years[1:]:
        if year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return "、".join(f"{r[0]}—{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs) + "年"


def _summary_base(request: SeriesRequest, question: str, points: list[SeriesPoint],
                  **fields: object) -> Answer:
    fields.setdefault("abstained", not found_points(points))
    return Answer(question=question, kind=request.kind, series=tuple(points),
                  **fields)  # type: ignore[arg-type]


def _series_answer(request: SeriesRequest, question: str, points: list[SeriesPoint]) -> Answer:
    found = found_points(points)
    span = f"{request.years[0]}—{request.years[-1]}年" if request.years else ""
    labels = {"achieved": "实际", "planned": "目标"}
    counts = [f"{labels.get(status, '') if len(request.statuses) > 1 else ''}找到"
              f"{sum(1 for p in found if p.status == status)}年"
              for status in request.statuses]
    headline = f"{request.subject}（{span}）：{'，'.join(counts)}"
    return _summary_base(request, question, points, answer=headline if found else None,
                         figure=headline if found else None,
                         note=None if found else f"没有找到{request.subject}任何一年的数字")


def _extreme_answer(request: SeriesRequest, question: str, points: list[SeriesPoint]) -> Answer:
    unit = main_unit(points)
    usable = [p for p in found_points(points) if p.status == request.statuses[0]
              and p.found is not None and p.found.unit == unit and p.found.value is not None]
    if not usable:
        return _summary_base(request, question, points, answer=None,
                             note=f"没有找到{request.subject}任何一年的数字")
    pick = max if request.highest else min
    best_value = pick(p.found.value for p in usable if p.found and p.found.value is not None)
    best = [p for p in usable if p.found and p.found.value == best_value]
    word = "最高" if request.highest else "最低"
    first = best[0].found
    assert first is not None
    over = year_ranges(sorted({p.year for p in usable}))
    headline = (f"{'、'.join(f'{p.year}年' for p in best)}{word}：{first.figure}"
                f"（在{over}找到的数字中比较）")
    return _summary_base(request, question, points, answer=headline, figure=headline,
                         value=first.value, unit=first.unit, figure_year=best[0].year,
                         status=first.status, citation=first.citation,
                         sentence=first.sentence)


def _difference_answer(
    request: SeriesRequest, question: str, points: list[SeriesPoint]
) -> Answer:
    """Later minus earlier, in the figures' unit, with the change in percent (or later
    over earlier, for 多少倍); refused when a year is missing or the two are of different
    units or kinds."""
    word = "相比" if request.verb == "倍" else "相减"
    status = request.statuses[0]
    by_year = {p.year: p for p in points if p.status == status}
    ordered = [by_year[y] for y in (request.later, request.earlier) if y in by_year]
    missing = [p.year for p in ordered if p.found is None]
    if missing:
        return _summary_base(
            request, question, ordered, answer=None, abstained=True,
            note=f"{SERIES_NOTE_MISSING}{year_ranges(sorted(missing))}的{request.subject}，无法{word}")
    later, earlier = (p.found for p in ordered)
    assert later is not None and earlier is not None
    refusal = _cannot_subtract(later, earlier, word)
    if refusal:
        return Answer(question=question, answer=None, abstained=True, kind="difference",
                      series=tuple(ordered), note=refusal)
    target = "的目标" if later.status == "planned" else ""
    if request.verb == "倍":
        value, unit = ratio(later, earlier), "倍"
        approx = "约" if later.approximate or earlier.approximate else ""
        headline = (f"{request.later}年{target}是{request.earlier}年的{approx}"
                    f"{plain_number(Decimal(str(value)))}倍")
    else:
        text, value = difference_text(later, earlier)
        unit = later.unit or ""
        headline = f"{request.later}年{target}比{request.earlier}年{text}"
    return Answer(question=question, answer=headline, figure=headline, abstained=False,
                  value=value, unit=unit, approximate=later.approximate or
                  earlier.approximate, status=later.status, kind="difference",
                  series=tuple(ordered))


def ratio(later: Answer, earlier: Answer) -> float:
    """Later over earlier, to two decimals (the two share a unit, checked before)."""
    assert later.value is not None and earlier.value
    quotient = Decimal(str(later.value)) / Decimal(str(earlier.value))
    return float(quotient.quantize(Decimal("0.01")))


def _cannot_subtract(later: Answer, earlier: Answer, word: str = "相减") -> str | None:
    """Why the two figures cannot be subtracted (or divided: ``word`` 相比), or None."""
    if later.unit != earlier.unit:
        return f"两个数字单位不同（{later.figure}与{earlier.figure}），不能{word}"
    if later.status != earlier.status:
        return (f"两个数字一个是实际数、一个是预期目标（{later.figure}与{earlier.figure}），"
                f"不能{word}")
    if later.value is None or earlier.value is None or (word == "相比" and not earlier.value):
        return f"数字无法读出数值，不能{word}"
    return None


_SCALES = (("万亿", Decimal(10) ** 12), ("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4))


def display_scale(raws: list[str]) -> tuple[str, Decimal]:
    """The scale every figure is written in (1351万人, 1314万人 → 万), to show a
    difference or an axis in the figures' own terms; none when they differ."""
    for word, factor in _SCALES:
        if raws and all(word in raw for raw in raws):
            return word, factor
    return "", Decimal(1)


def plain_number(value: Decimal) -> str:
    """37, 2.5, 0.01: no exponent, no trailing zeros."""
    text = f"{value.quantize(Decimal('0.01')).normalize():f}"
    return text


def difference_text(later: Answer, earlier: Answer) -> tuple[str, float]:
    """"多37万人（增长2.8%）" and the difference with the scale folded in."""
    assert later.value is not None and earlier.value is not None
    delta = Decimal(str(later.value)) - Decimal(str(earlier.value))
    unit = later.unit or ""
    approx = "约" if later.approximate or earlier.approximate else ""
    word = "多" if delta > 0 else "少" if delta < 0 else "持平"
    if unit == "%":
        amount = f"{plain_number(abs(delta))}个百分点"
        return (f"{'高' if delta > 0 else '低'}{approx}{amount}" if delta else "持平"), float(delta)
    scale, factor = display_scale([later.figure or "", earlier.figure or ""])
    amount = f"{approx}{plain_number(abs(delta) / factor)}{scale}{unit}"
    if not delta:
        return "持平", 0.0
    change = ""
    if earlier.value:
        percent = delta / Decimal(str(earlier.value)) * 100
        rounded = plain_number(abs(percent).quantize(Decimal("0.1")))
        change = f"（{'增长' if delta > 0 else '下降'}{rounded}%）"
    return f"{word}{amount}{change}", float(delta)
