"""Parallel figures: which item of a list each figure in a list of figures measures.

Government text states parallel figures in a few fixed shapes, all paired in order:

- 城镇居民人均可支配收入和农村居民人均纯收入实际增长8.4%和11.4%: a list of subjects, then a
  list of figures, in one clause;
- 高技术制造业、装备制造业增加值分别增长8.9%、7.7%: the same with 分别;
- 城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，扣除价格因素，分别实际增长7.7%和6.8%:
  分别 with no subjects of its own pairs its figures with the figures stated in the clauses
  before it.

Keyword proximity cannot tell these figures apart (the question's words stand equally
near all of them), so each figure gets its own subject and the others of its list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.clauses import CLAUSE_END
from qa.numbers import NumberSpan
from retrieval.tokenizer import subwords, tokenize

_FIGURE_JOINER = re.compile(r"\s*(?:、|和|与|及|,|，)\s*")
_ENUMERATION = re.compile(r"、")
_LEADING_TIME = re.compile(r"^(?:(?:1[89]|20)\d{2}年(?:底|末)?|今年|去年|全年|当年)")
_SUBJECT_JOINER = re.compile(r"、|和|与|及|以及")
# Contracted coordinations: one word standing for two items, in order (城乡低保标准分别
# 提高9.97%和14.1%: 城镇 then 农村).
CONTRACTED = {"城乡": ("城镇", "农村"), "进出口": ("进口", "出口"), "工农业": ("工业", "农业"),
              "存贷款": ("存款", "贷款"),
              "中小": ("中", "小"), "内外": ("内", "外"), "上下": ("上", "下"),
              "东中西": ("东部", "中部", "西部")}
_EACH = "分别"
# 消费品以旧换新带动限上新能源汽车、节能家电零售额分别增长21.2%、39.5% (江苏 2026): the
# list is the object of 带动; its first item starts after that verb, not at the clause. So
# after 其中 (其中城镇、农村居民收入分别增长4.8%、5.9%, 宁夏 2026).
_LIST_AS_OBJECT = re.compile(r"^.*(?:带动|拉动|推动|促进|助推|驱动|使得|促使|其中)")


@dataclass(frozen=True)
class ListSubject:
    """The item a figure of a parallel list measures, and the list's other items."""

    own: str
    others: tuple[str, ...]
    first: str = ""  # the list's first item, which may hold words written once for all


def parallel_subjects(text: str, spans: list[NumberSpan]) -> dict[int, ListSubject]:
    """For each figure (by its position in ``spans``) that belongs to a parallel list, the
    subject it measures. Figures outside lists, or lists whose subjects cannot be paired
    one to one, are left out: they are judged by proximity as before."""
    order = sorted(range(len(spans)), key=lambda i: spans[i].start)
    found: dict[int, ListSubject] = {}
    previous: list[str] | None = None
    for group in _figure_groups(text, [spans[i] for i in order], order):
        subjects = _subjects_for(text, spans, group)
        if subjects is None and previous is not None and len(previous) == len(group):
            # 城乡居民人均可支配收入分别达6.9万元、3.4万元，增长4.2%、5.3%: the second list
            # goes on about the first list's subjects.
            subjects = previous
        if subjects is None:
            continue
        previous = subjects
        for index, own in zip(group, subjects, strict=True):
            found[index] = ListSubject(own, tuple(s for s in subjects if s is not own),
                                       subjects[0])
    return found


def _figure_groups(text: str, ordered: list[NumberSpan], order: list[int]) -> list[list[int]]:
    """Runs of figures in one unit separated only by 、/和/与/及 (8.4%和11.4%, 8.9%、7.7%)."""
    groups: list[list[int]] = []
    current: list[int] = []
    for position, span in enumerate(ordered):
        if current:
            previous = ordered[position - 1]
            between = text[previous.end:span.start]
            if _FIGURE_JOINER.fullmatch(between) and span.unit == previous.unit:
                current.append(order[position])
                continue
            if len(current) > 1:
                groups.append(current)
        current = [order[position]]
    if len(current) > 1:
        groups.append(current)
    return groups


def _subjects_for(text: str, spans: list[NumberSpan], group: list[int]) -> list[str] | None:
    first = spans[group[0]]
    breaks = [m.end() for m in CLAUSE_END.finditer(text, 0, first.start)]
    clause_start = breaks[-1] if breaks else 0
    lead = text[clause_start:first.start]
    if any(clause_start <= other.start and other.end <= first.start for other in spans):
        # 从……的46503元和16935元分别提高到58794元和23184元: the subjects are the earlier
        # list's, never that list's figures
        return None
    each = lead.find(_EACH)
    own_part = _LEADING_TIME.sub("", lead[:each] if each >= 0 else lead)
    if each >= 0 and not own_part.strip() and breaks:
        # 农村居民人均纯收入和城镇居民人均可支配收入，2000年分别达到2253元和6280元
        before = [0, *breaks[:-1]][-1]
        own_part = _subjects_before_figures(text, before, clause_start)
    for joiner in (_ENUMERATION, _SUBJECT_JOINER):
        items = [item.strip() for item in joiner.split(own_part) if item.strip()]
        if len(items) == len(group):
            head_item = _LIST_AS_OBJECT.sub("", items[0]) or items[0]
            return _distribute_head([head_item, *items[1:]])
    contracted = _contracted(own_part, len(group))
    if contracted is not None:
        return contracted
    if each >= 0 or _ONLY_A_CHANGE.fullmatch(own_part.strip()):
        return _earlier_figure_clauses(text, spans, clause_start, len(group))
    return None


