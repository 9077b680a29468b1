"""End to end: `bulletin-bot run` is running; `bulletin-bot ingest new.txt` in another
process stores a bulletin in the same SQLite store; within the delivery interval every
subscribed chat whose keywords match gets exactly one post, and no other chat any."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.botapi.client import BotApiServer
from tests.test_e2e_bot_polling import REPO, bot_command

pytestmark = [pytest.mark.e2e]

DELIVERY_SECONDS = 1.0
NEW_BULLETIN = """高新区开展2019年冷链食品专项检查

2019年,高新区市场监管局在冷链食品专项检查中共检查冷库217家,查扣问题冻品8642公斤。

(高新区市场监管局 供稿)
"""
# Stored after the first post: once every chat has it, later delivery rounds have run.
MARKER_BULLETIN = """高新区开展2019年农药冷链联合检查

2019年,高新区市场监管局联合检查农药经营门店12家、冷链仓库3家。

(高新区市场监管局 供稿)
"""


def environment(telegram: BotApiServer, data_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "TELEGRAM_BOT_TOKEN": telegram.token,
        "TELEGRAM_API_BASE_URL": telegram.base_url,
        "TELEGRAM_API_BASE_FILE_URL": telegram.base_file_url,
        "DATA_DIR": str(data_dir),
        "DATABASE_URL": "",
        "WEBHOOK_URL": "",
        "ADMIN_USER_IDS": "",
        "DELIVERY_INTERVAL_SECONDS": str(DELIVERY_SECONDS),
        "SOURCE_CHECK_SECONDS": "3600",
        "LOG_LEVEL": "INFO",
    }


@pytest.fixture
def bot_process(botapi: BotApiServer, tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    log = tmp_path / "bot.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(bot_command(), cwd=tmp_path,
                                   env=environment(botapi, tmp_path / "data"),
                                   stdout=sink, stderr=subprocess.STDOUT)
    try:
        botapi.wait_for_polling(timeout=60)
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_cli_ingest_while_the_bot_runs_posts_once_to_each_subscribed_chat(
    botapi: BotApiServer, bot_process: subprocess.Popen[bytes], tmp_path: Path
) -> None:
    ann, bob = botapi.create_user("Ann"), botapi.create_user("Bob")
    group = botapi.create_chat("supergroup", "打假工作群", creator=ann)
    botapi.send_group_text(group, ann, "/subscribe")
    botapi.send_private_text(ann, "/subscribe 冷链 -广告")
    botapi.send_private_text(bob, "/subscribe 农药")
    for chat in (group.id, ann.id, bob.id):
        [confirmed] = botapi.wait_for_messages(chat, 1, timeout=20)
        assert "已订阅" in (confirmed.text or "")

    _cli_ingest(botapi, tmp_path, "new.txt", NEW_BULLETIN)
    stored_at = time.monotonic()

    [_, group_post] = botapi.wait_for_messages(group, 2, timeout=10 * DELIVERY_SECONDS)
    [_, ann_post] = botapi.wait_for_messages(ann, 2, timeout=10 * DELIVERY_SECONDS)
    print(f"\nposted {time.monotonic() - stored_at:.1f} s after the CLI stored it:\n"
          f"{group_post.text}")
    for post in (group_post, ann_post):
        assert "《高新区开展2019年冷链食品专项检查》" in (post.text or "")
    # Later delivery rounds must not post it again: a bulletin stored afterwards reaches
    # every chat, so rounds after the first post have run, and the first came once.
    _cli_ingest(botapi, tmp_path, "marker.txt", MARKER_BULLETIN)
    for chat, count in ((group, 3), (ann, 3), (bob, 2)):
        posts = botapi.wait_for_messages(chat, count, timeout=10 * DELIVERY_SECONDS)
        assert "农药冷链联合检查" in (posts[-1].text or "")
        assert len(botapi.sent_messages(chat)) == count
        first = [p for p in posts if "冷链食品专项检查" in (p.text or "")]
        assert len(first) == (0 if chat is bob else 1)

    bot_process.send_signal(signal.SIGTERM)
    assert bot_process.wait(timeout=30) == 0


def _cli_ingest(botapi: BotApiServer, tmp_path: Path, name: str, text: str) -> None:
    """`bulletin-bot ingest` in a process of its own, as an operator would run it."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    ingested = subprocess.run([*bot_command()[:-1], "ingest", str(path)], cwd=tmp_path,
                              env=environment(botapi, tmp_path / "data"),
                              capture_output=True, text=True, timeout=120)
    assert ingested.returncode == 0, ingested.stderr
    assert "1 added" in ingested.stdout
