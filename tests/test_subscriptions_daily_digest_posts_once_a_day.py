"""`/subscribe 食品 -广告 daily 08:00`: matching bulletins wait for 08:00 (China time) and
go out as one message listing them, once; the other chat still gets single posts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import Session, col

from bot.jobs import notifier
from service.engine import Engine
from service.ingestion import Document
from service.keywords import KeywordError, next_digest, split_digest
from service.settings import Settings
from store.models import Notification
from tests.botapi.client import BotApiServer
from tests.notify_harness import bot_settings, outbox, running_bot

pytestmark = [pytest.mark.e2e,
              pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")]


def bulletin(title: str, sentence: str) -> Document:
    return Document(f"{title}.txt", f"{title}\n\n{sentence}\n\n(高新区市场监管局 供稿)\n".encode())


FOOD_ONE = bulletin("高新区开展冷链食品专项检查", "2024年5月,高新区检查冷链食品经营单位217家。")
FOOD_TWO = bulletin("高新区开展校园周边食品整治", "2024年5月,高新区检查校园周边食品经营户318家。")
ADVERT = bulletin("高新区查处虚假食品广告", "高新区查处食品虚假广告案件5宗。")


def test_the_digest_words_and_the_next_digest_time() -> None:
    assert split_digest(["食品", "-广告", "daily", "08:00"]) == (["食品", "-广告"], "08:00")
    assert split_digest(["食品", "每天", "7:30"]) == (["食品"], "07:30")
    assert split_digest(["daily"]) == ([], "08:00")
    assert split_digest(["食品"]) == (["食品"], None)
    with pytest.raises(KeywordError):
        split_digest(["食品", "daily", "25:00"])
    # 08:00 in Beijing is 00:00 UTC: at 23:00 UTC it is tomorrow's 00:00 UTC.
    now = datetime(2024, 5, 6, 23, 0, tzinfo=UTC)
    assert next_digest("08:00", now) == datetime(2024, 5, 7, 0, 0, tzinfo=UTC)
    assert next_digest("08:00", now - timedelta(hours=23, minutes=30)) == datetime(
        2024, 5, 6, 0, 0, tzinfo=UTC)


async def test_a_daily_subscription_gets_one_message_a_day_exactly_once(
    settings: Settings, engine: Engine, botapi: BotApiServer
) -> None:
    ann = botapi.create_user("Ann")
    group = botapi.create_chat("group", "食品安全群", creator=ann)
    async with running_bot(bot_settings(settings, botapi), engine) as application:
        botapi.send_group_text(group, ann, "/subscribe 食品 -广告 daily 08:00")
        [confirmed] = await botapi.wait_for_messages_async(group, 1, timeout=10)
        assert "每天 08:00（北京时间）汇总发送一条" in (confirmed.text or "")
        botapi.send_private_text(ann, "/subscribe 食品")
        await botapi.wait_for_messages_async(ann, 1, timeout=10)
        deliverer = notifier(application).deliverer

        before = datetime.now(UTC)
        assert len(engine.ingest_documents([FOOD_ONE, FOOD_TWO, ADVERT]).added) == 3
        waiting = outbox(engine, group.id)
        assert len(waiting) == 2 and all(row.digest for row in waiting)
        due = waiting[0].due_at.replace(tzinfo=UTC)
        assert due == next_digest("08:00", before) or due == next_digest(
            "08:00", datetime.now(UTC))
        assert (await deliverer.run_once()).sent == 3  # Ann's single posts only
        assert len(botapi.sent_messages(group)) == 1

        with Session(engine.db) as session, session.begin():  # 08:00 has come
            session.execute(update(Notification).where(col(Notification.digest))
                            .values(due_at=datetime.now(UTC) - timedelta(seconds=1)))
        assert (await deliverer.run_once()).sent == 2  # two rows, one message
        [_, digest] = await botapi.wait_for_messages_async(group, 2, timeout=10)
        text = digest.text or ""
        assert text.startswith("📰 每日通报汇总：2 篇")
        assert "《高新区开展冷链食品专项检查》" in text and "《高新区开展校园周边食品整治》" in text
        assert "广告" not in text
        assert (await deliverer.run_once()).sent == 0

        botapi.send_group_text(group, ann, "/subscriptions")
        [_, _, listed] = await botapi.wait_for_messages_async(group, 3, timeout=10)
        assert "包含 食品，不含 广告，每天 08:00" in (listed.text or "")

    assert len(botapi.sent_messages(group)) == 3
    assert [row.status for row in outbox(engine, group.id)] == ["sent", "sent"]
    assert len({row.message_id for row in outbox(engine, group.id)}) == 1
