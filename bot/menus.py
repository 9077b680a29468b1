"""Command menus per scope: users see user commands, configured admins also admin ones.

Telegram shows the most specific scope's list, so each scope gets its complete list.
Each module with commands lists its ``MenuEntry`` rows as ``MENU``; ``bot.app`` joins them
into ``BotState.menu`` and ``set_menus`` runs in post_init.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from telegram import (
    Bot,
    BotCommand,
    BotCommandScope,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeDefault,
)
from telegram.error import TelegramError

log = logging.getLogger(__name__)

PRIVATE = "private"  # any private chat
GROUP = "group"  # any group member
CHAT_ADMIN = "chat_admin"  # administrators of a group (e.g. to manage its subscriptions)
BOT_ADMIN = "bot_admin"  # the user ids in ADMIN_USER_IDS, in their private chat


@dataclass(frozen=True)
class MenuEntry:
    command: str
    description: str
    audiences: frozenset[str]


def entry(command: str, description: str, *audiences: str) -> MenuEntry:
    return MenuEntry(command, description, frozenset(audiences))


def commands_for(menu: Iterable[MenuEntry], *audiences: str) -> list[BotCommand]:
    wanted = set(audiences)
    return [BotCommand(e.command, e.description) for e in menu if e.audiences & wanted]


def scoped_menus(
    menu: list[MenuEntry], admin_ids: Iterable[int]
) -> list[tuple[BotCommandScope, list[BotCommand]]]:
    """Each scope with the full list its users should see."""
    scopes: list[tuple[BotCommandScope, list[BotCommand]]] = [
        (BotCommandScopeDefault(), commands_for(menu, PRIVATE)),
        (BotCommandScopeAllPrivateChats(), commands_for(menu, PRIVATE)),
        (BotCommandScopeAllGroupChats(), commands_for(menu, GROUP)),
        (BotCommandScopeAllChatAdministrators(), commands_for(menu, GROUP, CHAT_ADMIN)),
    ]
    admin_commands = commands_for(menu, PRIVATE, BOT_ADMIN)
    scopes += [(BotCommandScopeChat(chat_id=user_id), admin_commands) for user_id in admin_ids]
    return scopes


async def set_menus(bot: Bot, menu: list[MenuEntry], admin_ids: Iterable[int]) -> None:
    """Set every scope; an admin who never opened a chat with the bot only costs a warning."""
    for scope, commands in scoped_menus(menu, admin_ids):
        try:
            await bot.set_my_commands(commands, scope=scope)
        except TelegramError as error:
            log.warning("could not set the command menu for %s: %s", scope.type, error)
