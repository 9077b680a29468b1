"""Subscriptions and sources in Telegram, and the two jobs behind them.

Commands: ``/subscribe [@channel] [words…] [-exclude…]``, ``/unsubscribe [@channel] [N]``,
``/subscriptions [@channel]``; for bot admins ``/addsource URL``, ``/sources``,
``/delsource N``. Who may manage a chat's subscriptions: anyone in their private chat;
in a group its creator and administrators (asked with getChatMember, anonymous admins
included) and bot admins; in a channel, where posts carry no sender, anyone who can post
there (only its administrators can) once getChatAdministrators shows the bot is one too;
for ``@channel`` from elsewhere, bot admins and that channel's administrators.

Jobs on the JobQueue: one polls due sources, one delivers the outbox (see service.notify
for the claim → send → mark protocol and its one repeat window).
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session
from telegram import Bot, Chat, ChatMember, Message, Update
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import Application, CommandHandler, ContextTypes, filters

from bot import texts
from bot.admin import admin_only
from bot.menus import BOT_ADMIN, CHAT_ADMIN, PRIVATE, entry
from bot.render import HTML, TELEGRAM_LIMIT, is_url, telegram_length
from bot.replies import reply
from bot.state import BotState, app_state, state_of
from ingest.columns import valid_selector
from service.notify import (
    ChatGone,
    ChatMoved,
    Deliverer,
    DeliveryLimits,
    Flooded,
    KeywordError,
    Keywords,
    Outcome,
    Post,
    Sent,
    Transient,
    Undeliverable,
    parse_keywords,
    split_digest,
)
from service.polling import Poller
from store import notifications as store

log = logging.getLogger(__name__)

NOTIFIER_KEY = "notifier"
COMMANDS = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
MANAGERS = (ChatMember.OWNER, ChatMember.ADMINISTRATOR)
SUMMARY_LINES = 2
SUMMARY_WIDTH = 90

MENU = [
    entry("subscribe", "订阅新通报:/subscribe [关键词…] [-排除词…]", PRIVATE, CHAT_ADMIN),
    entry("unsubscribe", "取消订阅", PRIVATE, CHAT_ADMIN),
    entry("subscriptions", "本聊天的订阅", PRIVATE, CHAT_ADMIN),
    entry("addsource", "添加来源:/addsource 网址", BOT_ADMIN),
    entry("sources", "来源列表", BOT_ADMIN),
    entry("delsource", "删除来源:/delsource 编号", BOT_ADMIN),
]


@dataclass
class Notifier:
    """The application's poller and deliverer, kept in bot_data for the jobs (and tests)."""

    poller: Poller
    deliverer: Deliverer


def notifier(application: Application[Any, Any, Any, Any, Any, Any]) -> Notifier:
    found: Notifier = application.bot_data[NOTIFIER_KEY]
    return found


# -- the post ------------------------------------------------------------------------------


def summary_lines(body: str) -> list[str]:
    """The first paragraphs, at most two lines, each cut to a phone screen's width."""
    out: list[str] = []
    for paragraph in body.splitlines():
        text = paragraph.strip()
        if text:
            out.append(text if len(text) <= SUMMARY_WIDTH else text[: SUMMARY_WIDTH - 1] + "…")
        if len(out) == SUMMARY_LINES:
            break
    return out


def digest_text(post: Post) -> str:
    """The day's matching bulletins, one numbered line each, linked when they have a URL."""
    lines = [HTML.bold(f"📰 每日通报汇总:{len(post.items)} 篇")]
    for number, item in enumerate(post.items, 1):
        title = item.title if len(item.title) <= 80 else item.title[:79] + "…"
        named = HTML.link(f"《{title}》", item.origin) if is_url(item.origin) and len(
            item.origin) <= 2000 else HTML.text(f"《{title}》")
        meta = [part for part in (item.issuer, item.published and item.published.isoformat())
                if part]
        lines.append(f"{number}. {named}" + (HTML.text(" · " + " · ".join(meta)) if meta
                                               else ""))
    text = "\n".join(lines)
    while telegram_length(text) > TELEGRAM_LIMIT and len(lines) > 2:
        lines.pop()
        text = "\n".join([*lines, HTML.text("…")])
    return text


