"""Poll the sources that are due, each on its own interval, and store what is new.

Every source is polled in its own task and its failures are caught and recorded on its
row (with exponential backoff), so a dead or slow site never holds up the others. New
feed items are taken by URL (a URL seen once is never fetched again) and stored like
files, so the content hash catches the same article under two URLs. A source's first
successful poll stores its backlog without notifications.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
from sqlmodel import Session

from ingest.http import GuardedClient
from ingest.sources import (
    Article,
    FeedEntry,
    Fetched,
    FetchError,
    entry_article,
    extract_article,
    fetch,
    is_feed,
    parse_feed,
)
from service.engine import Engine
from service.ingestion import Document, IngestReport
from store import notifications as store
from store.models import Source, utcnow

log = logging.getLogger(__name__)

MAX_ITEMS_PER_POLL = 30  # newest feed entries looked at per poll


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
            return list(await asyncio.gather(*(self.poll(client, s) for s in sources)))

    def _due(self, everything: bool) -> list[SourceState]:
        with Session(self.engine.db) as session:
            rows = (store.list_sources(session) if everything
                    else store.due_sources(session, utcnow()))
            return [self._state(row) for row in rows if row.enabled]

    def _state(self, row: Source) -> SourceState:
        assert row.id is not None
        return SourceState(row.id, row.url, row.etag, row.last_modified,
                           row.last_ok_at is None,
                           row.interval_seconds or self.settings.source_poll_seconds,
                           row.failures)

    async def poll(self, client: httpx.AsyncClient, source: SourceState) -> PollReport:
        """One source, start to end; whatever goes wrong is recorded, never raised."""
        report = PollReport(source.id, source.url)
        try:
            fetched = await fetch(client, source.url, limit=self.settings.max_upload_bytes,
                                  etag=source.etag, last_modified=source.last_modified)
            kind, title = await self._take(client, source, fetched, report)
        except Exception as error:
            reason = str(error) if isinstance(error, FetchError) else repr(error)
            if not isinstance(error, FetchError):
                log.exception("polling source %s failed", source.url)
            report.ok, report.error = False, reason[:300]
            await asyncio.to_thread(self._failed, source, report.error)
            return report
        await asyncio.to_thread(self._succeeded, source, fetched, kind, title)
        return report

    async def _take(self, client: httpx.AsyncClient, source: SourceState, fetched: Fetched,
                    report: PollReport) -> tuple[str | None, str | None]:
        if fetched.not_modified:
            report.not_modified = True
            return None, None
        if is_feed(fetched):
            title, entries = parse_feed(fetched.content, fetched.url, fetched.content_type)
            await self._take_entries(client, source, entries[:MAX_ITEMS_PER_POLL], report)
            return "feed", title
        article = extract_article(fetched)
        document = self._document(source.url, article)
        await self._ingest(source, [document], report)
        return "page", article.title

    async def _take_entries(self, client: httpx.AsyncClient, source: SourceState,
                            entries: list[FeedEntry], report: PollReport) -> None:
        """Fetch each unseen entry's page; oldest first, so posts arrive in feed order."""
        fresh = set(await asyncio.to_thread(self._unseen, [e.url for e in entries]))
        documents, taken = [], []
        for entry in reversed(entries):
            if entry.url not in fresh:
                continue
            fresh.discard(entry.url)
            article = await self._article(client, entry)
            if article is not None:
                documents.append(self._document(entry.url, article))
                taken.append(entry.url)
        await self._ingest(source, documents, report)
        await asyncio.to_thread(self._mark_seen, source.id, taken)

    async def _article(self, client: httpx.AsyncClient, entry: FeedEntry) -> Article | None:
        """The entry's page; its own text if the page fails; None to try again next poll."""
        try:
            page = await fetch(client, entry.url, limit=self.settings.max_upload_bytes)
            return extract_article(page, entry)
        except FetchError as error:
            fallback = entry_article(entry)
            if fallback is None:
                log.warning("feed item %s skipped for now: %s", entry.url, error)
            return fallback

    @staticmethod
    def _document(url: str, article: Article) -> Document:
        return Document(origin=url, raw=article.as_text().encode("utf-8"), url=url,
                        published=article.published, issuer=article.issuer,
                        published_precision=article.published_precision)

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
