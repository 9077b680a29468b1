"""Answers, bulletins and passages as text: HTML for Telegram, plain for the terminal.

The one presentation of the core's results: the bot, `bulletin-bot chat` and
`bulletin-bot ask` all print these blocks, through a ``Markup``, so every front end
shows the same figure, citation and abstention. Everything not written by us (bulletin
text, titles, questions) goes through ``Markup.text``; Telegram rejects a message whose
HTML is broken.
"""

from __future__ import annotations

import html
import re
from typing import Protocol
from urllib.parse import unquote

from ingest.dates import written
from ingest.page import is_furniture
from qa.series import missing_years, year_ranges
from qa.types import Answer, SeriesPoint
from retrieval.types import BulletinRef, Hit

SHOWN_PASSAGES = 3

# -- what the bot says in its own words about answers (tests read these) -------------

EXAMPLE_QUESTION = "2023年城镇新增就业多少人？"
# 陕西省2025年粮食产量：1347万吨; a target says so: 陕西省2026年城镇新增就业预期目标：40万人以上.
HEADLINE = "{region}{year}{indicator}{status}："
HEADLINE_YEAR = "{year}年"
HEADLINE_STATUS = {"planned": "预期目标"}
UNDERSTOOD = "我理解您问的是：“{question}”"
WHOLE_QUESTION = ("没能确定这句追问接着哪个问题。请把问题完整地说一遍，写明年份和地区，"
                  "例如：“{example}”")
WHICH_REGION = ("好几个地区的报告里都有{indicator}的数字：{regions}。请问您问的是哪个地区？"
                "例如：“{example}”")
WHICH_REGION_INDICATOR = "这项"  # when the question's indicator could not be read
REGION_SEPARATOR = "、"
LATEST_HEADING = "最近收录的{count}份通报（按收录时间）："
ASK_IN_CHINESE = "请用中文提问，例如：“{example}”"
SMALL_TALK = {
    "greeting": "您好！我回答政务通报和政府工作报告里的数字问题，给出原文和出处。"
                + ASK_IN_CHINESE + "，最好写明年份和地区。",
    "thanks": "不客气！还有问题随时问我。",
    "presence": "在的！" + ASK_IN_CHINESE,
    "farewell": "再见！需要查数字时随时找我。",
    "ack": "好的。有问题随时问我，例如：“{example}”",
    "ability": "我能从已收录的政务通报和政府工作报告里找出数字，附上原文句子和出处；"
               "拿不准时会直说，不给错的数字。" + ASK_IN_CHINESE
               + "\n发送 /latest 看最近收录的通报，/search 关键词 查找通报。",
    "english": "Hello! I answer questions about figures in Chinese government bulletins, "
               "and I read questions in Chinese only, e.g. “{example}” (How many new urban "
               "jobs were created in 2023?)\n" + ASK_IN_CHINESE,
}


class Markup(Protocol):
    def text(self, value: str) -> str: ...
    def bold(self, value: str) -> str: ...
    def link(self, label: str, url: str) -> str: ...


class HtmlMarkup:
    """Telegram's HTML parse mode: only <, > and & need escaping in text."""

    def text(self, value: str) -> str:
        return html.escape(value, quote=False)

    def bold(self, value: str) -> str:
        return f"<b>{self.text(value)}</b>"

    def link(self, label: str, url: str) -> str:
        return f'<a href="{html.escape(url, quote=True)}">{self.text(label)}</a>'


class PlainMarkup:
    """The terminal: no markup, links written out."""

    def text(self, value: str) -> str:
        return value

    def bold(self, value: str) -> str:
        return value

    def link(self, label: str, url: str) -> str:
        """A percent-encoded address (a Chinese path is 200 characters of %E5…) decoded,
        so a reader sees what it says; terminals make it clickable either way."""
        return f"{label}：{unquote(url)}"


HTML = HtmlMarkup()
PLAIN = PlainMarkup()

# -- quotes, citations and "not sure" in the bot's own words (tests read these) -------
# Full-width punctuation throughout: these are Chinese sentences.

