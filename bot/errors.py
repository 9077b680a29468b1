"""One error handler: log the details, tell the user only that something went wrong.

It also decides what a ``Conflict`` (another process polling the same token) means.
Telegram ends the *older* long poll when a newer one arrives, so both processes see
conflicts; the one that started polling moments ago is the newcomer and stops, the
established one logs a warning and carries on once the newcomer is gone.
"""

from __future__ import annotations

import logging
import time

from sqlalchemy.exc import DBAPIError, IntegrityError
from telegram import Update
from telegram.error import Conflict, NetworkError, TelegramError

from bot import texts
from bot.state import BotApplication, BotContext, app_state
from store.errors import describe, unreachable

log = logging.getLogger(__name__)

NEWCOMER_SECONDS = 5.0  # a conflict this soon after polling began means we are the second

CONFLICT_MESSAGE = (
    "another bulletin-bot (or another program) is already polling Telegram with this "
    "token, so Telegram answered Conflict; stop the other one, or give this one its own "
    "bot token from @BotFather"
)


async def on_error(update: object, context: BotContext) -> None:
    error = context.error
    if isinstance(error, Conflict):
        on_conflict(context.bot_application, error)
        return
    if update is None and isinstance(error, NetworkError):
        log.warning("network trouble while polling Telegram (will retry): %s", error)
        return
    if isinstance(error, DBAPIError) and not isinstance(error, IntegrityError):
        # The pool replaces dead connections on the next checkout: nothing to restart.
        log.warning("database error while handling an update: %s", describe(error))
        reply = texts.DATABASE_DOWN if unreachable(error) else texts.DATABASE_FAILED
    else:
        log.error("error while handling an update", exc_info=error)
        reply = texts.SOMETHING_WRONG
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(update.effective_chat.id, reply)
        except TelegramError as send_error:
            log.warning("could not tell chat %s about the error: %s",
                        update.effective_chat.id, send_error)


def on_conflict(application: BotApplication, error: Conflict) -> None:
    state = app_state(application)
    polling_for = time.monotonic() - state.started_at
    if "webhook" in error.message or polling_for < NEWCOMER_SECONDS:
        state.conflict = f"{CONFLICT_MESSAGE} ({error.message})"
        log.error("stopping: %s", state.conflict)
        application.stop_running()
    else:
        log.warning("Telegram answered %r: another process polls this token; "
                    "it should stop by itself if it just started", error.message)
