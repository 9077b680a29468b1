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
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from qa.clauses import (
    CLAUSE_END,
    clause_bounds,
    clause_subject,
    clause_subjects,
    lead_in,
    subject_start,
)
from qa.numbers import NumberSpan, find_numbers, years_in
from qa.parallel import ListSubject, parallel_subjects
from qa.question import QuestionAnalysis, without_indicator_names
from qa.regions import bulletin_answers, is_national
from qa.status import figure_status
from qa.subjects import (
    SentenceFigures,
    another_place,
    asked_kind_unnamed,
    contrasting_thing,
    counted_set,
    inserted_kind,
    item_alone_names_indicator,
    item_measures_another_way,
    item_of_another_thing,
    kind_absent,
    names_other_item,
    names_own_item,
    names_several_items,
    part_of_a_whole,
    qualifier_mismatch,
    readable,
    sibling_subject,
    speaks_of_something_else,
    unasked_kind,
    whole_for_a_part,
    word_pieces,
)
from qa.timeframe import Timeframe, figure_timeframe, is_comparison_base, level_at_span_end
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
from retrieval.tokenizer import normalize, tokenize
from retrieval.types import Hit

# 2012年占国内生产总值比例达到4% (2013 report): the share of GDP something takes, never
# GDP's own figure.
_SHARE_OF = re.compile(r"占比|占[^,，;；。]{1,20}?(?:比例|比重|份额)")
_ASKS_SHARE = re.compile(r"占|比例|比重|份额|率")
_FROM_BEFORE = re.compile(r"[从由][^,，;；。从由]{0,14}$")
_CHANGED_LATER = re.compile(
    r"[^,，;；。]{0,16}?(?:缩短|减少|下降|降低|增加|增长|提高|上升|扩大|提升|回落|回升|升|降|增)(?:至|到|为)")
_ASKS_START = re.compile(r"从|由|原来|原先|起初|最初|此前")
# 2020年以来人均GDP提高到多少: the year asked is where the change started; the question
# asks where it got to, never the start.
_ASKS_REACHED = re.compile(r"以来|至今|[到至](?:了)?多少|[到至]了?几")
# 今年上半年，社会商品零售总额又比去年同期增长18.5％ (1980 report): months, not the year.
_PART_OF_YEAR = re.compile(
    r"[上下]半年|前三季度|[一二三四]季度|前\d{1,2}个月|前[一二三四五六七八九十]{1,2}个月|"
    r"1\s*[-—至到]\s*\d{1,2}\s*月|一至[一二三四五六七八九十]{1,2}月")
# 年均增长7.8% averages over years; 平均浓度 is a mean of another kind, and 年均浓度 a
# year's mean (细颗粒物年均浓度27微克/立方米, 北京 2026).
# 城镇新增就业每年超过90万人 (湖北 2026) is a yearly figure inside a five-year review.
_AVERAGE_MARK = re.compile(r"年均(?!浓度)|年平均(?!浓度)|平均每年|每年平均|每年")
# "由原来的6小时缩短至3小时": the figure before such a verb is the old value.
_CHANGED_TO = re.compile(
    r"(?:缩短|减少|下降|降低|降|增加|增长|提高|上升|扩大|提升|增|变)(?:至|到|为)"
)
# 增加109亿公斤，达到4024亿公斤: the figure right after a verb of change is the change, and
# answers only a question about the change.
# What may stand between a verb of change and the amount it changed by.
_BEFORE_AMOUNT = r"了?(?:约|近|超过|逾)?$"
_CHANGE_AMOUNT = re.compile(
    r"(?:增加|减少|增长|下降|提高|降低|上升|扩大|缩小|增产|减产|增|减)" + _BEFORE_AMOUNT)
