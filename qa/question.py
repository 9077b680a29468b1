"""Question analysis: what kind of answer a question wants and what must hold for it.

Everything extraction needs to judge a candidate is decided here once: the unit the
question counts in (几家 → 家/家次/间, 出动了多少检查人员 → 人/人次), the year and region
it is about, whether it asks for a target, and the words that should stand near the
figure. Traditional script is folded to simplified first so both spellings behave alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Literal

from qa.numbers import years_in
from qa.regions import places_named, split_area_words
from qa.timeframe import has_span, is_comparison_base, relative_offset
from qa.units import ASKED_ONLY, NOUN_UNITS, accepted_units, unit_at, words
from qa.vocabulary import canonical_terms, variants
from retrieval.tokenizer import normalize, subwords, to_simplified, tokenize

QuestionKind = Literal["quantity", "issuer", "date", "smalltalk", "latest", "other"]

_ISSUER = re.compile(r"供稿|哪个单位|哪家单位|什么单位|哪个部门|发布单位|谁发布|出处|来源于?哪")
_DATE = re.compile(r"什么时候|何时|哪一年|哪年|哪天|什么时间|什么时期|哪个时期|几月|几号|何年|日期")
_ASK = re.compile(r"(?<![茶])几(?!乎|何|内亚)|多少|多大|多远|多长|多久|多重|多高|多深|多宽")
_SCALE = re.compile(r"万亿|亿|万|千(?![米克瓦])|百(?!分)")
# Years are filters, not search words: the 2023 figure sits in the 2024 report, whose
# title says 2024, so a year token would pull the wrong report up. A year question
# therefore searches wider and lets the year filter choose.
_YEAR_TOKEN = re.compile(r"^(?:1[89]|20)\d{2}$")
_SCALED_UNIT = re.compile(r"^(?:万亿|亿|万|千)?[元人]$|^[万亿]\w$")
_K = 20
_WIDE_K = 300
_PLANNED = re.compile(r"目标|(?<!五年)计划|预期|预计|拟|力争|安排|控制在|预算规定|预算数")
# "2018年政府工作报告说……", "1956年的报告中……": the question names the report to read, and
# its relative words (去年, 过去五年) count from that report's year.
_REPORT = re.compile(
    r"((?:1[89]|20)\d{2}|[一二][〇零一二三四五六七八九]{3})年(?:的)?(?:国务院)?(?:政府)?(?:工作)?报告"
)
# 过去五年……增加到了多少 asks for the level reached at the end, not a five-year total, and
# no rate: “十四五”期间河北生产总值增长到多少 is not answered by 增长5.6%.
_LEVEL_REACHED = re.compile(r"(?:增加|增长|提高|上升|扩大|下降|降低|减少|达)(?:到|至)")
# A question without these asks for a level (粮食总产量是多少), never a percentage. 成 is a
# tenth only after a question word (几成): 集成电路产量是多少 asks no rate.
_RATE_WORDS = re.compile(r"增长|增速|增幅|下降|降低|降幅|提高|涨|上升|增加|减少|比重|占比|"
                         r"率|百分|倍|比例|份额|(?:几|多少)成|强度")
# Whole messages that are greetings, thanks or a wave: answered kindly, never searched.
# Each rule names what the message is; the first rule with a word in it wins, so
# "你好，你能做什么？" is about the bot and "好的，多谢！" is thanks.
SmallTalk = Literal["ability", "thanks", "presence", "farewell", "greeting", "ack", "english"]
_SMALL_TALK_RULES: tuple[tuple[SmallTalk, str], ...] = (
    ("ability", r"你是谁|您是谁|你能做什么|你能干什么|你能干嘛|你会什么|你会做什么|你有什么用|"
                r"能做什么|怎么用|怎么提问|如何使用|如何提问|使用说明|^帮助$|介绍一下你自己|介绍一下"),
    ("thanks", r"谢谢你|谢谢您|谢谢|谢啦|多谢|感谢|非常感谢|辛苦了|你的帮助|您的帮助|"
               r"thanks|thank you|thx|[🙏]"),
    ("presence", r"在吗|在不在|有人吗|机器人在吗"),
    ("farewell", r"再见|拜拜|回头见|bye|goodbye"),
    ("greeting", r"你好|您好|大家好|hi|hello|hey|嗨|哈喽|早上好|上午好|中午好|下午好|晚上好|"
                 r"早安|晚安|早"),
    ("ack", r"好的|好吧|好|嗯嗯|嗯|ok|okay|收到|明白了|明白|知道了|了解|行|可以|没问题|"
            r"[👍👌😊❤️✌️]"),
)
_SMALL_TALK = re.compile(
    "^(?:请问|" + "|".join(words for _, words in _SMALL_TALK_RULES) + ")+$")
_SMALL_TALK_FILLER = re.compile(r"[\s,.!?，。！？~～、…]+|啊|呀|哦|啦|了|呢|哈+|\ufe0f")
_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[a-z]{2,}")
_UNIVERSAL = frozenset({"ok", "okay"})  # understood in any language: no English reply
# "最近有什么新通报?", "最新通报", "今天有新消息吗": a wish for the newest bulletins,
# answered with them, not a search for the words 最近 and 通报.
_LATEST_THINGS = r"(?:通报|消息|公告|文件|报告|动态|内容|新闻|资料)"
_LATEST_WORDS = re.compile(r"最近|最新|近期|近来|新近|这几天|今天|今日|本周|这周|"
                           rf"(?<![高开])新的?{_LATEST_THINGS}")
_LATEST_ALONE = re.compile(r"^(?:请问)?(?:最近|最新|近期|今天)(?:都)?(?:发布|收录|更新|发)了?"
                           r"(?:什么|哪些|啥)$")
_LATEST_MAX_CHARS = 16
# Words that say how a figure moved or stood, of whatever thing: a question made of these
# alone (2009年实际增长多少, 2025年浙江增长多少) names no indicator, and any figure of that
# year that grew would pass for its answer.
_CHANGE_ONLY = frozenset(words(
    "增长 增加 下降 减少 提高 降低 上升 上涨 下跌 增速 增幅 降幅 涨幅 增长率 增长速度 实际 名义 "
    "完成 同比 比上年 上年 变化 变动 幅度 数字 数据 数量 总数 情况 指标 多了 少了 一共是"
))
# A keyword query (2021年财政赤字率, 2016年 城镇新增就业) asks for the figure it names.
_KEYWORD_QUERY_MAX_CHARS = 24
_SENTENCE_PUNCT = re.compile(r"[,.;:!?，。；：！？]")
# Words that only say "a target is wanted": a status to check, not words to find.
_PLAN_WORDS = frozenset(words("目标 计划 预期 预计 拟 力争 安排 预期目标"))
# 年均浓度 (PM2.5年均浓度) is a year's mean, no average over years.
_AVERAGE = re.compile(r"年均(?!浓度)|(?<!全)年平均(?!浓度)|平均每年|每年平均|每年")
FUNCTION_WORDS = frozenset(words(
    "的 了 是 有 在 为 共 共计 一共 总共 合共 和 与 及 或 这 那 这篇 该 其 中 个 吗 呢 啊 哪个 哪 "
    "什么 怎样 如何 多少 几 多 大 远 长 久 重 约 大约 约为 达 到 可 可以 可达 能 会 将 被 把 对 从 "
    "于 以 等 之 请问 通报 目前 现在 现 时 当时 已经 已 都 也 还 又 就 并 而 每 上 下 年 月 日 "
    "今年 去年 全年 总计 累计 多大 多远 多长 多久 多重 多高 多深 多宽 ? ？ 全国 我国 全国性 达到 "
    "达 实现 是 说 提到 中 报告 政府 工作 工作报告 政府工作报告 国务院 前年 过去 五年 五年来 来"
))


@dataclass(frozen=True)
class QuestionAnalysis:
    """A question as extraction sees it; ``units`` empty means any unit may answer."""

    text: str
    kind: QuestionKind
    query_tokens: list[str]
    keywords: tuple[str, ...]
    targets: tuple[str, ...]
    asked_unit: str | None
    units: tuple[str, ...]
    years: tuple[int, ...]
    regions: tuple[str, ...]
    wants_planned: bool
    wants_average: bool
    retrieval_k: int = 20
    report_year: int | None = None
    wants_span: bool = False
    wants_rate: bool = True
    indicator: str = ""  # what is counted, as the question words it (粮食产量), for headlines

    @property
    def names_a_thing(self) -> bool:
        """Whether the question says what is counted, not only how it changed."""
        return any(word not in _CHANGE_ONLY for word in self.keywords)

    @property
    def extra_units(self) -> tuple[str, ...]:
        """Units to look for in text only because this question named them (几大专项行动)."""
        if self.asked_unit in ASKED_ONLY and self.asked_unit != "钱":
            return (self.asked_unit,)
        return ()


# 工业增加值 and 增值税 are names of indicators: the 增 in them asks for no change or rate
# (湖南工业增加值是多少 asks the level 1.6万亿元, not 增长6%).
_INDICATOR_NAMES = re.compile(r"增加值|增值税")


def without_indicator_names(text: str) -> str:
    """The question with the names of indicators that hold a verb of change taken out, so
    only its own words of change remain."""
    return _INDICATOR_NAMES.sub("", text)


def question_tokens(text: str) -> list[str]:
    """A question's tokens, with a place glued to 地区 by jieba set apart from it, and the
    economy as a whole read as its GDP."""
    tokens = _year_set_apart(split_area_words(tokenize(text)))
    return _economy_as_gdp(_table_words_rejoined(tokens))


# Words that start with 年 and say when within the year (2025年末常住人口).
_YEAR_WORDS = frozenset(("年末", "年初", "年底", "年中", "年内", "年度", "年均", "年间", "年来"))


def _year_set_apart(tokens: list[str]) -> list[str]:
    """jieba glues 年 of a year to the next character (2022年全社会 → 2022 + 年全 + 社会),
    which then reads as a word of the thing asked; 年末, 年均 and the like stay whole."""
    out: list[str] = []
    for token in tokens:
        if (out and out[-1].isdigit() and len(token) > 1 and token.startswith("年")
                and token not in _YEAR_WORDS):
            out.extend(("年", token[1:]))
        else:
            out.append(token)
    return out


# 全社会 (society-wide) is one word, which jieba cuts 全 + 社会; 社会 alone then matched
# 社会商品零售总额 for 全社会用电量 (1981 report). So is 占比 (占 + 比, and 比 compares).
_WHOLE_WORDS = frozenset(("全社会", "占比"))


def _table_words_rejoined(tokens: list[str]) -> list[str]:
    """jieba cuts 一产 (第一产业) into 一 + 产, and one character then matched any 产量 or
    产业: two single characters that make a word of the vocabulary table stay one word, as
    do the parts of a word in ``_WHOLE_WORDS``."""
    out: list[str] = []
    for token in tokens:
        if out and (out[-1] + token in _WHOLE_WORDS or (
                len(out[-1]) == 1 and len(token) == 1 and len(variants(out[-1] + token)) > 1)):
            out[-1] += token
        else:
            out.append(token)
    return out


# jieba cuts 经济增长 into 经济 + 增长, and 经济 alone then matched any 民营经济, 数字经济
# or 县域经济 before a growth figure. The economy of a place or a year, with no other
# word before it (吉林经济增长, 2025年经济增速, 全省的经济增长), is the whole economy,
# whose growth the reports give as their GDP's (地区生产总值增长5%).
_WHOLE_ECONOMY = frozenset(("经济", "国民经济"))
_GROWTH_WORDS = frozenset(("增长", "增速", "增长率", "增长速度"))
_WHOLE_AREA = frozenset(("全国", "我国", "全省", "全市", "全区", "全自治区", "年", "的"))


def _economy_as_gdp(tokens: list[str]) -> list[str]:
    out = list(tokens)
    for at, (token, following) in enumerate(pairwise([*tokens, ""])):
        if token not in _WHOLE_ECONOMY or following not in _GROWTH_WORDS:
            continue
        before = tokens[at - 1] if at else ""
        if not _CJK.search(before) or before in _WHOLE_AREA or places_named([before]):
            out[at] = "gdp"
    return out


# 2024财政赤字规模目标是多少, 2001外商直接投资: a year opening a question, its 年 left out;
# not a count (2000多人, 2024万元), which a scale, 多 or a unit follows.
_BARE_YEAR = re.compile(r"^((?:19[4-9]|20\d)\d)(?=[\u4e00-\u9fff])(?![万亿千百多余来年])")


def normalize_question(text: str) -> str:
    """Simplified script, NFKC forms, no surrounding blanks, and a year that opens the
    question written with its 年."""
    text = normalize(to_simplified(text)).strip()
    year = _BARE_YEAR.match(text)
    if year and unit_at(text, year.end()) is None:
        return f"{year.group(1)}年{text[year.end():]}"
    return text


def analyze(text: str, today: date | None = None) -> QuestionAnalysis:
    """Read a question once so extraction can judge candidates against it. Relative years
    (去年) count from the report the question names, else from ``today``."""
    text = normalize_question(text)
    report = _REPORT.search(text)
    report_year = years_in(report.group())[0][1] if report else None
    rest = text[: report.start()] + text[report.end():] if report else text
    tokens = question_tokens(text)
    asked = _asked_unit(text)
    units = accepted_units(asked) if asked else _noun_units(text)
    regions = places_named(tokens)
    keywords = _keywords(question_tokens(rest), asked, regions)
    kind = _kind(text, keywords)
    if kind == "quantity" and not units and not _ASK.search(text):
        units = _keyword_units(text)
    years = _asked_years(rest, report_year or (today or date.today()).year)
    return QuestionAnalysis(
        text=text,
        kind=kind,
        query_tokens=_search_tokens(rest),
        keywords=keywords,
        targets=_targets(text, asked, keywords),
        asked_unit=asked,
        units=units,
        years=years,
        regions=regions,
        wants_planned=bool(_PLANNED.search(rest)),
        wants_average=bool(_AVERAGE.search(rest)),
        retrieval_k=_WIDE_K if years or report_year else _K,
        report_year=report_year,
        wants_span=has_span(rest) and not _LEVEL_REACHED.search(rest),
        wants_rate=(bool(_RATE_WORDS.search(_LEVEL_REACHED.sub("", without_indicator_names(rest))))
                    or asked in ("%", "倍") or "%" in units),
        indicator=indicator(rest, asked),
    )


# Words around the indicator that say when, where, or that a value is asked for: the
# headline states the year, region and status itself.
_NOT_INDICATOR = re.compile(
    r"^(?:说|提到)|预期目标|预期|预计|(?:比|较)(?:上年|去年|上一年)|同比|"
    r"(?:1[89]|20)\d{2}\s*年?(?:底|末)?\s*(?:到|至|—|－|-|~)\s*(?=(?:1[89]|20)\d{2})|(?:1[89]|20)\d{2}\s*年|[一二][〇零一二三四五六七八九]{3}年|今年|去年|前年|明年|上年|全年|"
    r"全国|我国|全省|全市|全区|请问|\s+"
)
_LINKING_TAIL = re.compile(
    r"(?:是|为|拥有|现有|共有|有|在|达到|达|到|至|共计|总共|一共|共|约为|约|大约|累计|实际|计划|预期|控制|"
    r"预期目标|控制目标|目标|的|了)+$"
)
_CLAUSE_BREAK = re.compile(r"[,;!?，；！？。]")


def indicator(text: str, asked: str | None) -> str:
    """What the question counts, in its own words (2025年粮食产量多少? → 粮食产量;
    检查了多少家次旅游购物商场 → 检查旅游购物商场): the clause around 多少/几 without
    years, the question word and its unit, or a whole keyword query. Places stay: they
    may be part of a name (嘉兴南站); the headline drops them when it names the region."""
    ask = _ASK.search(text)
    if ask is None:
        before, after = text, ""
    else:
        before, after = text[: ask.start()], text[ask.end():]
        scale = _SCALE.match(after)
        after = after[scale.end():] if scale else after
        if asked and after.startswith(asked):
            after = after[len(asked):]
    before = _CLAUSE_BREAK.split(before)[-1]
    after = _CLAUSE_BREAK.split(after)[0]
    before = _LINKING_TAIL.sub("", _NOT_INDICATOR.sub("", before))
    after = _LINKING_TAIL.sub("", _NOT_INDICATOR.sub("", after).removeprefix("的"))
    return (before + after).replace("了", "").removeprefix("的")


def _asked_years(text: str, reference_year: int) -> tuple[int, ...]:
    """Explicit years in any script (not comparison bases: 是1997年的多少倍), else a
    relative word (去年, 前年) against the reference year: the named report's, or this
    year."""
    explicit = {year for at, year in years_in(text) if not is_comparison_base(text, at)}
    if explicit:
        return tuple(sorted(explicit))
    relative = relative_offset(text)
    if relative is not None and not has_span(text):
        return (reference_year + relative[1],)
    return ()


def _search_tokens(text: str) -> list[str]:
    """What BM25 searches: the question's content words plus the documents' own terms for
    words in the vocabulary table (GDP → 国内生产总值)."""
    tokens = [t for t in question_tokens(text)
              if t not in FUNCTION_WORDS and t not in _PLAN_WORDS and not _YEAR_TOKEN.match(t)]
    for term in canonical_terms(text):
        for variant in variants(term)[1:]:
            tokens.extend(t for t in tokenize(variant) if t not in tokens)
    return tokens


def _kind(text: str, keywords: tuple[str, ...]) -> QuestionKind:
    if is_small_talk(text):
        return "smalltalk"
    if _ISSUER.search(text):
        return "issuer"
    if _DATE.search(text):
        return "date"
    if asks_for_latest(text):
        return "latest"
    if _ASK.search(text) or _is_keyword_query(text, keywords):
        return "quantity"
    return "other"


def is_small_talk(text: str) -> bool:
    """A greeting, thanks or emoji on its own (好的，多谢！ too), or a message in English:
    not a question to search for."""
    return small_talk(text) is not None


def small_talk(text: str) -> SmallTalk | None:
    """What a message that is no question is (thanks, a greeting…), by the rules above;
    a message without Chinese but with English words is "english" (questions are asked
    in Chinese). None for anything that may be a question."""
    lowered = normalize_question(text).lower()
    bare = _SMALL_TALK_FILLER.sub("", lowered)
    if not bare or bare in _UNIVERSAL:
        return "ack"
    if not _CJK.search(lowered) and _LATIN_WORD.search(lowered):
        return "english"
    if _SMALL_TALK.match(bare):
        return next(kind for kind, words in _SMALL_TALK_RULES if re.search(words, bare))
    return None


def asks_for_latest(text: str) -> bool:
    """A short request for what is new (最近有什么新通报?), naming no year, asking no number."""
    bare = _SMALL_TALK_FILLER.sub("", text)
    if len(bare) > _LATEST_MAX_CHARS or _ASK.search(bare) or years_in(bare):
        return False
    if _LATEST_ALONE.match(bare):
        return True
    return bool(_LATEST_WORDS.search(bare) and re.search(_LATEST_THINGS, bare))


def _is_keyword_query(text: str, keywords: tuple[str, ...]) -> bool:
    """Short, no sentence punctuation, and naming something counted in the documents:
    a year with a topic, or a noun that implies a unit (赤字率, 外汇储备)."""
    stripped = text.rstrip("?？")
    if len(stripped) > _KEYWORD_QUERY_MAX_CHARS or _SENTENCE_PUNCT.search(stripped):
        return False
    if not any(len(word) >= 2 for word in keywords):
        return False
    return bool(years_in(stripped)) or any(noun in stripped for noun in NOUN_UNITS)


def _keyword_units(text: str) -> tuple[str, ...]:
    """A keyword query names no unit; its last indicator noun implies one, the longest
    where several end together (财政赤字率 → %, not the 元 of 赤字)."""
    found = [(m.end(), len(noun), noun) for noun in NOUN_UNITS
             for m in re.finditer(re.escape(noun), text)]
    return NOUN_UNITS[max(found)[2]] if found else ()


def _asked_unit(text: str) -> str | None:
    """The unit written right after 几/多少 (多少亿元 → 元, 几大专项行动 → 大)."""
    for match in re.finditer("几|多少", text):
        start = match.end()
        scale = _SCALE.match(text, start)
        if scale:
            start = scale.end()
        unit = unit_at(text, start, tuple(ASKED_ONLY))
        if unit:
            return unit
    return None


def _noun_units(text: str) -> tuple[str, ...]:
    """Units implied by the noun nearest the question word (罚没款是多少 → 元); a verb of
    change that says where a level got to (增长到多少) implies no rate."""
    text = _LEVEL_REACHED.sub(lambda found: " " * len(found.group()), text)
    ask = _ASK.search(text)
    if ask is None:
        return ()
    best: tuple[int, str] | None = None
    for noun in NOUN_UNITS:
        for found in re.finditer(re.escape(noun), text):
            distance = min(abs(found.start() - ask.end()), abs(found.end() - ask.start()))
            if best is None or (distance, -len(noun)) < (best[0], -len(best[1])):
                best = (distance, noun)
    return NOUN_UNITS[best[1]] if best else ()


def _targets(text: str, asked: str | None, keywords: tuple[str, ...]) -> tuple[str, ...]:
    """The thing being counted: words right after the question word (多少家次旅游购物商场),
    else the last word before it (罚没款是多少), which must stand next to the figure."""
    ask = _ASK.search(text)
    if ask is None:
        return ()
    after = ask.end() + (len(asked) if asked and text.startswith(asked, ask.end()) else 0)
    tail = re.split(r"[,.;:!?，。；：！？]", text[after:])[0]
    found = [t for t in question_tokens(tail) if t in keywords][:3]
    if found:
        return tuple(found)
    head = re.split(r"[,.;:!?，。；：！？]", text[: ask.start()])[-1]
    before = [t for t in question_tokens(head) if t in keywords]
    return tuple(before[-1:])


# 规模以上 cuts as 规模 + 以上, and 以上 then matched any 30%以上: bounds written after a
# figure are no words of the thing asked.
_BOUND_WORDS = frozenset(("以上", "以下", "左右", "以内"))


def _keywords(tokens: list[str], asked: str | None, regions: tuple[str, ...]) -> tuple[str, ...]:
    """Topic and predicate words that should stand near the answer in its sentence."""
    skip = set(FUNCTION_WORDS) | _PLAN_WORDS | set(regions) | {asked or ""} | _BOUND_WORDS
    if asked:  # 多少亿美元 asks in 美元: 亿美元 is the unit, not a thing to find
        skip |= {f"{scale}{asked}" for scale in ("万", "亿", "万亿", "千", "百")}
    words = [t for t in _without_plan_words(tokens)
             if t not in skip and not t.isdigit() and not _SCALED_UNIT.match(t)]
    return tuple(dict.fromkeys(words))


def _without_plan_words(tokens: list[str]) -> list[str]:
    """控制目标 asks for a target of 控制: keep 控制, the status is checked apart."""
    out: list[str] = []
    for token in tokens:
        if len(token) > 2 and any(word in token for word in _PLAN_WORDS):
            out.extend(w for w in subwords(token) if w not in _PLAN_WORDS and len(w) >= 2)
        else:
            out.append(token)
    return out
