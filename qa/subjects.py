"""What a figure measures: the item of a list, the subject of its clause, its place and
qualifiers, checked against what the question asks.

Each rule rejects a figure that is about something else than the question names: the
other item of a parallel list, a sibling clause's subject, another place, a per-head or
urban figure for a total, a clause that names none of the question's things. The
reasons are kept for ``ask --explain``; ``SUBJECT_REJECTIONS`` lets extraction tell them
from rejections of year or status.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from qa.clauses import CLAUSE_END, clause_bounds, opens_with_verb, subject_start
from qa.numbers import NumberSpan
from qa.parallel import CONTRACTED, MEASURE_NOUN, ListSubject
from qa.question import FUNCTION_WORDS, QuestionAnalysis
from qa.regions import is_place_name, places_named
from qa.units import MONEY_UNITS, NOUN_UNITS, words
from qa.vocabulary import canonical_terms, matching_forms, variants
from retrieval.tokenizer import normalize, subwords, to_simplified, tokenize
from retrieval.types import Hit


@dataclass(frozen=True)
class SentenceFigures:
    """A retrieved sentence with its figures, as the subject rules and scoring read it."""

    hit: Hit
    text: str
    context: str  # title, section and topic sentence: what the passage is about
    spans: list[NumberSpan]
    subjects: dict[int, ListSubject]
    bm25: float
    clause_subjects: list[tuple[str, bool]]  # per span: its subject text, named in its clause
    # The context a clause may take its subject from: a short sentence before it that
    # states a figure of its own (蔬菜出口量增长30%。, 黑龙江 2026) is a result, no topic, and
    # does not make 刺五加种植面积增长13.6% a figure of exports.
    topic: str


# "1 9 9 7 年粮食产量达到4 9 2 5 0 万吨" (1998 report as scraped): digits spaced apart.
_SPACED_DIGITS = re.compile(r"(?<![\d.])\d(?: \d){2,}(?![\d.]) ?")


@lru_cache(maxsize=8192)
def readable(text: str) -> str:
    """Normalised, with spaced-apart digits joined, in simplified script when that keeps
    every position (the 1954 report is traditional: 鐵路正綫的通車里程 must match
    铁路正线通车里程)."""
    text = _SPACED_DIGITS.sub(lambda m: m.group().replace(" ", ""), normalize(text))
    simplified = to_simplified(text)
    return simplified if len(simplified) == len(text) else text


# Only longer compounds are matched by their parts: 粮食产量 by 粮食…产量, but 进出口 is
# not 出口.
SPLIT_MIN_CHARS = 4

def word_pieces(word: str, where: str) -> list[tuple[tuple[str, ...], float]]:
    """A question word as the passage can match it: whole (any synonym), or when it is a
    compound the passage splits (粮食产量 → 粮食 … 产量), its parts, each for its share."""
    forms = matching_forms(word)
    if any(form in where for form in forms):
        return [(forms, 1.0)]
    parts = compound_parts(word) if len(word) >= SPLIT_MIN_CHARS else []
    if len(parts) < 2 or not all(part in where for part in parts):
        return [(forms, 1.0)]  # 城镇新增就业 is not matched by 就业 alone
    length = sum(len(part) for part in parts)
    return [((part,), len(part) / length) for part in parts]


def compound_parts(word: str) -> list[str]:
    """Non-overlapping dictionary words inside a compound, longest first (国内生产总值 →
    国内, 生产, 总值)."""
    taken: list[tuple[int, str]] = []
    for part in sorted(subwords(word), key=len, reverse=True):
        start = word.find(part)
        if start >= 0 and not any(s < start + len(part) and start < s + len(p) for s, p in taken):
            taken.append((start, part))
    return [part for _, part in sorted(taken)]


def question_words(analysis: QuestionAnalysis) -> set[str]:
    return {v for word in analysis.keywords for v in variants(word)}


def _item_words(subject: ListSubject) -> tuple[set[str], set[str]]:
    """The words of the figure's item and of the others, with the dictionary words inside
    each: jieba cuts 农村居民收入 as 农村 + 居民收入 but the question 农村居民 + 收入."""
    own = _with_parts(subject.own)
    others = {word for item in subject.others for word in _with_parts(item)}
    return own, others


def _question_words_with_parts(analysis: QuestionAnalysis) -> set[str]:
    return {part for word in question_words(analysis) for part in (word, *subwords(word))}


def names_own_item(analysis: QuestionAnalysis, subject: ListSubject) -> bool:
    """The question names a word only this item has; a verb of change cut into the item
    (国内游客人次、总花费增长5.6%、7.5%) names nothing; an indicator the question names whole
    must be the item's (产业类投资 is no 固定资产投资, though both hold 投资: 甘肃 2026), where
    the words asked that tell this item apart may stand before its synonym (农村 of 农村居民
    收入 for 农村居民人均可支配收入: 宁夏 2026)."""
    own, others = _item_words(subject)
    asked = _question_words_with_parts(analysis) | _modifiers_asked(analysis, subject.own)
    telling = (asked - _CHANGE_VERBS - _TIME_WORDS) & (own - others)
    if not telling:
        return item_alone_names_indicator(analysis, subject)
    terms = canonical_terms(analysis.text)
    rest = subject.own
    for word in sorted(telling, key=len, reverse=True):
        rest = rest.replace(word, "")
    whole = _shared_prefix(analysis, subject) + subject.own
    return not terms or any(named_in(term, whole, whole) or named_in(term, rest, rest)
                            for term in terms)


def _modifiers_asked(analysis: QuestionAnalysis, item: str) -> set[str]:
    """The first part of each compound the question writes as one token (医药 of 医药产业)
    where the item writes it and, later, the rest of the compound: a list may write a
    modifier apart from its head (食品、石化、医药、信息等产业增加值, 吉林 2026), but 工业 of
    工业技改 is not named by 新增工业用地……比重 (浙江 2026)."""
    firsts = set()
    for word in analysis.keywords:
        parts = compound_parts(word) if len(word) >= SPLIT_MIN_CHARS else []
        if len(parts) < 2 or len(parts[0]) < 2:
            continue
        first, rest = parts[0], word[len(parts[0]):]
        at = item.find(first)
        if at >= 0 and item.find(rest, at + len(first)) >= 0:
            firsts.add(first)
    return firsts


def item_alone_names_indicator(analysis: QuestionAnalysis, subject: ListSubject) -> bool:
    """An indicator the question names (a word of the synonym table), the modifier of a
    compound it asks (医药 of 医药产业), or one item of a contracted word (存款 of 存贷款)
    is this item's alone: the list itself tells which figure is the one asked, so the
    clause's shared words (产业增加值 of 一、二、三产业增加值, of 食品、石化、医药、信息等产业
    增加值) contrast with nothing."""
    own, others = _item_words(subject)
    if _modifiers_asked(analysis, subject.own) & (own - others):
        return True
    return _contracted_item(analysis, subject) or any(
        _names_only(term, subject) for term in canonical_terms(analysis.text))


def _contracted_item(analysis: QuestionAnalysis, subject: ListSubject) -> bool:
    """The list is a contracted word's items (存贷款余额: 存款余额, 贷款余额) and the question
    names this one's part."""
    asked = question_words(analysis)
    for parts in CONTRACTED.values():
        for part in parts:
            rest = subject.own[len(part):]
            if (subject.own.startswith(part) and part in asked
                    and sorted(subject.others) == sorted(p + rest for p in parts if p != part)):
                return True
    return False


