"""Whether a figure reports what happened, sets a target, or imagines a case.

A work report reviews last year and plans this one in the same vocabulary: 城镇新增就业
1100万人以上 is this year's target in one section and could be last year's result in
another. So the status comes from the text and the document's structure:

- planned when a target or projection is announced before it in its sentence (预期目标,
  主要目标是, 原定计划, 预计); or a plan word stands in its clause (计划, 拟, 力争, 争取,
  安排, 要, 将, 控制在), or in its sentence after 今年, and the figure concerns the
  document's own year or later; or it
  sits in a plan section
  (二、2017年工作总体部署, 重点工作任务) and is not dated earlier than the document; or it
  is bounded (左右, 以上, 以内, 以下) and concerns the document's year or later; or it
  concerns a year after the document's; or it is dated 今年 (a work report is given at the
  start of its year: 今年全国固定资产投资总规模为5700亿元), or its paragraph opens this
  year's plan (今年计划要求，……); or it is a multi-year figure of the coming five-year
  period (“十五五”时期……年均增长5%左右 in a 2026 report);
- hypothetical after 如果, 假如, 倘若 (如果……将要达到……), or right after 应该有 (what a
  norm requires): never an answer;
- achieved otherwise.

In a document without a year of its own (an encyclopedia article) only announced targets
and the future tense (将, 预计, 计划) plan: there 要长到25公分以上 is a condition and
水深在30米以上 a measurement.
"""

from __future__ import annotations

import re

from qa.clauses import CLAUSE_END, lead_in
from qa.numbers import NumberSpan, find_numbers
from qa.timeframe import Timeframe
from qa.types import FigureStatus

_ANNOUNCED_TARGET = re.compile(
    r"预期目标|主要目标|目标是|目标为|原定|原计划|计划指标|计划规定|预算规定|预计"
)
# A sentence that opens with a list of targets (主要目标是：……；) and goes on past a ；:
# only the announcement itself counts there, not 超过预期目标 reporting a result.
_OPENS_TARGETS = re.compile(r"(?:预期目标|主要目标|目标|计划指标)(?:是|为)?\s*[:：]|目标是|目标为")
_PLAN_WORD = re.compile(
    r"(?<!五年)计划(?!经济|委员会)|(?<!五年)规划(?!纲要)|拟|力争|争取|安排|控制在|确保|"
    r"(?<![主重需只必纲提概摘])要(?![求素点闻害])|将(?!近)"
)
_PLAN_SECTION = re.compile(r"任务|部署|安排|目标|建议|计划|要求|打算|展望|考虑|思路|谋划|设想|纲要")
_REVIEW_SECTION = re.compile(r"回顾|成就|总结|进展")
_HYPOTHETICAL = re.compile(r"如果|假如|倘若|假设|要是|假若")
# 按照纲要要求的水平计算，全国粮食总产量应该有七千二百亿斤 (1960 report): what a norm
# requires, right before the figure, is no result.
# The requirement governs every figure after it in the sentence (……应该有七千二百亿斤到七千五百
# 亿斤，还要……再增加一千八百亿斤以上). 就应当是一千二百四十一亿元 (1959 report, 1957's output
# restated at 1957 prices) is a recomputed result, not a norm: 是 and 为 do not count.
_REQUIRED = re.compile(r"(?:应该|应当)(?:有|达到|达)\s*(?:[\d〇零一二三四五六七八九十百千万两]|$)")
_BOUNDS = ("左右", "以上", "以内", "以下")
# 没有实现年初确定的单位国内生产总值能耗降低4%左右、主要污染物排放总量减少2%的目标 (2007
# report): a figure its clause calls a goal is one, whatever happened.
_TARGET_AFTER = re.compile(r"[^,，;；。]*?的(?:目标|任务|计划)")
_FUTURE = re.compile(r"将(?!近|军|领|士)|预计|计划(?!经济)")
# 今年 opens this year's plan; 今年以来 reports on the year so far.
_THIS_YEAR = re.compile(r"今年(?!以来|来)")
# 今年上半年, 今年一季度, 今年1月: months gone by, reported in a report given mid-year.
_MONTHS = re.compile(r"[上下]半年|季度|[1-9一二三四五六七八九十]+(?:个)?月")


