"""Polled pages obey MAX_UPLOAD_BYTES, the cap admins' uploads obey: one limit, not two."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from service.engine import Engine
from service.polling import Poller
from store import notifications as store
from tests.notify_harness import FeedSite, serve_site

TITLE = "高新区开展冷链食品专项检查"
PARAGRAPH = "2024年5月,高新区市场监管局检查冷链食品经营单位217家,查扣问题冻品8642公斤。"


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with serve_site() as served:
        yield served


async def test_a_page_over_max_upload_bytes_is_refused_and_one_under_is_stored(
    engine: Engine, site: FeedSite,
) -> None:
    site.article("/small.html", TITLE, [PARAGRAPH])
    site.article("/large.html", TITLE + "(全文)", [PARAGRAPH] * 200)
    limit = len(site.pages["/small.html"].body) + 100
    assert len(site.pages["/large.html"].body) > limit
    with Session(engine.db) as session, session.begin():
        for name in ("small.html", "large.html"):
            store.add_source(session, f"{site.url}/{name}")
    poller = Poller(engine)
    # allow_private_addresses: the site is served on 127.0.0.1
    poller.settings = engine.settings.model_copy(update={"max_upload_bytes": limit,
                                                         "allow_private_addresses": True})

    reports = {r.url.rsplit("/", 1)[-1]: r for r in await poller.poll_due()}

    assert reports["small.html"].ok
    assert not reports["large.html"].ok
    assert (reports["large.html"].error or "").startswith("too large")