def _names_only(term: str, subject: ListSubject) -> bool:
    """An indicator of the table that this item names, by one of its names, and no other
    item does: 第二产业 is 二产, and 二产业增加值 alone of 一、二、三产业增加值 writes it,
    though its words (二, 产业) differ from the others' only by a numeral. The bare noun
    at the end of a name (投资 of 固定资产投资) names no indicator: 国家级经开区……利用外资、
    投资分别增长45%、20% (天津 2026) is the zones' investment."""
    if any(name != term and name.endswith(term) for name in variants(term)):
        return False  # 投资 is itself the bare end of 固定资产投资
    return _writes_by_name(term, subject.own) and not any(
        _writes_by_name(term, other) for other in subject.others)


def _writes_by_name(term: str, text: str) -> bool:
    synonyms = set(variants(term)[1:])
    return any(_written_alone(form, text) if form in synonyms else form in text
               for form in matching_forms(term) if form == term or not term.endswith(form))


def item_measures_another_way(analysis: QuestionAnalysis, subject: ListSubject) -> bool:
    """A list item measured another way than asked: 工业机器人产量 is an output, not
    规模以上工业增加值, though both name 工业 (浙江, 广西 2026)."""
    things = _things_asked(analysis)
    return bool(things) and _measures_another_way(_asked_measure(things), subject.own,
                                                  subject.own, "")


def names_other_item(analysis: QuestionAnalysis, subject: ListSubject) -> bool:
    """The question names a word only another item of the list has, and none only this
    item has: 农村居民人均纯收入 asked, 城镇居民人均可支配收入 measured. A word the question
    writes right before another item's word qualifies that item: in 上海机场航空旅客和货邮
    吞吐量……分别增长8.3%、7.9% (上海 2026) the first item holds the list's 上海机场 before
    its own 航空旅客, and 上海机场货邮吞吐量 asks the second; but 国家级、部级创新平台 (吉林
    2026) is 国家级 alone, which 国家级创新平台 asks. Nor does an item answer whose list gives
    the thing the question measures to another item alone, where each item states its own
    figure: 省属企业完成产业类投资553.1亿元、研发投入133.5亿元 (甘肃 2026) answers 省属企业
    研发投入 with the second (in 地表水、近岸海域水质优良比例, 海南 2026, 比例 is shared)."""
    own, others = _item_words(subject)
    words = _question_words_with_parts(analysis)
    theirs = words & (others - own)
    if not theirs:
        return False
    prefix = _with_parts(_shared_prefix(analysis, subject))
    ours = words & (own - others) - prefix
    if not ours:
        return True
    head = _asked_head(_things_asked(analysis))
    return bool(_DIGIT_IN_ITEM.search(subject.own)) and head in theirs


_DIGIT_IN_ITEM = re.compile(r"\d")


def names_several_items(analysis: QuestionAnalysis, subject: ListSubject) -> bool:
    """The question joins this item's word and another item's with 、 or 和: 中央财政用于
    科技、教育支出 asks for two items of 用于科技、教育、卫生和文化事业的支出分别为774亿元、
    536亿元…… (2007 report) together, which neither figure is."""
    own, others = _item_words(subject)
    words = _question_words_with_parts(analysis)
    ours, theirs = words & (own - others), words & (others - own)
    return any(re.search(f"{re.escape(a)}[、和与及]{re.escape(b)}", analysis.text)
               for one, two in ((ours, theirs), (theirs, ours)) for a in one for b in two)


_MEASURE_AT_END = re.compile(MEASURE_NOUN + "$")


def _split_measures(tokens: list[str]) -> list[str]:
    """A token ending in a measure, split before it: 经营收入 → 经营, 收入."""
    out: list[str] = []
    for token in tokens:
        found = _MEASURE_AT_END.search(token)
        if found and found.start() > 0:
            out.extend((token[:found.start()], token[found.start():]))
        else:
            out.append(token)
    return out


def item_of_another_thing(analysis: QuestionAnalysis, subject: ListSubject) -> str | None:
    """The thing a list item measures, written right before its measure, when the question
    does not ask it: 工业战略性新兴产业增加值 (山西 2026) measures 新兴产业, no 规上工业;
    乡村旅游经营收入 (重庆 2026) is 经营 income of rural tourism, no 旅游收入."""
    own = [t for t in _things(_split_measures(tokenize(subject.own)))
           if t is not None and t not in _TIME_WORDS]
    if len(own) < 2 or not _MEASURE.fullmatch(own[-1]):
        return None
    thing = own[-2]
    asked = _question_words_with_parts(analysis)
    if len(thing) < 2 or thing in _NOT_MODIFIERS or _MEASURE.fullmatch(thing):
        return None
    if thing in asked or any(part in asked for part in subwords(thing)):
        return None
    return thing


def _shared_prefix(analysis: QuestionAnalysis, subject: ListSubject) -> str:
    """The first item's leading words that the question asks, where that item goes on
    with words of its own and the question writes them right before another item's
    word: written once for every item (单位国内生产总值 of 单位国内生产总值用水量、能耗、
    二氧化碳排放量分别下降23%、15%、18%, 2016 report, asked 单位国内生产总值能耗)."""
    asked = _question_words_with_parts(analysis) | set(analysis.regions)
    prefix = ""
    for token in tokenize(subject.first):
        if token not in asked:
            break
        prefix += token
    if not prefix or len(prefix) >= len(subject.first):
        return ""
    question = readable(analysis.text)
    rest = [item for item in (subject.own, *subject.others) if item != subject.first]
    follows = any(question.find(prefix + item[:2]) >= 0 for item in rest if item)
    return prefix if follows else ""


# Words that make another indicator of the same noun: 人均生产总值 is not 生产总值, and
# 粮食生产能力达到1.2万亿斤 (2018 report) is what could be grown, not 粮食产量.
_QUALIFIERS = ("人均", "户均", "万人拥有", "每万人",  # 5G基站万人拥有量33.7座 (山西 2026)
               "能力", "产能")