# 固定资产投资下降3.3% (福建 2026) is no growth of 3.3%: a figure after a verb of one
# direction does not answer a question asking the other.
_RISE = r"增长|增加|提高|上升|上涨|扩大|回升|升|增"
_FALL = r"下降|减少|降低|回落|下滑|缩小|降|减"
# 农村贫困人口由4960万人减少到2820万人 (2003 report): the level reached, not the change.
_REACHED = re.compile(f"(?:{_RISE}|{_FALL})(?:到|至)了?$")
_ASKS_REACHED = re.compile(r"(?:到|至)了?(?:多少|几)")
_ASKS_RISE = re.compile(_RISE)
_ASKS_FALL = re.compile(_FALL)
_FELL = re.compile(f"(?:{_FALL}){_BEFORE_AMOUNT}")
_ROSE = re.compile(f"(?:{_RISE}){_BEFORE_AMOUNT}")
# 扣除房地产开发投资后，固定资产投资增长2.7% (甘肃 2026): the total with a part left out;
# 扣除价格因素 only restates the total in real terms.
_PART_LEFT_OUT = re.compile(
    r"(?:扣除|剔除|不含|除去)(?![^,，;；。]{0,12}因素)[^,，;；。]{1,20}?(?:后|外|以外)")
_ASKS_PART_LEFT_OUT = re.compile(r"扣除|剔除|不含|除去|除")
# 对俄进出口增速高于全国8.4个百分点 (黑龙江 2026): a gap to a benchmark, not a growth rate.
_COMPARING = "高于|低于|快于|慢于|高出|低出"
_GAP_TO_BENCHMARK = re.compile(f"(?:{_COMPARING})(?:全国|全省|全市|平均|全国平均)?(?:水平)?$")
_ASKS_GAP = re.compile(r"高于|低于|快于|慢于|高出|差距|相差")
# 规上民营工业增加值增速高于全部规上工业2.3个百分点 (安徽 2026), 快于经济增速1个百分点 (湖南
# 2026), 超过全国平均水平0.28个百分点 (吉林 2026): percentage points after a comparing verb
# are a gap to whatever benchmark the clause names, not only 全国 or 平均.
_GAP_IN_POINTS = re.compile(f"(?:{_COMPARING}|超过|超出|领先|落后)" + r"[^,，;；。、\d]{0,16}$")
# What a budget arranges (赤字, 赤字率, 专项债券, 特别国债) is known only as arranged: a
# year's deficit asked (2025年赤字规模是多少) is the one the report arranged for that year,
# unless the question asks what it came to (实际, 执行, 决算).
_BUDGETED = re.compile(r"^(?!.*(?:实际|执行|决算|完成)).*(?:赤字|专项债|特别国债)")
# 新增铁路营运里程6100公里 (2008 report): what a clause opening with 新增 counts was added,
# however far the verb stands from the figure.
# 优良水体比例提高2.3个百分点 (黑龙江 2026): points after a verb of change are a change of a
# share, never the share.
_POINTS = ("个百分点", "百分点")
_ADDED = re.compile(r"\s*(?:全年|当年|五年|累计|共|还)?新增")
_ASKS_CHANGE = re.compile(r"增|减|下降|提高|降低|上升|扩大|缩小|多了|少了|多出|相差|变化")
# 迈上6万亿元台阶, 突破1万亿元大关, 突破4000亿元、达到4211亿元: a round milestone passed,
# not the figure reached.
_MILESTONE = re.compile(r"\s*新?(?:台阶|大关|关口)")
PASSING_VERBS = "突破|超过|跨过|迈上|迈过|跃上|站上|登上|跨上"
_PASSED = re.compile(f"(?:{PASSING_VERBS})$")
_THEN_REACHED = re.compile(r"[、,，]?\s*(?:达到|达)")
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
        text = readable(hit.text)
        heading = _heading(hit)
        parts = (hit.bulletin.title, hit.section, heading)
        topic = (hit.bulletin.title, hit.section,
                 heading if heading and not find_numbers(heading) else None)
        spans = find(text)
        passage = SentenceFigures(hit, text, " ".join(p for p in parts if p), spans,
                                  parallel_subjects(text, spans), hit.score / top,
                                  clause_subjects(text, spans), " ".join(p for p in topic if p))
        if not _regions_agree(analysis, passage) or not _designations_agree(analysis, passage):
            continue
        for index, span in enumerate(spans):
            if (span.value, span.unit) in given:
                continue  # a number the question itself states is no answer to it
            candidate = _judge(analysis, passage, index, span)
            if candidate is not None:
                found.append(candidate)
    return sorted(found, key=lambda c: (c.rejected is None, c.score), reverse=True)


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
    if analysis.regions:
        # 31 provinces' reports all speak of 2025: the named place's passages go first, or
        # the others' would fill the judged ones and be dropped by the region rules later.
        hits = sorted(hits, key=lambda hit: not _of_named_region(analysis, hit))
    if len(analysis.years) != 1:
        return hits[:_JUDGED_PASSAGES]
    year = analysis.years[0]

    def can_speak(hit: Hit) -> bool:
        if hit.bulletin.year in (year, year + 1):
            return True
        text = " ".join((hit.text, hit.section or "", *hit.lead))
        return any(found == year for _, found in years_in(text))

    return sorted(hits, key=lambda hit: not can_speak(hit))[:_JUDGED_PASSAGES]


