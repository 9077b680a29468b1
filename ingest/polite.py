"""Polite fetching for sources: one request at a time per host, a pause between them, and
robots.txt obeyed. Every request still goes through ``ingest.sources.fetch`` (the one
guarded path to the network), with the bot's User-Agent.

A government site is often a small server; a column backfill of hundreds of pages must
not look like an attack, so requests to one host queue behind a lock and keep
``delay`` seconds apart. robots.txt is read once per host per poller run; a missing
one (4xx) allows everything, one that cannot be fetched at all also allows (the page
fetch that follows reports the site's trouble).
"""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from ingest.sources import ROBOTS_AGENT, Fetched, FetchError, fetch

ROBOTS_MAX_BYTES = 512 * 1024


class PoliteFetcher:
    """Shared by every source a poller run touches, so two sources on one host queue too."""

    def __init__(self, client: httpx.AsyncClient, delay: float, limit: int) -> None:
        self.client = client
        self.delay = delay
        self.limit = limit  # MAX_UPLOAD_BYTES: the one size cap, unless a fetch names another
        self._locks: dict[str, asyncio.Lock] = {}
        self._last: dict[str, float] = {}
        self._robots: dict[str, RobotFileParser | None] = {}

    async def fetch(self, url: str, *, etag: str | None = None,
                    last_modified: str | None = None, limit: int | None = None) -> Fetched:
        """``sources.fetch`` in the host's queue; ``FetchError`` if robots.txt forbids it."""
        host = urlsplit(url).netloc
        lock = self._locks.setdefault(host, asyncio.Lock())
        async with lock:
            robots = await self._robots_for(url, host)
            if robots is not None and not robots.can_fetch(ROBOTS_AGENT, url):
                raise FetchError(f"robots.txt of {host} disallows {url}")
            await self._pause(host)
            try:
                return await fetch(self.client, url, etag=etag, last_modified=last_modified,
                                   limit=self.limit if limit is None else limit)
            finally:
                self._last[host] = time.monotonic()

    async def _pause(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = self.delay - (time.monotonic() - last)
            if wait > 0:
                await asyncio.sleep(wait)

    async def _robots_for(self, url: str, host: str) -> RobotFileParser | None:
        """The host's rules (called with the host's lock held); None when it has none."""
        if host in self._robots:
            return self._robots[host]
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{host}/robots.txt"
        rules: RobotFileParser | None = None
        try:
            fetched = await fetch(self.client, robots_url, limit=ROBOTS_MAX_BYTES)
            rules = RobotFileParser(robots_url)
            rules.parse(fetched.content.decode("utf-8", "replace").splitlines())
        except FetchError:
            rules = None  # no robots.txt (404) or none reachable: nothing is disallowed
        finally:
            self._last[host] = time.monotonic()
        self._robots[host] = rules
        return rules