# Asked, these must be the figure's: 城镇居民收入 is not all residents' (居民人均可支配收入);
# 实际 (actual, or real after prices) is not 协议金额 (contracted) nor nominal growth;
# 可支配收入 is not 纯收入 (脱贫人口人均纯收入增长12.1%, 西藏 2026); 研发投入强度 is not the
# growth of 研发投入.
# Unasked they may still be written (城镇新增就业 is how the indicator is named).
# 入境游客 is the visitors from abroad: 全年接待游客3.23亿人次 (新疆 2026) is everyone.
_ASKED_QUALIFIERS = ("城镇", "农村", "实际", "可支配", "强度", "入境", "出境")
# 规上工业增加值 is the large firms': 工业增加值提升到1.6万亿元 (湖南 2026) is all industry's.
_LARGE_FIRMS = re.compile(r"规上|规模以上")

# 居民人均可支配收入 asked is all residents'; 脱贫县农村居民人均可支配收入 (山西 2026) is a part.
_ALL_RESIDENTS = re.compile(r"(?<![镇村乡])居民")
_SOME_RESIDENTS = re.compile(r"(?:城镇|农村|城乡|脱贫\S{0,2}|农牧民?)居民|农民")
# 全社会研发投入 asked is everyone's; 规上企业研发经费投入增长14.2% (吉林 2026) is the large
# firms' part, as are a sector's or the state's own firms'.
_WHOLE_SOCIETY = "全社会"
_SOME_SPENDERS = re.compile(r"规上|规模以上|企业|工业|国有|民营|民间|省属|市属|高校|政府")
# Rejections that say the best-matching text is about another item than the one asked:
# a much weaker figure left standing beside them is no answer either.
SUBJECT_REJECTIONS = (
    "属于并列的另一项", "是并列几项之一", "句中另一分句", "这个数字说的是", "问的是")


def qualifier_mismatch(
    analysis: QuestionAnalysis, passage: SentenceFigures, index: int, subject: ListSubject | None
) -> str | None:
    """A per-head figure never answers a question about the total, nor the reverse; an
    urban or rural question is answered only by an urban or rural figure."""
    span = passage.spans[index]
    clause_start, _ = clause_bounds(passage.text, span)
    before = passage.text[subject_start(passage.text, clause_start):span.start]
    named = f"{before} {subject.own}" if subject else before
    for word in _QUALIFIERS:
        asked = word in analysis.text
        if asked != (word in before):
            return f"问的是{'' if asked else '非'}{word}指标"
    if _ALL_RESIDENTS.search(analysis.text) and _SOME_RESIDENTS.search(named):
        return "问的是全体居民指标"
    if _LARGE_FIRMS.search(analysis.text) and not _LARGE_FIRMS.search(named):
        return "问的是规模以上指标"
    if _WHOLE_SOCIETY in analysis.text and _WHOLE_SOCIETY not in named and _SOME_SPENDERS.search(
            named):
        return f"问的是{_WHOLE_SOCIETY}指标"
    for word in _ASKED_QUALIFIERS:
        if (subject and word in analysis.text and word not in subject.own
                and any(word in other for other in subject.others)):
            # 城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，……分别实际增长7.7%和
            # 6.8% (2005 report): 农村 is the other item's, never this one's
            return f"问的是{word}指标"
        if word == "实际" and named.count(word) == passage.text.count(word):
            continue  # 实际 matters where the sentence also states another kind of figure
        if word in analysis.text and word not in named and not (
                subject and word not in subject.own and word in before):
            return f"问的是{word}指标"
    return None


# 进出口 is imports and exports together; 城乡 town and country together; 工农业 industry
# and farming (1959 report: 工农业总产值达到了二千零五十亿元 is no 农业总产值). The parts of
# one-character contractions, 上下 or 内外, are too common to tell a question apart.
_CONTRACTED_TOTALS = {word: CONTRACTED[word] for word in ("进出口", "城乡", "工农业")}


# 今年拟安排财政赤字1.62万亿元 is the whole; 中央 and 地方 shares are stated apart
# (2015 report: 其中，中央财政赤字1.12万亿元……；地方财政赤字5000亿元).
_GOVERNMENT_LEVELS = ("中央", "地方")


def whole_for_a_part(
    analysis: QuestionAnalysis, passage: SentenceFigures, index: int
) -> str | None:
    """A figure whose subject is a contracted whole (货物进出口总额……增长22.5%) does not
    answer for one of its parts (进口增长多少), nor one naming no level of government (财政
    赤字1.62万亿元) for the central or the local share, nor two things' joint total (工业和
    手工业总产值) for one of them; in a list (城乡居民人均可支配收入分别……) the whole is
    distributed over the figures and the list rules decide."""
    subject_text, _ = passage.clause_subjects[index]
    levels = [level for level in _GOVERNMENT_LEVELS if level in analysis.text]
    if levels and not any(level in subject_text for level in _GOVERNMENT_LEVELS):
        return f"全国合计，问的是{levels[0]}"
    for whole, parts in _CONTRACTED_TOTALS.items():
        if whole in subject_text and whole not in analysis.text:
            asked = [part for part in parts if part in analysis.text]
            if asked and not any(part in subject_text.replace(whole, "") for part in asked):
                return f"{whole}合计，问的是{asked[0]}"
        # 外贸出口总额增长8% (辽宁 2026) is one part of the 进出口 asked
        written = [part for part in parts if part in subject_text]
        if whole in analysis.text and whole not in subject_text and len(written) == 1:
            return f"只是{written[0]}，问的是{whole}"
    joined = _JOINED_TOTAL.search(subject_text)
    asked_words = set(_question_things(readable(analysis.text)))
    if joined and (joined.group(1) in asked_words) != (joined.group(2) in asked_words):
        return f"{joined.group()}合计"  # 工业 is no word of 手工业总产值 asked
    return None


# 工业和手工业总产值是七百零四亿元 (1959 report): two things joined before one total measure
# one figure for both, no answer for either alone.
_JOINED_TOTAL = re.compile(
    r"([\u4e00-\u9fff]{2,6})和([\u4e00-\u9fff]{2,6}?)(?=总产值|总额|总量|合计)")


_OF_WHICH = "其中"
# The clause just before a figure's own that sets out a whole: 地方预算支出中， 在文教事业费内，
# (1956 report), 各项税收中， (1957). A span of time (过去五年中，) names no thing of a question.
_WHOLE_BEFORE = re.compile(r"(?:^|[,，;；:：])\s*在?([^,，;；:：。]{2,24}?)[中内][,，]\s*$")
# 其中高速公路由4771公里增加到2.52万公里: the part is named before its first figure.
_FIRST_FIGURE = re.compile(r"[由从]?\d")


