"""End to end: `bulletin-bot run` as a real process, polling a fake Bot API server.

One bot process serves the module's tests in order (it opens the seeded store once);
the last tests start a second process on the same token and stop the first.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.errors import NEWCOMER_SECONDS
from tests.botapi.client import BotApiServer, Chat, SentMessage, User

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[1]
QUESTION = "2017年高新区受理了多少举报投诉?"
ADMIN_ID = 900_001
STRANGER_ID = 900_002
REPLY_SECONDS = 20.0
NEW_BULLETIN = """高新区开展2019年冷链食品专项检查

2019年,高新区市场监管局在冷链食品专项检查中共检查冷库217家,查扣问题冻品8642公斤。

(高新区市场监管局 供稿)
"""


@dataclass
class RunningBot:
    process: subprocess.Popen[bytes]
    log: Path
    polling_since: float

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def bot_command() -> list[str]:
    script = shutil.which("bulletin-bot", path=str(Path(sys.executable).parent))
    return [script, "run"] if script else [sys.executable, "-m", "cli.main", "run"]


def start_bot(telegram: BotApiServer, data_dir: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "TELEGRAM_BOT_TOKEN": telegram.token,
        "TELEGRAM_API_BASE_URL": telegram.base_url,
        "TELEGRAM_API_BASE_FILE_URL": telegram.base_file_url,
        "DATA_DIR": str(data_dir),
        "ADMIN_USER_IDS": str(ADMIN_ID),
        "DATABASE_URL": "",
        "WEBHOOK_URL": "",
        "LOG_LEVEL": "INFO",
    }
    with log.open("wb") as sink:
        return subprocess.Popen(bot_command(), cwd=data_dir.parent, env=env,
                                stdout=sink, stderr=subprocess.STDOUT)


@pytest.fixture(scope="module")
def telegram() -> Iterator[BotApiServer]:
    with BotApiServer() as server:
        yield server


@pytest.fixture(scope="module")
def people(telegram: BotApiServer) -> dict[str, Any]:
    ann = telegram.create_user("Ann", user_id=STRANGER_ID)
    admin = telegram.create_user("Admin", user_id=ADMIN_ID)
    group = telegram.create_chat("supergroup", title="打假工作群", creator=ann)
    return {"ann": ann, "admin": admin, "group": group}


@pytest.fixture(scope="module")
def bot(telegram: BotApiServer, people: dict[str, Any],
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningBot]:
    home = tmp_path_factory.mktemp("bot")
    process = start_bot(telegram, home / "data", home / "bot.log")
    running = RunningBot(process, home / "bot.log", 0.0)
    try:
        telegram.wait_for_polling(timeout=60)
        running.polling_since = time.monotonic()
        yield running
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def exchange(telegram: BotApiServer, chat: User | Chat, send: Callable[[], Any],
             replies: int = 1) -> list[SentMessage]:
    """Send something and wait for the bot's next ``replies`` messages in that chat."""
    before = len(telegram.sent_messages(chat.id))
    send()
    return telegram.wait_for_messages(chat.id, before + replies, REPLY_SECONDS)[before:]


def bold(message: SentMessage) -> list[str]:
    """The bold spans as Telegram shows them (offsets are UTF-16 units)."""
    units = (message.text or "").encode("utf-16-le")
    return [units[e["offset"] * 2:(e["offset"] + e["length"]) * 2].decode("utf-16-le")
            for e in message.entities if e["type"] == "bold"]


def test_private_question_gets_the_cited_figure(telegram: BotApiServer, bot: RunningBot,
                                               people: dict[str, Any]) -> None:
    ann = people["ann"]
    [reply] = exchange(telegram, ann, lambda: telegram.send_private_text(ann, QUESTION))
    assert bold(reply) == ["3843宗"]
    assert "2017年,各打假职能部门共受理举报投诉3843宗" in (reply.text or "")
    assert "《高新区落实打假责任为打造质量标准高地保驾护航》" in (reply.text or "")
    print(f"\nAnn: {QUESTION}\nBot:\n{reply.text}")


def test_follow_up_in_the_same_chat(telegram: BotApiServer, bot: RunningBot,
                                    people: dict[str, Any]) -> None:
    ann = people["ann"]
    [reply] = exchange(telegram, ann, lambda: telegram.send_private_text(ann, "那2018年呢?"))
    assert "2018年高新区受理了多少举报投诉" in (reply.text or "")
    print(f"\nAnn: 那2018年呢?\nBot:\n{reply.text}")


