"""A whole python-telegram-bot Application, built with base_url/base_file_url pointing at
the fake server, polls, handles a group command and replies, then shuts down cleanly."""

from __future__ import annotations

import html

import pytest
from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import AIORateLimiter, ApplicationBuilder, CommandHandler, ContextTypes, Defaults

from tests.botapi.client import BotApiServer

pytestmark = pytest.mark.e2e


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    question = " ".join(context.args or [])
    await update.effective_message.reply_text(f"<b>问</b>: {html.escape(question)}")


async def test_an_application_answers_a_group_command_over_long_polling(
    botapi: BotApiServer,
) -> None:
    app = (
        ApplicationBuilder()
        .token(botapi.token)
        .base_url(botapi.base_url)
        .base_file_url(botapi.base_file_url)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .rate_limiter(AIORateLimiter())
        .build()
    )
    app.add_handler(CommandHandler("ask", ask))
    ann = botapi.create_user("Ann")
    group = botapi.create_chat("supergroup", "高新区")

    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=5)
        botapi.send_group_text(group, ann, "/ask@bulletin_test_bot 1<2 多少宗?")
        (reply,) = await botapi.wait_for_messages_async(group, 1, timeout=10)
        await app.updater.stop()
        await app.stop()

    assert (reply.text, reply.parse_mode) == ("问: 1<2 多少宗?", "HTML")
    assert reply.reply_to_message_id is not None
    await botapi.wait_for_polling_async(active=False)
    final_poll = botapi.requests("getUpdates")[-1]
    assert final_poll.status == 200 and final_poll.params["timeout"] == 0
