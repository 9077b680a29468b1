"""Time a column source's first poll (the backfill) over the end-to-end test's site.

The site is the one ``tests/test_sources_column_site_backfills_then_posts_new_articles``
serves on loopback: a GBK column of three pages, nine articles (one behind robots.txt),
PDF, DOCX, XLSX and OFD attachments. The poll runs as the bot runs it (PoliteFetcher,
SiteReader, ingestion into a fresh SQLite store). It prints one row per host delay.

    .venv/bin/python bench/backfill_site.py [delay seconds ...]   # default: 0 and 1
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

from sqlmodel import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from service.engine import Engine
from service.polling import Poller
from service.settings import Settings
from store import notifications as store
from tests.notify_harness import serve_site
from tests.test_sources_column_site_backfills_then_posts_new_articles import (
    GovSite,
    build_site,
)


def backfill(delay: float) -> tuple[float, int, int]:
    """Seconds for the first poll, bulletins stored, HTTP requests made."""
    with tempfile.TemporaryDirectory() as folder, serve_site() as served:
        site = GovSite(served)
        build_site(site)
        settings = Settings(data_dir=Path(folder), load_seeds=False,  # type: ignore[call-arg]
                            source_host_delay_seconds=delay, _env_file=None,
                            allow_private_addresses=True)  # the site is on 127.0.0.1
        engine = Engine.open(settings)
        with Session(engine.db) as session, session.begin():
            store.add_source(session, site.column_url)
        started = time.perf_counter()
        [report] = asyncio.run(Poller(engine).poll_due())
        seconds = time.perf_counter() - started
        engine.close()
        return seconds, len(report.added), len(served.log)


def main(delays: list[float]) -> None:
    print("| host delay (s) | backfill (s) | bulletins | requests |")
    print("| --- | --- | --- | --- |")
    for delay in delays:
        seconds, added, requests = backfill(delay)
        print(f"| {delay:g} | {seconds:.2f} | {added} | {requests} |")


if __name__ == "__main__":
    main([float(arg) for arg in sys.argv[1:]] or [0.0, 1.0])
