"""Candidate figures and how well each one answers a question.

Hard constraints drop a figure outright (wrong unit, wrong year, wrong region): a
2018 question must never get a 2017 number, however well it matches. What remains is
scored by how close the question's words stand to the figure in its clause, how much of
the question the passage covers at all, the unit fit and the passage's BM25 score.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from qa.numbers import NumberSpan, find_numbers
from qa.question import QuestionAnalysis
from qa.timeframe import Timeframe, figure_timeframe
from qa.types import FigureStatus
from retrieval.tokenizer import normalize
from retrieval.types import Hit

_CLAUSE_END = re.compile(r"[,;。:!?，；：！？]")
_PLANNED_MARK = re.compile(r"预期目标|目标是|目标为|力争|计划|拟安排|拟|预计")
_PLANNED_SECTION = re.compile(r"要求|任务|目标|安排|计划|取向|建议")
_AVERAGE_MARK = re.compile(r"年均|平均")
_HYPOTHETICAL = re.compile(r"如果|假如|倘若|如将|若")
# "由原来的6小时缩短至3小时": the figure before such a verb is the old value.
_CHANGED_TO = re.compile(
    r"(?:缩短|减少|下降|降低|降|增加|增长|提高|上升|扩大|提升|增|变)(?:至|到|为)"
)
# A table cell written as a passage by ingest.tables: "表《…》 高新区 · 受理投诉 · 3843宗".
_TABLE_CELL = re.compile(r"\S · [^·]+ · \S")
_PLACE_LABEL = re.compile(r"(?:区|县|市|镇|乡|街道|省)\s·")
_TITLE_NOTE = re.compile(r"\s*[(（][^()（）]*[)）]")
# A short sentence just before a figure often names its topic ("开展农资打假。").
_HEADING_MAX_CHARS = 25
_HEADING_LOOKBACK = 3
_TARGET_WEIGHT = 2.0
_ADJACENT_BONUS = 0.2


@dataclass(frozen=True)
class Candidate:
    """One figure in one passage, with the evidence it was scored on."""

    hit: Hit
    span: NumberSpan
    timeframe: Timeframe
    status: FigureStatus
    near: float
    cover: float
    score: float


@dataclass(frozen=True)
class _Passage:
    hit: Hit
    text: str
    context: str  # title, section and topic sentence: what the passage is about
    spans: list[NumberSpan]
    bm25: float


def collect(analysis: QuestionAnalysis, hits: list[Hit]) -> list[Candidate]:
    """Every figure in ``hits`` that passes the question's constraints, best first."""
    hits = _about_named_bulletins(analysis.text, hits)
    top = max((hit.score for hit in hits), default=0.0) or 1.0
    headings = _headings(hits)
    given = {(s.value, s.unit) for s in find_numbers(analysis.text, analysis.extra_units)}
    found = []
    for hit in hits:
        text = normalize(hit.text)
        parts = (hit.bulletin.title, hit.section, headings.get(hit.passage_id))
        passage = _Passage(hit, text, " ".join(p for p in parts if p),
                           find_numbers(text, analysis.extra_units), hit.score / top)
        if not _regions_agree(analysis, passage):
            continue
        for span in passage.spans:
            if (span.value, span.unit) in given:
                continue  # a number the question itself states is no answer to it
            candidate = _judge(analysis, passage, span)
            if candidate is not None:
                found.append(candidate)
    return sorted(found, key=lambda c: c.score, reverse=True)


def _about_named_bulletins(question: str, hits: list[Hit]) -> list[Hit]:
    """When the question names a bulletin by its title (北土城站有几个出入口), keep only that
    bulletin's passages; the longest named title wins over titles inside it."""
    titles = {_TITLE_NOTE.sub("", hit.bulletin.title).strip() for hit in hits}
    named = {t for t in titles if len(t) >= 2 and t in question}
    named = {t for t in named if not any(t != other and t in other for other in named)}
    if not named:
        return hits
    return [hit for hit in hits if _TITLE_NOTE.sub("", hit.bulletin.title).strip() in named]


def _judge(analysis: QuestionAnalysis, passage: _Passage, span: NumberSpan) -> Candidate | None:
    if analysis.units and span.unit not in analysis.units:
        return None
    hit, text = passage.hit, passage.text
    timeframe = figure_timeframe(text, span.number_start, hit.section, hit.bulletin.year)
    if not _years_agree(analysis, timeframe, passage.context):
        return None
    near, cover = _closeness(analysis, passage, span)
    unit_fit = 1.0 if span.unit == analysis.asked_unit else 0.8 if analysis.units else 0.5
    score = 0.5 * near + 0.3 * cover + 0.1 * unit_fit + 0.1 * passage.bm25
    status = _status(text, span, hit.section, timeframe.year, hit.bulletin.year)
    score *= _doubt(analysis, text, span, status)
    return Candidate(hit, span, timeframe, status, near, cover, score)


def _doubt(
    analysis: QuestionAnalysis, text: str, span: NumberSpan, status: FigureStatus
) -> float:
    """A factor below 1 for figures that are probably not the plain fact asked for."""
    factor = 1.0
    if _AVERAGE_MARK.search(_lead_in(text, span)) and not analysis.wants_average:
        factor *= 0.7
    if analysis.wants_planned != (status == "planned"):
        factor *= 0.7 if analysis.wants_planned else 0.85
    if _HYPOTHETICAL.search(text, 0, span.start):
        factor *= 0.8
    if _CHANGED_TO.match(text, span.end):
        factor *= 0.6
    return factor


