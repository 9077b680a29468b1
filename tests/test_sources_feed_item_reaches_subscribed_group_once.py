"""A feed on a loopback site, a group subscribed through /subscribe: a new item (a GBK
page without a declared charset) is stored, answerable, and posted to the group once;
polling again gets 304 and stores nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session

from bot.jobs import notifier
from service.engine import Engine
from service.settings import Settings
from store import notifications as store
from tests.botapi.client import BotApiServer
from tests.notify_harness import FeedSite, bot_settings, outbox, running_bot, serve_site

pytestmark = [pytest.mark.e2e,
              pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")]

OLD_TITLE = "高新区开展春季农贸市场检查"
OLD = ["2024年4月,高新区市场监管局对辖区农贸市场开展春季检查,共检查摊位186个。",
       "检查重点包括计量器具、商品明码标价和食用农产品进货查验记录。",
       "对发现的12处问题,执法人员当场责令整改,并将持续跟踪复查。"]
NEW_TITLE = "高新区查处一批冷链食品违法案件"
NEW = ["2024年5月,高新区市场监管局在冷链食品专项检查中共检查冷库217家,查扣问题冻品8642公斤。",
       "执法人员对3家无法提供检验检疫证明的经营单位立案调查,涉案货值约12万元。",
       "下一步,高新区将继续加大冷链食品监管力度,守护群众舌尖上的安全。"]


@pytest.fixture
def site() -> Iterator[FeedSite]:
    with serve_site() as served:
        yield served


async def test_a_new_feed_item_reaches_a_subscribed_group_exactly_once(
    settings: Settings, engine: Engine, botapi: BotApiServer, site: FeedSite
) -> None:
    # The bot's poller reads the engine's settings; the site is served on 127.0.0.1.
    engine.settings = engine.settings.model_copy(update={"allow_private_addresses": True})
    site.article("/news/1.html", OLD_TITLE, OLD)
    feed_url = site.feed("/rss.xml", [("/news/1.html", OLD_TITLE)])
    with Session(engine.db) as session, session.begin():
        store.add_source(session, feed_url)
    ann = botapi.create_user("Ann")
    group = botapi.create_chat("supergroup", "打假工作群", creator=ann)

    async with running_bot(bot_settings(settings, botapi), engine) as application:
        botapi.send_group_text(group, ann, "/subscribe")
        [confirmed] = await botapi.wait_for_messages_async(group, 1, timeout=10)
        assert "已订阅" in (confirmed.text or "")
        poller, deliverer = notifier(application).poller, notifier(application).deliverer

        [backlog] = await poller.poll_due()
        assert backlog.ok and backlog.added == [OLD_TITLE]
        assert outbox(engine) == []  # a new source's backlog is stored, not posted

        site.article("/news/2.html", NEW_TITLE, NEW, encoding="gbk", declare_charset=False)
        site.add_to_feed("/rss.xml", "/news/2.html", NEW_TITLE)
        [fresh] = await poller.poll_due(everything=True)
        assert fresh.added == [NEW_TITLE]
        assert (await deliverer.run_once()).sent == 1

        [post] = (await botapi.wait_for_messages_async(group, 2, timeout=10))[1:]
        text = post.text or ""
        assert f"《{NEW_TITLE}》" in text
        assert "高新区市场监管局 · 2024年5月6日" in text
        assert "查扣问题冻品8642公斤" in text
        links = [e["url"] for e in post.entities if e["type"] == "text_link"]
        assert links == [f"{site.url}/news/2.html"]

        [again] = await poller.poll_due(everything=True)
        assert again.not_modified and again.added == []
        last_feed_request = site.requests_to("/rss.xml")[-1]
        assert last_feed_request.status == 304
        assert last_feed_request.headers["if-none-match"] == site.pages["/rss.xml"].etag
        assert len(site.requests_to("/news/2.html")) == 1
        assert (await deliverer.run_once()).sent == 0

    assert len(botapi.sent_messages(group)) == 2
    assert [row.status for row in outbox(engine)] == ["sent"]
    answer = engine.ask("2024年高新区查扣了多少问题冻品?", log=False)
    assert answer.value == 8642