def _of_named_region(analysis: QuestionAnalysis, hit: Hit) -> bool:
    bulletin = hit.bulletin
    return bulletin_answers(analysis.regions, region=bulletin.region, title=bulletin.title,
                            issuer=bulletin.issuer, text=f"{hit.text} {hit.section or ''}")


def _judge(
    analysis: QuestionAnalysis, passage: SentenceFigures, index: int, span: NumberSpan
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
    lead = readable("".join(hit.lead))
    timeframe = figure_timeframe(text, span.number_start, hit.section, hit.bulletin.year, lead,
                                 tuple(readable(p) for p in hit.earlier))
    status = figure_status(text, span, hit.section, timeframe, _own_year(hit),
                           sentence_opening(lead), lead, " ".join(hit.earlier))
    if status == "achieved":
        opening = readable(hit.lead[0]) if hit.lead else text
        timeframe = level_at_span_end(timeframe, lead_in(text, span), span.unit, text,
                                      hit.section, opening, hit.bulletin.title, hit.bulletin.year)
    near, cover = _closeness(analysis, passage, span)
    subject = passage.subjects.get(index)
    if subject is not None and names_own_item(analysis, subject):
        near = max(near, 1.0)
    unit_fit = 1.0 if span.unit == analysis.asked_unit else 0.8 if analysis.units else 0.5
    score = 0.5 * near + 0.3 * cover + 0.1 * unit_fit + 0.1 * passage.bm25
    if analysis.years and timeframe.source == "clause" and timeframe.year in analysis.years:
        score += _DATED_IN_CLAUSE_BONUS  # 2007年有2742人 states the asked year itself
    if _CHANGED_TO.match(text, span.end):
        score *= 0.6
    rejected = (_rejection(analysis, passage, index, span, timeframe, status, subject)
                if analysis.kind == "quantity" else None)
    own = subject.own if subject else clause_subject(text, span)
    return Candidate(hit, span, timeframe, status, near, cover, score, own, rejected)


_SENTENCE_END = re.compile(r"[。！？!?]")
# 地区生产总值增长5.5%、达到10.3万亿元 and 地区生产总值5.3万亿元、增长5.5%: one subject
# states its growth and its level side by side, so the first figure does not stand
# between the subject and the second the way another item's figure in a list would; nor
# does the round mark passed on the way (突破4000亿元、达到4211亿元), nor where a change
# started.
_RATE_BRIDGE = re.compile(
    r"[^\d,，、;；。:：%]*?(?:"  # the rest of the subject's own words
    r"(?:同比|比上年)?(?:增长|下降|提高|降低|上升)\d+(?:\.\d+)?%[、,，]?"
    r"(?:总量|规模)?(?:达到|达|为|实现|突破|超过)?"
    r"|(?:达到|达|为|实现)?\d+(?:\.\d+)?[万亿千百]*[\u4e00-\u9fff]{1,3}[、,，]?"
    r"(?:同比|比上年)?(?:增长|下降|提高|降低|上升)"
    r"|(?:突破|超过|跨过|迈上|迈过|跃上|站上)\d+(?:\.\d+)?[万亿千百]*[\u4e00-\u9fff]{1,3}?"
    r"(?:台阶|大关|关口)?[、,，]?(?:达到|达)"
    # 人均GDP从2020年的5.2万元提高到2025年的7.4万元 (山西 2026): where the change started
    r"|[从由][^,，;；。]{0,12}?\d+(?:\.\d+)?[万亿千百]*[\u4e00-\u9fff]{0,3}?"
    r"(?:提高|增加|增长|上升|提升|扩大|下降|减少|降低|缩小|缩短)?[到至][^,，;；。]{0,8})"
)


def sentence_opening(lead: str) -> str:
    """The part of ``lead`` (the paragraph before a passage) that belongs to the
    passage's own sentence: empty when the lead ends a sentence."""
    ends = list(_SENTENCE_END.finditer(lead))
    return lead[ends[-1].end():] if ends else lead


def _starting_value(text: str, span: NumberSpan) -> bool:
    """从2021年的46503元和16935元分别提高到58794元和23184元 (西藏 2026): a figure after 从
    or 由 in a clause that goes on to a verb of change 到 is where the change started."""
    start, end = clause_bounds(text, span)
    return bool(_FROM_BEFORE.search(text, start, span.start)
                and _CHANGED_LATER.match(text, span.end, end))


# 人均GDP从2020年的5.2万元提高到2025年的7.4万元 (山西 2026): the start written with its year.
_DATED_START = re.compile(r"(?:从|由)((?:19|20)\d{2})年(?:底|末)?的?")


def _start_of_asked_year(text: str, span: NumberSpan, years: Sequence[int]) -> bool:
    """A starting value that its clause dates (从2020年的5.2万元) is that year's level, and
    answers a question about that year; an undated one (由上年729万人) is left alone."""
    start, _ = clause_bounds(text, span)
    dated = list(_DATED_START.finditer(text, start, span.start))
    return bool(dated) and int(dated[-1].group(1)) in years


def _of_part_of_year(before: str) -> bool:
    """Months named before the figure and no 全年 after them (下半年……加快，全年增长19·5％
    is the whole year's, 1999 report)."""
    parts = list(_PART_OF_YEAR.finditer(before))
    return bool(parts) and "全年" not in before[parts[-1].end():]


# 芯业时代8英寸半导体 (陕西 2026): a size written before a product's name is its grade,
# no amount, unless a size is what the question asks (体长约是多少 → 10英寸长).
_SPECIFICATION = re.compile(r"^[\u4e00-\u9fff]")
_SIZE_UNITS = frozenset(("英寸", "吉瓦时", "兆瓦时", "千伏", "纳米"))


def _is_specification(text: str, span: NumberSpan) -> bool:
    return span.unit in _SIZE_UNITS and bool(_SPECIFICATION.match(text[span.end:]))


def _is_milestone(text: str, span: NumberSpan) -> bool:
    return bool(_MILESTONE.match(text, span.end)) or _passed_then_reached(text, span)


def _passed_then_reached(text: str, span: NumberSpan) -> bool:
    """突破4000亿元、达到4211亿元: the first figure is the round mark, the second the value."""
    return bool(_PASSED.search(text[:span.number_start]) and _THEN_REACHED.match(text, span.end))


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
    analysis: QuestionAnalysis, passage: SentenceFigures, index: int, span: NumberSpan,
    timeframe: Timeframe, status: FigureStatus, subject: ListSubject | None,
) -> str | None:
    """Why this figure cannot answer the question, or None. A figure of the other status
    is said to be so only when nothing else rules it out: an abstention cites it as what
    was found instead (只找到1956年的预期目标), so it must be the asked thing's."""
    if status == "hypothetical":
        return "假设情形中的数字"
    reason = _content_rejection(analysis, passage, index, span, timeframe, subject)
    if reason:
        return reason
    if analysis.wants_planned and status != "planned":
        return "是实际数，问的是目标"
    if not analysis.wants_planned and status == "planned" and not _BUDGETED.search(
            analysis.text):
        return "是预期目标，问的是实际"
    return _out_of_reach(analysis, passage)  # what a report could not yet know was done