def figure_status(
    text: str, span: NumberSpan, section: str | None, timeframe: Timeframe,
    document_year: int | None, opening: str = "", lead: str = "", earlier: str = "",
) -> FigureStatus:
    """The status of the figure at ``span`` in the sentence ``text``; ``opening`` is the
    start of that sentence when the passage is only its later part (a sentence cut at
    ；): 今年……主要目标是：……；城镇新增就业人数不低于900万人 announces a target there;
    ``lead`` is the paragraph before the sentence, ``earlier`` the paragraphs before it."""
    before = text[:span.start]
    if _HYPOTHETICAL.search(before) or _REQUIRED.search(before):
        return "hypothetical"
    if (_ANNOUNCED_TARGET.search(before) or _OPENS_TARGETS.search(opening)
            or _TARGET_AFTER.match(text, span.end)):
        return "planned"
    if document_year is None:
        # No year of its own (an encyclopedia article): only the future tense plans.
        return "planned" if _FUTURE.search(_governing_lead(text, span)) else "achieved"
    current = _not_before_document(timeframe, document_year)
    if current and _PLAN_WORD.search(_governing_lead(text, span)):
        return "planned"
    said = f"{opening}{before}"
    if current and _THIS_YEAR.search(said) and _PLAN_WORD.search(said):
        # 今年……要分别下降2%，……分别下降3%: the plan covers the sentence, also past a ；
        # (今年赤字率拟按2.8%安排，……；财政赤字2.76万亿元)
        return "planned"
    if current and _in_plan(section):
        return "planned"
    if timeframe.span and _next_period_named(f"{section or ''} {earlier} {lead} {before}",
                                             document_year):
        # “十五五”时期……地区生产总值年均增长5%左右 in a 2026 report: the coming five years'
        # goal; a paragraph that goes back to “十四五”时期 reports the past one
        return "planned"
    if _in_plan(section) and _PLAN_WORD.search(_governing_lead(text, span)):
        # 把居民消费价格涨幅控制在3.5%左右 in 二、今年……主要预期目标 (2013 report), whatever
        # year the paragraph before it spoke of
        return "planned"
    if current and _THIS_YEAR.search(lead) and _PLAN_WORD.search(lead) and not (
            _MONTHS.search(lead)):
        # 今年计划要求，……。社会商品零售总额增长百分之十二点三 (1992 report): a paragraph that
        # opens this year's plan goes on with it
        return "planned"
    if current and _THIS_YEAR.search(said) and not _MONTHS.search(said):
        # 今年全国固定资产投资总规模为5700亿元 (1992 report, given in March): this year's
        # figures in a work report are its plans; 今年上半年 reports months gone by
        return "planned"
    if current and span.bound in _BOUNDS:
        return "planned"
    ahead = (timeframe.year is not None and document_year is not None
             and timeframe.year > document_year)
    return "planned" if ahead else "achieved"


_FIVE_YEAR_PLAN = re.compile(
    r"(十[一二三四五六七八九]?|[六七八九])五(?=[”\"’]|时期|期间|规划|计划|末|以来|发展)")
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}


# 过去五年 and 五年来 look back, whatever period the heading also names.
_PAST_YEARS = re.compile(
    r"过去[一二三四五六七八九十\d]+年|[一二三四五六七八九十\d]+年来|这[一二三四五]年")


def _next_period_named(text: str, document_year: int) -> bool:
    """The period last named (十四五, 十五五, 过去五年) is a five-year plan starting in the
    document's year or later. Periods from the sixth (1981—1985) on follow one another
    every five years."""
    named = list(_FIVE_YEAR_PLAN.finditer(text))
    past = list(_PAST_YEARS.finditer(text))
    if not named or (past and past[-1].start() > named[-1].start()):
        return False
    word = named[-1].group(1)
    number = 10 + (_DIGITS[word[1]] if len(word) == 2 else 0) if word[0] == "十" else _DIGITS[word]
    return number >= 6 and 1981 + 5 * (number - 6) >= document_year


# A clause that only names a thing before its figure (磷肥十九万六千吨) has no verb of its own.
_VERBLESS = re.compile(r"[\u4e00-\u9fff]{1,8}")
_VERB = re.compile(r"增|减|降|提高|达|为|是|完成|实现|生产|产|超|突破|共|有|占")


def _governing_lead(text: str, span: NumberSpan) -> str:
    """The figure's clause up to it, and, where that clause has no verb of its own, the
    clauses before it up to the one whose verb it shares: 计划生产氮肥九十万六千吨，磷肥
    十九万六千吨 (1958 report) plans the phosphate too."""
    clause = lead_in(text, span)
    start = span.start - len(clause)
    while start > 0 and _VERBLESS.fullmatch(clause.strip(" ,，;；")) and not _VERB.search(clause):
        breaks = [m.end() for m in CLAUSE_END.finditer(text, 0, start - 1)]
        previous = breaks[-1] if breaks else 0
        if not find_numbers(text[previous:start]):
            break  # the clause before states no figure: no list of figures goes on here
        clause, start = text[previous:start], previous
    return text[start:span.start]


def _not_before_document(timeframe: Timeframe, document_year: int) -> bool:
    """The figure concerns the document's own year or later (or cannot be dated)."""
    if timeframe.span:
        return False
    return timeframe.year is None or timeframe.year >= document_year


def _in_plan(section: str | None) -> bool:
    return bool(section and _PLAN_SECTION.search(section) and not _REVIEW_SECTION.search(section))


