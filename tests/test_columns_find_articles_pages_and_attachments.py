"""Column pages: article links found by the heuristic (same site, ids in .html paths, no
navigation), pagination by 下一页 links and the createPageHTML script, attachments by
suffix or by link text; and a CSS selector, set with `source add --selector`, for a site
whose article URLs the heuristic cannot tell from the rest."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app
from ingest.columns import article_links, attachments, looks_like_column, next_pages
from tests.notify_harness import serve_site

BASE = "http://www.gxq.gov.cn/zwgk/tzgg/index.html"
COLUMN = """<html><head><title>通知公告</title></head><body>
<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/login.html">登录</a>
<a href="/tag/123">标签</a><a href="/rss.xml">订阅</a></div>
<ul class="list">
<li><a href="./202405/t20240506_8812.html">关于开展食品安全检查的通知</a><span>2024-05-06</span></li>
<li><a href="../tzgg/202404/t20240420_8790.html">高新区召开消费维权推进会</a><span>2024-04-20</span></li>
<li><a href="/zwgk/tzgg/202404/t20240402_8755.shtml#top">高新区开展特种设备安全检查</a></li>
<li><a href="http://www.example.com/202404/t20240401_1.html">外站文章</a></li>
<li><a href="./202403/P020240301.pdf">统计表下载</a></li>
</ul>
<div class="page"><a href="index_1.html">下一页</a></div></body></html>"""


def test_article_links_are_same_site_article_pages_in_page_order() -> None:
    assert article_links(COLUMN, BASE) == [
        "http://www.gxq.gov.cn/zwgk/tzgg/202405/t20240506_8812.html",
        "http://www.gxq.gov.cn/zwgk/tzgg/202404/t20240420_8790.html",
        "http://www.gxq.gov.cn/zwgk/tzgg/202404/t20240402_8755.shtml",
    ]
    assert looks_like_column(COLUMN, BASE)
    assert next_pages(COLUMN, BASE) == ["http://www.gxq.gov.cn/zwgk/tzgg/index_1.html"]


def test_an_article_page_is_not_a_column_and_its_attachments_are_found() -> None:
    page = ("<html><body><h1>关于印发检查方案的通知</h1>" + "<p>各街道、各部门:现将方案印发给你们。</p>" * 20
            + '<p><a href="./P020240301.pdf">附件1:检查方案</a></p>'
            + '<p><a href="/down?id=77">附件2:统计表.xlsx</a></p>'
            + '<p><a href="./t20240301_1.html">上一篇:关于春季检查的通知</a></p></body></html>')
    base = "http://www.gxq.gov.cn/zwgk/tzgg/202403/t20240302_2.html"
    assert not looks_like_column(page, base)
    found = [(a.url, a.name) for a in attachments(page, base)]
    assert found == [("http://www.gxq.gov.cn/zwgk/tzgg/202403/P020240301.pdf", "P020240301.pdf"),
                     ("http://www.gxq.gov.cn/down?id=77", "附件2:统计表.xlsx")]


def test_create_page_html_script_lists_the_following_pages() -> None:
    script = '<script>createPageHTML(4, 1, "index", "shtml");</script>'
    assert next_pages(script, "http://a.gov.cn/col/index_1.shtml") == [
        "http://a.gov.cn/col/index_2.shtml", "http://a.gov.cn/col/index_3.shtml"]


def test_a_selector_picks_article_links_the_heuristic_cannot_see(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LOAD_SEEDS", "false")
    monkeypatch.setenv("SOURCE_HOST_DELAY_SECONDS", "0")
    monkeypatch.setenv("ALLOW_PRIVATE_ADDRESSES", "true")  # the site is served on 127.0.0.1
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    titles = ["高新区开展春季农贸市场检查", "高新区开展特种设备安全大检查"]
    with serve_site() as site:
        for number, title in enumerate(titles):
            site.article(f"/news/{'abcdefg'[number]}-story.html", title,
                         [f"2024年4月,高新区开展检查,共检查单位{186 + number}家。"])
        items = "".join(f'<li><a href="/news/{"abcdefg"[n]}-story.html">{html.escape(t)}</a></li>'
                        for n, t in enumerate(titles))
        site.put("/news/", (f'<html><body><a href="/">首页</a><ul class="news">{items}</ul>'
                            "</body></html>").encode(), "text/html; charset=utf-8")
        assert article_links(site.pages["/news/"].body.decode(), f"{site.url}/news/") == []

        bad = runner.invoke(app, ["source", "add", f"{site.url}/news/", "--selector", "ul..news"])
        assert bad.exit_code == 2
        added = runner.invoke(app, ["source", "add", f"{site.url}/news/", "--selector", "ul.news"])
        assert added.exit_code == 0, added.output
        polled = runner.invoke(app, ["source", "poll", "--all"])
        assert "2 added" in polled.output, polled.output
        listed = runner.invoke(app, ["source", "list"]).output
        assert "column" in listed
    latest = runner.invoke(app, ["latest"]).output
    assert all(title in latest for title in titles)
