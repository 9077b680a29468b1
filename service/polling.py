"""Poll the sources that are due, each on its own interval, and store what is new.

Every source is polled in its own task and its failures are caught and recorded on its
row (with exponential backoff), so a dead or slow site never holds up the others. New
feed items are taken by URL (a URL seen once is never fetched again) and stored like
files, so the content hash catches the same article under two URLs. A source's first
successful poll stores its backlog without notifications.

A column page (栏目页, a list of article links) is a source too: its first poll follows
the pagination up to COLUMN_BACKFILL_PAGES, later polls read COLUMN_POLL_PAGES; each new
article is stored with its attachments. All requests go through one ``PoliteFetcher``
per run: one at a time per host, SOURCE_HOST_DELAY_SECONDS apart, robots.txt obeyed.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import timedelta

from sqlmodel import Session

from ingest.columns import looks_like_column
from ingest.http import GuardedClient
from ingest.polite import PoliteFetcher
from ingest.sources import (
    FeedEntry,
    Fetched,
    FetchError,
    entry_article,
    is_feed,
    parse_feed,
)
from service.engine import Engine
from service.ingestion import Document, IngestReport
from service.site_reader import SiteReader, document, page_html, page_title
from store import notifications as store
from store.models import Source, utcnow

log = logging.getLogger(__name__)

MAX_ITEMS_PER_POLL = 30  # newest feed entries looked at per poll
INGEST_CHUNK = 20  # a long column backfill is stored in pieces, so a crash keeps most


@dataclass
class PollReport:
    source_id: int
    url: str
    ok: bool = True
    not_modified: bool = False
    added: list[str] = field(default_factory=list)
    duplicates: int = 0
    error: str | None = None


@dataclass(frozen=True)
class SourceState:
    """What a poll needs from the row, read before the network work starts."""

    id: int
    url: str
    etag: str | None
    last_modified: str | None
    first_poll: bool
    kind: str
    selector: str | None
    interval: float
    failures: int


class Poller:
    """Polls due sources for one Engine; ingestion is serialised (it is CPU work)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.settings = engine.settings
        self._ingest_lock = asyncio.Lock()

    async def poll_due(self, *, everything: bool = False) -> list[PollReport]:
        """Poll every enabled source that is due (or all enabled ones), concurrently."""
        sources = await asyncio.to_thread(self._due, everything)
        if not sources:
            return []
        async with GuardedClient(allow_private=self.settings.allow_private_addresses,
                                 timeout=self.settings.source_timeout_seconds) as client:
            fetcher = PoliteFetcher(client, self.settings.source_host_delay_seconds,
                                    self.settings.max_upload_bytes)
            reader = SiteReader(fetcher, self.settings.max_upload_bytes)
            return list(await asyncio.gather(*(self.poll(reader, s) for s in sources)))

    def _due(self, everything: bool) -> list[SourceState]:
        with Session(self.engine.db) as session:
            rows = (store.list_sources(session) if everything
                    else store.due_sources(session, utcnow()))
            return [self._state(row) for row in rows if row.enabled]

    def _state(self, row: Source) -> SourceState:
        assert row.id is not None
        return SourceState(row.id, row.url, row.etag, row.last_modified,
                           row.last_ok_at is None, row.kind, row.selector,
                           row.interval_seconds or self.settings.source_poll_seconds,
                           row.failures)

    async def poll(self, reader: SiteReader, source: SourceState) -> PollReport:
        """One source, start to end; whatever goes wrong is recorded, never raised."""
        report = PollReport(source.id, source.url)
        try:
            fetched = await reader.fetcher.fetch(source.url, etag=source.etag,
                                                 last_modified=source.last_modified)
            kind, title = await self._take(reader, source, fetched, report)
        except Exception as error:
            reason = str(error) if isinstance(error, FetchError) else repr(error)
            if not isinstance(error, FetchError):
                log.exception("polling source %s failed", source.url)
            report.ok, report.error = False, reason[:300]
            await asyncio.to_thread(self._failed, source, report.error)
            return report
        await asyncio.to_thread(self._succeeded, source, fetched, kind, title)
        return report

    async def _take(self, reader: SiteReader, source: SourceState, fetched: Fetched,
                    report: PollReport) -> tuple[str | None, str | None]:
        if fetched.not_modified:
            report.not_modified = True
            return None, None
        if is_feed(fetched):
            title, entries = parse_feed(fetched.content, fetched.url, fetched.content_type)
            await self._take_entries(reader, source, entries[:MAX_ITEMS_PER_POLL], report)
            return "feed", title
        html = page_html(fetched)
        if source.selector or source.kind == "column" or (
                not source.kind and looks_like_column(html, fetched.url)):
            await self._take_column(reader, source, fetched, html, report)
            return "column", page_title(html)
        page = await reader.article_document(source.url, fetched)
        await self._ingest(source, [page], report)
        return "page", page.raw.decode("utf-8").split("\n", 1)[0]

    async def _take_column(self, reader: SiteReader, source: SourceState, fetched: Fetched,
                           html: str, report: PollReport) -> None:
        """Unseen articles of the column's first pages, oldest first, in stored chunks."""
        pages = (self.settings.column_backfill_pages if source.first_poll
                 else self.settings.column_poll_pages)
        links = await reader.column_links(fetched, html, max(1, pages), source.selector)
        fresh = set(await asyncio.to_thread(self._unseen, links))
        documents: list[Document] = []
        taken: list[str] = []
        for url in reversed(links):
            if url not in fresh:
                continue
            fresh.discard(url)
            try:
                documents.append(await reader.article_document(url))
            except FetchError as error:
                log.warning("article %s from %s skipped for now: %s", url, source.url, error)
                continue
            taken.append(url)
            if len(documents) >= INGEST_CHUNK:
                await self._store_taken(source, documents, taken, report)
                documents, taken = [], []
        await self._store_taken(source, documents, taken, report)

    async def _store_taken(self, source: SourceState, documents: list[Document],
                           taken: list[str], report: PollReport) -> None:
        await self._ingest(source, documents, report)
        await asyncio.to_thread(self._mark_seen, source.id, taken)

    async def _take_entries(self, reader: SiteReader, source: SourceState,
                            entries: list[FeedEntry], report: PollReport) -> None:
        """Fetch each unseen entry's page; oldest first, so posts arrive in feed order."""
        fresh = set(await asyncio.to_thread(self._unseen, [e.url for e in entries]))
        documents, taken = [], []
        for entry in reversed(entries):
            if entry.url not in fresh:
                continue
            fresh.discard(entry.url)
            item = await self._entry_document(reader, entry)
            if item is not None:
                documents.append(item)
                taken.append(entry.url)
        await self._store_taken(source, documents, taken, report)

    @staticmethod
    async def _entry_document(reader: SiteReader, entry: FeedEntry) -> Document | None:
        """The entry's page (and attachments); its own text if the page fails; None to try
        again next poll."""
        try:
            return await reader.article_document(entry.url, fallback=entry)
        except FetchError as error:
            fallback = entry_article(entry)
            if fallback is None:
                log.warning("feed item %s skipped for now: %s", entry.url, error)
                return None
            return document(entry.url, fallback)

    async def _ingest(self, source: SourceState, documents: list[Document],
                      report: PollReport) -> None:
        if not documents:
            return
        async with self._ingest_lock:
            result: IngestReport = await asyncio.to_thread(
                self.engine.ingest_documents, documents, notify=not source.first_poll)
        report.added += [title for _, title in result.added]
        report.duplicates += len(result.duplicates)
        for origin, reason in result.failed:
            log.warning("item %s from %s not stored: %s", origin, source.url, reason)

    def _unseen(self, urls: list[str]) -> list[str]:
        with Session(self.engine.db) as session:
            return store.unseen_urls(session, urls)

    def _mark_seen(self, source_id: int, urls: list[str]) -> None:
        with Session(self.engine.db) as session, session.begin():
            store.mark_seen(session, source_id, urls)

    def _succeeded(self, source: SourceState, fetched: Fetched, kind: str | None,
                   title: str | None) -> None:
        now = utcnow()
        with Session(self.engine.db) as session, session.begin():
            row = store.get_source(session, source.id)
            if row is None:
                return  # removed while we polled it
            if not fetched.not_modified:
                row.etag, row.last_modified = fetched.etag, fetched.last_modified
            row.kind = kind or row.kind
            row.title = title or row.title
            row.failures, row.last_error = 0, None
            row.last_polled_at = row.last_ok_at = now
            row.next_poll_at = now + timedelta(seconds=source.interval)
            session.add(row)

    def _failed(self, source: SourceState, error: str) -> None:
        """Back off: the interval doubles with each failure in a row, up to a ceiling."""
        now = utcnow()
        with Session(self.engine.db) as session, session.begin():
            row = store.get_source(session, source.id)
            if row is None:
                return
            row.failures += 1
            row.last_error = error
            row.last_polled_at = now
            delay = min(source.interval * 2 ** row.failures,
                        max(source.interval, self.settings.source_max_backoff_seconds))
            row.next_poll_at = now + timedelta(seconds=delay)
            session.add(row)
            log.warning("source %s failed %d time(s) in a row (%s); next try in %.0f s",
                        source.url, row.failures, error, delay)