def part_of_a_whole(
    analysis: QuestionAnalysis, passage: SentenceFigures, index: int
) -> str | None:
    """其中中央财政赤字9500亿元 is a part of the deficit stated before it, and 地方预算支出中，
    经济建设费为２，８４９，４０５，０００元 (1956 report) a part of the whole its opening clause
    sets out: such a figure answers only a question naming what makes it a part (中央,
    经济建设费), not one asking for the whole."""
    span = passage.spans[index]
    clause_start, _ = clause_bounds(passage.text, span)
    before = passage.text[clause_start:span.start].lstrip()
    if before.startswith(_OF_WHICH):
        named_part = before[len(_OF_WHICH):]
        whole = before
    else:
        opening = _WHOLE_BEFORE.search(passage.text[:clause_start])
        head = _asked_head(_things_asked(analysis))
        if opening is None or not head or head not in opening.group(1):
            return None  # 《张居正》修正版中，熊召政共修订了2558处 is no part of an edition
        named_part, whole = before, opening.group(1)
    question = readable(analysis.text)
    named_part = _FIRST_FIGURE.split(named_part, maxsplit=1)[0]
    extra = [t for t in _things(tokenize(named_part))
             if t is not None and t not in question and t not in _NOT_MODIFIERS]
    named = [t for t in tokenize(whole) if t in question and t not in FUNCTION_WORDS]
    if extra and named:
        return f"{''.join(extra)}（其中一部分）"
    return None


def inserted_kind(analysis: QuestionAnalysis, passage: SentenceFigures, index: int) -> str | None:
    """规上装备工业增加值增长8.4% (黑龙江 2026) is the equipment industry's: a word written
    inside the name of an indicator, between two words the question puts side by side
    (规上工业增加值) and before its measure, or before a head reported by kind (工业技改
    投资 for 工业投资), makes a kind of the thing measured."""
    asked = set(pairwise(_question_things(analysis.text)))
    own = _things(tokenize(passage.clause_subjects[index][0]))
    for first, kind, head, measure in zip(own, own[1:], own[2:], own[3:], strict=False):
        if (first and kind and head and measure and (first, head) in asked
                and _MEASURE.fullmatch(measure) and len(kind) >= 2 and kind not in analysis.text
                and kind not in _NOT_MODIFIERS and not _MEASURE.fullmatch(head)):
            return f"{first}{kind}{head}{measure}"
    for first, kind, head in zip(own, own[1:], own[2:], strict=False):
        if (first and kind and head in _KIND_HEADS and (first, head) in asked and len(kind) >= 2
                and kind not in analysis.text and kind not in _NOT_MODIFIERS
                and kind not in _LINKING):
            return f"{first}{kind}{head}"  # 工业技改投资增长33.6% (甘肃 2026) for 工业投资
    return None


# Words inside an investment's name that say how it is spent, not on what: 基础设施建设投资
# is 基础设施投资, 房地产开发投资 房地产投资.
_LINKING = frozenset(words("建设 开发 项目 固定资产"))


# 1000个省级重点产业项目完成投资1865.7亿元 (黑龙江 2026): a counted set of things that
# completed something owns the figure, not the province.
_COUNTED_SET = re.compile(
    r"[\d一二三四五六七八九十百千万]+多?(?:个|家|项|批)([\u4e00-\u9fff]{2,12}?)(?:完成|实现|累计)")


# 省属企业完成产业类投资553.1亿元、研发投入133.5亿元 (甘肃 2026): a clause that opens with
# a set of firms, projects or units doing something is about them.
_DOERS = re.compile(r"\s*([\u4e00-\u9fff]{1,8}?(?:企业|项目|单位))(?:完成|实现)")


def counted_set(analysis: QuestionAnalysis, passage: SentenceFigures, index: int) -> str | None:
    """A figure of what a counted set of things completed (1000个省级重点产业项目完成投资……，
    增长4%), or a set of firms (省属企业完成……研发投入133.5亿元，……增长10.3%), measures
    those things; it answers only a question that names them."""
    span = passage.spans[index]
    clause_start, _ = clause_bounds(passage.text, span)
    found = _COUNTED_SET.search(passage.text, clause_start, span.start) or _DOERS.match(
        passage.clause_subjects[index][0])
    if found is None:
        return None
    named = [t for t in _things(tokenize(found.group(1))) if t and t not in _NOT_MODIFIERS]
    question = readable(analysis.text)
    return found.group(1) if named and not any(t in question for t in named) else None


# Trade is reported by kind (服务, 跨境电商, 一般贸易, 民营企业, 对东盟) more than any other
# indicator, and so are its two sides (“新三样”产品出口, 机电产品出口); 货物进出口 is what
# 进出口 means.
_TRADE = frozenset(words("进出口 出口 进口"))
# Services and manufacturing are reported by kind too (信息服务业, 营利性服务业, 高技术制造业).
_SECTORS = frozenset(words("服务业 制造业"))
_BY_KIND = _TRADE | _SECTORS
_DEFAULT_KINDS = frozenset(words("货物 外贸 对外贸易 全省 全市 全区 全国 我国 规上 规模以上"))


def unasked_kind(analysis: QuestionAnalysis, passage: SentenceFigures, index: int,
                 item: str = "") -> str | None:
    """Trade with a modifier the question lacks right before it is a kind of trade:
    服务进出口总额增长22.1% (海南 2026) and 跨境电商进出口增长61.6% (黑龙江 2026) are no
    answer for 外贸进出口, “新三样”产品出口增长17.4% (上海 2026) none for 出口; 货物进出口
    or 货物贸易进出口 is the trade itself. So for a sector: 营利性服务业增加值增长6.9% (陕西
    2026) and 软件和信息服务业 (上海 2026) are no 服务业's. A figure of a list (``item``)
    is qualified by its own item only: in 规上高技术制造业、装备制造业增加值分别增长23.7%、
    16.5% (广西 2026) 高技术 is the first item's."""
    span = passage.spans[index]
    clause_start, _ = clause_bounds(passage.text, span)
    own = [_trade_of(t) for t in _things(tokenize(item or passage.text[clause_start:span.start]))]
    question = readable(analysis.text)
    for modifier, head in pairwise(own):
        if (modifier and head in _BY_KIND and head in question
                and modifier not in question
                and len(modifier) >= 2 and modifier not in _DEFAULT_KINDS
                and modifier not in _NOT_MODIFIERS
                and modifier not in variants(head) and modifier not in _CHANGE_VERBS):
            return f"{modifier}{head}"
    return None


# Nouns of money spent or earned: asked, the sentence must write them.
_MONEY_NOUNS = frozenset(noun for noun, units in NOUN_UNITS.items()
                         if set(units) <= set(MONEY_UNITS) and len(noun) >= 2)
# Indicators that reports give by kind as well as in total: trade and its two sides,
# services and manufacturing, firms, investment.
_KIND_HEADS = _BY_KIND | frozenset(words("企业 投资"))
# What the bare head means in a report (投资 is 固定资产投资, 进出口 货物贸易进出口), and
# 贸易, which only joins a kind to its trade (服务贸易进出口 is written 服务进出口 too).
_HEAD_MEANS = _DEFAULT_KINDS | frozenset(words("固定资产 全社会 社会 贸易 货物贸易"))