QUOTE = "原文：“{sentence}”"
SOURCE = "出处："
# How a bulletin's issuer relates to it. A government's work report is issued (发布) by
# it; a newspaper that reprints a report is a source (来源); an office that wrote a
# bulletin for a site contributed it (供稿), as such bulletins' own attributions say.
ISSUER_ROLES = {
    "issued": "（{issuer} 发布）",
    "source": "（来源：{issuer}）",
    "contributed": "（{issuer} 供稿）",
}
MEDIA_ISSUER = re.compile(r"(?:日报|晚报|时报|商报|报社|新闻网|新闻|客户端|电视台|广播|新华社|"
                          r"人民网|新华网|网站?)$|日报")
GOVERNMENT_ISSUER = re.compile(r"(?:国务院|人民政府|政府)$")
WORK_REPORT = re.compile(r"工作报告")
DATE_UNKNOWN = "日期不详"
CITATION_SEPARATOR = " · "
LINK_LABEL = "查看原文"
NOT_FOUND = "没有找到能可靠回答“{question}”的数字，宁可不答，也不给错的数字。"
FOUND_INSTEAD = "{note}。"
CLOSEST = "最接近的原文句子："
NOTHING_CLOSE = "已收录的通报里没有与这个问题相关的句子。"
ASK_BETTER = "可以写明年份和地区再问，例如：“{example}”；也可以用 /search {keywords} 查找相关通报。"
ASK_BETTER_EXAMPLE = EXAMPLE_QUESTION
ASK_BETTER_KEYWORDS = "城镇新增就业"
SEARCH_HEADING = "与“{keywords}”最相关的通报："
SEARCH_NOTHING = "没有找到与“{keywords}”相关的通报。"
LATEST_NOTHING = "还没有收录任何通报。"
# A passage shown as a "closest sentence" must be a sentence: not page debris (】, 下载),
# not a bare dateline (——2024年3月5日在第十四届全国人民代表大会第二次会议上).
SENTENCE_MIN_CHARS = 6
_WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_DATELINE = re.compile(r"^[—－\-\s]*\d{4}年\d{1,2}月\d{1,2}日(?:在.{0,60}上)?[。]?$")


def is_url(origin: str) -> bool:
    return origin.startswith(("http://", "https://"))


def issuer_role(ref: BulletinRef) -> str:
    """"issued", "source" or "contributed": how the citation names the issuer."""
    issuer = ref.issuer or ""
    if MEDIA_ISSUER.search(issuer):
        return "source"
    if WORK_REPORT.search(ref.title) or GOVERNMENT_ISSUER.search(issuer):
        return "issued"
    return "contributed"


def citation(ref: BulletinRef, m: Markup) -> str:
    """《title》（issuer 发布） · 2024年3月5日 · 查看原文; only URLs are linked, a local
    file's path is nobody else's business."""
    issuer = ISSUER_ROLES[issuer_role(ref)].format(issuer=ref.issuer) if ref.issuer else ""
    when = written(ref.published, ref.published_precision) if ref.published else DATE_UNKNOWN
    parts = [m.text(f"《{ref.title}》{issuer}"), m.text(when)]
    if is_url(ref.origin):
        parts.append(m.link(LINK_LABEL, ref.origin))
    return CITATION_SEPARATOR.join(parts)


def answer_blocks(result: Answer, m: Markup) -> list[str]:
    """The headline with the figure in bold, the source sentence, the citation; or an
    abstention with passages (and what was found instead, when the extractor found a
    figure of another kind). Small talk gets a short reply, a question several regions'
    reports answer asks which region, a wish for news lists the newest bulletins."""
    if result.kind == "smalltalk":
        return [small_talk_text(result.small_talk, m)]
    if result.kind == "latest":
        return latest_blocks(result.bulletins, m)
    if result.kind == "clarify":
        return [which_region_text(result, m)]
    if result.series is not None:
        return series_blocks(result, m)
    if result.abstained or not result.answer:
        return abstention_blocks(result.passages, m, result.note, question=result.question)
    blocks = [headline(result, m)]
    if result.sentence:
        blocks.append(m.text(QUOTE.format(sentence=result.sentence.strip())))
    if result.citation is not None:
        blocks.append(m.text(SOURCE) + citation(result.citation, m))
    return blocks


