"""Restarts: a new Application on the same store sends nothing already sent; a post
claimed by a worker that died before sending is sent once its lease runs out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from bot.jobs import notifier
from service.engine import Engine
from service.settings import Settings
from store import notifications as store
from store.models import utcnow
from tests.botapi.client import BotApiServer
from tests.notify_harness import bot_settings, bulletin, outbox, running_bot, subscribe

pytestmark = [pytest.mark.e2e,
              pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")]


async def test_a_restarted_bot_does_not_repeat_posts(
    settings: Settings, engine: Engine, botapi: BotApiServer
) -> None:
    group = botapi.create_chat("supergroup")
    subscribe(engine, group.id)
    configured = bot_settings(settings, botapi, notify_lease_seconds=1.0)
    engine.ingest_documents([bulletin("通报一", "高新区检查商户200余户。")])

    async with running_bot(configured, engine) as first:
        assert (await notifier(first).deliverer.run_once()).sent == 1

    engine.ingest_documents([bulletin("通报二", "高新区受理举报投诉3843宗。")])
    with Session(engine.db) as session, session.begin():  # a worker claims it, then dies
        now = utcnow()
        assert len(store.claim(session, "dead-worker", now, now + timedelta(seconds=1), 10)) == 1

    async with running_bot(configured, engine) as second:
        deliverer = notifier(second).deliverer
        assert (await deliverer.run_once()).sent == 0  # 通报一 was sent, 通报二 is leased
        deliverer.clock = lambda: utcnow() + timedelta(seconds=1.5)  # the lease ran out
        assert (await deliverer.run_once()).sent == 1
        assert (await deliverer.run_once()).sent == 0

    texts = [m.text or "" for m in botapi.sent_messages(group)]
    assert [t.split("\n")[0] for t in texts] == ["📢 新通报：《通报一》", "📢 新通报：《通报二》"]
    assert [row.status for row in outbox(engine)] == ["sent", "sent"]
