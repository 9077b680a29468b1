"""Sending rendered blocks back: split under Telegram's 4096 limit, threaded in groups."""

from __future__ import annotations

from collections.abc import Iterable

from telegram import Chat, Message

from bot.render import split_message


async def reply_blocks(message: Message, blocks: Iterable[str]) -> None:
    """Reply in as many messages as needed; in groups the first one quotes the question."""
    in_group = message.chat.type in (Chat.GROUP, Chat.SUPERGROUP)
    for number, text in enumerate(split_message(blocks)):
        await message.reply_html(text, do_quote=in_group and number == 0)


async def reply(message: Message, text: str) -> None:
    await reply_blocks(message, [text])