def post_text(post: Post) -> str:
    """Title, issuer and date, two summary lines, the link: Telegram HTML under 4096."""
    if post.items:
        return digest_text(post)
    title = post.title if len(post.title) <= 200 else post.title[:199] + "…"
    lines = [f"📢 新通报:{HTML.bold(f'《{title}》')}"]
    meta = [part for part in (post.issuer, post.published and post.published.isoformat())
            if part]
    if meta:
        lines.append(HTML.text(" · ".join(meta)))
    lines += [HTML.text(line) for line in summary_lines(post.body)]
    if is_url(post.origin) and len(post.origin) <= 2000:
        lines.append(HTML.link("阅读原文", post.origin))
    text = "\n".join(lines)
    return text if telegram_length(text) <= TELEGRAM_LIMIT else "\n".join(lines[:2])


def retry_seconds(error: RetryAfter) -> float:
    """retry_after is an int in PTB 22 and a timedelta later."""
    value: Any = error.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


def telegram_sender(application: Application[Any, Any, Any, Any, Any, Any]) -> Any:
    """A ``service.notify.Sender`` that posts with the application's bot (and its flood
    limiter, which also retries a short RetryAfter itself before we see it)."""

    async def send(post: Post) -> Outcome:
        try:
            message = await application.bot.send_message(post.chat_id, post_text(post))
        except RetryAfter as error:
            return Flooded(retry_seconds(error))
        except Forbidden as error:
            return ChatGone(error.message)
        except ChatMigrated as error:
            return ChatMoved(error.new_chat_id)
        except BadRequest as error:
            if "chat not found" in error.message.lower():
                return ChatGone(error.message)
            return Undeliverable(error.message)
        except (NetworkError, TelegramError) as error:
            return Transient(f"{type(error).__name__}: {error.message}")
        return Sent(message.message_id)

    return send


# -- who may manage a chat's subscriptions --------------------------------------------------


@dataclass(frozen=True)
class Target:
    chat_id: int
    chat_type: str
    title: str | None
    label: str  # "" for the chat the command came from, else "@channel"


async def resolve_target(message: Message, context: ContextTypes.DEFAULT_TYPE,
                         args: list[str]) -> tuple[Target | None, list[str]]:
    """The chat to act on and the remaining words; None after telling the user why not."""
    if args and args[0].startswith("@"):
        return await _channel_target(message, context, args[0]), args[1:]
    chat = message.chat
    if await _may_manage_here(message, context):
        return Target(chat.id, chat.type, chat.title, ""), args
    await reply(message, HTML.text(texts.CHAT_ADMIN_ONLY))
    return None, args


async def _may_manage_here(message: Message, context: ContextTypes.DEFAULT_TYPE) -> bool:
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
    if state_of(context).is_admin(user.id):
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


async def _channel_target(message: Message, context: ContextTypes.DEFAULT_TYPE,
                          username: str) -> Target | None:
    bot, user = context.bot, message.from_user
    try:
        chat = await bot.get_chat(username)
        admins = await bot.get_chat_administrators(chat.id)
    except TelegramError:
        await reply(message, HTML.text(texts.CHANNEL_NOT_FOUND))
        return None
    admin_ids = {admin.user.id for admin in admins}
    allowed = user is not None and (state_of(context).is_admin(user.id) or user.id in admin_ids)
    if not allowed:
        await reply(message, HTML.text(texts.ADMIN_ONLY))
        return None
    if bot.id not in admin_ids:
        await reply(message, HTML.text(texts.BOT_NOT_CHANNEL_ADMIN))
        return None
    return Target(chat.id, chat.type, chat.title, f"@{chat.username or username.lstrip('@')}")


# -- subscription commands ------------------------------------------------------------------