def asked_kind_unnamed(analysis: QuestionAnalysis, passage: SentenceFigures, index: int,
                       item: str = "") -> str | None:
    """The question asks a kind of an indicator that reports also give in total, and the
    figure's clause writes the indicator bare: 外贸进出口总额……增长5.6% (上海 2026) is no
    对东盟进出口, 出口增长10.1% (天津 2026) no 机电产品出口, 服务业增加值增长6.1% (山东
    2026) no 生产性服务业增加值. ``item`` is the figure's own item of a list. A clause right
    after one that names the kind with the indicator goes on about it: 外商直接投资协议金额
    １２０亿美元，实际投资４３．７亿美元 (1992 report) is foreign direct investment."""
    asked = _question_things(readable(analysis.text))
    own_text, _ = passage.clause_subjects[index]
    heads = [at for at, word in enumerate(asked) if word in _KIND_HEADS]
    if not heads:
        return None
    at = heads[-1]  # the one measured: 扣除房地产开发投资后固定资产投资 asks 固定资产投资
    head = asked[at] or ""
    where = f"{item} {own_text}"
    if head not in where:
        return None
    if re.match(_GOES_ON + re.escape(head), own_text):
        where += f" {_clause_before_subject(passage, index)} {_enumerated_owner(passage, index)}"
    kind = [w for w in asked[max(0, at - 2):at] if w is not None]
    if at and asked[at - 1] is None:
        kind = []  # a function word (的, 对) or a place ends the kind
    named = [w for w in kind if w not in _HEAD_MEANS and w not in _NOT_MODIFIERS
             and w not in _TIME_WORDS and w not in _CHANGE_VERBS]
    if any(len(w) >= 2 and not named_in(w, where, passage.text) for w in named):
        return "".join(kind) + head
    return None


def _clause_before_subject(passage: SentenceFigures, index: int) -> str:
    """The clause before the one where the figure's subject is written, where it names
    a kind together with its indicator (外商直接投资): the words of the kind alone there
    would belong to another figure."""
    text = passage.text
    clause_start, _ = clause_bounds(text, passage.spans[index])
    start = subject_start(text, clause_start)
    breaks = [m.end() for m in CLAUSE_END.finditer(text, 0, max(0, start - 1))]
    before = text[breaks[-1] if breaks else 0:start] if start else ""
    return " ".join(t for t in _KIND_NAMES.findall(before))


def _enumerated_owner(passage: SentenceFigures, index: int) -> str:
    """猕猴桃综合产值增长8.5％、出口增长53.6％ (陕西 2026): measures joined by 、, the second
    written bare, are of the thing the first one's subject names."""
    clause_start, _ = clause_bounds(passage.text, passage.spans[index])
    if index == 0 or not passage.text[:clause_start].rstrip().endswith("、"):
        return ""
    return passage.clause_subjects[index - 1][0]


# A clause that opens with the bare indicator, or with its status (实际投资), goes on about
# the kind the clause before named.
_GOES_ON = r"\s*(?:实际|协议|合同|签约)?(?:使用|利用|到位)?"
# A kind written together with its indicator: 外商直接投资, 机电产品出口, 服务贸易进出口.
_KIND_NAMES = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:" + "|".join(sorted(
    _KIND_HEADS, key=len, reverse=True)) + ")")


def _trade_of(token: str | None) -> str | None:
    """出口量, 出口额, 进口值 as the trade they measure: 蔬菜出口量增长30% (黑龙江 2026) is a
    kind of 出口."""
    if token and token[-1] in "量额值" and token[:-1] in _TRADE:
        return token[:-1]
    return token


def another_place(analysis: QuestionAnalysis, passage: SentenceFigures, index: int) -> str | None:
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


def speaks_of_something_else(
    analysis: QuestionAnalysis, passage: SentenceFigures, index: int
) -> bool:
    """A clause that names its own subject (“新三样”出口增长近30%), or continues one that
    does (国内生产总值达到24.66万亿元，……，年均增长10.6%), answers only a question that
    names something of it: none of the question's words other than verbs of change in
    the clause, nor in the title or heading, means another thing is measured."""
    own_text, _ = passage.clause_subjects[index]
    if opens_with_verb(own_text):
        return False
    things = _things_asked(analysis)
    if not things:
        return False
    where = f"{own_text} {passage.topic}"
    if _names_another_indicator(own_text, things):
        where = own_text
    # what later figures' clauses name is theirs: 铁路营业里程达到12.1万公里，其中高速铁路
    # 超过1.9万公里 (2016 report) names 高速 and 铁路 for the part, not for 12.1万公里
    sentence = _without_later_figures(passage, index)
    if not any(named_in(word, where, sentence) for word in things):
        return True
    head = _asked_head(things)
    stated = _SHARE_BASE.sub("", sentence)
    if (head in _KIND_HEADS or head in _MONEY_NOUNS) and not named_in(
            head, f"{where} {stated}", passage.text):
        # 工业机器人增长26.6% (山东 2026) holds 工业, but no 投资 is written; 入境旅游人次增长
        # 68.2% (重庆 2026) holds 旅游, but no 花费; 总预备费７９０，７０３，０００元，
        # 占本年预算支出的２．５７％ (1956) names 支出 only as the whole it is a share of;
        # 猕猴桃综合产值增长8.5％、出口增长53.6％ (陕西 2026) names 出口 only after 8.5%'s
        # clause has ended
        return True
    if _kind_unnamed(analysis.text, things, own_text, where, sentence):
        return True
    span = passage.spans[index]
    clause_start, _ = clause_bounds(passage.text, span)
    if _only_in_a_modifier(things, passage.text[clause_start:span.start]):
        return True
    return _measures_another_way(_asked_measure(things), own_text, where, passage.text)


def _without_later_figures(passage: SentenceFigures, index: int) -> str:
    """The sentence without the clauses of the figures after this one: 出口 in 猕猴桃综合
    产值增长8.5％、出口增长53.6％ is 53.6%'s, while 荣登当周票房冠军 after 北美首映开出1830万
    美元的成绩 states no figure and still says what the figure was."""
    text = passage.text
    for span in reversed(passage.spans[index + 1:]):
        start, end = clause_bounds(text, span)
        text = text[:start] + " " * (end - start) + text[end:]
    return text


# The whole a share is taken of (占本年预算支出的２．５７％): no name of the figure's own thing.
_SHARE_BASE = re.compile(r"占[^,，;；。\d]{1,24}")


# A rate measures its kind (森林覆盖率: 森林 is the kind; 和美乡村覆盖率达73%, 浙江 2026,
# is another's).
_A_RATE = re.compile(r"[\u4e00-\u9fff]{1,3}率")
# A share measures its kind as a rate does (产业项目数占比).
_A_SHARE = re.compile(r"占比|比重|比例")
# Nouns that only say how much (出口总额: 出口 is the kind, 总额 the amount).
_AMOUNT_WORDS = frozenset(words("总额 总量 金额 数量 规模 总值 总数 数额"))


