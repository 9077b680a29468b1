"""A source that errors or hangs is recorded and backed off; the healthy source polled in
the same round is stored as usual, and a recovered source resets its failures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlmodel import Session

from service.engine import Engine
from service.polling import Poller
from store import notifications as store
from store.models import Source, utcnow
from tests.notify_harness import FeedSite, serve_site

INTERVAL = 60.0
TITLE = "高新区开展冷链食品专项检查"
PARAGRAPHS = ["2024年5月,高新区市场监管局检查冷链食品经营单位217家,查扣问题冻品8642公斤。",
              "执法人员对3家无法提供检验检疫证明的经营单位立案调查,涉案货值约12万元。",
              "下一步,高新区将继续加大冷链食品监管力度,守护群众舌尖上的安全。"]


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with serve_site() as served:
        yield served


def sources(engine: Engine) -> dict[str, Source]:
    with Session(engine.db) as session:
        return {row.url.rsplit("/", 1)[-1]: row for row in store.list_sources(session)}


async def test_a_failing_source_does_not_block_the_others(engine: Engine, site: FeedSite) -> None:
    site.article("/news/1.html", TITLE, PARAGRAPHS)
    site.feed("/good.xml", [("/news/1.html", TITLE)])
    site.failing["/broken.xml"] = 500
    site.hanging["/slow.xml"] = 1.5
    site.feed("/slow.xml", [])
    with Session(engine.db) as session, session.begin():
        for name in ("broken.xml", "slow.xml", "good.xml"):
            source, _ = store.add_source(session, f"{site.url}/{name}")
            source.interval_seconds = INTERVAL
    poller = Poller(engine)
    poller.settings = engine.settings.model_copy(update={"source_timeout_seconds": 0.5,
                                                         "allow_private_addresses": True})

    reports = {r.url.rsplit("/", 1)[-1]: r for r in await poller.poll_due()}

    assert reports["good.xml"].ok and reports["good.xml"].added == [TITLE]
    assert reports["broken.xml"].error == "HTTP 500"
    assert "timed out" in (reports["slow.xml"].error or "")
    rows = sources(engine)
    assert (rows["good.xml"].failures, rows["good.xml"].kind) == (0, "feed")
    assert rows["broken.xml"].failures == 1
    backoff = rows["broken.xml"].next_poll_at - utcnow()
    assert timedelta(seconds=100) < backoff <= timedelta(seconds=2 * INTERVAL)

    assert await poller.poll_due() == []  # nothing is due yet
    again = {r.url.rsplit("/", 1)[-1]: r for r in await poller.poll_due(everything=True)}
    assert again["good.xml"].not_modified
    assert sources(engine)["broken.xml"].failures == 2
    assert sources(engine)["broken.xml"].next_poll_at - utcnow() > timedelta(seconds=200)

    del site.failing["/broken.xml"]
    site.feed("/broken.xml", [])
    await poller.poll_due(everything=True)
    recovered = sources(engine)["broken.xml"]
    assert (recovered.failures, recovered.last_error) == (0, None)