def keywords_text(keywords: Keywords, digest_at: str | None = None) -> str:
    when = f",每天 {digest_at}(北京时间)汇总发送一条" if digest_at else ""
    if not keywords.include and not keywords.exclude:
        return "全部新通报" + when
    parts = []
    if keywords.include:
        parts.append("包含 " + " ".join(keywords.include))
    if keywords.exclude:
        parts.append("不含 " + " ".join(keywords.exclude))
    return ",".join(parts) + when


async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    target, words = await resolve_target(message, context, list(context.args or []))
    if target is None:
        return
    try:
        words, digest_at = split_digest(words)
        keywords = parse_keywords(words)
    except KeywordError as error:
        await reply(message, HTML.text(f"{error}\n{texts.SUBSCRIBE_USAGE}"))
        return
    user = message.from_user
    created = await asyncio.to_thread(_subscribe, state_of(context), target, keywords,
                                      user.id if user else None, digest_at)
    what = keywords_text(keywords, digest_at)
    text = (texts.subscribed(what, target.label) if created
            else texts.SUBSCRIPTION_EXISTS.format(what=what))
    await reply(message, HTML.text(text))


def _subscribe(state: BotState, target: Target, keywords: Keywords, user_id: int | None,
               digest_at: str | None) -> bool:
    include, exclude = keywords.stored
    with Session(state.engine.db) as session, session.begin():
        _, created = store.add_subscription(
            session, target.chat_id, include, exclude, chat_type=target.chat_type,
            chat_title=target.title, created_by=user_id, digest_at=digest_at)
    return created


def _chat_subscription_texts(state: BotState, chat_id: int) -> list[str]:
    with Session(state.engine.db) as session:
        return [keywords_text(Keywords.of(row), row.digest_at)
                for row in store.chat_subscriptions(session, chat_id)]


def _chat_keywords(state: BotState, chat_id: int) -> list[tuple[int, Keywords]]:
    with Session(state.engine.db) as session:
        return [(row.id or 0, Keywords.of(row))
                for row in store.chat_subscriptions(session, chat_id)]


