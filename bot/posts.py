"""A new bulletin as a Telegram post: title, issuer and date, two summary lines, link."""

from __future__ import annotations

import logging

from bot.render import TELEGRAM_LIMIT, telegram_length
from ingest.dates import shown
from service.delivery import (
    Post,
)
from service.presentation import HTML, is_url

log = logging.getLogger(__name__)

SUMMARY_LINES = 2
SUMMARY_WIDTH = 90


def summary_lines(body: str) -> list[str]:
    """The first paragraphs, at most two lines, each cut to a phone screen's width."""
    out: list[str] = []
    for paragraph in body.splitlines():
        text = paragraph.strip()
        if text:
            out.append(text if len(text) <= SUMMARY_WIDTH else text[: SUMMARY_WIDTH - 1] + "…")
        if len(out) == SUMMARY_LINES:
            break
    return out


def post_text(post: Post) -> str:
    """Title, issuer and date, two summary lines, the link: Telegram HTML under 4096."""
    title = post.title if len(post.title) <= 200 else post.title[:199] + "…"
    lines = [f"📢 新通报:{HTML.bold(f'《{title}》')}"]
    when = post.published and shown(post.published, post.published_precision)
    meta = [part for part in (post.issuer, when) if part]
    if meta:
        lines.append(HTML.text(" · ".join(meta)))
    lines += [HTML.text(line) for line in summary_lines(post.body)]
    if is_url(post.origin) and len(post.origin) <= 2000:
        lines.append(HTML.link("阅读原文", post.origin))
    text = "\n".join(lines)
    return text if telegram_length(text) <= TELEGRAM_LIMIT else "\n".join(lines[:2])
