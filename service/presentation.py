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
    """The figure in bold, the source sentence, the citation; or an abstention with passages
    (and what was found instead, when the extractor found a figure of another kind); small
    talk is answered as plain text."""
    if result.kind == "smalltalk" and result.answer:
        return [m.text(result.answer)]
    if result.series is not None:
        return series_blocks(result, m)
    if result.abstained or not result.answer:
        return abstention_blocks(result.passages, m, result.note)
    blocks = [m.bold(result.figure or result.answer)]
    if result.sentence:
        blocks.append(m.text(f"原文:“{result.sentence.strip()}”"))
    if result.citation is not None:
        blocks.append("出处:" + citation(result.citation, m))
    return blocks


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
    if not refs:
        return [m.text("还没有收录任何通报。")]
    lines = [f"{number}. {citation(ref, m)}" for number, ref in enumerate(refs, start=1)]
    return [m.text("最新收录的通报:"), *lines]


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
