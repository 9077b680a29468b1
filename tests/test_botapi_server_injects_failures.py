"""Failures a test injects reach python-telegram-bot as the exceptions Telegram's real
errors raise: RetryAfter for flood control, Forbidden for a kicked or blocked bot."""

from __future__ import annotations

import datetime as dtm

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from tests.botapi.client import BotApiServer

# PTB 22 warns whenever it builds a RetryAfter that retry_after will become a timedelta.
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning"),
]


def retry_seconds(error: RetryAfter) -> float:
    """retry_after is an int in PTB 22, a timedelta with PTB_TIMEDELTA=1."""
    value = error.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else value


async def test_flood_control_raises_retry_after_for_the_next_n_sends(
    botapi: BotApiServer, botapi_bot: Bot
) -> None:
    group = botapi.create_chat("group")
    botapi.fail_next(group, 429, retry_after=7, count=2)

    for _ in range(2):
        with pytest.raises(RetryAfter) as raised:
            await botapi_bot.send_message(group.id, "通报")
        assert retry_seconds(raised.value) == 7
    await botapi_bot.send_message(group.id, "通报")

    assert [r.status for r in botapi.requests("sendMessage")] == [429, 429, 200]
    assert len(botapi.sent_messages(group)) == 1


async def test_failures_are_aimed_at_one_chat(botapi: BotApiServer, botapi_bot: Bot) -> None:
    noisy, quiet = botapi.create_chat("group"), botapi.create_chat("group")
    botapi.fail_next(noisy, 429, retry_after=3)

    await botapi_bot.send_message(quiet.id, "ok")

    with pytest.raises(RetryAfter):
        await botapi_bot.send_message(noisy.id, "flooded")


async def test_a_kicked_bot_is_forbidden_for_good(botapi: BotApiServer, botapi_bot: Bot) -> None:
    group = botapi.create_chat("group")
    botapi.forbid(group)

    for _ in range(2):
        with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
            await botapi_bot.send_message(group.id, "通报")


async def test_a_blocked_private_chat_is_forbidden(botapi: BotApiServer, botapi_bot: Bot) -> None:
    ann = botapi.create_user("Ann")
    botapi.forbid(ann.id)

    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await botapi_bot.send_message(ann.id, "hi")


async def test_a_user_who_never_started_the_bot_cannot_be_messaged(
    botapi: BotApiServer, botapi_bot: Bot
) -> None:
    stranger = botapi.create_user("Bob", started=False)

    with pytest.raises(Forbidden, match="initiate conversation"):
        await botapi_bot.send_message(stranger.id, "hi")


async def test_a_bot_that_left_a_chat_cannot_write_there(
    botapi: BotApiServer, botapi_bot: Bot
) -> None:
    group = botapi.create_chat("supergroup")

    assert await botapi_bot.leave_chat(group.id)

    with pytest.raises(Forbidden, match="not a member of the supergroup chat"):
        await botapi_bot.send_message(group.id, "hi")


async def test_any_method_can_fail_with_any_code(botapi: BotApiServer, botapi_bot: Bot) -> None:
    botapi.fail_next(None, 502, method="getUpdates")
    botapi.fail_next(None, 400, method="getMe", description="Bad Request: odd")

    with pytest.raises(NetworkError, match="Bad Gateway"):
        await botapi_bot.get_updates(timeout=0)
    with pytest.raises(BadRequest, match="Odd"):
        await botapi_bot.get_me()