def kind_absent(
    analysis: QuestionAnalysis, passage: SentenceFigures, item: str = ""
) -> str | None:
    """The question's kind (原油 in 原油产量, 出口 in 出口总额) is written nowhere near the
    figure, neither in its sentence, its paragraph so far, nor its heading: 1979年商业部门
    收购商品总额1,992亿元 (1980 report) is no 出口总额, 二斤半薯类 (1955) no 原油产量.
    ``item`` is the figure's own item of a list, written out (一、二、三产业增加值 gives
    its second figure 二产业增加值, which names 第二产业 as 二产 does)."""
    things = _things_asked(analysis)
    around = f"{item} {passage.text} {readable(''.join(passage.hit.lead))} {passage.context}"
    head = _asked_head(things)
    if item and head and not named_in(head, around, around):
        return head  # a list item with one of the question's words (工业机器人 for 工业投资)
    kinds = [w for w in things if not _MEASURE.fullmatch(w) and w not in _AMOUNT_WORDS
             and not _A_RATE.fullmatch(w)]
    if not kinds or len(kinds) == len(things):
        return None
    return "".join(_unnamed(analysis.text, kinds, around, around)) or None


def _unnamed(question: str, kinds: list[str], where: str, sentence: str) -> list[str]:
    """``kinds`` when none is named in ``where``, less those inside an indicator of the
    question that ``where`` writes by another of its names (全市生产总值 for 地区生产总值,
    全年投资 for 固定资产投资); empty when one is named."""
    if any(named_in(kind, where, sentence) for kind in kinds):
        return []
    named = [term for term in canonical_terms(question) if named_in(term, where, sentence)]
    return [kind for kind in kinds if not any(kind in term for term in named)]


def _kind_unnamed(question: str, things: list[str], own_text: str, where: str,
                  sentence: str) -> bool:
    """The question asks a measure of a kind (原油产量, 棉花产量) and the clause gives the
    measure of another kind or of none: 粮食总产量4564亿公斤 (1994 report) is no 原油产量,
    though both are 产量. A clause writing the bare measure (2007年产量达到……) may take its
    kind from earlier in the sentence (全国粮食……)."""
    measure = _asked_measure(things)
    if things and _A_SHARE.fullmatch(things[-1]):
        measure = things[-1]  # 产业项目数占比 asked: 行政村占比达68% (浙江 2026) is another's
    kinds = [w for w in things if w != measure and not _MEASURE.fullmatch(w)]
    if not kinds or not (_MEASURE.fullmatch(measure) or _A_SHARE.fullmatch(measure)
                         or _KIND_MEASURE.fullmatch(measure)) or measure not in own_text:
        return False
    if not _unnamed(question, kinds, where, sentence):
        return False
    own_kind = [t for t in _things(tokenize(own_text[:own_text.index(measure)]))
                if t and t not in _TIME_WORDS and t not in _NOT_MODIFIERS and t != "总"]
    return bool(own_kind) or not any(kind in sentence for kind in kinds)


def _names_another_indicator(own_text: str, things: list[str]) -> bool:
    """The clause names an indicator of the table the question does not ask about
    (社会消费品零售总额增长2.5%): no heading or title can make it the one asked."""
    asked = {form for word in things for form in variants(word)}
    return any(term not in asked for term in canonical_terms(own_text))


# Words of when and how often (十四五期间, 年均): they say which figure, never what it counts.
_TIME_WORDS = frozenset(words("十四五 十三五 十五五 期间 时期 年均 平均 每年 累计 五年 全年 当年"))


# Words of comparison (比上年增长多少): they say against what, never what is counted; as
# things they matched any 比上年 (1999年国内生产总值 answered by 外贸出口……比上年增长6.1%).
_COMPARISON_WORDS = frozenset(words("比 较 同比 上年 去年 上一年 比上年 比去年"))


def _things_asked(analysis: QuestionAnalysis) -> list[str]:
    """The question's words for the thing measured: no verbs of change, no words of time
    or comparison."""
    return [w for w in analysis.keywords if w not in _CHANGE_VERBS and w not in _TIME_WORDS
            and w not in _COMPARISON_WORDS and w not in _SCOPE_WORDS]


# A report's scope (全社会用电量, 全省生产总值) names no thing: 全社会 alone let 全社会用电量
# 增长7.5% answer 全社会融资规模 (2014 report).
_SCOPE_WORDS = frozenset(words("全社会 全省 全市 全区 全县 全国 我国"))


def _asked_head(things: list[str]) -> str | None:
    """What the question measures: its last word for a thing, not one that only says how
    much (进出口 in 进出口总额, 投资 in 工业投资增长, 里程 in 国债投资建成的项目新增高速公路
    通车里程)."""
    named = [w for w in things if w not in _AMOUNT_WORDS]
    return named[-1] if named else None


def _asked_measure(things: list[str]) -> str:
    """The measure the question asks for: its last word that is one (收入 in 一般公共预算
    收入年均增长), else its last word."""
    return next((w for w in reversed(things) if _MEASURE.fullmatch(w)), things[-1])


_HEAD_AFTER_DE = re.compile(r"的([\u4e00-\u9fff]{2,8}?)(?:" + "|".join(
    ("增长", "下降", "增加", "减少", "提高", "达到", "达", "为", "是", "超过", "突破")) + r")?$")


_CIRCUMSTANCE = re.compile(r"在[^,，;；。]*?的(?:情况|背景|前提|条件|基础)[下上]")


def _only_in_a_modifier(things: list[str], before: str) -> bool:
    """The question's words stand only before the clause's last 的, and what follows it
    is another noun: 有进出口实绩的企业数量增长7% counts firms (吉林 2026), not trade. A
    frame of circumstance (在对美贸易下降超3成的情况下, 重庆 2026) modifies the verb, no noun."""
    head = _HEAD_AFTER_DE.search(_CIRCUMSTANCE.sub("", before))
    if head is None:
        return False
    noun = head.group(1)
    modifier = before[: head.start()]
    return (not any(form in noun for word in things for form in matching_forms(word))
            and any(word in modifier for word in things))


_MEASURE = re.compile(MEASURE_NOUN)
# Measures of a kind as well: 新能源装机容量 is not 电力装机容量达到1.64亿千瓦 (山西 2026), nor
# 美丽河湖建成率 一般固体废弃物综合利用率达到74.1% (重庆 2026).
_KIND_MEASURE = re.compile(r"装机容量|装机|里程|[\u4e00-\u9fff]{0,3}率")
# Shares and rates that measure a sector another way than its amount or growth.
_ANOTHER_WAY = re.compile(f"{MEASURE_NOUN}|贡献率|贡献|比重|占比")


