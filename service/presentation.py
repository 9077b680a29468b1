"""Answers, bulletins and passages as text: HTML for Telegram, plain for the terminal.

The one presentation of the core's results: the bot, `bulletin-bot chat` and
`bulletin-bot ask` all print these blocks, through a ``Markup``, so every front end
shows the same figure, citation and abstention. Everything not written by us (bulletin
text, titles, questions) goes through ``Markup.text``; Telegram rejects a message whose
HTML is broken.
"""

from __future__ import annotations

import html
from typing import Protocol

from ingest.dates import shown
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
NO_BULLETINS = "还没有收录任何通报。"
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
        return f"{label}: {url}"


HTML = HtmlMarkup()
PLAIN = PlainMarkup()


def is_url(origin: str) -> bool:
    return origin.startswith(("http://", "https://"))


def citation(ref: BulletinRef, m: Markup) -> str:
    """《title》(issuer 供稿) · date · link, as the CLI prints it; only URLs are shown,
    a local file's path is nobody else's business."""
    issuer = f"({ref.issuer} 供稿)" if ref.issuer else ""
    parts = [m.text(f"《{ref.title}》{issuer}")]
    if ref.published:
        parts.append(m.text(shown(ref.published, ref.published_precision)))
    if is_url(ref.origin):
        parts.append(m.link("原文", ref.origin))
    return " · ".join(parts)


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
        return abstention_blocks(result.passages, m, result.note)
    blocks = [headline(result, m)]
    if result.sentence:
        blocks.append(m.text(f"原文:“{result.sentence.strip()}”"))
    if result.citation is not None:
        blocks.append("出处:" + citation(result.citation, m))
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


def abstention_blocks(passages: list[Hit], m: Markup, note: str | None = None) -> list[str]:
    """No answer: say so, say what was found instead (``Answer.note``: "只找到2019年的预期
    目标：1100万人以上") when there is such a figure, and list the best passages."""
    if note:
        blocks = [m.text("没有把握回答这个问题(宁可不答,也不给错的数字)。"), m.text(f"{note}。"),
                  m.text("最相关的段落:")]
    else:
        blocks = [m.text("没有把握回答这个问题(宁可不答,也不给错的数字)。最相关的段落:")]
    if not passages:
        return [*blocks, m.text("(没有找到相关段落)")]
    for number, hit in enumerate(passages[:SHOWN_PASSAGES], start=1):
        blocks.append(passage_block(number, hit, m))
    return blocks


def passage_block(number: int, hit: Hit, m: Markup) -> str:
    return f"{number}. {m.text(hit.text.strip())}\n   —{citation(hit.bulletin, m)}"


def search_blocks(keywords: str, hits: list[Hit], m: Markup, limit: int = 5) -> list[str]:
    """The top bulletins for keywords, each with its best passage (hits come best first)."""
    best: dict[int, Hit] = {}
    for hit in hits:
        best.setdefault(hit.bulletin.id, hit)
    if not best:
        return [m.text(f"没有找到与“{keywords}”相关的通报。")]
    blocks = [m.text(f"与“{keywords}”最相关的通报:")]
    for number, hit in enumerate(list(best.values())[:limit], start=1):
        blocks.append(f"{number}. {citation(hit.bulletin, m)}\n   {m.text(hit.text.strip())}")
    return blocks


def latest_blocks(refs: list[BulletinRef], m: Markup) -> list[str]:
    """The newest bulletins by the time they were stored (/latest, "最近有什么新通报?")."""
    if not refs:
        return [m.text(NO_BULLETINS)]
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
        m.text("没有把握回答这个问题(宁可不答,也不给错的数字)。")]
    if result.note:
        blocks.append(m.text(f"{result.note}。"))
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
        line += "\n   " + m.text(f"原文：“{found.sentence.strip()}”")
    return line


def short_citation(ref: BulletinRef, m: Markup) -> str:
    """《title》 and the link when there is one: a line per year stays short."""
    text = m.text(f"《{ref.title}》")
    return f"{text} · {m.link('原文', ref.origin)}" if is_url(ref.origin) else text


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