def test_flood_control_retries_after_a_429(telegram: BotApiServer, bot: RunningBot,
                                           people: dict[str, Any]) -> None:
    ann = people["ann"]
    telegram.fail_next(ann, 429, retry_after=1)
    [reply] = exchange(telegram, ann, lambda: telegram.send_private_text(ann, QUESTION))
    assert bold(reply) == ["3843宗"]
    assert [r.status for r in telegram.requests("sendMessage")][-2:] == [429, 200]


def test_group_chatter_gets_nothing_and_ask_gets_one_reply(
    telegram: BotApiServer, bot: RunningBot, people: dict[str, Any]
) -> None:
    ann, group = people["ann"], people["group"]
    telegram.send_group_text(group, ann, "大家中午吃什么?")
    telegram.send_group_text(group, ann, QUESTION)
    asked = telegram.send_group_text(group, ann, f"/ask {QUESTION}")
    [answer] = telegram.wait_for_messages(group.id, 1, REPLY_SECONDS)
    assert bold(answer) == ["3843宗"]
    assert answer.reply_to_message_id == asked["message"]["message_id"]
    # A marker command proves the chatter before it was processed and left unanswered.
    answer_and_help = exchange(telegram, group,
                               lambda: telegram.send_group_text(group, ann, "/help"))
    assert "隐私模式" in (answer_and_help[0].text or "")
    assert len(telegram.sent_messages(group.id)) == 2


def test_stats_for_the_admin_and_a_refusal_for_others(
    telegram: BotApiServer, bot: RunningBot, people: dict[str, Any]
) -> None:
    ann, admin = people["ann"], people["admin"]
    [refusal] = exchange(telegram, ann, lambda: telegram.send_private_text(ann, "/stats"))
    assert "只对管理员开放" in (refusal.text or "")
    assert "通报" not in (refusal.text or "")
    [stats] = exchange(telegram, admin, lambda: telegram.send_private_text(admin, "/stats"))
    assert "通报：1 篇" in (stats.text or "")
    assert "提问：4 次" in (stats.text or "")  # Ann's three and the group's /ask, not chatter
    print(f"\nAdmin: /stats\nBot:\n{stats.text}")


def test_uploaded_bulletin_is_ingested_then_answerable(
    telegram: BotApiServer, bot: RunningBot, people: dict[str, Any]
) -> None:
    admin = people["admin"]
    [stored] = exchange(telegram, admin, lambda: telegram.send_document(
        None, admin, "cold-chain-2019.txt", NEW_BULLETIN.encode("gbk"), "text/plain"))
    assert "已收录《高新区开展2019年冷链食品专项检查》" in (stored.text or "")
    question = "2019年高新区查扣了多少问题冻品?"
    [reply] = exchange(telegram, admin, lambda: telegram.send_private_text(admin, question))
    assert bold(reply) == ["8642公斤"]
    print(f"\nAdmin: [cold-chain-2019.txt]\nBot: {stored.text}\nAdmin: {question}\n"
          f"Bot:\n{reply.text}")


def test_second_process_on_the_same_token_exits_with_conflict(
    telegram: BotApiServer, bot: RunningBot, people: dict[str, Any], tmp_path: Path
) -> None:
    time.sleep(max(0.0, bot.polling_since + NEWCOMER_SECONDS + 1 - time.monotonic()))
    second = start_bot(telegram, bot.log.parent / "data", tmp_path / "second.log")
    try:
        code = second.wait(timeout=60)
    finally:
        if second.poll() is None:
            second.kill()
            second.wait()
    output = (tmp_path / "second.log").read_text(errors="replace")
    assert code != 0
    assert "already polling Telegram with this token" in output
    assert bot.process.poll() is None, bot.output()
    ann = people["ann"]
    [reply] = exchange(telegram, ann, lambda: telegram.send_private_text(ann, QUESTION))
    assert bold(reply) == ["3843宗"]


def test_sigterm_shuts_down_cleanly(bot: RunningBot) -> None:
    bot.process.send_signal(signal.SIGTERM)
    assert bot.process.wait(timeout=30) == 0
    assert "Traceback" not in bot.output()