def headline(result: Answer, m: Markup) -> str:
    """What the figure is, then the figure in bold: region, year, indicator and status
    (陕西省2025年粮食产量：1347万吨), as far as they are known; the bare figure when the
    question names no indicator (an issuer, a date)."""
    if not result.indicator or not result.raw:
        return m.bold(result.figure or result.answer or "")
    year = HEADLINE_YEAR.format(year=result.figure_year) if result.figure_year else ""
    if year and year in result.indicator:
        year = ""
    lead = HEADLINE.format(region=result.region or "", year=year, indicator=result.indicator,
                           status=HEADLINE_STATUS.get(result.status or "", ""))
    return m.text(lead) + m.bold(result.raw)


def small_talk_text(kind: str | None, m: Markup) -> str:
    return m.text(SMALL_TALK.get(kind or "", SMALL_TALK["ack"]).format(example=EXAMPLE_QUESTION))


def which_region_text(result: Answer, m: Markup) -> str:
    """Several regions' reports answer a question naming none: list them, and show the
    question again with the first region written in."""
    from qa.followup import with_region

    example = with_region(result.question, result.regions[0])
    return m.text(WHICH_REGION.format(
        indicator=f"“{result.indicator}”" if result.indicator else WHICH_REGION_INDICATOR,
        regions=REGION_SEPARATOR.join(result.regions), example=chinese_question(example)))


def chinese_question(question: str) -> str:
    """A question we quote back, ending in a full-width question mark."""
    return question.rstrip("?？ ") + "？"


def understood_text(question: str, m: Markup) -> str:
    """The echo of a resolved follow-up: 我理解您问的是：“2018年…多少人？”."""
    return m.text(UNDERSTOOD.format(question=chinese_question(question)))


def whole_question_text(m: Markup) -> str:
    return m.text(WHOLE_QUESTION.format(example=EXAMPLE_QUESTION))


def abstention_blocks(
    passages: list[Hit], m: Markup, note: str | None = None, *, question: str = "",
) -> list[str]:
    """No answer: say what was not found, what was found instead (``Answer.note``: "只找到
    2019年的预期目标：1100万人以上") when there is such a figure, the closest real
    sentences, and how to ask so that an answer can be found."""
    asked = question.strip().rstrip("?？ ") or "这个问题"
    blocks = [m.text(NOT_FOUND.format(question=asked))]
    if note:
        blocks.append(m.text(FOUND_INSTEAD.format(note=note)))
    closest = closest_sentences(passages)
    if closest:
        blocks.append(m.text(CLOSEST))
        blocks += [passage_block(number, hit, m) for number, hit in enumerate(closest, start=1)]
    else:
        blocks.append(m.text(NOTHING_CLOSE))
    blocks.append(m.text(ASK_BETTER.format(example=ASK_BETTER_EXAMPLE,
                                           keywords=search_words(question))))
    return blocks


def search_words(question: str) -> str:
    """The question's places and content words, for a /search that lists what the store
    has on them (高新区 受理 举报投诉); a stock example when it has none."""
    from qa.question import analyze

    analysis = analyze(question) if question.strip() else None
    words = [*analysis.regions, *analysis.keywords] if analysis else []
    # jieba may glue a date's 年 to the next word (2030年东城市 → 年东): not a keyword.
    kept = [word for word in words if not word.startswith(("年", "月", "日"))]
    return " ".join(dict.fromkeys(kept)) or ASK_BETTER_KEYWORDS


def is_sentence(text: str) -> bool:
    """Whether a passage reads as a sentence of the bulletin, worth showing a reader."""
    text = text.strip()
    return (len(_WORD_CHAR.findall(text)) >= SENTENCE_MIN_CHARS and not is_furniture(text)
            and not _DATELINE.match(text))


def closest_sentences(passages: list[Hit], limit: int = SHOWN_PASSAGES) -> list[Hit]:
    """The best passages that are real sentences, each quote once."""
    chosen: list[Hit] = []
    seen: set[str] = set()
    for hit in passages:
        if hit.quote in seen or not is_sentence(hit.quote):
            continue
        seen.add(hit.quote)
        chosen.append(hit)
        if len(chosen) == limit:
            break
    return chosen