async def subscriptions(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    target, _ = await resolve_target(message, context, list(context.args or []))
    if target is None:
        return
    rows = await asyncio.to_thread(_chat_subscription_texts, state_of(context), target.chat_id)
    if not rows:
        await reply(message, HTML.text(texts.NOT_SUBSCRIBED))
        return
    lines = [f"{target.label or '本聊天'}的订阅:"]
    lines += [f"{number}. {what}" for number, what in enumerate(rows, 1)]
    lines.append("取消:/unsubscribe(全部)或 /unsubscribe 编号")
    await reply(message, HTML.text("\n".join(lines)))


async def unsubscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    if message is None:
        return
    target, rest = await resolve_target(message, context, list(context.args or []))
    if target is None:
        return
    state = state_of(context)
    rows = await asyncio.to_thread(_chat_keywords, state, target.chat_id)
    if not rows:
        await reply(message, HTML.text(texts.NOT_SUBSCRIBED))
        return
    ids: list[int] | None = None
    what = f"{target.label or '本聊天'}的全部订阅"
    if rest:
        number = int(rest[0]) if rest[0].isdigit() else 0
        if not 1 <= number <= len(rows):
            await reply(message, HTML.text(texts.NO_SUCH_SUBSCRIPTION.format(number=rest[0])))
            return
        ids = [rows[number - 1][0]]
        what = f"订阅 {number}({keywords_text(rows[number - 1][1])})"
    await asyncio.to_thread(_unsubscribe, state, target.chat_id, ids)
    await reply(message, HTML.text(texts.UNSUBSCRIBED.format(what=what)))


def _unsubscribe(state: BotState, chat_id: int, ids: list[int] | None) -> None:
    with Session(state.engine.db) as session, session.begin():
        store.remove_subscriptions(session, chat_id, ids)


# -- source commands (bot admins) -------------------------------------------------------------


@admin_only
async def addsource(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    if not context.args:
        await reply(message, HTML.text(texts.ADDSOURCE_USAGE))
        return
    url, selector = context.args[0], " ".join(context.args[1:]) or None
    if not url.startswith(("http://", "https://")) or len(url) > 2000:
        await reply(message, HTML.text(texts.BAD_SOURCE_URL))
        return
    if selector is not None and not valid_selector(selector):
        await reply(message, HTML.text(texts.BAD_SELECTOR))
        return
    user = message.from_user
    number, new = await asyncio.to_thread(_add_source, state_of(context), url,
                                          user.id if user else None, selector)
    await reply(message, HTML.text(texts.source_added(number, url, new)))
    if context.job_queue is not None:
        context.job_queue.run_once(poll_job, 0, name="poll-new-source")


def _add_source(state: BotState, url: str, user_id: int | None,
                selector: str | None) -> tuple[int, bool]:
    with Session(state.engine.db) as session, session.begin():
        source, new = store.add_source(session, url, user_id, selector)
        return source.id or 0, new


@admin_only
async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    lines = await asyncio.to_thread(_source_lines, state_of(context))
    await reply(message, HTML.text("\n".join(lines) if lines else texts.NO_SOURCES))


def _source_lines(state: BotState) -> list[str]:
    with Session(state.engine.db) as session:
        rows = store.list_sources(session)
        lines = []
        for row in rows:
            kind = {"feed": "订阅源", "page": "网页", "column": "栏目页"}.get(row.kind, "尚未抓取")
            status = "" if row.enabled else "(已停用)"
            line = f"#{row.id} {row.title or ''} {row.url}\n   {kind}{status}"
            if row.last_ok_at:
                line += f",上次成功 {row.last_ok_at:%m-%d %H:%M} UTC"
            if row.failures:
                line += f",连续失败 {row.failures} 次:{row.last_error}"
            lines.append(line)
        return lines


@admin_only
async def delsource(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    assert message is not None
    if not context.args or not context.args[0].lstrip("#").isdigit():
        await reply(message, HTML.text(texts.DELSOURCE_USAGE))
        return
    number = int(context.args[0].lstrip("#"))
    url = await asyncio.to_thread(_remove_source, state_of(context), number)
    text = (texts.SOURCE_REMOVED.format(number=number, url=url) if url
            else texts.NO_SUCH_SOURCE.format(number=number))
    await reply(message, HTML.text(text))


def _remove_source(state: BotState, number: int) -> str | None:
    with Session(state.engine.db) as session, session.begin():
        removed = store.remove_source(session, number)
        return removed.url if removed else None


# -- jobs -------------------------------------------------------------------------------------


async def poll_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    try:
        for report in await notifier(context.application).poller.poll_due():
            if report.added:
                log.info("source %s: %d new bulletin(s)", report.url, len(report.added))
    except Exception:
        log.exception("polling sources failed")


async def deliver_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    try:
        report = await notifier(context.application).deliverer.run_once()
    except Exception:
        log.exception("delivering notifications failed")
        return
    if report.sent or report.dropped:
        log.info("notifications: %d sent, %d retried later, %d dropped",
                 report.sent, report.retried, report.dropped)


def install(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    state = app_state(application)
    settings = state.settings
    limits = DeliveryLimits(per_chat_per_minute=settings.notify_per_chat_per_minute,
                            lease_seconds=settings.notify_lease_seconds)
    application.bot_data[NOTIFIER_KEY] = Notifier(
        Poller(state.engine),
        Deliverer(state.engine.db, telegram_sender(application), limits),
    )
    for name, callback in {"subscribe": subscribe, "unsubscribe": unsubscribe,
                           "subscriptions": subscriptions, "addsource": addsource,
                           "sources": sources, "delsource": delsource}.items():
        application.add_handler(CommandHandler(name, callback, filters=COMMANDS))
    state.menu.extend(MENU)
    jobs = application.job_queue
    if jobs is None:
        log.warning("no JobQueue (install python-telegram-bot[job-queue]): "
                    "sources are not polled and notifications are not sent")
        return
    jobs.run_repeating(deliver_job, interval=settings.delivery_interval_seconds,
                       first=settings.delivery_interval_seconds, name="deliver-notifications")
    jobs.run_repeating(poll_job, interval=settings.source_check_seconds,
                       first=settings.source_check_seconds, name="poll-sources")