def _measures_another_way(asked: str, own_text: str, where: str, sentence: str) -> bool:
    """The clause names the asked sector but measures it another way: 工业投资增长7.3% is
    industry's investment, not its 增加值 (四川 2026), though 工业 is a word of both; 网上零售额
    is not 社会消费品零售总额; 对工业增长贡献率达36.5% is a share (福建 2026)."""
    other = _ANOTHER_WAY.search(own_text)
    return (other is not None and _MEASURE.fullmatch(asked) is not None
            and other.group() != asked and not any(form in where for form in variants(asked)))


# What may stand right before a synonym without making it another thing: the report's own
# scope (全省经济增长), a verb (完成地区生产总值) or a function word (的经济增长).
_SCOPE_BEFORE = re.compile(
    r"(?:全省|全市|全区|全国|我国|本省|本市|地区|全年|当年|完成|实现|达到|预计|初步|统计|"
    r"[的了和与及是在年])$")


def _written_alone(form: str, where: str) -> bool:
    """``form`` written as the thing itself somewhere in ``where``, not as the end of a
    longer name: 经济增长 (GDP growth) is not in 县域经济增长 (陕西 2026: the counties'
    economy), 生产总值 not in 海洋生产总值."""
    for match in re.finditer(re.escape(form), where):
        before = where[max(0, match.start() - 2):match.start()]
        if not before or not _CJK_WORD.match(before[-1]) or _SCOPE_BEFORE.search(before):
            return True
    return False


def named_in(word: str, where: str, sentence: str) -> bool:
    """``word`` (or a synonym) is written in ``where``; a compound also counts when one of
    its parts is there and the rest in the sentence (全国粮食……，2007年产量达到……)."""
    synonyms = set(variants(word)[1:])
    if any(_written_alone(form, where) if form in synonyms else _outside_totals(form, where)
           for form in matching_forms(word)):
        return True
    parts = compound_parts(word) if len(word) >= SPLIT_MIN_CHARS else []
    return len(parts) > 1 and all(p in sentence for p in parts) and any(p in where for p in parts)


def _outside_totals(form: str, where: str) -> bool:
    """``form`` written in ``where`` other than inside a contracted total that holds it:
    外贸进出口增长8.4%，总额突破8000亿元 (广西 2026) names no 出口, 工农业 no 农业."""
    for whole in CONTRACTED:
        if form in whole and form != whole:
            where = where.replace(whole, "、")
    return form in where


def sibling_subject(analysis: QuestionAnalysis, passage: SentenceFigures, index: int) -> str | None:
    """Another clause of the sentence whose subject has the question's words that this
    figure's own subject lacks (国有单位 asked; 全社会固定资产投资增长14·1% measured,
    全年增长19·5% continuing 国有单位固定资产投资): this figure is the other subject's.

    Words are compared with their parts (流域面积 holds 面积, so 湖水面积 asked makes the
    湖水面积 clause the one meant), and the question's places count as its words (香港
    asked: 现时在香港共有28间分店 is not the sibling of 上海设有2间分店)."""
    span = passage.spans[index]
    own_text, named_here = passage.clause_subjects[index]
    if not named_here:
        return None
    words = question_words(analysis) | set(analysis.regions)
    own = _with_parts(own_text)
    if not words & own:
        return None  # the clause does not speak of the asked thing at all
    for other_index, (other_text, _) in enumerate(passage.clause_subjects):
        if other_index == index or passage.spans[other_index].unit != span.unit:
            continue
        other = _with_parts(other_text)
        if words & (other - own) and not words & (own - other):
            return other_text.strip(" ,，")
    return None


def _with_parts(text: str) -> set[str]:
    """The words of ``text`` and the dictionary words inside each (流域面积 → 流域, 面积)."""
    found = set()
    for token in tokenize(text):
        found.add(token)
        found.update(subwords(token))
    return found


_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]+$")
# Words that stand before a noun without naming another thing: conjunctions, verbs of
# having and doing, plan words (拟安排财政赤字 is the deficit, 其中奥运冠军 the champions).
_NOT_MODIFIERS = frozenset(words(
    "其中 其余 另外 另有 此外 包括 共有 拥有 设有 只有 仅有 还有 已有 没有 计划 安排 预计 预期 "
    "培养 实现 完成 新增 累计 合计 总计 约有 达到 全部 所有 各类 各种 主要 最终 目前 现时 当时 "
    # a report's own scope: 全省生产总值 is the 地区生产总值 asked
    "全省 全市 全区 全县 全国 我国 本省 本市 地区"))
# 该站, 本线, 一天, 每天, 全港: pointing or counting, not naming another thing.
_DEICTIC = frozenset("该本此这那其每一全各首")
_NUMERAL = re.compile(r"^[一二三四五六七八九十百千两]+$")


def _things(tokens: list[str]) -> list[str | None]:
    """Tokens as words that can name a thing: function words, places (judged by the region
    rules), digits and latin become None so they never pair up as modifiers."""
    return [t if _CJK_WORD.match(t) and t not in FUNCTION_WORDS and not is_place_name(t)
            else None for t in tokens]


@lru_cache(maxsize=64)
def _question_things(question: str) -> tuple[str | None, ...]:
    """The question's words as ``_things`` reads them, once per question rather than once
    per candidate figure."""
    return tuple(_things(tokenize(question)))


def _split_at_asked(tokens: list[str], asked: Sequence[str | None]) -> list[str]:
    """Tokens with an asked word split off their end (调查失业率 → 调查, 失业率 when 失业率
    is asked), so the qualifier before it can be compared."""
    heads = sorted({w for w in asked if w and len(w) >= 2}, key=len, reverse=True)
    out: list[str] = []
    for token in tokens:
        head = next((h for h in heads if token.endswith(h) and token != h), None)
        out.extend((token[: -len(head)], head) if head else (token,))
    return out


