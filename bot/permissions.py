"""Who may manage a chat's subscriptions, and which chat a command acts on.

Anyone in their private chat; in a group its creator and administrators (asked with
getChatMember, anonymous admins included) and bot admins; in a channel, where posts carry
no sender, anyone who can post there (only its administrators can) once
getChatAdministrators shows the bot is one too; for ``@channel`` from elsewhere, bot
admins and that channel's administrators.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Bot, Chat, ChatMember, Message
from telegram.error import (
    TelegramError,
)

from bot import texts
from bot.replies import reply
from bot.state import BotContext
from service.presentation import HTML

log = logging.getLogger(__name__)

MANAGERS = (ChatMember.OWNER, ChatMember.ADMINISTRATOR)


@dataclass(frozen=True)
class Target:
    chat_id: int
    chat_type: str
    title: str | None
    label: str  # "" for the chat the command came from, else "@channel"


async def resolve_target(message: Message, context: BotContext,
                         args: list[str]) -> tuple[Target | None, list[str]]:
    """The chat to act on and the remaining words; None after telling the user why not."""
    if args and args[0].startswith("@"):
        return await _channel_target(message, context, args[0]), args[1:]
    chat = message.chat
    if await _may_manage_here(message, context):
        return Target(chat.id, chat.type, chat.title, ""), args
    await reply(message, HTML.text(texts.CHAT_ADMIN_ONLY))
    return None, args


async def _may_manage_here(message: Message, context: BotContext) -> bool:
    chat, bot = message.chat, context.bot
    if chat.type == Chat.PRIVATE:
        return True
    if chat.type == Chat.CHANNEL:
        try:
            return await _bot_is_admin(bot, chat.id)
        except TelegramError as error:
            log.warning("getChatAdministrators failed in channel %s: %s", chat.id, error)
            return False
    if message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True  # an anonymous administrator writes as the group itself
    user = message.from_user
    if user is None:
        return False
    if context.state.is_admin(user.id):
        return True
    try:
        member = await bot.get_chat_member(chat.id, user.id)
    except TelegramError as error:
        log.warning("getChatMember failed in chat %s: %s", chat.id, error)
        return False
    return member.status in MANAGERS


async def _bot_is_admin(bot: Bot, chat_id: int | str) -> bool:
    admins = await bot.get_chat_administrators(chat_id)
    return any(admin.user.id == bot.id and getattr(admin, "can_post_messages", True) is not False
               for admin in admins)


async def _channel_target(message: Message, context: BotContext,
                          username: str) -> Target | None:
    bot, user = context.bot, message.from_user
    try:
        chat = await bot.get_chat(username)
        admins = await bot.get_chat_administrators(chat.id)
    except TelegramError:
        await reply(message, HTML.text(texts.CHANNEL_NOT_FOUND))
        return None
    admin_ids = {admin.user.id for admin in admins}
    allowed = user is not None and (context.state.is_admin(user.id) or user.id in admin_ids)
    if not allowed:
        await reply(message, HTML.text(texts.ADMIN_ONLY))
        return None
    if bot.id not in admin_ids:
        await reply(message, HTML.text(texts.BOT_NOT_CHANNEL_ADMIN))
        return None
    return Target(chat.id, chat.type, chat.title, f"@{chat.username or username.lstrip('@')}")
