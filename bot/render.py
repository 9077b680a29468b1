"""Telegram's message limits: UTF-16 lengths, and replies split without breaking HTML.

What a reply says comes from ``service.presentation``; this module only fits it into
Telegram messages.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

TELEGRAM_LIMIT = 4096


def telegram_length(text: str) -> int:
    """Telegram counts UTF-16 code units; counting the HTML source over-estimates, safely."""
    return len(text.encode("utf-16-le")) // 2


def split_message(blocks: Iterable[str], limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Join blocks of Telegram HTML into messages under ``limit``, never cutting a block's tags.

    A single block longer than the limit loses its markup and is cut as plain text.
    """
    messages: list[str] = []
    current = ""
    for block in blocks:
        for piece in _fit(block, limit):
            joined = f"{current}\n{piece}" if current else piece
            if telegram_length(joined) <= limit:
                current = joined
                continue
            messages.append(current)
            current = piece
    if current:
        messages.append(current)
    return messages


def _fit(block: str, limit: int) -> list[str]:
    if telegram_length(block) <= limit:
        return [block]
    plain = html.unescape(re.sub(r"<[^>]+>", "", block))
    pieces: list[str] = []
    current: list[str] = []
    length = 0
    for char in plain:
        escaped = html.escape(char, quote=False)
        size = telegram_length(escaped)
        if length + size > limit:
            pieces.append("".join(current))
            current, length = [], 0
        current.append(escaped)
        length += size
    if current:
        pieces.append("".join(current))
    return pieces
