"""``/trend X``: a figure year by year as a chart (send_photo) captioned with the cited values.

The series and the PNG are CPU work (a search, one extraction per year, matplotlib), so
both run in a worker thread. A caption holds 1,024 characters: a long series goes out
as a short caption and the cited values in the messages after the photo.
"""

from __future__ import annotations

import asyncio
import html
import re

from telegram import Chat, Message, Update

from bot.handlers import over_limit
from bot.menus import GROUP, PRIVATE, entry
from bot.render import telegram_length
from bot.replies import reply, reply_blocks
from bot.state import BotContext
from service.chart import ChartFontMissing, render_series
from service.engine import Engine
from service.presentation import HTML, series_blocks

CAPTION_LIMIT = 1024
TREND_USAGE = "用法：/trend 指标，可带年份，例如 /trend 2013-2024年城镇新增就业"
MENU = [entry("trend", "历年数字和走势图，例如 /trend 城镇新增就业", PRIVATE, GROUP)]


def visible_length(text: str) -> int:
    """What Telegram counts against a caption: the text without its HTML tags."""
    return telegram_length(html.unescape(re.sub(r"<[^>]+>", "", text)))


def trend_reply(engine: Engine, text: str, *, chat_id: int | None,
                user_id: int | None) -> tuple[bytes | None, list[str]]:
    """(the PNG, or None when no year has a figure; the blocks to send with it)."""
    result = engine.trend(text, chat_id=chat_id, user_id=user_id)
    if result is None:
        return None, [HTML.text(TREND_USAGE)]
    blocks = series_blocks(result, HTML)
    if result.abstained or not result.series:
        return None, blocks
    title = (result.figure or result.question).split("：")[0]
    try:
        return render_series(result.series, title), blocks
    except ChartFontMissing as missing:
        return None, [*blocks, HTML.text(str(missing))]


async def trend_command(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    text = " ".join(context.args or []).strip()
    if not text:
        await reply(message, HTML.text(TREND_USAGE))
        return
    if await over_limit(message, context.state):
        return
    png, blocks = await asyncio.to_thread(
        trend_reply, context.state.engine, text, chat_id=message.chat.id,
        user_id=message.from_user.id if message.from_user else None)
    if png is None:
        await reply_blocks(message, blocks)
        return
    await send_chart(message, png, blocks)


async def send_chart(message: Message, png: bytes, blocks: list[str]) -> None:
    """The chart with the cited values as its caption, or after it when too long."""
    caption = "\n".join(blocks)
    in_group = message.chat.type in (Chat.GROUP, Chat.SUPERGROUP)
    if visible_length(caption) <= CAPTION_LIMIT:
        await message.reply_photo(png, caption=caption, do_quote=in_group)
        return
    await message.reply_photo(png, caption=blocks[0], do_quote=in_group)
    await reply_blocks(message, blocks[1:])
