"""getMe, command lists, chat and member queries, callback answers and the webhook
switches answer in the shapes python-telegram-bot 22 parses."""

from __future__ import annotations

import pytest
from telegram import Bot, BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeChat
from telegram.error import BadRequest, Conflict, InvalidToken

from tests.botapi.client import BotApiServer

pytestmark = pytest.mark.e2e


async def test_get_me_describes_a_bot(botapi: BotApiServer, botapi_bot: Bot) -> None:
    me = await botapi_bot.get_me()

    assert me.is_bot
    assert (me.id, me.username) == (botapi.bot_id, botapi.bot_username)
    assert me.can_join_groups and not me.supports_inline_queries


async def test_a_wrong_token_is_unauthorized(botapi: BotApiServer) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("1:wrong", base_url=botapi.base_url):
            pass


async def test_commands_are_kept_per_scope_and_language(botapi_bot: Bot) -> None:
    groups = BotCommandScopeAllGroupChats()
    await botapi_bot.set_my_commands([BotCommand("ask", "提问")])
    await botapi_bot.set_my_commands([BotCommand("ask", "提问"), BotCommand("sub", "订阅")],
                                     scope=groups)
    await botapi_bot.set_my_commands([BotCommand("ask", "ask")], language_code="en")

    assert [c.command for c in await botapi_bot.get_my_commands(scope=groups)] == ["ask", "sub"]
    assert [c.description for c in await botapi_bot.get_my_commands()] == ["提问"]
    assert [c.description for c in await botapi_bot.get_my_commands(language_code="en")] == [
        "ask"
    ]
    await botapi_bot.delete_my_commands(scope=groups)
    assert await botapi_bot.get_my_commands(scope=groups) == ()


async def test_an_invalid_command_name_is_rejected(botapi_bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await botapi_bot.set_my_commands([BotCommand("Ask-Me", "提问")],
                                         scope=BotCommandScopeChat(-5))


async def test_chat_members_report_the_configured_roles(
    botapi: BotApiServer, botapi_bot: Bot
) -> None:
    owner, admin, member = (botapi.create_user(n) for n in ("Owner", "Admin", "Member"))
    group = botapi.create_chat("supergroup", "高新区", creator=owner, administrators=(admin,),
                               bot_is_admin=True)
    botapi.send_group_text(group, member, "hi")

    statuses = [
        (await botapi_bot.get_chat_member(group.id, user.id)).status
        for user in (owner, admin, member, botapi.create_user("Stranger"))
    ]
    admins = await botapi_bot.get_chat_administrators(group.id)

    assert statuses == ["creator", "administrator", "member", "left"]
    assert [m.user.id for m in admins] == [owner.id, admin.id, botapi.bot_id]


async def test_get_chat_answers_full_info(botapi: BotApiServer, botapi_bot: Bot) -> None:
    channel = botapi.create_chat("channel", "政务通报", username="gov_bulletins")

    chat = await botapi_bot.get_chat("@gov_bulletins")

    assert (chat.id, chat.type, chat.title) == (channel.id, "channel", "政务通报")


async def test_a_callback_query_can_be_answered_once(
    botapi: BotApiServer, botapi_bot: Bot
) -> None:
    ann = botapi.create_user("Ann")
    message = await botapi_bot.send_message(ann.id, "更多?")
    botapi.press_button(ann.id, ann, message.message_id, "more")
    (update,) = await botapi_bot.get_updates(timeout=0)
    query = update.callback_query

    assert query is not None and query.data == "more"
    assert await query.answer("好")
    with pytest.raises(BadRequest, match="Query is too old"):
        await query.answer("again")


async def test_an_active_webhook_blocks_get_updates(botapi_bot: Bot) -> None:
    await botapi_bot.set_webhook("https://bot.example/hook")
    assert (await botapi_bot.get_webhook_info()).url == "https://bot.example/hook"

    with pytest.raises(Conflict, match="webhook is active"):
        await botapi_bot.get_updates(timeout=0)

    await botapi_bot.delete_webhook()
    assert await botapi_bot.get_updates(timeout=0) == ()
