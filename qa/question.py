"""Question analysis: what kind of answer a question wants and what must hold for it.

Everything extraction needs to judge a candidate is decided here once: the unit the
question counts in (几家 → 家/家次/间, 出动了多少检查人员 → 人/人次), the year and region
it is about, whether it asks for a target, and the words that should stand near the
figure. Traditional script is folded to simplified first so both spellings behave alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from qa.numbers import years_in
from qa.units import ASKED_ONLY, NOUN_UNITS, accepted_units, unit_at, words
from retrieval.tokenizer import normalize, to_simplified, tokenize

QuestionKind = Literal["quantity", "issuer", "date", "other"]

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
_WIDE_K = 60
_PLANNED = re.compile(r"目标|计划|预期|预计|拟|力争|安排")
# Words that only say "a target is wanted": a status to check, not words to find.
_PLAN_WORDS = frozenset(words("目标 计划 预期 预计 拟 力争 安排 预期目标"))
_AVERAGE = re.compile(r"年均|平均|每年")
_REGION_SUFFIX = re.compile(r"..*(?:省|市|区|县|镇|乡|州|村|街道)$")
_NOT_REGIONS = frozenset(words(
    "地区 城区 市区 社区 小区 景区 园区 辖区 全市 本市 全区 本区 郊区 山区 片区 校区 选区 行政区 "
    "管理区 都市区 非都市区 城市 超市 股市 上市 城乡 农村 乡村 街道 全县 全省 本省 门市"
))
_STOP = frozenset(words(
    "的 了 是 有 在 为 共 共计 一共 总共 合共 和 与 及 或 这 那 这篇 该 其 中 个 吗 呢 啊 哪个 哪 "
    "什么 怎样 如何 多少 几 多 大 远 长 久 重 约 大约 约为 达 到 可 可以 可达 能 会 将 被 把 对 从 "
    "于 以 等 之 请问 通报 目前 现在 现 时 当时 已经 已 都 也 还 又 就 并 而 每 上 下 年 月 日 "
    "今年 去年 全年 总计 累计 多大 多远 多长 多久 多重 多高 多深 多宽 ? ？"
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

    @property
    def extra_units(self) -> tuple[str, ...]:
        """Units to look for in text only because this question named them (几大专项行动)."""
        if self.asked_unit in ASKED_ONLY and self.asked_unit != "钱":
            return (self.asked_unit,)
        return ()


def normalize_question(text: str) -> str:
    """Simplified script, NFKC forms, no surrounding blanks."""
    return normalize(to_simplified(text)).strip()


def analyze(text: str) -> QuestionAnalysis:
    """Read a question once so extraction can judge candidates against it."""
    text = normalize_question(text)
    tokens = tokenize(text)
    years = tuple(sorted({year for _, year in years_in(text)}))
    asked = _asked_unit(text)
    units = accepted_units(asked) if asked else _noun_units(text)
    regions = tuple(t for t in tokens if _is_region(t))
    keywords = _keywords(tokens, asked, regions)
    return QuestionAnalysis(
        text=text,
        kind=_kind(text),
        query_tokens=[t for t in tokens
                      if t not in _STOP and t not in _PLAN_WORDS and not _YEAR_TOKEN.match(t)],
        keywords=keywords,
        targets=_targets(text, asked, keywords),
        asked_unit=asked,
        units=units,
        years=years,
        regions=regions,
        wants_planned=bool(_PLANNED.search(text)),
        wants_average=bool(_AVERAGE.search(text)),
        retrieval_k=_WIDE_K if years else _K,
    )


def _kind(text: str) -> QuestionKind:
    if _ISSUER.search(text):
        return "issuer"
    if _DATE.search(text):
        return "date"
    if _ASK.search(text):
        return "quantity"
    return "other"


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
    """Units implied by the noun nearest the question word (罚没款是多少 → 元)."""
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
    found = [t for t in tokenize(tail) if t in keywords][:3]
    if found:
        return tuple(found)
    head = re.split(r"[,.;:!?，。；：！？]", text[: ask.start()])[-1]
    before = [t for t in tokenize(head) if t in keywords]
    return tuple(before[-1:])


def _is_region(token: str) -> bool:
    return token not in _NOT_REGIONS and bool(_REGION_SUFFIX.match(token))


def _keywords(tokens: list[str], asked: str | None, regions: tuple[str, ...]) -> tuple[str, ...]:
    """Topic and predicate words that should stand near the answer in its sentence."""
    skip = set(_STOP) | _PLAN_WORDS | set(regions) | {asked or ""}
    words = [t for t in tokens
             if t not in skip and not t.isdigit() and not _SCALED_UNIT.match(t)]
    return tuple(dict.fromkeys(words))
