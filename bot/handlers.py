"""User commands and questions: private chats, and in groups only what is addressed to us.

In groups the bot answers ``/ask`` (PTB's CommandHandler ignores ``/ask@otherbot``),
replies to its own messages and mentions of it; other chatter reaches it only when it is
an admin or privacy mode is off, and is ignored here.
"""

from __future__ import annotations

import asyncio

from telegram import Chat, Message, MessageEntity, Update
from telegram.ext import filters

from bot import conversation, texts
from bot.menus import GROUP, PRIVATE, entry
from bot.replies import reply, reply_blocks
from bot.state import BotContext, BotState
from service.presentation import HTML

NEW_MESSAGES = filters.UpdateType.MESSAGE  # not edits, not channel posts
PRIVATE_TEXT = NEW_MESSAGES & filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND
GROUP_TEXT = NEW_MESSAGES & filters.ChatType.GROUPS & filters.TEXT & ~filters.COMMAND
UNKNOWN_COMMAND = NEW_MESSAGES & filters.ChatType.PRIVATE & filters.COMMAND

MENU = [
    entry("ask", "提问，例如 /ask 2017年高新区受理了多少举报投诉？", PRIVATE, GROUP),
    entry("latest", "最新收录的通报", PRIVATE, GROUP),
    entry("search", "按关键词查找通报", PRIVATE, GROUP),
    entry("help", "用法和示例", PRIVATE, GROUP),
    entry("start", "开始", PRIVATE),
]


def in_group(message: Message) -> bool:
    return message.chat.type in (Chat.GROUP, Chat.SUPERGROUP)


async def start(update: Update, context: BotContext) -> None:
    """In a group, how to ask there (/ask@our_username) comes first."""
    message = update.effective_message
    if message is None:
        return
    if in_group(message):
        await reply(message, HTML.text(texts.group_start(context.bot.username)))
    else:
        await reply(message, HTML.text(texts.START))


async def help_command(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    admin = context.state.is_admin(message.from_user.id if message.from_user else None)
    username = context.bot.username if in_group(message) else None
    await reply(message, texts.help_text(HTML, admin=admin, group_username=username))


async def ask_command(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    question = " ".join(context.args or []).strip()
    if not question:
        await reply(message, HTML.text(texts.ASK_USAGE))
        return
    await answer_question(message, context, question)


async def private_text(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message and message.text:
        text = strip_mentions(message, context.bot.id, context.bot.username)
        await answer_question(message, context, text or message.text.strip())


async def group_text(update: Update, context: BotContext) -> None:
    """Answer only replies to us and mentions of us; everything else is chatter."""
    message = update.effective_message
    if message is None or not message.text or not addressed_to_bot(message, context.bot.id,
                                                                   context.bot.username):
        return
    question = strip_mentions(message, context.bot.id, context.bot.username)
    if not question:
        await reply(message, HTML.text(texts.EMPTY_MENTION))
        return
    await answer_question(message, context, question)


def _mentions_us(entity: MessageEntity, text: str, bot_id: int, username: str | None) -> bool:
    if entity.type == MessageEntity.TEXT_MENTION:
        return entity.user is not None and entity.user.id == bot_id
    return username is not None and text.lstrip("@").lower() == username.lower()


def addressed_to_bot(message: Message, bot_id: int, username: str | None) -> bool:
    replied = message.reply_to_message
    if replied and replied.from_user and replied.from_user.id == bot_id:
        return True
    found = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    return any(_mentions_us(e, text, bot_id, username) for e, text in found.items())


def strip_mentions(message: Message, bot_id: int, username: str | None) -> str:
    """The question without "@bot" (a text mention keeps its words: they may be the name)."""
    text = message.text or ""
    found = message.parse_entities([MessageEntity.MENTION])
    for entity, mention in found.items():
        if _mentions_us(entity, mention, bot_id, username):
            text = text.replace(mention, " ")
    return " ".join(text.split())


async def over_limit(message: Message, state: BotState) -> bool:
    """Count a question against its sender (or chat); say so kindly when over the limit."""
    sender = message.from_user.id if message.from_user else message.chat.id
    wait = state.limiter.take(sender)
    if wait and state.limiter.notice_due(sender):
        await reply(message, HTML.text(texts.too_many_questions(wait)))
    return bool(wait)


async def answer_question(
    message: Message, context: BotContext, text: str
) -> None:
    """Rate-limit, resolve a follow-up, answer in a worker thread, remember the question."""
    state = context.state
    if await over_limit(message, state):
        return
    engine, chat_id = state.engine, message.chat.id
    previous = await asyncio.to_thread(engine.previous_question, chat_id,
                                       replied_to_bot(message, context.bot.id))
    question, blocks = await asyncio.to_thread(
        conversation.answer, engine, previous, text, HTML,
        chat_id=chat_id, user_id=message.from_user.id if message.from_user else None,
    )
    # The chat's latest question is stored before the answer goes out: a user who reads
    # it and asks "那2018年呢?" at once must not find the context still being written.
    if question is not None:
        await asyncio.to_thread(engine.remember_answer, chat_id, [], question)
    sent = await reply_blocks(message, blocks)
    if question is not None:
        await asyncio.to_thread(engine.remember_answer, chat_id,
                                [answer.message_id for answer in sent], question)


def replied_to_bot(message: Message, bot_id: int) -> int | None:
    """The id of our message this one replies to: a follow-up of that answer."""
    replied = message.reply_to_message
    if replied and replied.from_user and replied.from_user.id == bot_id:
        return replied.message_id
    return None


async def latest(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    blocks = await asyncio.to_thread(conversation.latest, context.state.engine, HTML)
    await reply_blocks(message, blocks)


async def search(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    keywords = " ".join(context.args or []).strip()
    if not keywords:
        await reply(message, HTML.text(texts.SEARCH_USAGE))
        return
    state = context.state
    if await over_limit(message, state):
        return
    blocks = await asyncio.to_thread(conversation.search, state.engine, keywords, HTML)
    await reply_blocks(message, blocks)


async def unknown_command(update: Update, context: BotContext) -> None:
    if update.effective_message:
        await reply(update.effective_message, HTML.text(texts.UNKNOWN_COMMAND))