def passage_block(number: int, hit: Hit, m: Markup) -> str:
    return f"{number}. {m.text(hit.quote)}\n   —{citation(hit.bulletin, m)}"


def search_blocks(keywords: str, hits: list[Hit], m: Markup, limit: int = 5) -> list[str]:
    """The top bulletins for keywords, each with its best passage (hits come best first)."""
    best: dict[int, Hit] = {}
    for hit in hits:
        best.setdefault(hit.bulletin.id, hit)
    if not best:
        return [m.text(SEARCH_NOTHING.format(keywords=keywords))]
    blocks = [m.text(SEARCH_HEADING.format(keywords=keywords))]
    for number, hit in enumerate(list(best.values())[:limit], start=1):
        blocks.append(f"{number}. {citation(hit.bulletin, m)}\n   {m.text(hit.quote)}")
    return blocks


def latest_blocks(refs: list[BulletinRef], m: Markup) -> list[str]:
    """The newest bulletins by the time they were stored (/latest, "最近有什么新通报?")."""
    if not refs:
        return [m.text(LATEST_NOTHING)]
    lines = [f"{number}. {citation(ref, m)}" for number, ref in enumerate(refs, start=1)]
    return [m.text(LATEST_HEADING.format(count=len(refs))), *lines]


# -- series, differences and extremes (issue 13) -----------------------------------------

_STATUS_LABELS = {"achieved": "实际", "planned": "目标", "hypothetical": "假设"}


def series_blocks(result: Answer, m: Markup, *, sentences: bool | None = None) -> list[str]:
    """A series, difference or extreme: the headline in bold (or why there is none), then
    one cited line per year and the years not found. A difference shows both sentences."""
    points = list(result.series or ())
    if sentences is None:
        sentences = result.kind == "difference"
    blocks = [m.bold(result.figure)] if result.figure and not result.abstained else [
        m.text(NOT_FOUND.format(question=result.question.strip().rstrip("?？ ")))]
    if result.note:
        blocks.append(m.text(FOUND_INSTEAD.format(note=result.note)))
    two = len({p.status for p in points}) > 1
    blocks += [series_line(p, m, label=two, sentence=sentences)
               for p in points if p.found is not None]
    blocks += _missing_lines(points, m, two)
    return blocks


def series_line(point: SeriesPoint, m: Markup, *, label: bool = False,
                sentence: bool = False) -> str:
    """2016年：1314万人 —《2017年……报告》· 原文; with ``sentence``, the sentence too."""
    found = point.found
    assert found is not None
    kind = _STATUS_LABELS[point.status] if label or point.status == "planned" else ""
    raw = (found.figure or "").removeprefix("预期目标：")
    line = m.text(f"{point.year}年{kind}：{raw}")
    if found.citation is not None:
        line += " —" + short_citation(found.citation, m)
    if sentence and found.sentence:
        line += "\n   " + m.text(QUOTE.format(sentence=found.sentence.strip()))
    return line


def short_citation(ref: BulletinRef, m: Markup) -> str:
    """《title》 and the link when there is one: a line per year stays short."""
    text = m.text(f"《{ref.title}》")
    link = m.link(LINK_LABEL, ref.origin)
    return f"{text}{CITATION_SEPARATOR}{link}" if is_url(ref.origin) else text


def _missing_lines(points: list[SeriesPoint], m: Markup, two: bool) -> list[str]:
    statuses = list(dict.fromkeys(p.status for p in points))
    lines = []
    for status in statuses:
        missing = missing_years([p for p in points if p.status == status])
        if missing:
            label = _STATUS_LABELS[status] if two else ""
            lines.append(m.text(f"未找到{label}数字：{year_ranges(missing)}"))
    return lines


def trend_caption(result: Answer, m: Markup) -> str:
    """The chart's caption: the cited values, one line per year (Telegram HTML)."""
    return "\n".join(series_blocks(result, m, sentences=False))
