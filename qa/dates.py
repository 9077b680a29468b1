"""Dates as answers: 什么时候, 哪一年 and 何时 are answered with the date as written.

A date is a span like a figure (2017年3月15日, 1958年, 3月), judged by the same closeness
of the question's words, so the date in the clause that speaks of the asked event wins.
"""

from __future__ import annotations

import re

from qa.candidates import Candidate, collect
from qa.numbers import NumberSpan, years_in
from qa.question import QuestionAnalysis
from retrieval.tokenizer import normalize
from retrieval.types import Hit

DATE_UNIT = "日期"
_DATE = re.compile(
    r"(?:(?:1[89]|20)\d{2}|[一二][〇零一二三四五六七八九]{3})年"
    r"(?:\d{1,2}月(?:\d{1,2}[日号])?|[春夏秋冬]季?|上半年|下半年|初期|中期|末期|年初|年底|初|底|末)?"
    r"(?:左右|前后)?"
    r"|\d{1,2}月\d{1,2}[日号]"
)
_YEAR_DIGITS = re.compile(r"^(?:\d{4}|[一二][〇零一二三四五六七八九]{3})")


def find_dates(text: str) -> list[NumberSpan]:
    """Every calendar date in ``text``; the value is its year when it has one."""
    spans = []
    for match in _DATE.finditer(text):
        years = years_in(match.group())
        spans.append(NumberSpan(
            value=float(years[0][1]) if years else 0.0, unit=DATE_UNIT, raw=match.group(),
            start=match.start(), end=match.end(), number_start=match.start(),
            approximate=False, bound=None,
        ))
    return spans


def collect_dates(analysis: QuestionAnalysis, hits: list[Hit]) -> list[Candidate]:
    """Dates in sentences that hold every word of the question: a date has no unit to
    check it against, so the sentence must speak of exactly the asked event."""
    return [c for c in collect(analysis, hits, spans_of=find_dates)
            if all(word in normalize(c.hit.text) for word in analysis.keywords)]


def date_unit(raw: str) -> str:
    """What follows the year digits: 年, 年秋, 年3月5日; the eval compares it as a unit."""
    return _YEAR_DIGITS.sub("", raw)
