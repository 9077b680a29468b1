"""Flood control: a short RetryAfter is waited out by the rate limiter and the post goes
once; one that outlasts the limiter's retries puts the row back until retry_after has
passed, and it is then posted once."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.jobs import notifier
from service.engine import Engine
from service.settings import Settings
from store.models import utcnow
from tests.botapi.client import BotApiServer
from tests.notify_harness import bot_settings, bulletin, outbox, running_bot, subscribe

pytestmark = [pytest.mark.e2e,
              pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")]


async def test_a_short_retry_after_is_waited_out_and_the_post_sent_once(
    settings: Settings, engine: Engine, botapi: BotApiServer
) -> None:
    group = botapi.create_chat("supergroup")
    subscribe(engine, group.id)
    engine.ingest_documents([bulletin("通报一", "高新区检查商户200余户。")])
    botapi.fail_next(group, 429, retry_after=1)

    async with running_bot(bot_settings(settings, botapi), engine) as application:
        assert (await notifier(application).deliverer.run_once()).sent == 1

    first, second = botapi.requests("sendMessage")
    assert (first.status, second.status) == (429, 200)
    assert second.time - first.time >= 1.0  # Telegram said wait 1 s, and we did
    assert len(botapi.sent_messages(group)) == 1


async def test_a_long_flood_wait_reschedules_the_row_then_delivers_it_once(
    settings: Settings, engine: Engine, botapi: BotApiServer
) -> None:
    group = botapi.create_chat("supergroup")
    subscribe(engine, group.id)
    engine.ingest_documents([bulletin("通报一", "高新区检查商户200余户。")])
    botapi.fail_next(group, 429, retry_after=1, count=4)  # outlasts the limiter's 3 retries

    async with running_bot(bot_settings(settings, botapi), engine) as application:
        deliverer = notifier(application).deliverer
        report = await deliverer.run_once()
        assert (report.sent, report.retried) == (0, 1)
        [row] = outbox(engine)
        assert (row.status, row.attempts) == ("pending", 1)
        assert "RetryAfter" in (row.last_error or "")
        assert (await deliverer.run_once()).sent == 0  # not due yet: nothing is tried
        assert len(botapi.requests("sendMessage")) == 4

        deliverer.clock = lambda: utcnow() + timedelta(seconds=1.5)  # the wait is over
        assert (await deliverer.run_once()).sent == 1

    assert [r.status for r in botapi.requests("sendMessage")] == [429, 429, 429, 429, 200]
    assert len(botapi.sent_messages(group)) == 1
    assert [row.status for row in outbox(engine)] == ["sent"]