def _years_agree(analysis: QuestionAnalysis, timeframe: Timeframe, context: str) -> bool:
    """One asked year must be the figure's year; multi-year totals answer no single year."""
    if len(analysis.years) != 1:
        return True
    asked = analysis.years[0]
    if timeframe.span and not analysis.wants_average:
        return False
    if timeframe.year is None:
        return f"{asked}年" in context
    return timeframe.year == asked


def _regions_agree(analysis: QuestionAnalysis, passage: _Passage) -> bool:
    """Every region the question names must appear in the bulletin or the passage; in a
    table cell, in the cell's own row or column (the other rows are other regions)."""
    if _TABLE_CELL.search(passage.text):
        labels = passage.text.rsplit("》", 1)[-1]
        named = passage.text[: len(passage.text) - len(labels)]  # file and table names
        return all(region in labels or (region in named and not _PLACE_LABEL.search(labels))
                   for region in analysis.regions)
    where = " ".join((passage.text, passage.context, passage.hit.bulletin.region or ""))
    return all(region in where for region in analysis.regions)


def _closeness(
    analysis: QuestionAnalysis, passage: _Passage, span: NumberSpan
) -> tuple[float, float]:
    """(near, cover): question words close to the figure, and found anywhere around it.

    Words the title or heading already account for (the topic) are left out of ``near``
    unless they also stand in the figure's clause; of the rest, words in the sentence's
    first clause (its topic in Chinese) count more than words in other clauses, and the
    counted thing (targets) weighs double.
    """
    if not analysis.keywords:
        return 0.0, 0.0
    text = passage.text
    clause_start, clause_end = _clause_bounds(text, span)
    first = _CLAUSE_END.search(text)
    topic_end = first.start() if first else len(text)
    total = near = cover = 0.0
    for word in analysis.keywords:
        weight = min(len(word), 3) / 2 * (_TARGET_WEIGHT if word in analysis.targets else 1.0)
        total += weight
        if word in text or word in passage.context:
            cover += weight
        fallback = 0.7 if word in text[:topic_end] else 0.35 if word in text else 0.0
        local = max(
            (_proximity(m.start(), m.end(), span, passage.spans)
             for m in re.finditer(re.escape(word), text)
             if clause_start <= m.start() < clause_end),
            default=fallback,
        )
        if local < 1 and word in passage.context:
            local = max(local, 0.7)
        near += weight * local
    bonus = _ADJACENT_BONUS if _target_adjacent(analysis.targets, text, span) else 0.0
    return min(1.0, near / total + bonus), cover / total


def _target_adjacent(targets: tuple[str, ...], text: str, span: NumberSpan) -> bool:
    """The counted thing written right beside the figure: 400余位学生, 查处案件36宗."""
    after = _CLAUSE_END.split(text[span.end:span.end + 2 + max(map(len, targets), default=0)])[0]
    before = _CLAUSE_END.split(text[max(0, span.start - 8):span.start])[-1]
    return any(t in after[: 2 + len(t)] or before.endswith(t) for t in targets)


def _proximity(start: int, end: int, span: NumberSpan, spans: list[NumberSpan]) -> float:
    """1 beside the figure, fading with distance; weak if another figure stands between."""
    gap = span.start - end if end <= span.start else max(0, start - span.end)
    low, high = (end, span.start) if end <= span.start else (span.end, start)
    blocked = any(low <= other.number_start < high for other in spans if other is not span)
    return (0.4 if blocked else 1.0) / (1 + gap / 10)


def _clause_bounds(text: str, span: NumberSpan) -> tuple[int, int]:
    starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, span.start)]
    end = _CLAUSE_END.search(text, span.end)
    return (starts[-1] if starts else 0), (end.start() if end else len(text))


def _lead_in(text: str, span: NumberSpan) -> str:
    """The clause up to the figure, where 年均 or 平均 would qualify it."""
    start, _ = _clause_bounds(text, span)
    return text[start:span.start]


def _status(
    text: str, span: NumberSpan, section: str | None, year: int | None, bulletin_year: int | None
) -> FigureStatus:
    """Planned when the sentence sets a target, or a bounded figure (左右, 以上) sits in a
    plan section or concerns a year the bulletin has not yet finished."""
    if _PLANNED_MARK.search(text, 0, span.start):
        return "planned"
    if span.bound not in ("左右", "以上"):
        return "achieved"
    if section and _PLANNED_SECTION.search(section):
        return "planned"
    ahead = year is not None and bulletin_year is not None and year >= bulletin_year
    return "planned" if ahead else "achieved"


def _headings(hits: list[Hit]) -> dict[int, str]:
    """For each hit, the nearest short sentence shortly before it in the same paragraph
    (positions need only be consecutive within a paragraph)."""
    by_paragraph: dict[tuple[int, int], dict[int, str]] = defaultdict(dict)
    for hit in hits:
        by_paragraph[(hit.bulletin.id, hit.paragraph)][hit.position] = normalize(hit.text)
    headings = {}
    for hit in hits:
        sentences = by_paragraph[(hit.bulletin.id, hit.paragraph)]
        for back in range(1, _HEADING_LOOKBACK + 1):
            before = sentences.get(hit.position - back)
            if before is not None and len(before) <= _HEADING_MAX_CHARS:
                headings[hit.passage_id] = before
                break
    return headings
