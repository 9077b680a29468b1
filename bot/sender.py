"""The delivery worker's Telegram sender: one post sent, Telegram's answer an ``Outcome``."""

from __future__ import annotations

import datetime as dtm
import logging
from typing import Any

from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.posts import post_text
from bot.state import BotApplication
from service.delivery import (
    ChatGone,
    ChatMoved,
    Flooded,
    Outcome,
    Post,
    Sent,
    Transient,
    Undeliverable,
)

log = logging.getLogger(__name__)


def retry_seconds(error: RetryAfter) -> float:
    """retry_after is an int in PTB 22 and a timedelta later."""
    value: Any = error.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


def telegram_sender(application: BotApplication) -> Any:
    """A ``service.delivery.Sender`` that posts with the application's bot (and its flood
    limiter, which also retries a short RetryAfter itself before we see it)."""

    async def send(post: Post) -> Outcome:
        try:
            message = await application.bot.send_message(post.chat_id, post_text(post))
        except RetryAfter as error:
            return Flooded(retry_seconds(error))
        except Forbidden as error:
            return ChatGone(error.message)
        except ChatMigrated as error:
            return ChatMoved(error.new_chat_id)
        except BadRequest as error:
            if "chat not found" in error.message.lower():
                return ChatGone(error.message)
            return Undeliverable(error.message)
        except (NetworkError, TelegramError) as error:
            return Transient(f"{type(error).__name__}: {error.message}")
        return Sent(message.message_id)

    return send
