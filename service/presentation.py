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
from qa.types import Answer
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
