"""Candidate figures and how well each one answers a question.

Hard constraints reject a figure outright, with the reason kept for ``ask --explain``:
a wrong unit, a year other than the one asked, a target for a question about what
happened (or the reverse), a hypothetical, an average or multi-year total for a single
year, the other item of a parallel list, the wrong region. A 2018 question must never get
a 2017 number, however well it matches. What remains is scored by how close the
question's words stand to the figure in its clause, how much of the question the passage
covers at all, the unit fit and the passage's BM25 score.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from qa.numbers import NumberSpan, find_numbers, years_in
from qa.parallel import ListSubject, parallel_subjects
from qa.question import QuestionAnalysis
from qa.regions import bulletin_answers, places_named
from qa.status import figure_status
from qa.timeframe import Timeframe, figure_timeframe
from qa.types import FigureStatus
from qa.units import (
    AREA_UNITS,
    BODY_UNITS,
    DURATION_UNITS,
    LENGTH_UNITS,
    NOUN_UNITS,
    RATE_UNITS,
    WEIGHT_UNITS,
    words,
)
from qa.vocabulary import variants
from retrieval.tokenizer import normalize, subwords, to_simplified, tokenize
from retrieval.types import Hit

_CLAUSE_END = re.compile(r"[,;。:!?，；：！？]")
# 年均增长7.8% averages over years; 平均浓度 is a mean of another kind.
_AVERAGE_MARK = re.compile(r"年均|年平均|平均每年|每年平均")
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
_DATED_IN_CLAUSE_BONUS = 0.1
# Only longer compounds are matched by their parts: 粮食产量 by 粮食…产量, but 进出口 is
# not 出口.
_SPLIT_MIN_CHARS = 4
# How many passages are judged: a year question searches wide, then judges the passages
# that can speak of that year first.
_JUDGED_PASSAGES = 80


@dataclass(frozen=True)
class Candidate:
    """One figure in one passage, with the evidence it was scored on; ``rejected`` says
    why it cannot answer this question (None when it may)."""

    hit: Hit
    span: NumberSpan
    timeframe: Timeframe
    status: FigureStatus
    near: float
    cover: float
    score: float
    subject: str
    rejected: str | None = None

    @property
    def unit(self) -> str:
        return self.span.unit


@dataclass(frozen=True)
class _Passage:
    hit: Hit
    text: str
    context: str  # title, section and topic sentence: what the passage is about
    spans: list[NumberSpan]
    subjects: dict[int, ListSubject]
    bm25: float
    clause_subjects: list[tuple[str, bool]]  # per span: its subject text, named in its clause


SpanFinder = Callable[[str], list[NumberSpan]]


def collect(
    analysis: QuestionAnalysis, hits: list[Hit], spans_of: SpanFinder | None = None
) -> list[Candidate]:
    """Every figure in ``hits`` in the question's unit, best first; the ones that break a
    constraint come with ``rejected`` set. ``spans_of`` finds other spans than figures
    (dates, for a date question), judged by the same closeness."""
    hits = judged_hits(analysis, hits)
    top = max((hit.score for hit in hits), default=0.0) or 1.0
    given = {(s.value, s.unit) for s in find_numbers(analysis.text, analysis.extra_units)}
    find = spans_of or (lambda text: find_numbers(text, analysis.extra_units))
    found = []
    for hit in hits:
        text = _readable(hit.text)
        parts = (hit.bulletin.title, hit.section, _heading(hit))
        spans = find(text)
        passage = _Passage(hit, text, " ".join(p for p in parts if p), spans,
                           parallel_subjects(text, spans), hit.score / top,
                           _clause_subjects(text, spans))
        if not _regions_agree(analysis, passage) or not _designations_agree(analysis, passage):
            continue
        for index, span in enumerate(spans):
            if (span.value, span.unit) in given:
                continue  # a number the question itself states is no answer to it
            candidate = _judge(analysis, passage, index, span)
            if candidate is not None:
                found.append(candidate)
    return sorted(found, key=lambda c: (c.rejected is None, c.score), reverse=True)


@lru_cache(maxsize=8192)
def _readable(text: str) -> str:
    """Normalised, in simplified script when that keeps every position (the 1954 report
    is traditional: 鐵路正綫的通車里程 must match 铁路正线通车里程)."""
    text = normalize(text)
    simplified = to_simplified(text)
    return simplified if len(simplified) == len(text) else text


def _about_named_bulletins(analysis: QuestionAnalysis, hits: list[Hit]) -> list[Hit]:
    """A question that names a report (2018年政府工作报告) or a bulletin by its title
    (北土城站有几个出入口) is answered from that document only."""
    if analysis.report_year is not None:
        return [hit for hit in hits if hit.bulletin.year == analysis.report_year]
    titles = {_TITLE_NOTE.sub("", hit.bulletin.title).strip() for hit in hits}
    named = {t for t in titles if len(t) >= 2 and t in analysis.text}
    named = {t for t in named if not any(t != other and t in other for other in named)}
    if not named:
        return hits
    return [hit for hit in hits if _TITLE_NOTE.sub("", hit.bulletin.title).strip() in named]


def judged_hits(analysis: QuestionAnalysis, hits: list[Hit]) -> list[Hit]:
    """The passages worth judging: of the documents the question names, and for a year
    question those that can speak of that year first (bulletins of that year or the next,
    which reviews it, or text that names the year)."""
    hits = _about_named_bulletins(analysis, hits)
    if len(analysis.years) != 1:
        return hits[:_JUDGED_PASSAGES]
    year = analysis.years[0]

    def can_speak(hit: Hit) -> bool:
        if hit.bulletin.year in (year, year + 1):
            return True
        text = " ".join((hit.text, hit.section or "", *hit.lead))
        return any(found == year for _, found in years_in(text))

    return sorted(hits, key=lambda hit: not can_speak(hit))[:_JUDGED_PASSAGES]


def _judge(
    analysis: QuestionAnalysis, passage: _Passage, index: int, span: NumberSpan
) -> Candidate | None:
    if analysis.kind == "quantity":
        span = _with_implied_unit(passage.text, span, analysis)
        if (analysis.units and span.unit not in analysis.units) or not span.unit:
            return None
        if span.unit in RATE_UNITS and not analysis.wants_rate:
            return None  # 粮食总产量是多少 asks for a level, never a percentage
        if _is_article(passage.text, span) and span.unit != analysis.asked_unit:
            return None  # 取得的一个重要成果: 一个 is an article here, not a count
    hit, text = passage.hit, passage.text
    lead = _readable("".join(hit.lead))
    timeframe = figure_timeframe(text, span.number_start, hit.section, hit.bulletin.year, lead,
                                 tuple(_readable(p) for p in hit.earlier))
    status = figure_status(text, span, hit.section, timeframe, _own_year(hit))
    near, cover = _closeness(analysis, passage, span)
    subject = passage.subjects.get(index)
    if subject is not None and _names_own_item(analysis, subject):
        near = max(near, 1.0)
    unit_fit = 1.0 if span.unit == analysis.asked_unit else 0.8 if analysis.units else 0.5
    score = 0.5 * near + 0.3 * cover + 0.1 * unit_fit + 0.1 * passage.bm25
    if analysis.years and timeframe.source == "clause" and timeframe.year in analysis.years:
        score += _DATED_IN_CLAUSE_BONUS  # 2007年有2742人 states the asked year itself
    if _CHANGED_TO.match(text, span.end):
        score *= 0.6
    rejected = (_rejection(analysis, passage, index, span, timeframe, status, subject)
                if analysis.kind == "quantity" else None)
    own = subject.own if subject else _clause_subject(text, span)
    return Candidate(hit, span, timeframe, status, near, cover, score, own, rejected)


def _is_article(text: str, span: NumberSpan) -> bool:
    """A lone 一 before its measure word (一个, 一批, 一步) reads as "a", not as a figure."""
    return text[span.number_start:span.number_start + 1] == "一" and \
        span.raw.startswith("一") and len(span.raw) == 1 + len(span.unit)


def _own_year(hit: Hit) -> int | None:
    """The year a document speaks from (its date, or a year in its title), against which
    "this year's target" is judged; a year merely mentioned first in its text is not it."""
    bulletin = hit.bulletin
    if bulletin.year is None:
        return None
    if bulletin.published is not None or f"{bulletin.year}年" in bulletin.title:
        return bulletin.year
    return None


def _rejection(
    analysis: QuestionAnalysis, passage: _Passage, index: int, span: NumberSpan,
    timeframe: Timeframe, status: FigureStatus, subject: ListSubject | None,
) -> str | None:
    """Why this figure cannot answer the question, or None."""
    if status == "hypothetical":
        return "假设情形中的数字"
    if analysis.wants_planned and status != "planned":
        return "是实际数，问的是目标"
    if not analysis.wants_planned and status == "planned":
        return "是预期目标，问的是实际"
    averaged = bool(_AVERAGE_MARK.search(_lead_in(passage.text, span)))
    if averaged and not analysis.wants_average:
        return "是平均数"
    wrong_time = _timeframe_mismatch(analysis, timeframe, passage.context)
    if wrong_time:
        return wrong_time
    if subject is not None and _names_other_item(analysis, subject):
        return f"属于并列的另一项（{subject.own}），问的是另一项"
    if subject is not None and not _names_own_item(analysis, subject):
        return f"是并列几项之一（{subject.own}），问题没有说是哪一项"
    qualifier = _qualifier_mismatch(analysis, passage, index, subject)
    if qualifier:
        return qualifier
    if subject is None:
        sibling = _sibling_subject(analysis, passage, index)
        if sibling is not None:
            return f"句中另一分句（{sibling}）才是所问的对象"
        elsewhere = _another_place(analysis, passage, index)
        if elsewhere is not None:
            return f"这个数字说的是{elsewhere}"
        if _speaks_of_something_else(analysis, passage, index):
            return f"这个数字说的是“{passage.clause_subjects[index][0].strip(' ,，')}”"
    return None


# Words that make another indicator of the same noun: 人均生产总值 is not 生产总值.
_QUALIFIERS = ("人均", "户均")
# Asked, these must be the figure's: 城镇居民收入 is not all residents' (居民人均可支配收入).
# Unasked they may still be written (城镇新增就业 is how the indicator is named).
_ASKED_QUALIFIERS = ("城镇", "农村")


# Rejections that say the best-matching text is about another item than the one asked:
# a much weaker figure left standing beside them is no answer either.
SUBJECT_REJECTIONS = (
    "属于并列的另一项", "是并列几项之一", "句中另一分句", "这个数字说的是", "问的是")


def _qualifier_mismatch(
    analysis: QuestionAnalysis, passage: _Passage, index: int, subject: ListSubject | None
) -> str | None:
    """A per-head figure never answers a question about the total, nor the reverse; an
    urban or rural question is answered only by an urban or rural figure."""
    span = passage.spans[index]
    clause_start, _ = _clause_bounds(passage.text, span)
    before = passage.text[_subject_start(passage.text, clause_start):span.start]
    named = f"{before} {subject.own}" if subject else before
    for word in _QUALIFIERS:
        asked = word in analysis.text
        if asked != (word in before):
            return f"问的是{'' if asked else '非'}{word}指标"
    for word in _ASKED_QUALIFIERS:
        if word in analysis.text and word not in named and not (
                subject and word not in subject.own and word in before):
            return f"问的是{word}指标"
    return None


def _another_place(analysis: QuestionAnalysis, passage: _Passage, index: int) -> str | None:
    """A figure whose own clause names a place the question does not (香港 asked;
    上海设有2间分店 measured) belongs to that place."""
    if not analysis.regions:
        return None
    own_text, _ = passage.clause_subjects[index]
    named = places_named(tokenize(own_text))
    if not named or any(any(r in n or n in r for r in analysis.regions) for n in named):
        return None
    return named[0]


# Verbs of change say how a figure moved, not what it measures.
_CHANGE_VERBS = frozenset(words(
    "增长 下降 提高 增加 减少 达到 降低 上升 上涨 扩大 缩小 突破 超过 回落 实现 完成 共"))


def _speaks_of_something_else(
    analysis: QuestionAnalysis, passage: _Passage, index: int
) -> bool:
    """A clause that names its own subject (“新三样”出口增长近30%) answers only a
    question that names something of it: none of the question's words other than verbs
    of change in the clause, nor in the title or heading, means another thing is measured."""
    own_text, named_here = passage.clause_subjects[index]
    if not named_here:
        return False
    things = [w for w in analysis.keywords if w not in _CHANGE_VERBS]
    if not things:
        return False
    where = f"{own_text} {passage.context}"
    return not any(_named_in(word, where, passage.text) for word in things)


def _named_in(word: str, where: str, sentence: str) -> bool:
    """``word`` (or a synonym) is written in ``where``; a compound also counts when one of
    its parts is there and the rest in the sentence (全国粮食……，2007年产量达到……)."""
    if any(form in where for form in variants(word)):
        return True
    parts = _parts(word) if len(word) >= _SPLIT_MIN_CHARS else []
    return len(parts) > 1 and all(p in sentence for p in parts) and any(p in where for p in parts)


def _clause_subjects(text: str, spans: list[NumberSpan]) -> list[tuple[str, bool]]:
    """For each figure, its clause (back to where its subject is written, on to the
    clause's end: 有25人受伤) and whether its own clause names that subject."""
    found = []
    for span in spans:
        clause_start, clause_end = _clause_bounds(text, span)
        start = _subject_start(text, clause_start)
        found.append((text[start:clause_end], start == clause_start))
    return found



def _sibling_subject(analysis: QuestionAnalysis, passage: _Passage, index: int) -> str | None:
    """Another clause of the sentence whose subject has the question's words that this
    figure's own subject lacks (国有单位 asked; 全社会固定资产投资增长14·1% measured,
    全年增长19·5% continuing 国有单位固定资产投资): this figure is the other subject's."""
    span = passage.spans[index]
    own_text, named_here = passage.clause_subjects[index]
    if not named_here:
        return None
    words = _question_words(analysis)
    own = set(tokenize(own_text))
    if not words & own:
        return None  # the clause does not speak of the asked thing at all
    for other_index, (other_text, _) in enumerate(passage.clause_subjects):
        if other_index == index or passage.spans[other_index].unit != span.unit:
            continue
        other = set(tokenize(other_text))
        if words & (other - own) and not words & (own - other):
            return other_text.strip(" ,，")
    return None



def _timeframe_mismatch(
    analysis: QuestionAnalysis, timeframe: Timeframe, context: str
) -> str | None:
    """A single asked year must be the figure's year; a multi-year figure answers only a
    question about several years (过去五年, 年均)."""
    if analysis.wants_span and not timeframe.span:
        return "问的是多年合计，这是单年数字"
    if len(analysis.years) != 1:
        return None
    asked = analysis.years[0]
    if timeframe.span:
        return None if analysis.wants_average else "是多年合计或年均数"
    if timeframe.year is None:
        return None if f"{asked}年" in context else "年份不详"
    return None if timeframe.year == asked else f"是{timeframe.year}年的数字"



def _names_own_item(analysis: QuestionAnalysis, subject: ListSubject) -> bool:
    own, others = _item_words(subject)
    return bool(_question_words(analysis) & (own - others))


def _names_other_item(analysis: QuestionAnalysis, subject: ListSubject) -> bool:
    """The question names a word only another item of the list has, and none only this
    item has: 农村居民人均纯收入 asked, 城镇居民人均可支配收入 measured."""
    own, others = _item_words(subject)
    words = _question_words(analysis)
    return bool(words & (others - own)) and not words & (own - others)


def _item_words(subject: ListSubject) -> tuple[set[str], set[str]]:
    own = set(tokenize(subject.own))
    others = {word for item in subject.others for word in tokenize(item)}
    return own, others


def _question_words(analysis: QuestionAnalysis) -> set[str]:
    return {v for word in analysis.keywords for v in variants(word)}


# Only counts of people and households go unwritten after 万/亿 (减少6800多万); a sum of
# money without its currency (票房4936万) is not a figure in 元.
_IMPLIED_UNITS = frozenset({"人", "人次", "名", "位", "户", "家"})


def _with_implied_unit(text: str, span: NumberSpan, analysis: QuestionAnalysis) -> NumberSpan:
    """贫困人口减少6800多万: a scaled number without a unit counts what its clause names,
    when that noun implies the unit the question asks for (人口 → 人)."""
    if span.unit or not analysis.units or analysis.units[0] not in _IMPLIED_UNITS:
        return span
    clause = _lead_in(text, span)
    for noun, units in NOUN_UNITS.items():
        if noun in clause and analysis.units[0] in units:
            return NumberSpan(span.value, analysis.units[0], span.raw, span.start, span.end,
                              span.number_start, span.approximate, span.bound)
    return span


def _regions_agree(analysis: QuestionAnalysis, passage: _Passage) -> bool:
    """A province is answered only from its own report (never a national one, never
    another province's); a city from its own report or its province's where the passage
    names it; a place the gazetteer lacks must be written in the passage or bulletin; in a
    table cell, in the cell's own row or column."""
    bulletin = passage.hit.bulletin
    if _TABLE_CELL.search(passage.text):
        # A table cell (ingest.tables): a region must be in the cell's own row or column
        # labels, or in the file or table name when no label names a place (the other
        # rows are other regions); the bulletin's own region rules apply as well.
        labels = passage.text.rsplit("》", 1)[-1]
        named = passage.text[: len(passage.text) - len(labels)]  # file and table names
        if not all(region in labels or (region in named and not _PLACE_LABEL.search(labels))
                   for region in analysis.regions):
            return False
        return bulletin_answers(analysis.regions, region=bulletin.region, title=bulletin.title,
                                issuer=bulletin.issuer, text=passage.text)
    return bulletin_answers(analysis.regions, region=bulletin.region, title=bulletin.title,
                            issuer=bulletin.issuer, text=f"{passage.text} {passage.context}")


_DESIGNATION = re.compile(
    r"(?<![A-Za-z0-9])(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9-]{2,}"
)


_ORDINAL_NAME = re.compile(r"第[一二三四五六七八九十\d]+(?:个|次|届|批|期)?[\u4e00-\u9fff]{2,4}?"
                           r"(?=计划|规划|会议|大会|全会|期间|时期|的|[,，。?？]|$)")


def _designations_agree(analysis: QuestionAnalysis, passage: _Passage) -> bool:
    """Names made of letters and digits (格利泽581b, A380, G20) or of an ordinal (第一个五年
    计划, 第十届) identify one thing: one digit off is another thing, so each must be
    written in the passage, its paragraph or its title."""
    where = f"{passage.text} {passage.context} {_readable(''.join(passage.hit.lead))}".lower()
    names = _DESIGNATION.findall(analysis.text) + _ORDINAL_NAME.findall(analysis.text)
    return all(name.lower() in where for name in names)


def _closeness(
    analysis: QuestionAnalysis, passage: _Passage, span: NumberSpan
) -> tuple[float, float]:
    """(near, cover): question words close to the figure, and found anywhere around it.

    Words the title or heading already account for (the topic) are left out of ``near``
    unless they also stand in the figure's clause; of the rest, words in the sentence's
    first clause (its topic in Chinese) count more than words in other clauses, and the
    counted thing (targets) weighs double. A word counts when any of its synonyms does.
    """
    if not analysis.keywords:
        return 0.0, 0.0
    text = passage.text
    lead = _readable("".join(passage.hit.lead[-1:]))
    own_start, clause_end = _clause_bounds(text, span)
    clause_start = _subject_start(text, own_start)
    first = _CLAUSE_END.search(text)
    topic_end = first.start() if first else len(text)
    total = near = cover = 0.0
    for word in analysis.keywords:
        weight = min(len(word), 3) / 2 * (_TARGET_WEIGHT if word in analysis.targets else 1.0)
        total += weight
        if span.unit in _MEASURED_BY.get(word, ()):
            near += weight  # 体长 asked, 91厘米 measured: the unit says what it measures
            cover += weight
            continue
        for forms, share in _word_pieces(word, f"{text} {passage.context} {lead}"):
            part = weight * share
            if any(f in text or f in passage.context or f in lead for f in forms):
                cover += part
            fallback = 0.7 if any(f in text[:topic_end] for f in forms) else (
                0.35 if any(f in text for f in forms) else 0.0)
            local = max(
                (_proximity(m.start(), m.end(), span, passage.spans)
                 # a subject the clause inherits (钢产量…，到一九五八年就增加到…) is its own
                 if m.start() >= own_start else max(0.7, _proximity(m.start(), m.end(), span, []))
                 for form in forms
                 for m in re.finditer(re.escape(form), text)
                 if clause_start <= m.start() < clause_end),
                default=fallback,
            )
            if local < 1 and any(f in passage.context for f in forms):
                local = max(local, 0.7)
            near += part * local
    bonus = _ADJACENT_BONUS if _target_adjacent(analysis.targets, text, span) else 0.0
    return min(1.0, near / total + bonus), cover / total


_PHYSICAL_UNITS = frozenset((*LENGTH_UNITS, *BODY_UNITS, *AREA_UNITS, *WEIGHT_UNITS,
                             *DURATION_UNITS, "岁"))
# Nouns of physical measure whose unit names them (体长 → 厘米, 面积 → 平方米, 年龄 → 岁):
# a figure in that unit is a measure of that kind though the noun is not written.
_MEASURED_BY = {noun: NOUN_UNITS[noun] for noun in words(
    "全长 总长 长度 体长 特长 肩高 水深 深度 高度 身高 外径 直径 宽度 厚度 面积 占地 重量 体重 "
    "年龄 享年 时长") if set(NOUN_UNITS[noun]) <= _PHYSICAL_UNITS}


def _word_pieces(word: str, where: str) -> list[tuple[tuple[str, ...], float]]:
    """A question word as the passage can match it: whole (any synonym), or when it is a
    compound the passage splits (粮食产量 → 粮食 … 产量), its parts, each for its share."""
    forms = variants(word)
    if any(form in where for form in forms):
        return [(forms, 1.0)]
    parts = _parts(word) if len(word) >= _SPLIT_MIN_CHARS else []
    if len(parts) < 2 or not all(part in where for part in parts):
        return [(forms, 1.0)]  # 城镇新增就业 is not matched by 就业 alone
    length = sum(len(part) for part in parts)
    return [((part,), len(part) / length) for part in parts]


def _parts(word: str) -> list[str]:
    """Non-overlapping dictionary words inside a compound, longest first (国内生产总值 →
    国内, 生产, 总值)."""
    taken: list[tuple[int, str]] = []
    for part in sorted(subwords(word), key=len, reverse=True):
        start = word.find(part)
        if start >= 0 and not any(s < start + len(part) and start < s + len(p) for s, p in taken):
            taken.append((start, part))
    return [part for _, part in sorted(taken)]


def _target_adjacent(targets: tuple[str, ...], text: str, span: NumberSpan) -> bool:
    """The counted thing or its verb written right beside the figure, at most a short
    object between: 400余位学生, 查处案件36宗, 出动工作人员30多人次."""
    after = _CLAUSE_END.split(text[span.end:span.end + 2 + max(map(len, targets), default=0)])[0]
    before = _CLAUSE_END.split(text[max(0, span.start - 8):span.start])[-1]
    return any(t in after[: 2 + len(t)] or t in before for t in targets)


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


# A clause that opens with its verb (增长6.7%, 是1997年的2.3倍, 全年增长19·5%) has no
# subject of its own: it continues the clause before it.
_SUBJECTLESS = re.compile(
    r"(?:(?:到|至|截至|在)?(?:(?:1[89]|20)\d{2}|[一二][〇零一二三四五六七八九]{3})年(?:底|末)?)?"
    r"(?:全年|同比|当年|其中|就|又|已|已经|则|再)?"
    r"(?:是|为|占|相当于|比|较|增长|下降|增加|减少|提高|降低|达到|达|分别|实际增长|扣除|上升|上涨)"
)


def _subject_start(text: str, clause_start: int) -> int:
    """Where the subject of the clause at ``clause_start`` is written: further back while
    clauses open with their verb."""
    start = clause_start
    while start > 0 and _SUBJECTLESS.match(text, start):
        before = [m.end() for m in _CLAUSE_END.finditer(text, 0, start - 1)]
        start = before[-1] if before else 0
    return start


def _lead_in(text: str, span: NumberSpan) -> str:
    """The clause up to the figure, where 年均 or 平均 would qualify it."""
    start, _ = _clause_bounds(text, span)
    return text[start:span.start]


def _clause_subject(text: str, span: NumberSpan) -> str:
    """What a figure measures, as written: its clause up to the figure."""
    return _lead_in(text, span).strip()


def _heading(hit: Hit) -> str | None:
    """The nearest short sentence shortly before the hit in its paragraph."""
    for back, before in enumerate(reversed(hit.lead), start=1):
        if back > _HEADING_LOOKBACK:
            break
        if len(before) <= _HEADING_MAX_CHARS:
            return normalize(before)
    return None
