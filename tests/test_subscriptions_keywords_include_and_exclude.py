"""Keyword subscriptions get only the bulletins that match: every include word, no
exclude word, compared as jieba tokens (never as patterns), one post per chat."""

from __future__ import annotations

import pytest

from bot.jobs import notifier
from service.engine import Engine
from service.ingestion import Document
from service.keywords import KeywordError, bulletin_terms, matches, parse_keywords
from service.settings import Settings
from tests.botapi.client import BotApiServer
from tests.notify_harness import bot_settings, outbox, running_bot

pytestmark = [pytest.mark.e2e,
              pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")]

COLD_CHAIN = """高新区开展冷链食品专项检查

2024年5月,高新区市场监管局检查冷链食品经营单位217家,查扣问题冻品8642公斤。

(高新区市场监管局 供稿)
"""
FOOD_ADVERT = """高新区查处虚假食品广告

高新区市场监管局查处冷链食品虚假广告案件5宗,罚没款共计26万元。

(高新区市场监管局 供稿)
"""
PARKS = """高新区新建口袋公园12个

2024年,高新区在社区新建口袋公园12个,新增绿地面积3.2万平方米。

(高新区城市管理局 供稿)
"""


def terms(text: str) -> frozenset[str]:
    from retrieval.tokenizer import tokenize

    return bulletin_terms(tokenize(text))


def test_words_match_however_jieba_cut_the_text() -> None:
    text = terms("加强食品安全监管,开展冷链食品专项检查")
    assert matches(parse_keywords(["食品安全"]), text)  # text cut as 食品 / 安全监管
    assert matches(parse_keywords(["安全", "检查"]), text)
    assert not matches(parse_keywords(["农药"]), text)
    assert not matches(parse_keywords(["食品", "-专项检查"]), text)
    assert matches(parse_keywords(["食品", "-广告"]), text)


def test_keywords_are_plain_words_never_patterns() -> None:
    assert parse_keywords(["食品", "-广告", "食品"]).stored == ("食品", "广告")
    text = terms("冷链食品专项检查")
    assert not matches(parse_keywords(["食.*"]), text)  # as a regex it would match
    assert not matches(parse_keywords(["冷链|农药"]), terms("农药残留抽检"))
    assert matches(parse_keywords(["食品.*"]), text)  # punctuation is not part of a word
    with pytest.raises(KeywordError):
        parse_keywords([".*"])
    with pytest.raises(KeywordError):
        parse_keywords([f"词{i}" for i in range(11)])


async def test_a_keyword_subscription_gets_only_matching_bulletins(
    settings: Settings, engine: Engine, botapi: BotApiServer
) -> None:
    ann = botapi.create_user("Ann")
    group = botapi.create_chat("group", "全部通报群", creator=ann)
    async with running_bot(bot_settings(settings, botapi), engine) as application:
        botapi.send_private_text(ann, "/subscribe 冷链 食品 -广告")
        [reply] = await botapi.wait_for_messages_async(ann, 1, timeout=10)
        assert "已订阅：包含 冷链 食品，不含 广告" in (reply.text or "")
        botapi.send_group_text(group, ann, "/subscribe")
        botapi.send_group_text(group, ann, "/subscribe 冷链")  # overlaps: still one post
        await botapi.wait_for_messages_async(group, 2, timeout=10)

        report = engine.ingest_documents([Document(f"{name}.txt", text.encode())
                                          for name, text in [("cold", COLD_CHAIN),
                                                             ("advert", FOOD_ADVERT),
                                                             ("parks", PARKS)]])
        assert len(report.added) == 3
        assert (await notifier(application).deliverer.run_once()).sent == 4

        [_, post] = await botapi.wait_for_messages_async(ann, 2, timeout=10)
        assert "《高新区开展冷链食品专项检查》" in (post.text or "")
        group_posts = (await botapi.wait_for_messages_async(group, 5, timeout=10))[2:]
        assert sorted((m.text or "").split("\n")[0] for m in group_posts) == sorted(
            f"📢 新通报：《{title}》" for title in
            ["高新区开展冷链食品专项检查", "高新区查处虚假食品广告", "高新区新建口袋公园12个"])

        botapi.send_private_text(ann, "/subscribe .*")
        [_, _, refusal] = await botapi.wait_for_messages_async(ann, 3, timeout=10)
        assert "不是可以匹配的词语" in (refusal.text or "")

    assert len(botapi.sent_messages(ann)) == 3
    assert len(outbox(engine, ann.id)) == 1
