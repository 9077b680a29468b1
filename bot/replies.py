"""Sending rendered blocks back: split under Telegram's 4096 limit, threaded in groups.

A Telegram 5xx or a network error while sending an answer would lose the answer (the
question was already answered and logged), so each message is retried with backoff
before the error reaches the handler that apologises. Flood control (429) is the rate
limiter's; a bad request or a ban is final and not retried.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

from telegram import Chat, Message
from telegram.error import BadRequest, NetworkError

from bot.render import split_message

log = logging.getLogger(__name__)

RETRY_DELAYS = (0.5, 2.0, 5.0)  # seconds before each new attempt


async def reply_blocks(message: Message, blocks: Iterable[str]) -> list[Message]:
    """Reply in as many messages as needed; in groups the first one quotes the question.
    Returns the messages sent (their ids key follow-ups)."""
    in_group = message.chat.type in (Chat.GROUP, Chat.SUPERGROUP)
    return [await _send(message, text, quote=in_group and number == 0)
            for number, text in enumerate(split_message(blocks))]


async def _send(message: Message, text: str, *, quote: bool) -> Message:
    for delay in (*RETRY_DELAYS, None):
        try:
            return await message.reply_html(text, do_quote=quote)
        except BadRequest:
            raise  # a subclass of NetworkError, but final
        except NetworkError as error:
            if delay is None:
                raise
            log.warning("sending to chat %s failed (%s); retrying in %.1f s",
                        message.chat.id, error, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable: the last attempt returns or raises")


async def reply(message: Message, text: str) -> list[Message]:
    return await reply_blocks(message, [text])
