"""In groups the bot answers /ask, replies to itself and mentions of it — never chatter."""

from __future__ import annotations

from typing import Any

from tests.offline_bot import (
    BOT_USERNAME,
    bot_user,
    feed,
    group_chat,
    group_text,
    mention,
    message,
    update,
    user,
)

QUESTION = "2017年高新区受理了多少举报投诉?"


async def test_chatter_gets_nothing(bot: Any) -> None:
    application, api = bot
    await feed(application, group_text(7, QUESTION))
    await feed(application, group_text(7, "今天中午吃什么"))
    await feed(application, group_text(7, "@someone_else " + QUESTION,
                                       entities=mention("@someone_else " + QUESTION,
                                                        "@someone_else")))
    assert api.sent == []


async def test_ask_command_gets_one_threaded_reply(bot: Any) -> None:
    application, api = bot
    data = group_text(7, f"/ask {QUESTION}")
    await feed(application, data)
    [sent] = api.sent
    assert "<b>3843宗</b>" in sent["text"]
    assert sent["chat_id"] == group_chat()["id"]
    assert sent["reply_parameters"]["message_id"] == data["message"]["message_id"]


async def test_ask_addressed_to_us_by_name_is_answered_and_to_others_is_not(bot: Any) -> None:
    application, api = bot
    await feed(application, group_text(7, f"/ask@{BOT_USERNAME} {QUESTION}"))
    await feed(application, group_text(7, f"/ask@other_bot {QUESTION}"))
    assert len(api.sent) == 1


async def test_mention_is_answered_without_the_mention(bot: Any) -> None:
    application, api = bot
    text = f"@{BOT_USERNAME} {QUESTION}"
    await feed(application, group_text(7, text, entities=mention(text, f"@{BOT_USERNAME}")))
    [sent] = api.sent
    assert "<b>3843宗</b>" in sent["text"]


async def test_reply_to_the_bot_is_a_follow_up(bot: Any) -> None:
    application, api = bot
    await feed(application, group_text(7, f"/ask {QUESTION}"))
    ours = message(group_chat(), bot_user(), "<b>3843宗</b>")
    await feed(application, group_text(8, "那2018年呢?", reply_to_message=ours))
    assert len(api.sent) == 2
    assert "2018年高新区受理了多少举报投诉" in api.sent[1]["text"]


async def test_reply_to_someone_else_is_chatter(bot: Any) -> None:
    application, api = bot
    theirs = message(group_chat(), user(9, "Bob"), QUESTION)
    await feed(application, group_text(8, "那2018年呢?", reply_to_message=theirs))
    assert api.sent == []


async def test_edits_and_channel_posts_are_ignored(bot: Any) -> None:
    application, api = bot
    edited = group_text(7, f"/ask {QUESTION}")
    await feed(application, update("edited_message", edited["message"] | {"edit_date": 1}))
    channel = {"id": -100777, "type": "channel", "title": "通报频道"}
    await feed(application, update("channel_post", message(channel, None, f"/ask {QUESTION}")))
    assert api.sent == []


async def test_help_explains_privacy_mode(bot: Any) -> None:
    application, api = bot
    await feed(application, group_text(7, "/help"))
    [sent] = api.sent
    assert "/ask" in sent["text"]
    assert "隐私模式" in sent["text"]
