"""What a reader sends besides a full question gets a reply in the bot's own words:
small talk and English a short kind answer (no passages), "最近有什么新通报?" the newest
bulletins, a follow-up naming a region or year the question it stands for (or a request
for the whole question), and /start or /help in a group the group usage first, with the
bot's real username. Through the bot (offline Bot API) and the command line."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.terminal import TerminalChat
from bot.texts import UNKNOWN_COMMAND
from cli.main import app
from qa.question import analyze
from service.engine import Engine
from service.presentation import (
    EXAMPLE_QUESTION,
    LATEST_HEADING,
    SMALL_TALK,
    UNDERSTOOD,
    WHOLE_QUESTION,
)
from tests.offline_bot import BOT_USERNAME, feed, group_text, private_text

QUESTION = "2017年高新区受理了多少举报投诉?"
SMALL_TALK_MESSAGES = {
    "你好": "greeting", "谢谢": "thanks", "在吗": "presence", "👍": "ack",
    "好的，多谢！": "thanks", "你能做什么": "ability", "你好，你能做什么？": "ability",
    "What was the GDP growth in 2023?": "english", "hello": "english",
}
# Marks of an answer or an abstention: none may appear in a reply to small talk.
ANSWER_MARKS = ("原文:“", "原文：“", "出处:", "出处：", "没有把握", "1. ", "<b>")
runner = CliRunner()


def reply_to(kind: str) -> str:
    return SMALL_TALK[kind].format(example=EXAMPLE_QUESTION)


async def test_small_talk_and_english_get_a_short_kind_reply_without_passages(
    bot: Any,
) -> None:
    application, api = bot
    for text in SMALL_TALK_MESSAGES:
        await feed(application, private_text(7, text))
    replies = [sent["text"] for sent in api.sent]
    assert replies == [reply_to(kind) for kind in SMALL_TALK_MESSAGES.values()]
    for text in replies:
        assert not any(mark in text for mark in ANSWER_MARKS), text
    assert "请用中文提问" in reply_to("english") and EXAMPLE_QUESTION in reply_to("english")


async def test_small_talk_does_not_become_the_question_a_follow_up_refers_to(
    bot: Any,
) -> None:
    application, api = bot
    await feed(application, private_text(7, QUESTION))
    await feed(application, private_text(7, "谢谢"))
    await feed(application, private_text(7, "那2018年呢?"))
    assert api.sent[-1]["text"].startswith(
        UNDERSTOOD.format(question="2018年高新区受理了多少举报投诉？"))


async def test_asking_for_news_lists_the_newest_bulletins(bot: Any, engine: Engine) -> None:
    application, api = bot
    await feed(application, private_text(7, "最近有什么新通报?"))
    [sent] = api.sent
    newest = engine.latest(5)
    assert sent["text"].startswith(LATEST_HEADING.format(count=len(newest)))
    assert f"《{newest[0].title}》" in sent["text"]
    assert "没有把握" not in sent["text"]


async def test_a_region_follow_up_without_suffix_is_resolved_and_echoed(bot: Any) -> None:
    application, api = bot
    await feed(application, private_text(7, QUESTION))
    await feed(application, private_text(7, "那珠海呢"))
    await feed(application, private_text(7, "那上海呢?"))
    assert api.sent[-2]["text"].startswith(
        UNDERSTOOD.format(question="2017年珠海受理了多少举报投诉？"))
    assert api.sent[-1]["text"].startswith(
        UNDERSTOOD.format(question="2017年上海受理了多少举报投诉？"))


async def test_a_follow_up_with_nothing_before_it_asks_for_the_whole_question(
    bot: Any,
) -> None:
    application, api = bot
    await feed(application, private_text(7, "那江苏呢"))
    await feed(application, private_text(7, "那江苏省呢?"))
    expected = WHOLE_QUESTION.format(example=EXAMPLE_QUESTION)
    assert [sent["text"] for sent in api.sent] == [expected, expected]


async def test_start_and_help_in_a_group_show_ask_with_the_bots_username_first(
    bot: Any,
) -> None:
    application, api = bot
    await feed(application, group_text(7, "/start"))
    await feed(application, group_text(7, "/help"))
    ask = f"/ask@{BOT_USERNAME} {EXAMPLE_QUESTION}"
    for sent in api.sent:
        first_lines = sent["text"].splitlines()[:3]
        assert ask in first_lines, sent["text"]


async def test_start_in_a_private_chat_invites_a_plain_question(bot: Any) -> None:
    application, api = bot
    await feed(application, private_text(7, "/start"))
    assert f"/ask@{BOT_USERNAME}" not in api.sent[0]["text"]


def test_terminal_help_lists_only_commands_the_terminal_has(engine: Engine) -> None:
    chat = TerminalChat(engine)
    commands = set(re.findall(r"(?<![\w@])/[a-z]+", chat.respond("/help")))
    assert {"/ask", "/latest", "/search", "/help", "/quit"} <= commands
    assert "/subscribe" not in commands
    for command in commands - {"/quit"}:
        assert chat.respond(command) != UNKNOWN_COMMAND, command


@pytest.fixture
def cli_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


@pytest.mark.usefixtures("cli_data_dir")
def test_cli_ask_answers_small_talk_and_news_in_the_bots_words() -> None:
    for text, kind in (("你好", "greeting"), ("hello", "english")):
        result = runner.invoke(app, ["ask", text])
        assert result.exit_code == 0, result.output
        assert result.output == reply_to(kind) + "\n"
    news = runner.invoke(app, ["ask", "最近有什么新通报?"])
    assert news.output.startswith(LATEST_HEADING.format(count=1) + "\n1. 《")


@pytest.mark.usefixtures("cli_data_dir")
def test_cli_chat_resolves_spaced_questions_and_asks_for_unresolvable_follow_ups() -> None:
    lines = ["那上海呢", "2017 年 高新区 受理了多少举报投诉", "那2018年呢", "/quit"]
    result = runner.invoke(app, ["chat"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert WHOLE_QUESTION.format(example=EXAMPLE_QUESTION) in result.output
    assert UNDERSTOOD.format(question="2018年高新区受理了多少举报投诉？") in result.output
    assert "2018年2017" not in result.output


def test_only_a_wish_for_news_is_read_as_one() -> None:
    for text in ("最近有什么新通报?", "有什么新消息", "最新通报", "今天有新通报吗", "最近发布了什么"):
        assert analyze(text).kind == "latest", text
    for text in ("高新区这篇打假通报由哪个单位供稿?", "最近一次通报检查了多少家?",
                 "新区通报", "最近的通报是什么时候发布的"):
        assert analyze(text).kind != "latest", text