def _content_rejection(
    analysis: QuestionAnalysis, passage: SentenceFigures, index: int, span: NumberSpan,
    timeframe: Timeframe, subject: ListSubject | None,
) -> str | None:
    """Why this figure, whatever its status, is not the asked thing of the asked time."""
    lead = lead_in(passage.text, span)
    item = subject.own if subject is not None else ""
    if _is_specification(passage.text, span) and span.unit not in analysis.units:
        return "是名称里的规格"
    if _is_milestone(passage.text, span):
        return "是跨过的整数关口，不是达到的数值"
    if _is_streak(passage.text, span) and "连续" not in analysis.text:
        return "是连续的年数，不是所问的数值"
    if (_starting_value(passage.text, span) and not _ASKS_START.search(analysis.text)
            and (_ASKS_REACHED.search(analysis.text)
                 or not _start_of_asked_year(passage.text, span, analysis.years))):
        return "是变化前的数值"
    if ((span.unit not in RATE_UNITS or span.unit in _POINTS)
            and (_CHANGE_AMOUNT.search(lead) or _ADDED.match(lead))
            and not _ASKS_CHANGE.search(without_indicator_names(analysis.text))):
        return "是增减量，问的是总量"
    if _of_part_of_year(passage.text[:span.start]) and not _PART_OF_YEAR.search(analysis.text):
        return "是部分月份的数字"
    if _SHARE_OF.search(lead) and not _ASKS_SHARE.search(analysis.text):
        return "是所占比重"
    averaged = bool(_AVERAGE_MARK.search(lead))
    if (analysis.wants_average and not averaged and span.unit in RATE_UNITS
            and not _AVERAGE_MARK.search(passage.text[:span.start])):
        return "是累计增幅，问的是年均"  # 一般公共预算收入……5年增长18.7% (山东 2026)
    if averaged and not analysis.wants_average:
        return "是平均数"
    since = _years_compared(passage.text, span, timeframe)
    if since and _asks_years_after(analysis, since) and timeframe.year == max(analysis.years):
        timeframe = Timeframe(None, True, timeframe.source)  # the years since the base
        since = None
    change = _another_change(analysis, passage.text, span, since)
    if change:
        return change
    wrong_time = _timeframe_mismatch(analysis, timeframe, passage.context)
    if wrong_time:
        return wrong_time
    absent = kind_absent(analysis, passage, item)
    if absent:
        return f"没有提到{absent}"
    if subject is not None and names_other_item(analysis, subject):
        return f"属于并列的另一项（{subject.own}），问的是另一项"
    if subject is not None and names_several_items(analysis, subject):
        return f"是并列几项之一（{subject.own}），问的是几项合起来"
    if subject is not None and not names_own_item(analysis, subject):
        return f"是并列几项之一（{subject.own}），问题没有说是哪一项"
    if subject is not None and (item_measures_another_way(analysis, subject)
                                or item_of_another_thing(analysis, subject)):
        return f"属于并列的另一项（{subject.own}），问的是另一项"
    qualifier = qualifier_mismatch(analysis, passage, index, subject)
    if qualifier:
        return qualifier
    told_apart = subject is not None and item_alone_names_indicator(analysis, subject)
    sister = (None if told_apart else contrasting_thing(analysis, passage, index)) or inserted_kind(
        analysis, passage, index) or unasked_kind(analysis, passage, index, item) or (
        asked_kind_unnamed(analysis, passage, index, item)) or counted_set(
        analysis, passage, index) or part_of_a_whole(
        analysis, passage, index) or (whole_for_a_part(analysis, passage, index)
                                      if subject is None else None)
    if sister:
        return f"这个数字说的是{sister}"
    zone = _of_a_zone(analysis.text, passage.text, span) or _unasked_owner(
        analysis.text, _FOR_SCOPE.match(passage.text)) or _unasked_owner(
        analysis.text, _FOR_PURPOSE.search(lead)) or _unasked_quoted_name(analysis.text, lead)
    if zone:
        return f"这个数字说的是{zone}"
    if subject is None:
        sibling = sibling_subject(analysis, passage, index)
        if sibling is not None:
            return f"句中另一分句（{sibling}）才是所问的对象"
        elsewhere = another_place(analysis, passage, index)
        if elsewhere is not None:
            return f"这个数字说的是{elsewhere}"
        if speaks_of_something_else(analysis, passage, index):
            return f"这个数字说的是“{passage.clause_subjects[index][0].strip(' ,，')}”"
    return None


