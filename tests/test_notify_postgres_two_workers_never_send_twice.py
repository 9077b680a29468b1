"""PostgreSQL: two delivery workers (each its own connection pool and Bot) drain a few
hundred pending posts at once; FOR UPDATE SKIP LOCKED claims mean none is sent twice and
none is lost, checked against what the Bot API server received."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import pytest
from sqlmodel import Session
from telegram.ext import ApplicationBuilder

from bot.sender import telegram_sender
from service.delivery import Deliverer, DeliveryLimits
from service.engine import Engine
from service.settings import Settings
from store import notifications as store
from store.db import make_database
from store.models import utcnow
from tests.botapi.client import BotApiServer
from tests.notify_harness import bulletin, outbox, subscribe

pytestmark = [pytest.mark.postgres, pytest.mark.e2e]

CHATS = 30
BULLETINS = 10


@pytest.fixture
def pg_engine(postgres_url: str, settings: Settings) -> Iterator[Engine]:
    engine = Engine.open(settings.model_copy(update={"database_url": postgres_url,
                                                     "load_seeds": False}))
    yield engine
    engine.close()


async def worker(engine: Engine, botapi: BotApiServer) -> AsyncIterator[Deliverer]:
    application = (ApplicationBuilder().token(botapi.token).base_url(botapi.base_url)
                   .base_file_url(botapi.base_file_url).build())
    async with application:
        db = make_database(engine.settings.resolved_database_url)  # a pool of its own
        yield Deliverer(db, telegram_sender(application), DeliveryLimits(batch=25))
        db.dispose()


async def test_two_workers_send_every_post_exactly_once(
    pg_engine: Engine, botapi: BotApiServer
) -> None:
    chats = [botapi.create_chat("supergroup").id for _ in range(CHATS)]
    for chat_id in chats:
        subscribe(pg_engine, chat_id)
    pg_engine.ingest_documents([bulletin(f"第{n}号通报", f"高新区检查商户{n}户。")
                                for n in range(BULLETINS)])
    assert len(outbox(pg_engine)) == CHATS * BULLETINS

    one, two = worker(pg_engine, botapi), worker(pg_engine, botapi)
    first, second = await anext(one), await anext(two)
    totals = [0, 0]
    while True:
        reports = await asyncio.gather(first.run_once(), second.run_once())
        totals = [t + r.sent for t, r in zip(totals, reports, strict=True)]
        if not any(r.sent for r in reports):
            break
    for generator in (one, two):
        await generator.aclose()

    assert sum(totals) == CHATS * BULLETINS and min(totals) > 0
    sent = [(m.chat_id, (m.text or "").split("\n")[0]) for m in botapi.sent_messages()]
    assert len(sent) == CHATS * BULLETINS
    assert max(Counter(sent).values()) == 1
    assert {status for status in (row.status for row in outbox(pg_engine))} == {"sent"}


def test_a_claim_skips_rows_another_open_transaction_holds(pg_engine: Engine) -> None:
    for chat_id in (-1, -2, -3):
        subscribe(pg_engine, chat_id)
    pg_engine.ingest_documents([bulletin(f"第{n}号通报", f"高新区检查商户{n}户。")
                                for n in range(10)])
    lease = utcnow() + timedelta(minutes=5)
    with Session(pg_engine.db) as first, first.begin():
        held = store.claim(first, "first", utcnow(), lease, 12)
        with Session(pg_engine.db) as second, second.begin():
            other = store.claim(second, "second", utcnow(), lease, 100)  # does not wait
        assert len(held) == 12 and len(other) == 18
        assert not set(held) & set(other)
    with Session(pg_engine.db) as third, third.begin():
        assert store.claim(third, "third", utcnow(), lease, 100) == []
