"""Who may subscribe a chat: group admins (getChatMember) and bot admins, not members;
channel posts (no sender) when the bot administers the channel; @channel from a private
chat for bot admins and that channel's own administrators. /subscriptions and
/unsubscribe read and undo it."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from service.engine import Engine
from service.settings import Settings
from store import notifications as store
from tests.botapi.client import BotApiServer
from tests.notify_harness import ADMIN_ID, bot_settings, running_bot

pytestmark = [pytest.mark.e2e,
              pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")]


def subscribed(engine: Engine, chat_id: int) -> list[tuple[str, str]]:
    with Session(engine.db) as session:
        return [(s.include, s.exclude) for s in store.chat_subscriptions(session, chat_id)]


async def test_only_admins_subscribe_groups_and_channels(
    settings: Settings, engine: Engine, botapi: BotApiServer
) -> None:
    owner, member = botapi.create_user("Owner"), botapi.create_user("Member")
    admin = botapi.create_user("Bot Admin", user_id=ADMIN_ID)
    group = botapi.create_chat("supergroup", "打假工作群", creator=owner)
    news = botapi.create_chat("channel", "高新区发布", username="gxq_news", creator=owner,
                              bot_is_admin=True)
    elsewhere = botapi.create_chat("channel", "别处", username="elsewhere", creator=owner)

    async with running_bot(bot_settings(settings, botapi), engine):
        botapi.send_group_text(group, member, "/subscribe")
        [refused] = await botapi.wait_for_messages_async(group, 1, timeout=10)
        assert "只有本群管理员" in (refused.text or "")
        assert subscribed(engine, group.id) == []

        botapi.send_group_text(group, owner, "/subscribe 食品")
        await botapi.wait_for_messages_async(group, 2, timeout=10)
        botapi.send_group_text(group, admin, "/subscribe 农药 -广告")  # one at a time: in order
        await botapi.wait_for_messages_async(group, 3, timeout=10)
        assert subscribed(engine, group.id) == [("食品", ""), ("农药", "广告")]
        member_calls = [r.params for r in botapi.requests("getChatMember")]
        assert {p["user_id"] for p in member_calls} == {member.id, owner.id}

        botapi.channel_post(news, "/subscribe 冷链")
        [confirmed] = await botapi.wait_for_messages_async(news, 1, timeout=10)
        assert "已订阅" in (confirmed.text or "")
        assert subscribed(engine, news.id) == [("冷链", "")]

        botapi.send_private_text(member, "/subscribe @gxq_news")
        botapi.send_private_text(admin, "/subscribe @gxq_news 食品 安全")
        botapi.send_private_text(admin, "/subscribe @elsewhere")
        [no] = await botapi.wait_for_messages_async(member, 1, timeout=10)
        answers = await botapi.wait_for_messages_async(admin, 2, timeout=10)
        assert "只对管理员开放" in (no.text or "")
        # updates are handled concurrently, so the two answers may come in either order
        yes, not_admin = sorted(answers, key=lambda m: "我还不是" in (m.text or ""))
        assert "已订阅@gxq_news：包含 食品 安全" in (yes.text or "")
        assert "我还不是这个频道的管理员" in (not_admin.text or "")
        assert subscribed(engine, news.id) == [("冷链", ""), ("食品 安全", "")]
        assert subscribed(engine, elsewhere.id) == []

        botapi.send_group_text(group, owner, "/subscriptions")
        [listing] = (await botapi.wait_for_messages_async(group, 4, timeout=10))[3:]
        assert "1. 包含 食品\n2. 包含 农药，不含 广告" in (listing.text or "")
        botapi.send_group_text(group, member, "/unsubscribe")
        botapi.send_group_text(group, owner, "/unsubscribe 2")
        await botapi.wait_for_messages_async(group, 6, timeout=10)
        assert subscribed(engine, group.id) == [("食品", "")]
