"""Command menus per scope, errors that never leak internals, and Conflict handling."""

from __future__ import annotations

import time
from typing import Any

import pytest
from telegram.error import Conflict

from bot import errors
from bot.app import post_init
from bot.state import app_state
from tests.offline_bot import feed, private_text

ADMINS = [42, 43]


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"admin_user_ids": ADMINS}


async def test_menus_show_admin_commands_only_in_admins_private_chats(bot: Any) -> None:
    application, api = bot
    await post_init(application)
    menus = {}
    for params in api.calls_to("setMyCommands"):
        scope = params["scope"]
        key = scope["type"] if scope["type"] != "chat" else f"chat:{scope['chat_id']}"
        menus[key] = {command["command"] for command in params["commands"]}
    assert set(menus) == {"default", "all_private_chats", "all_group_chats",
                          "all_chat_administrators", "chat:42", "chat:43"}
    assert {"ask", "latest", "search", "help"} <= menus["all_group_chats"]
    for scope in ("default", "all_private_chats", "all_group_chats", "all_chat_administrators"):
        assert "stats" not in menus[scope]
    assert {"ask", "stats", "reindex", "ingest", "unanswered"} <= menus["chat:42"]


async def test_a_failing_menu_scope_does_not_stop_start_up(bot: Any) -> None:
    application, api = bot
    api.failures["setMyCommands"] = (400, "Bad Request: chat not found")
    await post_init(application)
    assert len(api.calls_to("setMyCommands")) == 6


async def test_errors_tell_the_user_without_leaking_internals(
    bot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    application, api = bot

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("database at /srv/secret/bulletin.db is locked")

    monkeypatch.setattr(app_state(application).engine, "ask", broken)
    await feed(application, private_text(7, "2017年高新区受理了多少举报投诉?"))
    [sent] = api.sent
    assert "出了点问题" in sent["text"]
    assert "secret" not in sent["text"]


async def test_conflict_right_after_start_stops_the_newcomer(bot: Any) -> None:
    application, _ = bot
    state = app_state(application)
    state.started_at = time.monotonic()
    errors.on_conflict(application, Conflict("terminated by other getUpdates request"))
    assert state.conflict is not None
    assert "@BotFather" in state.conflict


async def test_conflict_seen_by_an_established_bot_is_only_a_warning(bot: Any) -> None:
    application, _ = bot
    state = app_state(application)
    state.started_at = time.monotonic() - 3600
    errors.on_conflict(application, Conflict("terminated by other getUpdates request"))
    assert state.conflict is None
