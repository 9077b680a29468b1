"""Clauses of a Chinese sentence: where a figure's clause starts and ends, and where the
subject it speaks of is written.

A clause that opens with its verb (增长6.7%, 是1997年的2.3倍, 到一九五八年就增加到……) has no
subject of its own and continues the clause before it; the functions here find that
subject so that the question's words can be looked for where they belong.
"""

from __future__ import annotations

import re

from qa.numbers import NumberSpan

# An ellipsis (…… reaches us NFKC-folded as ......) ends a clause too; one dot is a decimal.
CLAUSE_END = re.compile(r"[,;。:!?，；：！？]|\.{2,}|…+")


# 国家级高新技术企业从0.94万家增加到1.55万家、科技型中小企业达到2.8万家 (河北 2026): a 、
# after a figure, before words that name a new subject with its own verb, ends a clause as
# a comma would. It joins a list where it stands between two figures (分别增长4.8%、5.9%),
# before the same subject's change (1865.7亿元、增长4%), or before another item sharing the
# verb (新增科技型中小企业7227家、高新技术企业3200家, 安徽 2026).
_AFTER_FIGURE = re.compile(r"[\d%％][\u4e00-\u9fff]{0,4}(、)[\u4e00-\u9fff“\"]")
_OWN_VERB = re.compile(r"增|减|降|提高|达|为|是|完成|实现|突破|超|共有|占|居|位列|排名")
_OPENING_VERB = re.compile(r"稳居|位居|居|排名|位列|跃居|跻身|创|保持|首次|连续|均|超过|突破|占|"
                           r"完成|实现|新增|累计|其中")
# Words that only say which measure of the subject before follows (国资委监管企业营收增长
# 5.9%、利润增长5.5%, 内蒙古 2026; 企业1357家、总数突破1万家, 湖北): the same subject.
_ATTRIBUTE = re.compile(r"(?:营收|营业收入|利润|利税|税收|总数|总量|总额|产值|产量|增加值|支出|"
                        r"收入|投资|规模|占比|比重|增速|增幅|吞吐量|里程|人次|人数|数量|面积|余额)")
_DIGIT = re.compile(r"[\d〇零一二三四五六七八九十百千万两]")
_SEGMENT_END = re.compile(r"[、,;。:!?，；：！？]")


def _new_subject_at(text: str, at: int) -> bool:
    """Whether the words from ``at`` to the next 、 or clause end start a clause of their
    own: they do not open with a verb, and have a verb before any figure they state."""
    end = _SEGMENT_END.search(text, at)
    segment = text[at:end.start() if end else len(text)]
    if _SUBJECTLESS.match(segment) or _OPENING_VERB.match(segment):
        return False  # 达到5.53万亿元、稳居全国前十强、增长4.8% (湖南 2026): still the GDP
    digit = _DIGIT.search(segment)
    if digit is None:
        return False  # no figure: nothing of its own is measured (“县县通高速”全面实现)
    verb = _OWN_VERB.search(segment, 0, digit.start())
    return verb is not None and not _ATTRIBUTE.fullmatch(segment[:verb.start()])


def _figure_breaks(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Each 、 between ``start`` and ``end`` that starts a new subject after a figure."""
    return [m for m in _AFTER_FIGURE.finditer(text, start, end) if _new_subject_at(text, m.end(1))]


def clause_bounds(text: str, span: NumberSpan) -> tuple[int, int]:
    """(start, end) of the clause holding the figure at ``span``: from the last comma, or
    the last 、 that starts a new subject, before it, to the next comma or the next such
    、, or to a 、 right after it when only a remark without a figure follows."""
    breaks = [m.end() for m in CLAUSE_END.finditer(text, 0, span.start)]
    breaks += [m.end(1) for m in _figure_breaks(text, 0, span.start) if m.end(1) <= span.start]
    found = CLAUSE_END.search(text, span.end)
    end = found.start() if found else len(text)
    remark = _AFTER_FIGURE.search(text, span.start, end + 1)
    if remark is not None and remark.start() < span.end and not _DIGIT.search(
            text, remark.end(1), end):
        end = remark.start(1)  # 4771公里、“县县通高速”全面实现: a remark, no place of its own
    after = [m.start(1) for m in _figure_breaks(text, span.start, end)]
    return max(breaks, default=0), min([end, *after])


def _comma_clause_start(text: str, span: NumberSpan) -> int:
    breaks = [m.end() for m in CLAUSE_END.finditer(text, 0, span.start)]
    return breaks[-1] if breaks else 0


# A clause that opens with its verb (增长6.7%, 是1997年的2.3倍, 全年增长19·5%) has no
# subject of its own: it continues the clause before it.
_SUBJECTLESS = re.compile(
    r"(?:(?:到|至|截至|在)?(?:(?:1[89]|20)\d{2}|[一二][〇零一二三四五六七八九]{3})年(?:底|末)?)?"
    r"(?:全年|同比|当年|年均|其中|就|又|已|已经|则|再)?"
    r"(?:是|为|占|相当于|比|较|增长|下降|增加|减少|提高|降低|达到|达|分别|实际增长|扣除|上升|上涨|"
    r"[降升](?:为|至|到))"
)


# 考虑价格下降因素, 扣除价格因素, 按可比价格计算: an aside between a subject and its verb.
_ASIDE = re.compile(r"(?:考虑|扣除|剔除)[^,;。:!?，；：！？]{0,10}因素|按可比价格?计算|"
                    r"由于[^,;。:!?，；：！？]{1,20}")  # 由于不合理运输的减少 (1956 report)


def subject_start(text: str, clause_start: int) -> int:
    """Where the subject of the clause at ``clause_start`` is written: further back while
    clauses open with their verb, or are an aside (农村居民人均纯收入，考虑价格下降因素，
    比上年实际增长4·3%: the subject is the income)."""
    start = clause_start
    while start > 0 and (_SUBJECTLESS.match(text, start) or _is_aside(text, start)):
        before = [m.end() for m in CLAUSE_END.finditer(text, 0, start - 1)]
        start = before[-1] if before else 0
    return start


def opens_with_verb(text: str) -> bool:
    """The clause says nothing of what it measures (增长6.7%, 年均增长10.6%)."""
    return bool(_SUBJECTLESS.match(text.lstrip()))


def _is_aside(text: str, start: int) -> bool:
    end = CLAUSE_END.search(text, start)
    aside = _ASIDE.match(text, start)
    return aside is not None and end is not None and aside.end() == end.start()


def lead_in(text: str, span: NumberSpan) -> str:
    """The clause up to the figure, where 年均 or 平均 or a plan word (力争新增……80家、人形
    机器人产量突破5000台, 广西 2026) would qualify it: from the last comma, 、 or not."""
    return text[_comma_clause_start(text, span):span.start]


def clause_subject(text: str, span: NumberSpan) -> str:
    """What a figure measures, as written: its clause up to the figure."""
    return lead_in(text, span).strip()


def clause_subjects(text: str, spans: list[NumberSpan]) -> list[tuple[str, bool]]:
    """For each figure, its clause (back to where its subject is written, on to the
    clause's end: 有25人受伤) and whether its own clause names that subject."""
    found = []
    for span in spans:
        clause_start, clause_end = clause_bounds(text, span)
        start = subject_start(text, clause_start)
        found.append((text[start:clause_end], start == clause_start))
    return found