def _subjects_before_figures(text: str, start: int, end: int) -> str:
    """The subjects written in the clause ``text[start:end]``: those before its own 分别
    where it has one (航空旅客和货邮吞吐量分别达到1.35亿人次、453.8万吨，分别增长8.3%、7.9%,
    上海 2026), else the clause, each subject with its level (省属企业完成产业类投资553.1亿元、
    研发投入133.5亿元，分别增长10.6%、10.3%, 甘肃 2026)."""
    return text[start:end].split(_EACH)[0].strip(" ,，;；")


# 城镇居民人均可支配收入15781元，农村居民人均纯收入4761元，实际增长8.4%和8% (2009 report): a
# clause that is only a change pairs its figures with the clauses before it, as 分别 does.
_ONLY_A_CHANGE = re.compile(
    r"(?:扣除价格因素后?[,，]?)?(?:实际|名义)?(?:增长|提高|增加|上升|下降|减少)了?")


# The measure a list of kinds shares, written once after its last item (六大优势产业、
# 高技术制造业、绿色低碳优势产业增加值分别增长…: each item's 增加值).
MEASURE_NOUN = (r"(?:增加值|零售总额|零售额|销售额|营业收入|营收|生产总值|产值|产量|吞吐量|"
                r"利润|投资|余额|贷款|存款|收入|支出)")
_SHARED_MEASURE = re.compile(MEASURE_NOUN + "$")


def _distribute_head(items: list[str]) -> list[str]:
    """中、高等职业教育: a one- or two-character item shares the rest of the last item's
    words (中等职业教育); an item without a measure of its own shares what follows, in the
    last item, the word it ends with (城镇居民、农村居民人均可支配收入: 城镇居民人均可支配
    收入, not 城镇居民收入), or else the last item's measure. A short item parallels the
    last one's first word only where that word is as short (能耗 does not share the rest of
    二氧化碳排放量, 2016 report)."""
    last = items[-1]
    measure = _SHARED_MEASURE.search(last)
    out = []
    for item in items[:-1]:
        if len(item) <= 2 < len(last) and not last.startswith(item) and _parallel_opening(
                item, last):
            out.append(item + last[len(item):])
        elif measure and not _SHARED_MEASURE.search(item):
            out.append(item + (_shared_tail(item, last) or measure.group()))
        else:
            out.append(item)
    return [*out, last]


def _parallel_opening(item: str, last: str) -> bool:
    """The last item opens with a word as long as ``item`` (城镇 beside 农村 of 农村居民人均
    可支配收入; 中 beside 高 of 高等职业教育), not in the middle of a longer one (能耗
    beside 二氧 of 二氧化碳排放量)."""
    first = tokenize(last)[0]
    opening = last[:len(item)]
    return len(item) == 1 or opening == first or opening in subwords(first)


def _shared_tail(item: str, last: str) -> str | None:
    """What follows the item's own last word where the last item writes it too (居民 in
    农村居民人均可支配收入 gives 人均可支配收入): coordinated items end alike, and the
    words after that ending are shared by all of them."""
    for length in range(len(item) - 1, 1, -1):
        at = last.find(item[-length:], 1)
        tail = last[at + length:] if at > 0 else ""
        if tail and _SHARED_MEASURE.search(tail):
            return tail
    return None


def _contracted(phrase: str, count: int) -> list[str] | None:
    """城乡低保标准 with two figures: 城镇…低保标准 and 农村…低保标准."""
    for word, parts in CONTRACTED.items():
        at = phrase.find(word)
        if at >= 0 and len(parts) == count:
            rest = phrase[at + len(word):]
            return [part + rest for part in parts]
    return None


def _earlier_figure_clauses(
    text: str, spans: list[NumberSpan], before: int, count: int
) -> list[str] | None:
    """分别 without its own subjects: the clauses before it that state one figure each,
    nearest last; their text up to the figure is the subject."""
    clauses: list[str] = []
    end = before
    for start_match in reversed([0, *(m.end() for m in CLAUSE_END.finditer(text, 0, before))]):
        clause = text[start_match:end]
        end = start_match
        inside = [s for s in spans if start_match <= s.start < start_match + len(clause)]
        if len(inside) == 1:
            clauses.insert(0, text[start_match:inside[0].start].strip(" ,，;；"))
            if len(clauses) == count:
                return clauses
        elif inside:
            return None
    return None
