"""The six subscription and source commands; the store is reached through service.sources.

``/subscribe [@channel] [words…] [-exclude…]``, ``/unsubscribe [@channel] [N]``,
``/subscriptions [@channel]`` (``daily 08:00`` after the words: one digest a day); for
bot admins ``/addsource URL [CSS selector]``, ``/sources``,
``/delsource N``.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.ext import filters

from bot import texts
from bot.admin import admin_only
from bot.jobs import poll_job
from bot.menus import BOT_ADMIN, CHAT_ADMIN, PRIVATE, entry
from bot.permissions import resolve_target
from bot.replies import reply
from bot.state import BotContext
from ingest.columns import valid_selector
from service import sources as service
from service.keywords import KeywordError, Keywords, parse_keywords, split_digest
from service.presentation import HTML
from service.sources import SourceView

log = logging.getLogger(__name__)

# Channels post commands as channel_post updates, with no sender user.
COMMANDS = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST

MENU = [
    entry("subscribe", "订阅新通报：/subscribe [关键词…] [-排除词…]", PRIVATE, CHAT_ADMIN),
    entry("unsubscribe", "取消订阅", PRIVATE, CHAT_ADMIN),
    entry("subscriptions", "本聊天的订阅", PRIVATE, CHAT_ADMIN),
    entry("addsource", "添加来源：/addsource 网址", BOT_ADMIN),
    entry("sources", "来源列表", BOT_ADMIN),
    entry("delsource", "删除来源：/delsource 编号", BOT_ADMIN),
]


def keywords_text(keywords: Keywords, digest_at: str | None = None) -> str:
    when = f"，每天 {digest_at}（北京时间）汇总发送一条" if digest_at else ""
    if not keywords.include and not keywords.exclude:
        return "全部新通报" + when
    parts = []
    if keywords.include:
        parts.append("包含 " + " ".join(keywords.include))
    if keywords.exclude:
        parts.append("不含 " + " ".join(keywords.exclude))
    return "，".join(parts) + when


async def subscribe(update: Update, context: BotContext) -> None:
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
    created = await asyncio.to_thread(
        service.subscribe, context.state.engine.db, target.chat_id, keywords,
        chat_type=target.chat_type, chat_title=target.title,
        created_by=user.id if user else None, digest_at=digest_at)
    what = keywords_text(keywords, digest_at)
    text = (texts.subscribed(what, target.label) if created
            else texts.SUBSCRIPTION_EXISTS.format(what=what))
    await reply(message, HTML.text(text))






async def subscriptions(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    target, _ = await resolve_target(message, context, list(context.args or []))
    if target is None:
        return
    rows = await asyncio.to_thread(service.chat_subscription_rows, context.state.engine.db,
                                   target.chat_id)
    if not rows:
        await reply(message, HTML.text(texts.NOT_SUBSCRIBED))
        return
    lines = [f"{target.label or '本聊天'}的订阅："]
    lines += [f"{number}. {keywords_text(kw, at)}" for number, (_, kw, at) in enumerate(rows, 1)]
    lines.append("取消：/unsubscribe（全部）或 /unsubscribe 编号")
    await reply(message, HTML.text("\n".join(lines)))


async def unsubscribe(update: Update, context: BotContext) -> None:
    message = update.effective_message
    if message is None:
        return
    target, rest = await resolve_target(message, context, list(context.args or []))
    if target is None:
        return
    db = context.state.engine.db
    rows = await asyncio.to_thread(service.chat_subscriptions, db, target.chat_id)
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
    await asyncio.to_thread(service.unsubscribe, db, target.chat_id, ids)
    await reply(message, HTML.text(texts.UNSUBSCRIBED.format(what=what)))




@admin_only
async def addsource(update: Update, context: BotContext) -> None:
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
    number, new = await asyncio.to_thread(service.add_source, context.state.engine.db, url,
                                          user.id if user else None, selector)
    await reply(message, HTML.text(texts.source_added(number, url, new)))
    if context.jobs is not None:
        context.jobs.run_once(poll_job, 0, name="poll-new-source")


def source_line(row: SourceView) -> str:
    kind = {"feed": "订阅源", "page": "网页", "column": "栏目页"}.get(row.kind or "", "尚未抓取")
    status = "" if row.enabled else "（已停用）"
    line = f"#{row.id} {row.title or ''} {row.url}\n   {kind}{status}"
    if row.last_ok_at:
        line += f"，上次成功 {row.last_ok_at:%m-%d %H:%M} UTC"
    if row.failures:
        line += f"，连续失败 {row.failures} 次：{row.last_error}"
    return line




@admin_only
async def sources(update: Update, context: BotContext) -> None:
    message = update.effective_message
    assert message is not None
    rows = await asyncio.to_thread(service.list_sources, context.state.engine.db)
    lines = [source_line(row) for row in rows]
    await reply(message, HTML.text("\n".join(lines) if lines else texts.NO_SOURCES))




@admin_only
async def delsource(update: Update, context: BotContext) -> None:
    message = update.effective_message
    assert message is not None
    if not context.args or not context.args[0].lstrip("#").isdigit():
        await reply(message, HTML.text(texts.DELSOURCE_USAGE))
        return
    number = int(context.args[0].lstrip("#"))
    url = await asyncio.to_thread(service.remove_source, context.state.engine.db, number)
    text = (texts.SOURCE_REMOVED.format(number=number, url=url) if url
            else texts.NO_SUCH_SOURCE.format(number=number))
    await reply(message, HTML.text(text))