def contrasting_thing(
    analysis: QuestionAnalysis, passage: SentenceFigures, index: int
) -> str | None:
    """A figure whose own clause names a sister of the question's thing measures that
    sister: 臀鳍硬棘2枚 for 背鳍硬棘, 雄性约有13英寸长 for 雌性, 龙烟铁路全长123公里 for
    德龙烟铁路, 而八数字推盘的最优解 for 十五数字推盘, 绥芬河站276公里 for 哈尔滨站.

    Two shapes of sister: two-character words that differ in their first character only
    (背鳍/臀鳍, 雌性/雄性, 受理/处理), standing first in the clause; and another modifier
    right before a word the question shares (X铁路 for Y铁路). A modifier makes a sister
    only where the document tells the two apart (writes the asked one too), since any noun
    may precede a measure (线路全长 is the railway's length); for a measure such as 产能
    the sentence itself must, and for an indicator of the reports' vocabulary (失业率) the
    qualifier always matters: 城镇调查失业率 is not 城镇登记失业率."""
    _, named_here = passage.clause_subjects[index]
    if not named_here:
        return None
    span = passage.spans[index]
    clause_start, _ = clause_bounds(passage.text, span)
    before = passage.text[clause_start:span.start]
    question = readable(analysis.text)
    asked = _question_things(question)
    own = _things(_split_at_asked(tokenize(before), asked))
    title = readable(passage.hit.bulletin.title).strip()
    word = _sister_word(asked, own, question, before, title)
    if word is not None:
        return f"{word[0]}（问的是{word[1]}）"
    found = _sister_modifier(_split_at_own(asked, _measured(own, before), analysis.keywords),
                             own, question, before)
    if found is None:
        return None
    ours, theirs, head = found
    if any(form in before for term in canonical_terms(question) if theirs in term
           for form in variants(term) if len(form) >= len(theirs)):
        return None  # the clause writes the asked indicator by another of its names
    if head.endswith(_SECTOR_END) and len(head) >= 2:
        # two kinds of one sector are two sectors, whether or not the document writes
        # the asked one: 高技术制造业增加值增长13% (吉林 2026) is no 装备制造业's
        return f"{ours}（问的是{theirs}）"
    # an indicator whose full name qualifies the word (城镇调查失业率), or a measure of one
    # sector (数字经济增加值 is not 工业增加值, 旅游综合收入 not 一般公共预算收入): told apart
    written_as_name = bool(_MEASURE.fullmatch(head)) or any(
        form != head and form.endswith(head) for form in variants(head))
    around = f"{passage.text} {passage.context} {readable(''.join(passage.hit.lead))}"
    if written_as_name:
        written = theirs
    elif head in NOUN_UNITS:
        written = passage.text
    else:
        written = around
    if theirs not in written and not _listed_with_figure(theirs[: -len(head)], around):
        # the document does not tell the two apart: it neither writes the asked name nor
        # gives the asked kind a figure of its own (高速公路由4771公里增加到2.52万公里 just
        # before 铁路营运里程由65969公里增加到71500公里, 2003 report)
        return None
    return f"{ours}（问的是{theirs}）"


# A sector's name ends so (制造业, 服务业, 产业, 工业, 农业).
_SECTOR_END = "业"


# What may stand between the noun a figure measures and the figure: a level and its
# separator (进出口总额5.95万亿元、增长6%), a verb of change or of reaching (棉花产量达到).
_HEAD_TO_FIGURE = re.compile(
    r"(?:[\d.]+[万亿千百]*[\u4e00-\u9fff]{0,3}[、,，])?(?:同比|比上年)?"
    r"(?:增长|下降|提高|降低|上升|达到|达|为|是|完成|实现|突破|超过|首次|约|共|累计|了)*\s*")


def _measured(own: Sequence[str | None], before: str) -> list[str]:
    """The clause's words that end right before its figure, as the noun it measures does
    (产量 in 棉花产量达到590万吨; not 监管 in 日常监管检查……立案查处案件36宗)."""
    found = []
    for word in own:
        at = before.rfind(word) if word is not None else -1
        if word is not None and at >= 0 and _HEAD_TO_FIGURE.fullmatch(before[at + len(word):]):
            found.append(word)
    return found


def _listed_with_figure(kind: str, text: str) -> bool:
    """The asked kind is an item of the sentence's list with a figure of its own (水泥7，800
    万吨 beside 钢产量3，500万吨): the sentence itself tells the kinds apart."""
    return bool(kind) and re.search(re.escape(kind) + r"(?:由|从|达到|达|为)?\d", text) is not None


def _split_at_own(asked: Sequence[str | None], measured: Sequence[str],
                  keywords: Sequence[str]) -> list[str | None]:
    """The question's words for the measured thing with a word of the clause split off
    their end (粮食产量 → 粮食, 产量 where the clause writes 棉花产量), so both modifiers can
    be compared. Only keywords are split: 五年计划 in 第一个五年计划安排的投资 is a plan
    word, which names when, not what is measured."""
    out: list[str | None] = []
    for word in asked:
        out.extend([word] if word is None or word not in keywords
                   else _split_at_asked([word], measured))
    return out


def _sister_word(asked: Sequence[str | None], own: list[str | None], question: str,
                 before: str, title: str) -> tuple[str, str] | None:
    first = next((t for t in own if t is not None), None)
    if first is None or len(first) != 2 or first in question or first[0] in _DEICTIC:
        return None
    if title.endswith(first[1]):
        return None  # 线路全长 in 《德龙烟铁路》: the title's kind, naming the title's thing
    for word in asked:
        if (word is not None and len(word) == 2 and word not in before
                and word[1] == first[1] and word[0] != first[0]
                and first not in variants(word) and word[0] not in _DEICTIC):
            return first, word
    return None


# Materials and goods named by one character (钢产量 beside 水泥 in 1980's plan list).
_ONE_CHARACTER_GOODS = frozenset("钢铁煤油气电粮棉糖盐铜铝锌锡铅镍茶肉蛋奶菜果麻丝纸")


def _names_a_kind(word: str) -> bool:
    """A modifier that can make a noun another thing: a word of two characters or more
    (德龙烟, 炼钢, 调查), a numeral (八数字推盘), or a good named by one character (钢)."""
    return len(word) >= 2 or bool(_NUMERAL.match(word)) or word in _ONE_CHARACTER_GOODS


def _modifier_before(tokens: Sequence[str | None], at: int) -> str:
    """The naming word right before ``tokens[at]``, where two names of one kind differ
    (淘汰落后的炼钢产能 against 落后炼铁产能 → 炼钢, 炼铁; 城镇调查失业率 against 城镇登记失业率
    → 调查, 登记); empty when a function word stands there."""
    before = tokens[at - 1] if at > 0 else None
    return before if before is not None and before not in _NOT_MODIFIERS else ""


def _stands_alone(word: str, asked: Sequence[str | None], question: str) -> bool:
    """The question writes ``word`` as a word of its own, not inside a longer name (龙烟 in
    德龙烟铁路 is not the 龙烟铁路)."""
    if word in asked:
        return True
    return any(at == 0 or not _CJK_WORD.match(question[at - 1])
               for at in (m.start() for m in re.finditer(re.escape(word), question)))


def _sister_modifier(asked: Sequence[str | None], own: list[str | None], question: str,
                     before: str) -> tuple[str, str, str] | None:
    """(ours, theirs, the word they share): 炼铁产能, 炼钢产能, 产能."""
    for at, head in enumerate(own):
        if head is None or head not in asked or head in _CHANGE_VERBS:
            continue  # a verb of change (增加到) is no noun that kinds qualify
        for place, word in enumerate(asked):
            if word != head:
                continue
            modifier, theirs = _modifier_before(own, at), _modifier_before(asked, place)
            if (_names_a_kind(modifier) and _names_a_kind(theirs)
                    and not _stands_alone(modifier, asked, question) and theirs not in before):
                return f"{modifier}{head}", f"{theirs}{head}", head
    return None
