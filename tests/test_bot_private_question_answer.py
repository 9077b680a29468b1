"""A private message is a question: the figure in bold, the source sentence, the bulletin."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from tests.offline_bot import feed, private_text

QUESTION = "2017年高新区受理了多少举报投诉?"


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"questions_per_user_per_minute": 3}


async def test_answer_gives_bold_figure_sentence_and_citation(bot: Any) -> None:
    application, api = bot
    await feed(application, private_text(7, QUESTION))
    [sent] = api.sent
    assert sent["chat_id"] == 7
    assert sent["parse_mode"] == "HTML"
    assert sent["text"].startswith("珠海市高新区2017年受理举报投诉：<b>3843宗</b>")
    assert "共受理举报投诉3843宗" in sent["text"]
    assert "《高新区落实打假责任为打造质量标准高地保驾护航》" in sent["text"]
    assert "高新区市场监管局" in sent["text"]


async def test_follow_up_reuses_previous_question_with_new_year(bot: Any) -> None:
    application, api = bot
    await feed(application, private_text(7, QUESTION))
    await feed(application, private_text(7, "那2018年呢?"))
    follow_up = api.sent[1]["text"]
    assert "2018年高新区受理了多少举报投诉" in follow_up
    assert "3843宗</b>" not in follow_up  # the seed has no 2018 figure: never the 2017 one


async def test_follow_up_memory_is_per_chat(bot: Any) -> None:
    application, api = bot
    await feed(application, private_text(7, QUESTION))
    await feed(application, private_text(8, "那2018年呢?"))
    assert "2018年高新区受理了多少举报投诉" not in api.sent[1]["text"]


async def test_abstention_says_so_and_lists_passages(bot: Any) -> None:
    application, api = bot
    await feed(application, private_text(7, "高新区有多少只大熊猫?"))
    [sent] = api.sent
    assert "<b>" not in sent["text"]
    assert "没有找到能可靠回答“高新区有多少只大熊猫”的数字" in sent["text"]
    assert "1. " in sent["text"]


async def test_user_over_the_question_limit_gets_a_friendly_wait(bot: Any) -> None:
    application, api = bot
    for _ in range(4):
        await feed(application, private_text(7, QUESTION))
    await feed(application, private_text(8, QUESTION))
    texts = [sent["text"] for sent in api.sent]
    assert sum("3843宗" in text for text in texts) == 4  # three for user 7, one for user 8
    assert "提问有点快了" in texts[3]


async def test_the_wait_notice_is_sent_once_not_for_every_extra_message(bot: Any) -> None:
    application, api = bot
    for _ in range(23):
        await feed(application, private_text(7, QUESTION))
    texts = [sent["text"] for sent in api.sent]
    assert sum("3843宗" in text for text in texts) == 3
    assert sum("提问有点快了" in text for text in texts) == 1


async def test_latest_and_search_list_bulletins(bot: Any) -> None:
    application, api = bot
    await feed(application, private_text(7, "/latest"))
    await feed(application, private_text(7, "/search 农药 专项检查"))
    latest, search = (sent["text"] for sent in api.sent)
    assert "1. 《高新区落实打假责任为打造质量标准高地保驾护航》" in latest
    assert "全年共进行7次农药专项检查" in search
    assert "<b>" not in search  # no extraction, no figure


async def test_a_slow_question_does_not_hold_up_other_chats(
    bot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    application, api = bot
    engine = application.bot_data["bulletin_bot"].engine
    real_ask = engine.ask
    release = threading.Event()

    def ask(question: str, **kwargs: Any) -> Any:
        if "大熊猫" in question:
            release.wait(timeout=30)
        return real_ask(question, **kwargs)

    monkeypatch.setattr(engine, "ask", ask)
    slow = asyncio.create_task(feed(application, private_text(7, "高新区有多少只大熊猫?")))
    await feed(application, private_text(8, QUESTION))
    assert [sent["chat_id"] for sent in api.sent] == [8]
    assert not slow.done()
    release.set()
    await slow
    assert [sent["chat_id"] for sent in api.sent] == [8, 7]


@pytest.mark.parametrize("status", [500, 502, 503])
async def test_an_answer_is_retried_after_a_telegram_server_error(bot: Any, status: int) -> None:
    application, api = bot
    api.failures["sendMessage"] = (status, "Internal Server Error")
    await feed(application, private_text(7, QUESTION))
    sends = api.calls_to("sendMessage")
    assert len(sends) == 2  # the failed attempt, then the answer
    assert "3843宗" in api.sent[-1]["text"]
