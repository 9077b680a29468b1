"""Which year a figure belongs to, so a 2018 question never gets a 2017 number.

The year is read from the nearest time expression before the figure in its sentence
(2017年, 今年, 过去一年), then the section heading (一、2023年工作回顾), then the
bulletin's own year. Relative words resolve against the bulletin's year: in the 2024
report 过去一年 is 2023. Multi-year totals and averages (过去五年, 年均) are marked as
spans, which no single-year question accepts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.numbers import years_in

_RELATIVE = {"今年以来": 0, "今年来": 0, "今年": 0, "本年": 0, "去年": -1, "上年": -1,
             "过去一年": -1, "上一年": -1, "前年": -2, "明年": 1}
_RELATIVE_RE = re.compile("|".join(sorted(_RELATIVE, key=len, reverse=True)))
_SPAN_RE = re.compile(
    r"(?:过去|近|这)[两三四五六七八九十\d]+年|[两三四五六七八九十\d]+年来|年均|年平均|"
    r"(?:1[89]|20)\d{2}\s*[-—–~至到]\s*(?:1[89]|20)\d{2}年|十[一二三四五六七八九]五\W?时期"
)
# "全年" and "一年来" mean the year the surrounding text is about, not a fixed offset.
_WHOLE_YEAR_RE = re.compile("全年|一年来|当年|年内")


@dataclass(frozen=True)
class Timeframe:
    """``year`` is None when nothing dates the figure; ``span`` marks multi-year figures."""

    year: int | None
    span: bool = False


def figure_timeframe(
    sentence: str, position: int, section: str | None, bulletin_year: int | None
) -> Timeframe:
    """The timeframe of the figure starting at ``position`` in ``sentence``."""
    context = _section_timeframe(section, bulletin_year)
    marker = _nearest_marker(sentence, position, context.year, bulletin_year)
    if marker is not None:
        return marker
    if context.year is not None or context.span:
        return context
    return Timeframe(bulletin_year)


def _nearest_marker(
    sentence: str, position: int, context: int | None, bulletin_year: int | None
) -> Timeframe | None:
    """The time expression closest before ``position``. Chinese dates a figure before it;
    a year after it usually belongs to the next clause (比上年增加 …)."""
    whole_year = context if context is not None else bulletin_year
    before = [m for m in _markers(sentence, whole_year, bulletin_year) if m[0] < position]
    return before[-1][1] if before else None


def _markers(
    text: str, whole_year: int | None, bulletin_year: int | None
) -> list[tuple[int, Timeframe]]:
    spans = [m.span() for m in _SPAN_RE.finditer(text)]
    found = [(start, Timeframe(None, span=True)) for start, _ in spans]
    found += [(at, Timeframe(year)) for at, year in years_in(text)
              if not any(start <= at < end for start, end in spans)]
    if bulletin_year is not None:
        found += [(m.start(), Timeframe(bulletin_year + _RELATIVE[m.group()]))
                  for m in _RELATIVE_RE.finditer(text)]
    if whole_year is not None:
        found += [(m.start(), Timeframe(whole_year)) for m in _WHOLE_YEAR_RE.finditer(text)]
    found.sort(key=lambda item: item[0])
    return found


def _section_timeframe(section: str | None, bulletin_year: int | None) -> Timeframe:
    """What a section heading dates: 一、2023年工作回顾 → 2023; 过去五年工作回顾 → a span."""
    if not section:
        return Timeframe(None)
    years = years_in(section)
    if years:
        return Timeframe(years[0][1])
    match = _RELATIVE_RE.search(section)
    if match and bulletin_year is not None:
        return Timeframe(bulletin_year + _RELATIVE[match.group()])
    return Timeframe(None, span=bool(_SPAN_RE.search(section)))
