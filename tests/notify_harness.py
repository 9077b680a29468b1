"""Shared by the notification tests: a government site on loopback and a running bot.

``FeedSite`` serves an RSS feed and article pages from a thread (real HTTP, ETag and
Last-Modified honoured, pages in UTF-8 or GBK, paths that fail or hang on demand) and
records every request. ``running_bot`` runs the real Application against the fake Bot
API server (long polling, handlers, JobQueue) for the length of a ``with`` block.
"""

from __future__ import annotations

import hashlib
import html
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from sqlmodel import Session, col, select

from bot.app import build_application
from bot.state import BotApplication
from service.engine import Engine
from service.ingestion import Document
from service.settings import Settings
from store import notifications as store
from store.models import Notification
from tests.botapi.client import BotApiServer

ADMIN_ID = 900_101
QUIET = 3600.0  # job intervals for tests that run delivery and polling by hand

@dataclass
class Page:
    body: bytes
    content_type: str
    etag: str
    last_modified: str


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    status: int


@dataclass
class FeedSite:
    """A small government site: a feed listing articles, each article a page."""

    pages: dict[str, Page] = field(default_factory=dict)
    failing: dict[str, int] = field(default_factory=dict)  # path -> HTTP status
    hanging: dict[str, float] = field(default_factory=dict)  # path -> seconds to stall
    log: list[Seen] = field(default_factory=list)
    url: str = ""
    items: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # feed -> (path, title)

    def put(self, path: str, body: bytes, content_type: str) -> None:
        digest = hashlib.sha1(body).hexdigest()[:16]
        self.pages[path] = Page(body, content_type, f'"{digest}"',
                                formatdate(time.time(), usegmt=True))

    def article(self, path: str, title: str, paragraphs: list[str], *,
                issuer: str = "高新区市场监管局", day: str = "2024-05-06",
                encoding: str = "utf-8", declare_charset: bool = True) -> str:
        """An article page as government sites make them: navigation, the text, a footer."""
        charset = f'<meta charset="{encoding}">' if declare_charset else ""
        text = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        page = (
            f"<html><head>{charset}<title>{html.escape(title)}_高新区政务网</title>"
            f'<meta name="author" content="{issuer}"></head><body>'
            '<div class="nav"><a href="/">首页</a> <a href="/news/">新闻动态</a></div>'
            f"<article><h1>{html.escape(title)}</h1><p>发布时间:{day}</p>{text}"
            f"<p>({html.escape(issuer)} 供稿)</p></article>"
            "<footer>主办单位:高新区管委会 版权所有</footer></body></html>"
        )
        content_type = "text/html" + (f"; charset={encoding}" if declare_charset else "")
        self.put(path, page.encode(encoding), content_type)
        return self.url + path

    def feed(self, path: str, entries: list[tuple[str, str]]) -> str:
        """An RSS 2.0 feed listing (path, title) pairs, newest first."""
        self.items[path] = list(entries)
        rows = "".join(
            f"<item><title>{html.escape(title)}</title><link>{self.url}{item}</link>"
            f"<guid>{self.url}{item}</guid>"
            "<pubDate>Mon, 06 May 2024 08:00:00 +0800</pubDate></item>"
            for item, title in entries
        )
        xml = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
               f"<title>高新区新闻</title><link>{self.url}/</link>{rows}</channel></rss>")
        self.put(path, xml.encode(), "application/rss+xml")
        return self.url + path

    def add_to_feed(self, path: str, item: str, title: str) -> None:
        self.feed(path, [(item, title), *self.items.get(path, [])])

    def requests_to(self, path: str) -> list[Seen]:
        return [seen for seen in self.log if seen.path == path]


def _handler(site: FeedSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path
            headers = {k.lower(): v for k, v in self.headers.items()}
            if path in site.hanging:
                time.sleep(site.hanging[path])
            try:
                status = self._answer(path, headers)
            except (BrokenPipeError, ConnectionResetError):
                status = 0  # the client gave up waiting (a timeout test)
            site.log.append(Seen(path, headers, status))

        def _answer(self, path: str, headers: dict[str, str]) -> int:
            if path in site.failing:
                self.send_error(site.failing[path])
                return site.failing[path]
            page = site.pages.get(path)
            if page is None:
                self.send_error(404)
                return 404
            if headers.get("if-none-match") == page.etag or (
                    "if-none-match" not in headers
                    and headers.get("if-modified-since") == page.last_modified):
                self.send_response(304)
                self.send_header("ETag", page.etag)
                self.end_headers()
                return 304
            self.send_response(200)
            self.send_header("Content-Type", page.content_type)
            self.send_header("Content-Length", str(len(page.body)))
            self.send_header("ETag", page.etag)
            self.send_header("Last-Modified", page.last_modified)
            self.end_headers()
            self.wfile.write(page.body)
            return 200

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the test reads site.log instead."""

    return Handler


@contextmanager
def serve_site() -> Iterator[FeedSite]:
    site = FeedSite()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def bot_settings(settings: Settings, telegram: BotApiServer, **extra: Any) -> Settings:
    """The test's settings pointed at the fake Bot API; jobs quiet unless asked."""
    values: dict[str, Any] = {
        "telegram_bot_token": telegram.token,
        "telegram_api_base_url": telegram.base_url,
        "telegram_api_base_file_url": telegram.base_file_url,
        "admin_user_ids": [ADMIN_ID],
        "source_check_seconds": QUIET,
        "delivery_interval_seconds": QUIET,
        "source_timeout_seconds": 2.0,
        "allow_private_addresses": True,  # the feeds are served on 127.0.0.1
    }
    return settings.model_copy(update={**values, **extra})


@asynccontextmanager
async def running_bot(settings: Settings, engine: Engine) -> AsyncIterator[BotApplication]:
    """The real Application, long polling the fake Bot API, until the block ends."""
    application = build_application(settings, engine)
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(poll_interval=0, timeout=1)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()


def outbox(engine: Engine, chat_id: int | None = None) -> list[Notification]:
    """Every outbox row (of one chat), oldest first, detached from its session."""
    query = select(Notification).order_by(col(Notification.id))
    if chat_id is not None:
        query = query.where(Notification.chat_id == chat_id)
    with Session(engine.db) as session:
        rows = list(session.exec(query).all())
        for row in rows:
            session.expunge(row)
        return rows


def subscribe(engine: Engine, chat_id: int, include: str = "", exclude: str = "") -> None:
    with Session(engine.db) as session, session.begin():
        store.add_subscription(session, chat_id, include, exclude)


def bulletin(title: str, sentence: str) -> Document:
    """A small bulletin as a file would hold it."""
    text = f"{title}\n\n{sentence}\n\n(高新区市场监管局 供稿)\n"
    return Document(f"{title}.txt", text.encode())
