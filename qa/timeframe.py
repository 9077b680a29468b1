"""Which year a figure measures, so a 2018 question never gets a 2017 number.

A figure is dated by the nearest time expression before it in its sentence (2017年,
一九五五年, 今年, 过去一年); failing that by the last one in the earlier sentences of its
paragraph (Chinese states the year once and lets it carry); then by the section heading
(一、2023年工作回顾); then by the bulletin's own year. Relative words resolve against the
bulletin's year: in the 2024 report 过去一年 is 2023. Multi-year totals and averages
(过去五年, 2013—2017年, 年均) are spans, which no single-year question accepts.

A year that is only a comparison base is no date: in 比上年增长8% the 8% is this year's,
and 是1997年的2.3倍 measures the later year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from qa.numbers import years_in
from qa.units import AREA_UNITS, LENGTH_UNITS, MONEY_UNITS, RATE_UNITS, WEIGHT_UNITS

_RELATIVE = {"今年以来": 0, "今年来": 0, "今年": 0, "本年": 0, "去年": -1, "上年": -1,
             "过去一年": -1, "过去的一年": -1, "上一年": -1, "前年": -2, "明年": 1}
# A review heading without a year (一、一年来工作回顾) covers the year before the report.
_LAST_YEAR_HEADING = re.compile(r"一年来|一年的")
# 一、过去一年和五年工作回顾 (2023 report): the year before the report and the five years
# ending with it, as a heading of a year and a span (2025年工作回顾和“十四五”时期发展成就).
_LAST_YEAR_AND_SPAN = re.compile(r"一年和(?:过去|近)?[两三四五六七八九十]+年")
# 一、工作回顾 (吉林 2026): a work report's review with no year or span named is of the
# year before the report.
_PLAIN_REVIEW = re.compile(r"^\s*[一二三四五六七八九十]+\s*[、.．]\s*(?:政府)?工作回顾\s*$")
_RELATIVE_RE = re.compile("|".join(sorted(_RELATIVE, key=len, reverse=True)))
# 本年 and 上年 count from the year under discussion (１９５５年本年收入合计 is 1955's; 上年结转
# then 1954's), 今年 and 去年 from the day the report speaks.
_ANAPHORIC = frozenset({"本年", "上年", "上一年"})
# A year in digits or in Chinese numerals (一九七四).
_YEAR_WRITTEN = r"(?:(?:1[89]|20)\d{2}|[一二][〇零一二三四五六七八九]{3})"
_SPAN_RE = re.compile(
    r"(?:过去|近|这|最近)(?:[两三四五六七八九十]+|\d{1,2})年|"
    r"(?<![\d〇零一二三四五六七八九])(?:[两三四五六七八九十]+|\d{1,2})年(?:来|间|中|里|内|累计|合计|共)|"
    r"(?<![\d〇零一二三四五六七八九])[两三四五六七八九十]+年(?=建成|新建|新增|完成|解决|改造|改建|投入)|"
    # a clause opening with its years: ，五年铁路正线铺轨总里程１１３４４公里 (1998 report)
    r"(?:^|(?<=[,，;；。:：]))\s*[两三四五六七八九十]+年"
    r"(?!前|后|计划|规划|行动|来|间|中|里|内|期|的|以|代)(?=[\u4e00-\u9fff])|"
    r"(?<![\d〇零一二三四五六七八九])(?:[两三四五六七八九十]+|\d{1,2})年[^,，;；。]{1,20}?(?:累计|合计)|"
    r"年均(?!浓度)|(?<!全)年平均(?!浓度)|"
    rf"{_YEAR_WRITTEN}\s*年?[末底初]?\s*[-—–~至到]\s*{_YEAR_WRITTEN}年|"
    r"(?:1[89]|20)\d{2}年?[、和与及]\s*(?:1[89]|20)\d{2}年?(?:两|三|四|五)年|"
    r"(?:第[一二三四五六七八九十]+个|[一二三四五六七八九十]+五)\W?(?:五年计划)?\W?(?:时期|期间)"
)
# 1998年以来 in the 2003 report runs from 1998 up to the report: a span. 2025年以来 in the
# 2026 report is the year under review.
_SINCE_YEAR = re.compile(r"(?:(?:1[89]|20)\d{2}|[一二][〇零一二三四五六七八九]{3})\s*年(?:以来|来)")
# "全年" and "一年来" mean the year the surrounding text is about, not a fixed offset.
_WHOLE_YEAR_RE = re.compile("全年|一年来|当年|年内")
# 比上年, 较去年, 由上年居世界第四位, 与2012年相比, 是1997年的2.3倍: the year here is a
# comparison base.
_COMPARISON_BEFORE = re.compile(r"(?:比|较|由|相对于|相比于|超过|低于|高于)\s*$")
_PAIRED_BEFORE = re.compile(r"(?:与|和|同|跟)\s*$")
_PAIRED_AFTER = re.compile(r"[^,，。;；]{0,8}?(?:相比|相较|比较)")
_RATIO_BEFORE = re.compile(r"(?:是|为|相当于)\s*$")
_RATIO_AFTER = re.compile(r"[^,，。;；]{0,8}?年的")

_OPENING_CHARS = 30
# Only the paragraph's first sentence opens it: ——经济跨上新台阶。2007年，国内生产总值……
# (2008 report) is one year's figure inside a review of five.
_FIRST_SENTENCE = re.compile(r"[。！？!?；;]")
# "mixed heading": only a heading of one year and a span (2025年和“十四五”时期工作回顾)
# dates the figure, so it may be either.
TimeSource = Literal["clause", "paragraph", "section", "mixed heading", "span end", "document",
                     "none"]


@dataclass(frozen=True)
class Timeframe:
    """``year`` is None when nothing dates the figure; ``span`` marks multi-year figures.
    ``source`` says where the date was read, for ``ask --explain``."""

    year: int | None
    span: bool = False
    source: TimeSource = field(default="none", compare=False)

    def describe(self) -> str:
        if self.span:
            return "多年合计或年均"
        return f"{self.year}年" if self.year is not None else "年份不详"


def figure_timeframe(
    sentence: str, position: int, section: str | None, bulletin_year: int | None,
    lead: str = "", earlier: tuple[str, ...] = (),
) -> Timeframe:
    """The timeframe of the figure starting at ``position`` in ``sentence``; ``lead`` is
    the text of its paragraph before the sentence, ``earlier`` the section's paragraphs
    just before that."""
    context = section_timeframe(section, bulletin_year)
    whole_year = _single_year(section, context, bulletin_year)
    before = [m for m in markers(sentence, whole_year, bulletin_year)
              if m[0] < position and not _dates_the_start_only(sentence, m[0], position)]
    if before:
        return _sourced(before[-1][1], "clause")
    carried = markers(lead, whole_year, bulletin_year)
    if not carried and context.year is None:
        carried = _opening_markers(earlier, whole_year, bulletin_year)
    if carried:
        return _sourced(carried[-1][1], "paragraph")
    if context.year is not None or context.span:
        return _sourced(context, "mixed heading" if whole_year is not None and context.span
                        else "section")
    return Timeframe(bulletin_year, source="document" if bulletin_year else "none")


# 从2021年的46503元……提高到58794元 (西藏 2026): the year dates where the change started.
_FROM_BEFORE = re.compile(r"从\s*$")
_CHANGED_TO = re.compile(r"(?:到|至)[^,，。;；]*$")


# 国内生产总值增加到121万亿元 under 过去五年 (2023 report): the level a review of several
# years says something reached is that of its last year, the year before the report. A sum
# or a mean of the years (累计, 年均) is not a level, and 新增 counts what was added. Only a
# review that is over says so: the five years a report plans (二、“十二五”时期的主要目标和
# 任务, 2011; 今后五年……森林覆盖率达到23.04%, 2016) reach their levels later.
_REACHED_LEVEL = re.compile(r"(?:增加|增长|提高|上升|扩大|提升|跃升)(?:到|至)\s*$")
# 达到 alone says where an amount stood (财政收入达到5.13万亿元); a count after it may be
# the years' sum (留学回国人员达到54万人, 2013 report), so it dates only amounts.
_REACHED = re.compile(r"达到\s*$")
_AMOUNT_UNITS = frozenset((*RATE_UNITS, *MONEY_UNITS, *LENGTH_UNITS, *AREA_UNITS, *WEIGHT_UNITS,
                           "千瓦", "千瓦时", "千瓦小时", "立方米", "标准箱", "微克/立方米"))
_SUM_OR_MEAN = re.compile(r"累计|合计|共计|总计|年均|平均|新增|每年")
_WORK_REPORT = re.compile(r"工作报告")
_REVIEW_HEADING = re.compile(r"回顾|成就|过去")  # 一、关于过去五年的政府工作 (1998)
_REVIEW_OPENING = re.compile(r"过去|五年来|这五年|成就")
_AHEAD = re.compile(r"目标|任务|今后|未来|规划|展望|建议|力争|预期|预计|到(?:19|20)\d{2}年|十五五")


def level_at_span_end(timeframe: Timeframe, lead: str, unit: str, sentence: str,
                      section: str | None, opening: str, title: str,
                      bulletin_year: int | None) -> Timeframe:
    """``timeframe`` of an achieved figure whose clause text before it is ``lead``, moved
    to the last year of the finished review it inherits a span from when the figure is the
    level reached."""
    if (not timeframe.span or timeframe.source in ("clause", "none", "document")
            or bulletin_year is None or not _WORK_REPORT.search(title)
            or not _looks_back(section or "", opening) or _AHEAD.search(sentence)
            or not _level_reached(lead, unit)):
        return timeframe
    return Timeframe(bulletin_year - 1, source="span end")


def _looks_back(section: str, opening: str) -> bool:
    """A review that is over. A section of both (二、“十三五”时期发展成就和“十四五”时期
    主要目标任务, 2021) reviews only in the paragraphs that open so (过去五年，……)."""
    return bool(_REVIEW_HEADING.search(section)) and (
        not _AHEAD.search(section) or bool(_REVIEW_OPENING.search(opening)))


def _level_reached(lead: str, unit: str) -> bool:
    return bool(_REACHED_LEVEL.search(lead) or (_REACHED.search(lead) and unit in _AMOUNT_UNITS)
                ) and not _SUM_OR_MEAN.search(lead)


def _dates_the_start_only(sentence: str, at: int, position: int) -> bool:
    """A year after 从 dates the starting value; a figure after the change's 到 or 至 is
    where it ended, which that year does not date."""
    return bool(_FROM_BEFORE.search(sentence[max(0, at - 2):at])
                and _CHANGED_TO.search(sentence, at, position))


def _single_year(section: str | None, context: Timeframe,
                 bulletin_year: int | None) -> int | None:
    """The year that 全年 and 一年来 mean: the section's year; in a heading of a year and a
    span (一、2025年工作回顾和“十四五”时期发展成就) that one year, since those words speak of
    one year (a year inside a range, 2021—2025年, is no such year); else, in a report, the
    year before it for 一年来 and its own year for 全年 (resolved in ``markers``)."""
    if context.year is not None:
        return context.year
    text = section or ""
    if _LAST_YEAR_AND_SPAN.search(text) and bulletin_year is not None:
        return bulletin_year - 1
    spans = [m.span() for m in _SPAN_RE.finditer(text)]
    single = [year for at, year in years_in(text) if not any(a <= at < b for a, b in spans)]
    return single[0] if context.span and len(single) == 1 else None


def _opening_markers(
    paragraphs: tuple[str, ...], whole_year: int | None, bulletin_year: int | None
) -> list[tuple[int, Timeframe]]:
    """The time a recent paragraph of the section opens with (刚刚过去的2025年，……): it
    dates the list of results that follows, when the heading itself cannot."""
    for paragraph in reversed(paragraphs):
        opening = _FIRST_SENTENCE.split(paragraph[:_OPENING_CHARS], maxsplit=1)[0]
        found = markers(opening, whole_year, bulletin_year)
        if found:
            return found
    return []


def _sourced(timeframe: Timeframe, source: TimeSource) -> Timeframe:
    return Timeframe(timeframe.year, timeframe.span, source)


def _since_long_ago(text: str, bulletin_year: int | None) -> list[tuple[int, int]]:
    """Where ``text`` says "since a year" of a year before the one the report reviews."""
    found = []
    for match in _SINCE_YEAR.finditer(text):
        year = years_in(match.group())[0][1]
        if bulletin_year is None or year < bulletin_year - 1:
            found.append(match.span())
    return found


def markers(
    text: str, whole_year: int | None, bulletin_year: int | None
) -> list[tuple[int, Timeframe]]:
    """(position, timeframe) of each time expression in ``text`` that dates what follows."""
    spans = [m.span() for m in _SPAN_RE.finditer(text)] + _since_long_ago(text, bulletin_year)
    found = [(start, Timeframe(None, span=True)) for start, _ in spans]
    found += [(at, Timeframe(year)) for at, year in years_in(text)
              if not any(start <= at < end for start, end in spans)]
    if bulletin_year is not None:
        explicit = years_in(text)
        for m in _RELATIVE_RE.finditer(text):
            base = bulletin_year
            if m.group() in _ANAPHORIC:
                base = next((year for at, year in reversed(explicit) if at < m.start()), base)
            found.append((m.start(), Timeframe(base + _RELATIVE[m.group()])))
    named = [(at, year) for at, year in years_in(text) if not is_comparison_base(text, at)
             and not any(start <= at < end for start, end in spans)]
    for m in _WHOLE_YEAR_RE.finditer(text):
        # 机械工业1979年计划任务不足……全年总产值比上年增长8.1% (1980 report): 全年 is the
        # whole of the year just named; 一年来 always counts back from the report.
        year = next((y for at, y in reversed(named) if at < m.start()), None)
        if year is None or m.group() == "一年来":
            year = whole_year
        if year is None and bulletin_year is not None:
            year = bulletin_year - 1 if m.group() == "一年来" else bulletin_year
        if year is not None:
            found.append((m.start(), Timeframe(year)))
    found = [item for item in found if not is_comparison_base(text, item[0])
             and (item[1].span or not any(start <= item[0] < end for start, end in spans))]
    found.sort(key=lambda item: item[0])
    return found


def is_comparison_base(text: str, position: int) -> bool:
    """True when the time word at ``position`` follows 比/较/同/是…: it names what the
    figure is compared with, not when the figure was measured."""
    head = text[max(0, position - 4):position]
    if _COMPARISON_BEFORE.search(head):
        return True
    if _PAIRED_BEFORE.search(head):
        return bool(_PAIRED_AFTER.match(text, position))
    return bool(_RATIO_BEFORE.search(head) and _RATIO_AFTER.match(text, position))


def section_timeframe(section: str | None, bulletin_year: int | None) -> Timeframe:
    """What a section heading dates: 一、2023年工作回顾 → 2023; 过去五年工作回顾 → a span."""
    if not section:
        return Timeframe(None)
    years = years_in(section)
    if (years and _SPAN_RE.search(section)) or _LAST_YEAR_AND_SPAN.search(section):
        # 一、“十四五”时期和2025年工作回顾: only a figure's own clause or paragraph can say
        # which of the two it measures.
        return Timeframe(None, span=True)
    if years:
        return Timeframe(years[0][1])
    match = _RELATIVE_RE.search(section)
    if match and bulletin_year is not None:
        return Timeframe(bulletin_year + _RELATIVE[match.group()])
    if (_LAST_YEAR_HEADING.search(section) or _PLAIN_REVIEW.match(section)) and (
            bulletin_year is not None):
        return Timeframe(bulletin_year - 1)
    return Timeframe(None, span=bool(_SPAN_RE.search(section)))


def has_span(text: str) -> bool:
    """Whether ``text`` speaks of several years at once (过去五年, 五年来, 2013—2017年)."""
    return bool(_SPAN_RE.search(text))


def relative_offset(text: str) -> tuple[int, int] | None:
    """(position, offset) of the first relative year word (去年 → -1) that is no
    comparison base, for reading a question's own timeframe."""
    for match in _RELATIVE_RE.finditer(text):
        if not is_comparison_base(text, match.start()):
            return match.start(), _RELATIVE[match.group()]
    return None