# Development zones and parks report their own figures (国家级经开区……利用外资、投资分别增长
# 45%、20%, 天津 2026; 沿边临港产业园区工业投资增长11.7%, 广西 2026).
_ZONE = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:经开区|开发区|高新区|产业园区|园区|自贸区|自贸试验区|"
                   r"综保区|保税区)")


# 专精特新“小巨人”企业从80户增加到810户 (安徽 2026): a name in quotes that qualifies the
# noun after it is a category of its own, which a question not writing it (专精特新中小企业)
# does not ask. Names listed for a count (“固边”、“清源”……5大专项行动) are what is counted.
_QUOTED_NAME = re.compile(r"“([^”]{1,10})”(?=[\u4e00-\u9fff])")


def _unasked_quoted_name(question: str, lead: str) -> str | None:
    for name in _QUOTED_NAME.findall(lead):
        if normalize(name) not in question:
            return f"“{name}”"
    return None


# 对于少数民族地区，本年预算共支出791,459,000元 (1956 report): a sentence opening with
# 对于 gives the figures of what it names.
_FOR_SCOPE = re.compile(r"\s*对于([\u4e00-\u9fff]{2,12})[,，]")


def _unasked_owner(question: str, found: re.Match[str] | None) -> str | None:
    """What ``found`` names as the figure's owner (its group 1), when the question names
    none of its words."""
    if found is None or any(word in question for word in tokenize(found.group(1))
                            if len(word) >= 2):
        return None
    return found.group(1)


