"""The fake Bot API delivers injected updates to python-telegram-bot's get_updates by long
polling, and ends a poll that another one replaces, as Telegram does."""

from __future__ import annotations

import asyncio
import datetime as dtm

import pytest
from telegram import Bot, Message, Update
from telegram.error import Conflict

from tests.botapi.client import BotApiServer

pytestmark = pytest.mark.e2e


def message_of(update: Update) -> Message:
    assert update.message is not None, update
    return update.message


async def test_get_updates_returns_at_once_when_nothing_is_queued(botapi_bot: Bot) -> None:
    assert await botapi_bot.get_updates(timeout=0) == ()


async def test_waiting_get_updates_returns_an_update_queued_meanwhile(
    botapi: BotApiServer, botapi_bot: Bot
) -> None:
    ann = botapi.create_user("Ann", "ann_reader")
    poll = asyncio.create_task(botapi_bot.get_updates(timeout=10))
    await botapi.wait_for_polling_async()

    botapi.send_private_text(ann, "2017年高新区受理了多少举报投诉?")
    (update,) = await poll

    message = message_of(update)
    assert message.text == "2017年高新区受理了多少举报投诉?"
    assert message.from_user is not None and message.from_user.id == ann.id
    assert message.chat.type == "private"


async def test_offset_confirms_updates_so_they_are_not_delivered_again(
    botapi: BotApiServer, botapi_bot: Bot
) -> None:
    ann = botapi.create_user("Ann")
    botapi.send_private_text(ann, "first")
    (first,) = await botapi_bot.get_updates(timeout=0)
    botapi.send_private_text(ann, "second")

    later = await botapi_bot.get_updates(offset=first.update_id + 1, timeout=0)

    assert [message_of(u).text for u in later] == ["second"]


async def test_a_newer_get_updates_ends_the_waiting_one_with_conflict(
    botapi: BotApiServer, botapi_bot: Bot
) -> None:
    waiting = asyncio.create_task(botapi_bot.get_updates(timeout=10))
    await botapi.wait_for_polling_async()

    async with Bot(botapi.token, base_url=botapi.base_url) as second_instance:
        await second_instance.get_updates(timeout=0)

    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await waiting


async def test_a_cancelled_get_updates_stops_waiting_on_the_server(
    botapi: BotApiServer, botapi_bot: Bot
) -> None:
    waiting = asyncio.create_task(botapi_bot.get_updates(timeout=10))
    await botapi.wait_for_polling_async()

    waiting.cancel()

    await botapi.wait_for_polling_async(active=False)


async def test_group_commands_and_mentions_carry_entities(
    botapi: BotApiServer, botapi_bot: Bot
) -> None:
    ann = botapi.create_user("Ann")
    group = botapi.create_chat("supergroup", "高新区群")
    botapi.send_group_text(group, ann, "/ask@bulletin_test_bot 举报 @bulletin_test_bot")

    (update,) = await botapi_bot.get_updates(timeout=0)

    message = message_of(update)
    entities = message.parse_entities()
    assert list(entities.values()) == ["/ask@bulletin_test_bot", "@bulletin_test_bot"]
    assert [e.type for e in entities] == ["bot_command", "mention"]
    assert message.chat.id == group.id


async def test_a_reply_to_the_bot_quotes_the_bot_message(
    botapi: BotApiServer, botapi_bot: Bot
) -> None:
    ann = botapi.create_user("Ann")
    group = botapi.create_chat("group")
    sent = await botapi_bot.send_message(group.id, "我是公告机器人")
    botapi.send_group_text(group, ann, "多少宗?", reply_to=sent.message_id)

    (update,) = await botapi_bot.get_updates(timeout=0)

    quoted = message_of(update).reply_to_message
    assert quoted is not None and quoted.from_user is not None
    assert (quoted.from_user.id, quoted.text) == (botapi_bot.id, "我是公告机器人")


async def test_channel_posts_have_a_sender_chat_and_no_sender(
    botapi: BotApiServer, botapi_bot: Bot
) -> None:
    channel = botapi.create_chat("channel", "政务通报", username="gov_bulletins")
    botapi.channel_post(channel, "新通报")

    (update,) = await botapi_bot.get_updates(timeout=0)

    post = update.channel_post
    assert update.message is None and post is not None and post.sender_chat is not None
    assert post.sender_chat.id == channel.id
    assert post.from_user is None
    assert abs(post.date - dtm.datetime.now(dtm.UTC)) < dtm.timedelta(days=1)


async def test_allowed_updates_filters_what_is_delivered(
    botapi: BotApiServer, botapi_bot: Bot
) -> None:
    ann = botapi.create_user("Ann")
    channel = botapi.create_chat("channel")
    botapi.send_private_text(ann, "hello")
    botapi.channel_post(channel, "post")

    updates = await botapi_bot.get_updates(timeout=0, allowed_updates=["channel_post"])

    assert [(u.message, u.channel_post and u.channel_post.text) for u in updates] == [
        (None, "post")
    ]
