"""Follow-up context is kept in the store by chat and message: a reply to an answer
follows up that answer, and any replica can follow up a question another one answered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.app import build_application
from service.engine import Engine
from service.settings import Settings
from tests.offline_bot import (
    TOKEN,
    OfflineBotApi,
    bot_user,
    feed,
    group_chat,
    group_text,
    message,
    private_text,
)

COMPLAINTS = "2017年高新区受理了多少举报投诉?"
RAIDS = "2017年节前打假行动组织了几次?"


async def _application(settings: Settings, engine: Engine
                       ) -> tuple[Any, OfflineBotApi]:
    api = OfflineBotApi()
    configured = settings.model_copy(update={"telegram_bot_token": TOKEN})
    return build_application(configured, engine, request=api,
                             get_updates_request=OfflineBotApi()), api


async def test_a_reply_follows_up_the_answer_replied_to_not_the_last_one(bot: Any) -> None:
    application, api = bot
    await feed(application, group_text(7, f"/ask {COMPLAINTS}"))
    first_answer = 1000  # OfflineBotApi numbers the bot's messages from 1000
    await feed(application, group_text(8, f"/ask {RAIDS}"))
    replied = message(group_chat(), bot_user(), "3843宗", message_id=first_answer)
    await feed(application, group_text(9, "那2018年呢?", reply_to_message=replied))
    assert "我理解您问的是：“2018年高新区受理了多少举报投诉？”" in api.sent[-1]["text"]


async def test_another_replica_follows_up_a_question_this_one_answered(
    settings: Settings, engine: Engine, tmp_path: Path
) -> None:
    other_settings = settings.model_copy(update={
        "data_dir": tmp_path / "replica-2", "database_url": settings.resolved_database_url})
    other_engine = Engine.open(other_settings)
    try:
        first, first_api = await _application(settings, engine)
        second, second_api = await _application(other_settings, other_engine)
        async with first, second:
            await feed(first, private_text(7, COMPLAINTS))
            await feed(second, private_text(7, "那2018年呢?"))
        assert "3843宗" in first_api.sent[-1]["text"]
        assert "我理解您问的是：“2018年高新区受理了多少举报投诉？”" in second_api.sent[-1]["text"]
    finally:
        other_engine.close()