# 用于轻工业的支出为974,979,000元 (1956 report): spending on one purpose, no total.
_FOR_PURPOSE = re.compile(r"用于([\u4e00-\u9fff、和及]{2,16}?)的")


def _is_streak(text: str, span: NumberSpan) -> bool:
    """连续五年稳定达标 (北京 2026): how many years a record has held, which answers no
    question but one about the record's length."""
    return span.unit in ("年", "个年头") and text[:span.start].rstrip().endswith("连续")


def _of_a_zone(question: str, text: str, span: NumberSpan) -> str | None:
    """The zone a figure belongs to: named in the figure's clause, or in the clause its
    sentence opens with, when the question names none."""
    if _ZONE.search(question):
        return None
    clause_start, _ = clause_bounds(text, span)
    found = _ZONE.search(text, clause_start, span.start)
    if found is None:
        opening = CLAUSE_END.search(text)
        if opening is not None and opening.start() < clause_start:
            found = _ZONE.search(text, 0, opening.start())
    return found.group() if found else None


def _another_change(
    analysis: QuestionAnalysis, text: str, span: NumberSpan, since: int | None
) -> str | None:
    """Why a figure measures another change than the one asked: the level reached, a gap
    to elsewhere, the other direction, a total with a part left out, or several years
    (``since``: the base year of a rate that measures several)."""
    lead = lead_in(text, span)
    question = without_indicator_names(analysis.text)
    if (span.unit not in RATE_UNITS and _REACHED.search(lead) and _ASKS_CHANGE.search(question)
            and not _ASKS_REACHED.search(question)):
        return "是变化后达到的水平，问的是变化量"
    gap = _GAP_TO_BENCHMARK.search(lead) or (
        span.unit in ("个百分点", "百分点") and _GAP_IN_POINTS.search(lead))
    if gap and not _ASKS_GAP.search(question):
        return "是与别处相比的差距"
    direction = _opposite_direction(question, lead)
    if direction:
        return direction
    if _PART_LEFT_OUT.search(text[:span.start]) and not _ASKS_PART_LEFT_OUT.search(question):
        return "是扣除一部分后的数字"
    if since and str(since) not in question and not _asks_years_after(analysis, since):
        return f"是比{since}年的多年增幅"
    return None


def _asks_years_after(analysis: QuestionAnalysis, base: int) -> bool:
    """2003-2007年国内生产总值增长多少 asks the growth over 2002 (2007年……比2002年增长65.5%,
    2008 report): a span asked from the year after the base is the same several years."""
    return analysis.wants_span and bool(analysis.years) and min(analysis.years) == base + 1


def _opposite_direction(question: str, lead: str) -> str | None:
    """Why a figure of a fall cannot answer how much something grew, or the reverse."""
    asks_rise, asks_fall = bool(_ASKS_RISE.search(question)), bool(_ASKS_FALL.search(question))
    if asks_rise and not asks_fall and _FELL.search(lead):
        return "是下降的幅度，问的是增长"
    if asks_fall and not asks_rise and _ROSE.search(lead):
        return "是增长的幅度，问的是下降"
    return None


