"""Telegram's Forbidden (the bot was kicked) stops that chat's subscriptions and drops
its pending posts; other chats are served as usual and the chat gets nothing more."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from bot.jobs import notifier
from service.engine import Engine
from service.settings import Settings
from store import notifications as store
from tests.botapi.client import BotApiServer
from tests.notify_harness import bot_settings, bulletin, outbox, running_bot, subscribe

pytestmark = [pytest.mark.e2e,
              pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")]


async def test_forbidden_deactivates_the_subscription(
    settings: Settings, engine: Engine, botapi: BotApiServer
) -> None:
    kicked, loyal = botapi.create_chat("group", "踢掉机器人的群"), botapi.create_chat("group")
    subscribe(engine, kicked.id)
    subscribe(engine, loyal.id)
    engine.ingest_documents([bulletin("通报一", "高新区检查商户200余户。"),
                             bulletin("通报二", "高新区受理举报投诉3843宗。")])
    botapi.forbid(kicked)

    async with running_bot(bot_settings(settings, botapi), engine) as application:
        report = await notifier(application).deliverer.run_once()
        assert (report.sent, report.dropped, report.chats_gone) == (2, 1, [kicked.id])
        attempts = [r for r in botapi.requests("sendMessage")
                    if r.params["chat_id"] == kicked.id]
        assert [r.status for r in attempts] == [403]  # the second post is not even tried

        with Session(engine.db) as session:
            assert store.chat_subscriptions(session, kicked.id) == []
            assert len(store.chat_subscriptions(session, loyal.id)) == 1
        dropped = outbox(engine, kicked.id)
        assert [row.status for row in dropped] == ["dropped", "dropped"]
        assert all("kicked" in (row.last_error or "") for row in dropped)

        engine.ingest_documents([bulletin("通报三", "高新区查扣问题冻品8642公斤。")])
        assert (await notifier(application).deliverer.run_once()).sent == 1

    assert len(outbox(engine, kicked.id)) == 2
    assert len(botapi.sent_messages(loyal)) == 3
