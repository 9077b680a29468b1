"""Every Chinese reply the bot writes itself uses full-width punctuation: no half-width
,:;()!? next to a Chinese character, in Telegram, in ``chat`` and on the command line.

The store holds bulletins typed in full-width marks and the questions end in ？, so any
half-width mark in a reply was written by us. (/unanswered is left out: it lists what
users typed.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli.main import app
from service.settings import Settings
from tests.offline_bot import feed, group_text, private_text
from tests.replies import (
    OWN_REPORT_QUESTION,
    QUESTION,
    REPORT_QUESTION,
    UNANSWERABLE,
    half_width_in,
    plain,
    settings_over,
)

ADMIN = 42
# Everything a user can make the bot say without an upload or a source: answers, a
# follow-up, "not sure", search, latest, help, usage errors, subscriptions, admin stats.
MESSAGES = [
    "/start", "/help", QUESTION, "那2022年呢？", UNANSWERABLE, REPORT_QUESTION,
    OWN_REPORT_QUESTION, "/search 住房保障", "/search", "/ask", "/latest", "/nosuch",
    "/subscriptions", "/subscribe 住房 -广告 daily 08:00", "/subscriptions",
    "/unsubscribe 7", "/unsubscribe", "/trend 2022-2023年城镇新增就业", "/trend",
    "2023年比2022年东城市受理的住房保障申请多了多少？",
    "你好", "hello", "你能做什么", "谢谢", "👍", "最近有什么新通报？", QUESTION, "那上海呢？",
]
ADMIN_MESSAGES = ["/stats", "/sources", "/addsource", "/delsource"]
CHAT_LINES = [line for line in MESSAGES if not line.startswith(("/sub", "/unsub", "/trend"))]


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return settings_over(tmp_path, database_url, stock_seed=False)


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    return {"admin_user_ids": [ADMIN], "questions_per_user_per_minute": 100}


async def test_bot_replies_have_no_half_width_marks_beside_chinese(bot: Any) -> None:
    application, api = bot
    for text in MESSAGES:
        await feed(application, private_text(7, text))
    for text in ADMIN_MESSAGES:
        await feed(application, private_text(ADMIN, text))
    await feed(application, group_text(7, "/ask"))
    await feed(application, group_text(7, "/start"))
    await feed(application, group_text(7, "/help"))
    await feed(application, private_text(8, "/stats"))  # the refusal
    replies = [plain(sent["text"]) for sent in api.sent]
    replies += [plain(photo.get("caption", "")) for photo in api.calls_to("sendPhoto")]
    assert len(replies) >= len(MESSAGES) + len(ADMIN_MESSAGES) + 2
    assert any("原文：“" in reply for reply in replies)  # the answers are among them
    assert any("出处：《" in reply for reply in replies)
    offending = {reply[:40]: half_width_in(reply) for reply in replies if half_width_in(reply)}
    assert offending == {}


def test_chat_and_ask_have_no_half_width_marks_beside_chinese(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("SEEDS_DIR", str(settings.seeds_dir))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    outputs = [runner.invoke(app, ["chat"], input="\n".join(CHAT_LINES) + "\n/quit\n").output]
    for question in (QUESTION, UNANSWERABLE, REPORT_QUESTION, OWN_REPORT_QUESTION):
        outputs.append(runner.invoke(app, ["ask", question]).output)
    outputs.append(runner.invoke(app, ["latest"]).output)
    outputs.append(runner.invoke(app, ["search", "住房保障"]).output)
    assert "原文：“" in outputs[0] and "出处：《" in outputs[1]
    assert [half_width_in(output) for output in outputs] == [[]] * len(outputs)