def _years_compared(text: str, span: NumberSpan, timeframe: Timeframe) -> int | None:
    """The base year of a rate compared with a year before the one ahead of its own
    (2007年……比2002年增长65.5%; 一九八二年同一九七八年相比，……增长百分之六十四点八): the rate
    then measures several years of change, which no question about one year asks."""
    if span.unit not in RATE_UNITS or timeframe.year is None:
        return None
    named = years_in(text[:span.start])
    if not named:
        return None
    at, year = named[-1]
    return year if is_comparison_base(text, at) and year < timeframe.year - 1 else None


def _out_of_reach(analysis: QuestionAnalysis, passage: SentenceFigures) -> str | None:
    """A report of 2000 cannot tell what was done by 2002 (增加铁路新线1423公里、复线643公里);
    one of 2011 reviews its own five years (五年建成铁路新线1.6万公里), not 1998—2002,
    unless the sentence names the asked period's last year. Only a bulletin dated by its
    publication or its title counts: an article's first year says nothing of when it was
    written."""
    bulletin = passage.hit.bulletin
    published = bulletin.year
    dated = bulletin.published is not None or bool(years_in(bulletin.title))
    if analysis.wants_planned or not analysis.years or published is None or not dated:
        return None
    last = max(analysis.years)
    if published < last:
        return f"{published}年的报告早于所问的年份"
    written = passage.text
    named = {year for at, year in years_in(written) if not is_comparison_base(written, at)}
    if analysis.wants_span and published > last + 1 and last not in named:
        return f"{published}年的报告回顾的是另一个时期"
    return None


def _timeframe_mismatch(
    analysis: QuestionAnalysis, timeframe: Timeframe, context: str
) -> str | None:
    """A single asked year must be the figure's year; a multi-year figure answers only a
    question about several years (过去五年, 年均)."""
    if analysis.wants_span and not timeframe.span:
        return "问的是多年合计，这是单年数字"
    if analysis.wants_span and timeframe.source == "mixed heading":
        return "标题兼指一年和多年，不能确定是多年合计"
    if len(analysis.years) != 1:
        return None
    asked = analysis.years[0]
    if timeframe.span:
        return None if analysis.wants_average else "是多年合计或年均数"
    if timeframe.year is None:
        return None if f"{asked}年" in context else "年份不详"
    return None if timeframe.year == asked else f"是{timeframe.year}年的数字"


# Only counts of people and households go unwritten after 万/亿 (减少6800多万); a sum of
# money without its currency (票房4936万) is not a figure in 元.
_IMPLIED_UNITS = frozenset({"人", "人次", "名", "位", "户", "家"})


def _with_implied_unit(text: str, span: NumberSpan, analysis: QuestionAnalysis) -> NumberSpan:
    """贫困人口减少6800多万: a scaled number without a unit counts what its clause names,
    when that noun implies the unit the question asks for (人口 → 人)."""
    if span.unit or not analysis.units or analysis.units[0] not in _IMPLIED_UNITS:
        return span
    clause = lead_in(text, span)
    for noun, units in NOUN_UNITS.items():
        if noun in clause and analysis.units[0] in units:
            return NumberSpan(span.value, analysis.units[0], span.raw, span.start, span.end,
                              span.number_start, span.approximate, span.bound)
    return span


# 全国粮食产量, 我国出口: the country's figure, which no province's report states.
_NATIONAL_SCOPE = re.compile(r"全国|我国|国家")


def _regions_agree(analysis: QuestionAnalysis, passage: SentenceFigures) -> bool:
    """A province is answered only from its own report (never a national one, never
    another province's); a city from its own report or its province's where the passage
    names it; a place the gazetteer lacks must be written in the passage or bulletin; in a
    table cell, in the cell's own row or column."""
    bulletin = passage.hit.bulletin
    if (not analysis.regions and _NATIONAL_SCOPE.search(analysis.text) and bulletin.region
            and not is_national(bulletin.title, bulletin.issuer)):
        return False  # a province's figure never answers for the whole country
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


