"""A page that says only "2018年12月" is not cited as 2018-01-01 (nor as 2018-12-01)."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.dates import precision_of, shown, written
from ingest.sources import Fetched, extract_article
from service.engine import Engine
from service.ingestion import Document
from service.presentation import PLAIN, citation

TEXT = "2018年12月,高新区市场监管局开展冷库专项检查,共检查冷库217家,查扣问题冻品8642公斤。"


@pytest.mark.parametrize(("when", "text", "expected"), [
    (date(2018, 1, 1), TEXT, "year"),  # an extractor's "year only"
    (date(2018, 12, 1), TEXT, "month"),  # its "month only"
    (date(2018, 12, 5), TEXT, "day"),  # a day nobody fills in
    (date(2018, 12, 1), "2018年12月1日,高新区……", "day"),  # the text names the day
    (date(2018, 1, 1), "2018-01-01 发布", "day"),
    (date(2018, 3, 1), "没有日期的正文", "month"),
])
def test_precision_is_what_the_text_confirms(when: date, text: str, expected: str) -> None:
    assert precision_of(when, text) == expected


def test_dates_are_shown_to_their_precision() -> None:
    when = date(2018, 12, 1)
    assert [shown(when, p) for p in ("year", "month", "day", None)] == [
        "2018", "2018-12", "2018-12-01", "2018-12-01"]
    assert [written(when, p) for p in ("year", "month", "day", None)] == [
        "2018年", "2018年12月", "2018年12月1日", "2018年12月1日"]


def test_a_page_dated_by_its_year_alone_is_cited_with_the_year(engine: Engine) -> None:
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="date" content="2018-01-01"><title>高新区开展冷库专项检查</title></head>
<body><article><h1>高新区开展冷库专项检查</h1><p>{TEXT}</p>
<p>检查重点是进口冷链食品的追溯信息和消毒证明。</p></article></body></html>"""
    url = "https://www.example.gov.cn/2018/lengku.html"
    article = extract_article(Fetched(url, 200, page.encode(), "text/html", None, None))
    assert article.published == date(2018, 1, 1)
    assert article.published_precision == "year"

    engine.ingest_documents([Document(origin=url, raw=article.as_text().encode(), url=url,
                                      published=article.published,
                                      published_precision=article.published_precision)])
    [hit] = [h for h in engine.search("冷库 专项检查") if "217家" in h.text]
    line = citation(hit.bulletin, PLAIN)
    assert " · 2018年 · " in line and "1月1日" not in line


def test_a_notification_shows_the_date_to_its_precision() -> None:
    from bot.posts import post_text
    from service.delivery import Post

    post = Post(notification_id=1, chat_id=-1, attempts=0, title="高新区开展冷库专项检查",
                issuer="高新区市场监管局", published=date(2018, 12, 1), origin="x.txt",
                body=TEXT, published_precision="month")
    text = post_text(post)
    assert "高新区市场监管局 · 2018年12月" in text and "12月1日" not in text
