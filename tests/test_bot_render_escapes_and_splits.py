"""Replies escape everything not written by us and stay under Telegram's 4096 limit."""

from __future__ import annotations

import html
import re
from datetime import date

from bot.render import split_message, telegram_length
from qa.types import Answer
from retrieval.types import BulletinRef, Hit
from service.presentation import (
    EXAMPLE_QUESTION,
    HTML,
    PLAIN,
    SMALL_TALK,
    answer_blocks,
    citation,
)


def ref(origin: str = "seeds/a.txt", title: str = "高新区<打假>&通报") -> BulletinRef:
    return BulletinRef(id=1, title=title, issuer="市场监管局", origin=origin,
                       published=date(2018, 1, 5), year=2017, region="高新区")


def hit(text: str, number: int = 1) -> Hit:
    return Hit(passage_id=number, bulletin=ref(), text=text, section=None, paragraph=0,
               position=number, score=1.0)


def test_answer_escapes_bulletin_text() -> None:
    result = Answer(question="q", answer="3<4宗 — 句子", figure="3<4宗", abstained=False,
                    sentence="共受理<script>3843宗&", citation=ref())
    text = "\n".join(answer_blocks(result, HTML))
    assert text.startswith("<b>3&lt;4宗</b>")
    assert "&lt;script&gt;3843宗&amp;" in text
    assert "《高新区&lt;打假&gt;&amp;通报》" in text
    assert "<script>" not in text


def test_citation_links_only_urls() -> None:
    url = 'https://gov.example/a?x=1&y="2"'
    assert '<a href="https://gov.example/a?x=1&amp;y=&quot;2&quot;">查看原文</a>' in citation(
        ref(url), HTML)
    assert "seeds/a.txt" not in citation(ref(), HTML)
    assert "2018年1月5日" in citation(ref(), PLAIN)


def test_many_passages_split_at_block_boundaries() -> None:
    blocks = [f"{n}. " + html.escape("<很长的段落>" * 60) for n in range(40)]
    messages = split_message(blocks)
    assert len(messages) > 1
    assert all(telegram_length(m) <= 4096 for m in messages)
    assert "\n".join(messages) == "\n".join(blocks)


def test_one_oversized_block_is_cut_without_breaking_tags_or_entities() -> None:
    block = "<b>" + html.escape("a&b" * 3000) + "</b>"
    messages = split_message([block], limit=1000)
    assert all(telegram_length(m) <= 1000 for m in messages)
    assert all(not re.search(r"&[a-z]*$", m) and "<" not in m for m in messages)
    assert "".join(html.unescape(m) for m in messages) == "a&b" * 3000


def test_emoji_count_as_two_units() -> None:
    messages = split_message(["😀" * 3000])
    assert [telegram_length(m) for m in messages] == [4096, 1904]


def test_an_abstention_says_what_it_found_instead() -> None:
    result = Answer(question="q", answer=None, abstained=True, passages=[hit("2019年城镇新增就业1352万人。")],
                    note="只找到2019年的预期目标：1100万人以上")
    blocks = answer_blocks(result, PLAIN)
    assert blocks[1] == "只找到2019年的预期目标：1100万人以上。"
    assert blocks[-2].startswith("1. 2019年城镇新增就业1352万人。")


def test_small_talk_is_plain_text_without_passages() -> None:
    result = Answer(question="你好", answer=None, abstained=False, kind="smalltalk",
                    small_talk="greeting", passages=[hit("段落")])
    assert answer_blocks(result, HTML) == [SMALL_TALK["greeting"].format(
        example=EXAMPLE_QUESTION)]
