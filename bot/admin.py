"""Admin commands: /stats, /reindex, /ingest, /unanswered, for ADMIN_USER_IDS only.

Anyone else gets a polite refusal and no data. The Engine work runs in worker threads,
so questions keep being answered during a rebuild or an ingest.
"""

from __future__ import annotations

import asyncio
import functools
import re
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import filters

from bot import texts, uploads
from bot.menus import BOT_ADMIN, entry
from bot.replies import reply
from bot.state import BotContext
from service.engine import Stats
from service.presentation import HTML
from store.repository import clip

Callback = Callable[[Update, BotContext], Coroutine[Any, Any, None]]

UNANSWERED_WIDTH = 80  # characters of each question shown by /unanswered
NEW_MESSAGES = filters.UpdateType.MESSAGE
INGEST_CAPTION = filters.CaptionRegex(re.compile(r"^/ingest(@\w+)?(\s|$)"))
UPLOAD = NEW_MESSAGES & filters.Document.ALL & (filters.ChatType.PRIVATE | INGEST_CAPTION)

MENU = [
    entry("stats", "统计：通报、段落、提问、未作答比例、索引时间", BOT_ADMIN),
    entry("reindex", "重建索引", BOT_ADMIN),
    entry("ingest", "收录网址或文件：/ingest 网址", BOT_ADMIN),
    entry("unanswered", "最近没有作答的问题", BOT_ADMIN),
]


def admin_only(callback: Callback) -> Callback:
    @functools.wraps(callback)
    async def guarded(update: Update, context: BotContext) -> None:
        message = update.effective_message
        if message is None:
            return
        user_id = update.effective_user.id if update.effective_user else None
        if not context.state.is_admin(user_id):
            await reply(message, HTML.text(texts.ADMIN_ONLY))
            return
        await callback(update, context)

    return guarded


def stats_text(stats: Stats) -> str:
    return "\n".join([
        f"通报：{stats.bulletins} 篇",
        f"段落：{stats.passages} 段（已索引 {stats.indexed_passages}）",
        f"提问：{stats.questions} 次，未作答 {stats.abstained} 次（{stats.abstain_share:.0%}）",
        f"索引建于 {age_text(stats.index_age_seconds)}前",
    ])


def age_text(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} 秒"
    if seconds < 7200:
        return f"{seconds / 60:.0f} 分钟"
    return f"{seconds / 3600:.1f} 小时"


@admin_only
async def stats(update: Update, context: BotContext) -> None:
    numbers = await asyncio.to_thread(context.state.engine.stats)
    assert update.effective_message is not None
    await reply(update.effective_message, HTML.text(stats_text(numbers)))


@admin_only
async def reindex(update: Update, context: BotContext) -> None:
    message = update.effective_message
    assert message is not None
    await reply(message, HTML.text("正在重建索引，期间照常回答问题……"))
    seconds = await asyncio.to_thread(context.state.engine.reindex)
    await reply(message, HTML.text(f"索引已重建，用时 {seconds:.2f} 秒。"))


@admin_only
async def unanswered(update: Update, context: BotContext) -> None:
    logs = await asyncio.to_thread(context.state.engine.unanswered, 10)
    lines = [f"{log.asked_at:%m-%d %H:%M}  {clip(log.question, UNANSWERED_WIDTH)}"
             for log in logs]
    text = "最近没有作答的问题：\n" + "\n".join(lines) if lines else "最近没有未作答的问题。"
    assert update.effective_message is not None
    await reply(update.effective_message, HTML.text(text))


@admin_only
async def ingest_url(update: Update, context: BotContext) -> None:
    message = update.effective_message
    assert message is not None
    if not context.args:
        await reply(message, HTML.text(
            "用法：/ingest 网址；或者发送文本文件，标题写 /ingest（私聊时直接发送即可）。"))
        return
    url = context.args[0]
    state = context.state
    try:
        raw = await uploads.fetch_url(url, state.settings.max_upload_bytes,
                                      allow_private=state.settings.allow_private_addresses)
        document = uploads.as_document(url, raw, url=url)
    except uploads.UploadError as error:
        await reply(message, HTML.text(str(error)))
        return
    report = await asyncio.to_thread(uploads.ingest, state.engine, document)
    await reply(message, HTML.text(uploads.report_text(report)))


@admin_only
async def ingest_upload(update: Update, context: BotContext) -> None:
    message = update.effective_message
    assert message is not None and message.document is not None
    state = context.state
    upload = message.document
    origin = f"telegram:{upload.file_unique_id}/{upload.file_name or 'document'}"
    try:
        raw = await uploads.download_document(context.bot, upload,
                                              state.settings.max_upload_bytes)
        document = uploads.as_document(origin, raw)
    except uploads.UploadError as error:
        await reply(message, HTML.text(str(error)))
        return
    report = await asyncio.to_thread(uploads.ingest, state.engine, document)
    await reply(message, HTML.text(uploads.report_text(report)))
