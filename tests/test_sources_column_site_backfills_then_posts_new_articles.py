"""A government site without a feed: a GBK column page (栏目页) with three pages of
pagination (createPageHTML, as TRS sites do) and relative links, article pages with a
date line and PDF, DOCX, XLSX and OFD attachments, a robots.txt.

The first poll stores every article once and posts none; an article added before the
next poll is posted once to a subscribed group; figures that exist only in a PDF table
cell and only in an XLSX sheet are answered, citing the bulletin and naming the table.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

import pytest
from sqlmodel import Session

from bot.jobs import notifier
from service.engine import Engine
from service.settings import Settings
from store import notifications as store
from tests import office_files
from tests.botapi.client import BotApiServer
from tests.notify_harness import FeedSite, bot_settings, outbox, running_bot, serve_site

pytestmark = [pytest.mark.e2e,
              pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")]

COLUMN = "/zwgk/tzgg/"
PER_PAGE = 3
PDF_ARTICLE = "高新区通报2017年投诉举报受理情况"
XLSX_ARTICLE = "高新区2018年农资打假检查情况通报"
NEW_ARTICLE = "高新区开展校园周边食品安全专项整治"
PDF_TABLE = [["区域", "受理消费咨询(件)", "调解纠纷(件)"], ["高新区", "4127", "655"],
             ["经开区", "1200", "80"]]
HTML_TABLE = ("<p>2023年各街道消费投诉办结情况</p><p>单位:件</p><table border='1'>"
              "<tr><th>街道</th><th>办结消费投诉</th><th>挽回损失(万元)</th></tr>"
              "<tr><td>东湖街道</td><td>538</td><td>41</td></tr>"
              "<tr><td>西湖街道</td><td>297</td><td>18</td></tr></table>")
XLSX_TABLE = [["区域", "检查商户", "立案"], ["高新区", 263, 3], ["经开区", 90, 1]]


def article_html(title: str, day: str, paragraphs: list[str],
                 files: list[tuple[str, str]], table: str = "") -> bytes:
    """An article as such sites publish it: GBK, a date line, attachments listed below."""
    links = "".join(f'<li><a href="./files/{path}">{html.escape(name)}</a></li>'
                    for path, name in files)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        f"<title>{html.escape(title)}_通知公告_高新区人民政府</title></head><body>"
        '<div class="nav"><a href="../../">首页</a> &gt; <a href="../">通知公告</a></div>'
        f'<div class="article"><h1>{html.escape(title)}</h1>'
        f'<div class="info">发布时间:{day} 来源:高新区市场监管局</div>'
        f"{body}{table}<div class='fj'>附件:<ul>{links}</ul></div></div>"
        "<div class='footer'>主办:高新区人民政府办公室 备案号:某ICP备12345678号</div>"
        "</body></html>"
    )
    return page.encode("gbk")


def column_html(page: int, total: int, rows: list[tuple[str, str, str]]) -> bytes:
    """One page of the column list: relative links, dates, the pagination script."""
    items = "".join(f'<li><a href="{href}" title="{html.escape(t)}">{html.escape(t)}</a>'
                    f"<span>{day}</span></li>" for href, t, day in rows)
    page_html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "<title>通知公告_高新区人民政府</title></head><body>"
        '<div class="nav"><a href="../../">首页</a> <a href="../../zwgk/">政务公开</a></div>'
        f'<div class="list"><ul>{items}</ul></div>'
        f'<script>createPageHTML({total}, {page}, "index", "html");</script>'
        "<div class='footer'>主办:高新区人民政府办公室</div></body></html>"
    )
    return page_html.encode("gbk")


class GovSite:
    """The column, its articles and their attachments on a ``FeedSite`` server."""

    def __init__(self, site: FeedSite) -> None:
        self.site = site
        self.listed: list[tuple[str, str, str]] = []  # (relative href, title, day), newest first
        self.site.put("/robots.txt", b"User-agent: *\nDisallow: /zwgk/tzgg/private/\n",
                      "text/plain")

    def add(self, number: int, title: str, day: str, paragraphs: list[str],
            files: dict[str, bytes] | None = None, *, folder: str = "202405",
            table: str = "") -> None:
        names = []
        for path, content in (files or {}).items():
            self.site.put(f"{COLUMN}{folder}/files/{path}", content, "application/octet-stream")
            names.append((path, f"附件{len(names) + 1}:{title}{path[path.rfind('.'):]}"))
        href = f"./{folder}/t{day.replace('-', '')}_{number}.html"
        self.site.put(f"{COLUMN}{href[2:]}",
                      article_html(title, day, paragraphs, names, table), "text/html")
        self.listed.insert(0, (href, title, day))
        self.publish()

    def publish(self) -> None:
        pages = [self.listed[i:i + PER_PAGE] for i in range(0, len(self.listed), PER_PAGE)]
        for number, rows in enumerate(pages):
            name = "index.html" if number == 0 else f"index_{number}.html"
            self.site.put(f"{COLUMN}{name}", column_html(number, len(pages), rows), "text/html")
        self.site.put(COLUMN, self.site.pages[f"{COLUMN}index.html"].body, "text/html")

    @property
    def column_url(self) -> str:
        return self.site.url + COLUMN


def build_site(site: GovSite) -> None:
    """Nine articles (three pages of the column), oldest first; four carry attachments."""
    site.add(1001, PDF_ARTICLE, "2024-03-04",
             ["为加强消费维权工作,现将2017年全区投诉举报受理情况通报如下,详见附件。"],
             {"P020240304.pdf": office_files.pdf_bytes(
                 "2017年投诉举报受理情况统计", ["全区各部门认真受理投诉举报。"], PDF_TABLE,
                 "2017年消费咨询受理情况")})
    site.add(1002, "关于印发春季食品安全检查方案的通知", "2024-03-11",
             ["各街道、各部门:现将《春季食品安全检查方案》印发给你们,请认真贯彻执行。"],
             {"W020240311.docx": office_files.docx_bytes(
                 "春季食品安全检查方案", ["一、检查时间:2024年3月至5月。", "二、检查对象:全区餐饮单位。"])})
    site.add(1003, XLSX_ARTICLE, "2024-03-18",
             ["2018年,全区开展农资打假专项行动,各区检查情况见附件。"],
             {"P020240318.xlsx": office_files.xlsx_bytes(
                 "2018年各区农资检查情况", "户", XLSX_TABLE)})
    site.add(1004, "高新区市场监管局关于规范计量器具管理的公告", "2024-03-25",
             ["为规范计量器具使用,保障交易公平,现就有关事项公告如下。"],
             {"P020240325.ofd": office_files.ofd_bytes(
                 ["关于规范计量器具管理的公告", "全区共登记在用计量器具3715台件。"])})
    site.add(1005, "高新区召开消费维权工作推进会", "2024-04-01",
             ["4月1日,高新区召开消费维权工作推进会,部署全年消费维权重点任务。"],
             table=HTML_TABLE)
    site.add(1006, "高新区开展特种设备安全大检查", "2024-04-08",
             ["2024年4月,高新区对辖区电梯、锅炉等特种设备开展安全大检查,共检查设备642台。"])
    site.add(1007, "高新区开展春季农贸市场检查", "2024-04-15",
             ["2024年4月,高新区对辖区农贸市场开展春季检查,共检查摊位186个。"])
    site.add(1008, "高新区内部工作安排", "2024-04-22",
             ["本页面不对外抓取。"], folder="private")
    site.add(1009, "高新区发布五一假期消费提示", "2024-04-29",
             ["五一假期将至,高新区市场监管局提醒广大消费者理性消费、保留票据。"])


@pytest.fixture
def gov_site() -> Iterator[GovSite]:
    with serve_site() as served:
        site = GovSite(served)
        build_site(site)
        yield site


async def test_a_column_site_is_backfilled_silently_then_new_articles_post_once(
    settings: Settings, engine: Engine, botapi: BotApiServer, gov_site: GovSite
) -> None:
    site = gov_site.site
    with Session(engine.db) as session, session.begin():
        store.add_source(session, gov_site.column_url)
    before = engine.stats().bulletins
    ann = botapi.create_user("Ann")
    group = botapi.create_chat("supergroup", "市场监管工作群", creator=ann)
    polite = {"source_host_delay_seconds": 0.01}
    # The bot's poller reads the engine's settings; the site is served on 127.0.0.1.
    engine.settings = engine.settings.model_copy(
        update={"allow_private_addresses": True, **polite})

    async with running_bot(bot_settings(settings, botapi, **polite), engine) as application:
        botapi.send_group_text(group, ann, "/subscribe")
        [confirmed] = await botapi.wait_for_messages_async(group, 1, timeout=10)
        assert "已订阅" in (confirmed.text or "")
        poller, deliverer = notifier(application).poller, notifier(application).deliverer

        [backfill] = await poller.poll_due()
        assert backfill.ok, backfill.error
        assert len(backfill.added) == 8 and backfill.duplicates == 0
        assert PDF_ARTICLE in backfill.added and XLSX_ARTICLE in backfill.added
        assert engine.stats().bulletins == before + 8
        assert outbox(engine) == []  # the backlog is stored, not posted
        for page in ("index.html", "index_1.html", "index_2.html"):
            assert len(site.requests_to(f"{COLUMN}{page}")) <= 1
        assert site.requests_to(f"{COLUMN}private/t20240422_1008.html") == []  # robots.txt
        assert len(site.requests_to("/robots.txt")) == 1
        assert all("bulletin-bot" in seen.headers["user-agent"] for seen in site.log)

        gov_site.add(1010, NEW_ARTICLE, "2024-05-06",
                     ["2024年5月,高新区对校园周边食品经营户开展专项整治,共检查经营户318家。"])
        [fresh] = await poller.poll_due(everything=True)
        assert fresh.ok and fresh.added == [NEW_ARTICLE]
        assert (await deliverer.run_once()).sent == 1
        [post] = (await botapi.wait_for_messages_async(group, 2, timeout=10))[1:]
        assert f"《{NEW_ARTICLE}》" in (post.text or "")

        [again] = await poller.poll_due(everything=True)
        assert again.ok and again.added == []
        assert (await deliverer.run_once()).sent == 0

    assert len(botapi.sent_messages(group)) == 2
    assert [row.status for row in outbox(engine)] == ["sent"]
    for path in ("202405/t20240304_1001.html", "202405/t20240318_1003.html"):
        assert len(site.requests_to(f"{COLUMN}{path}")) == 1  # each article fetched once

    from_pdf = engine.ask("2017年高新区受理消费咨询多少件?", log=False)
    assert from_pdf.value == 4127, from_pdf
    assert from_pdf.citation is not None and from_pdf.citation.title == PDF_ARTICLE
    assert "表《2017年消费咨询受理情况》 高新区 · 受理消费咨询 · 4127件" in (from_pdf.sentence or "")
    assert "第1页" in (from_pdf.sentence or "") and ".pdf》" in (from_pdf.sentence or "")

    from_sheet = engine.ask("2018年高新区检查商户多少户?", log=False)
    assert from_sheet.value == 263, from_sheet
    assert from_sheet.citation is not None and from_sheet.citation.title == XLSX_ARTICLE
    assert "表《2018年各区农资检查情况》 高新区 · 检查商户 · 263户" in (from_sheet.sentence or "")

    from_page = engine.ask("2023年东湖街道办结消费投诉多少件?", log=False)
    assert from_page.value == 538, from_page
    assert "表《2023年各街道消费投诉办结情况》 东湖街道 · 办结消费投诉 · 538件" in (
        from_page.sentence or "")

    from_ofd = engine.ask("全区共登记在用计量器具多少台件?", log=False)
    assert from_ofd.value == 3715, from_ofd