def _designations_agree(analysis: QuestionAnalysis, passage: SentenceFigures) -> bool:
    """Names made of letters and digits (格利泽581b, A380, G20) or of an ordinal (第一个五年
    计划, 第十届) identify one thing: one digit off is another thing, so each must be
    written in the passage, its paragraph or its title."""
    names = _DESIGNATION.findall(analysis.text) + _ORDINAL_NAME.findall(analysis.text)
    if not names:  # most questions: no need to fold the paragraph's script (OpenCC is slow)
        return True
    where = f"{passage.text} {passage.context} {readable(''.join(passage.hit.lead))}".lower()
    return all(name.lower() in where for name in names)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _closeness(
    analysis: QuestionAnalysis, passage: SentenceFigures, span: NumberSpan
) -> tuple[float, float]:
    """(near, cover): question words close to the figure, and found anywhere around it.

    Words the title or heading already account for (the topic) are left out of ``near``
    unless they also stand in the figure's clause; of the rest, words in the sentence's
    first clause (its topic in Chinese) count more than words in other clauses, and the
    counted thing (targets) weighs double. A word counts when any of its synonyms does.
    """
    if not analysis.keywords:
        return 0.0, 0.0
    # keywords are lower case (gdp): 人均GDP must count, so Latin letters are folded here,
    # one for one, keeping every position
    text = passage.text.translate(_ASCII_LOWER)
    context = passage.context.translate(_ASCII_LOWER)
    lead = readable("".join(passage.hit.lead[-1:])).translate(_ASCII_LOWER)
    own_start, clause_end = clause_bounds(text, span)
    clause_start = subject_start(text, own_start)
    first = CLAUSE_END.search(text)
    topic_end = first.start() if first else len(text)
    total = near = cover = 0.0
    for word in analysis.keywords:
        weight = min(len(word), 3) / 2 * (_TARGET_WEIGHT if word in analysis.targets else 1.0)
        total += weight
        if span.unit in _MEASURED_BY.get(word, ()):
            near += weight  # 体长 asked, 91厘米 measured: the unit says what it measures
            cover += weight
            continue
        for forms, share in word_pieces(word, f"{text} {context} {lead}"):
            part = weight * share
            if any(f in text or f in context or f in lead for f in forms):
                cover += part
            fallback = 0.7 if any(f in text[:topic_end] for f in forms) else (
                0.35 if any(f in text for f in forms) else 0.0)
            local = max(
                (_proximity(m.start(), m.end(), span, passage.spans, text)
                 # a subject the clause inherits (钢产量…，到一九五八年就增加到…) is its own
                 if m.start() >= own_start else max(0.7, _proximity(m.start(), m.end(), span, []))
                 for form in forms
                 for m in re.finditer(re.escape(form), text)
                 if clause_start <= m.start() < clause_end),
                default=fallback,
            )
            if local < 1 and any(f in context for f in forms):
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


def _target_adjacent(targets: tuple[str, ...], text: str, span: NumberSpan) -> bool:
    """The counted thing or its verb written right beside the figure, at most a short
    object between: 400余位学生, 查处案件36宗, 出动工作人员30多人次."""
    after = CLAUSE_END.split(text[span.end:span.end + 2 + max(map(len, targets), default=0)])[0]
    before = CLAUSE_END.split(text[max(0, span.start - 8):span.start])[-1]
    return any(t in after[: 2 + len(t)] or t in before for t in targets)


def _proximity(
    start: int, end: int, span: NumberSpan, spans: list[NumberSpan], text: str = ""
) -> float:
    """1 beside the figure, fading with distance; weak if another figure stands between,
    unless that figure is the same subject's growth beside its level (see _RATE_BRIDGE)."""
    gap = span.start - end if end <= span.start else max(0, start - span.end)
    low, high = (end, span.start) if end <= span.start else (span.end, start)
    blocked = any(low <= other.number_start < high for other in spans if other is not span)
    if blocked and end <= span.start and _RATE_BRIDGE.fullmatch(text[end:span.number_start]):
        blocked = False
    return (0.4 if blocked else 1.0) / (1 + gap / 10)


def _heading(hit: Hit) -> str | None:
    """The nearest short sentence shortly before the hit in its paragraph."""
    for back, before in enumerate(reversed(hit.lead), start=1):
        if back > _HEADING_LOOKBACK:
            break
        if len(before) <= _HEADING_MAX_CHARS:
            return normalize(before)
    return None
