"""A new bulletin as a Telegram post: title, issuer and date, two summary lines, link;
or a daily digest: one numbered line per bulletin."""

from __future__ import annotations

import logging

from bot.render import TELEGRAM_LIMIT, telegram_length
from ingest.dates import written
from service.delivery import (
    Post,
)
from service.presentation import HTML, LINK_LABEL, is_url

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


def digest_text(post: Post) -> str:
    """The day's matching bulletins, one numbered line each, linked when they have a URL."""
    lines = [HTML.bold(f"📰 每日通报汇总：{len(post.items)} 篇")]
    for number, item in enumerate(post.items, 1):
        title = item.title if len(item.title) <= 80 else item.title[:79] + "…"
        named = HTML.link(f"《{title}》", item.origin) if is_url(item.origin) and len(
            item.origin) <= 2000 else HTML.text(f"《{title}》")
        when = item.published and written(item.published, item.published_precision)
        meta = [part for part in (item.issuer, when) if part]
        lines.append(f"{number}. {named}" + (HTML.text(" · " + " · ".join(meta)) if meta
                                               else ""))
    text = "\n".join(lines)
    while telegram_length(text) > TELEGRAM_LIMIT and len(lines) > 2:
        lines.pop()
        text = "\n".join([*lines, HTML.text("…")])
    return text


def post_text(post: Post) -> str:
    """Title, issuer and date, two summary lines, the link: Telegram HTML under 4096."""
    if post.items:
        return digest_text(post)
    title = post.title if len(post.title) <= 200 else post.title[:199] + "…"
    lines = [f"📢 新通报：{HTML.bold(f'《{title}》')}"]
    when = post.published and written(post.published, post.published_precision)
    meta = [part for part in (post.issuer, when) if part]
    if meta:
        lines.append(HTML.text(" · ".join(meta)))
    lines += [HTML.text(line) for line in summary_lines(post.body)]
    if is_url(post.origin) and len(post.origin) <= 2000:
        lines.append(HTML.link(LINK_LABEL, post.origin))
    text = "\n".join(lines)
    return text if telegram_length(text) <= TELEGRAM_LIMIT else "\n".join(lines[:2])
