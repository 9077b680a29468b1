"""Bulletins sent by admins: a URL fetched through ``ingest.http``, or a document sent in Telegram.

Sizes are checked before downloading (Content-Length, Telegram's file_size) and again
while reading, so nobody can make the bot hold a large file in memory.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram import Bot
from telegram import Document as TgDocument

from ingest.decode import NotTextError
from ingest.formats import to_text
from ingest.http import GuardedClient
from ingest.sources import FetchError, TooLarge, fetch, looks_like_html, page_article
from service.ingestion import Document, IngestReport

if TYPE_CHECKING:
    from service.engine import Engine

FETCH_TIMEOUT = 30.0


class UploadError(Exception):
    """A reason, in Chinese, fit to show the admin who sent the file or URL."""


def too_large(size: int, limit: int) -> UploadError:
    return UploadError(f"文件太大（{size / 1e6:.1f} MB），上限是 {limit / 1e6:.0f} MB，未下载。")


async def fetch_url(url: str, limit: int, *, allow_private: bool = False) -> bytes:
    """The body at ``url`` through the guarded fetch: public addresses only, each redirect
    checked, the size enforced while streaming."""
    if not url.startswith(("http://", "https://")):
        raise UploadError("请给出 http:// 或 https:// 开头的网址。")
    try:
        async with GuardedClient(allow_private=allow_private, timeout=FETCH_TIMEOUT) as client:
            fetched = await fetch(client, url, limit=limit)
    except TooLarge as error:
        raise too_large(error.size, limit) from error
    except FetchError as error:
        raise UploadError(f"抓取失败：{error}。") from error
    return fetched.content


async def download_document(bot: Bot, document: TgDocument, limit: int) -> bytes:
    """The document's bytes, never more than ``limit`` of them in memory.

    Telegram usually declares the size (on the message, or in getFile); when neither
    does, the file is streamed and dropped as soon as it passes the limit.
    """
    if document.file_size and document.file_size > limit:
        raise too_large(document.file_size, limit)
    telegram_file = await bot.get_file(document.file_id)
    if telegram_file.file_size and telegram_file.file_size > limit:
        raise too_large(telegram_file.file_size, limit)
    path = telegram_file.file_path or ""
    if not (document.file_size or telegram_file.file_size) and path.startswith("http"):
        return await _stream(path, limit)
    data = bytes(await telegram_file.download_as_bytearray())
    if len(data) > limit:
        raise too_large(len(data), limit)
    return data


async def _stream(file_url: str, limit: int) -> bytes:
    """From the configured Bot API file server (private addresses allowed: the operator
    chose it); errors say what failed, never the URL, which carries the token."""
    try:
        async with GuardedClient(allow_private=True, timeout=FETCH_TIMEOUT) as client:
            return (await fetch(client, file_url, limit=limit)).content
    except TooLarge as error:
        raise too_large(error.size, limit) from error
    except FetchError as error:
        raise UploadError(f"下载失败：{error}。") from error


def as_document(origin: str, raw: bytes, url: str | None = None) -> Document:
    """Read here (PDF, DOCX, XLSX, OFD… by content), so an unreadable file gets a clear
    answer; store its text as UTF-8.
    A web page is reduced to its article (title, text, date) first, as sources are."""
    if url is not None and looks_like_html(raw):
        try:
            article = page_article(url, raw)
        except FetchError as error:
            raise UploadError(f"网页里没有找到正文：{error}") from error
        return Document(origin=url, raw=article.as_text().encode("utf-8"), url=url,
                        published=article.published, issuer=article.issuer,
                        published_precision=article.published_precision)
    try:
        text = to_text(raw, origin)
    except NotTextError as error:
        raise UploadError(f"无法读取：{error}") from error
    return Document(origin=origin, raw=text.encode("utf-8"), url=url)


def ingest(engine: Engine, document: Document) -> IngestReport:
    return engine.ingest_documents([document])


def report_text(report: IngestReport) -> str:
    lines = [f"已收录《{title}》" for _, title in report.added]
    lines += ["这份通报已经收录过了，未重复收录。" for _ in report.duplicates]
    lines += [f"收录失败：{reason}" for _, reason in report.failed]
    return "\n".join(lines) or "没有收录任何内容。"
