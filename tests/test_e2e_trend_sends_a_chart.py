"""End to end: `/trend` in a private chat, against `bulletin-bot run` polling the local
Bot API server, answers with a photo: a PNG that decodes, of the chart's size, captioned
with the cited value of each year and the years not found.

The bot's store is filled from five real work reports (2015–2019, copied from ../shared
as its seed folder), so 2014–2018 are stated and 2013 is not.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Iterator

import pytest

from service.chart import HEIGHT_PX, WIDTH_PX
from tests.botapi.client import BotApiServer
from tests.conftest import REPO, SHARED
from tests.test_e2e_bot_polling import bot_command

pytestmark = pytest.mark.e2e

REPORTS = SHARED / "corpus" / "gov-work-reports"
REPLY_SECONDS = 60.0
# 城镇新增就业 as the next year's report states it.
STATED = {2014: 1322, 2015: 1312, 2016: 1314, 2017: 1351, 2018: 1361}


@pytest.fixture(scope="module")
def telegram() -> Iterator[BotApiServer]:
    with BotApiServer() as server:
        yield server


@pytest.fixture(scope="module")
def running_bot(telegram: BotApiServer,
                tmp_path_factory: pytest.TempPathFactory) -> Iterator[subprocess.Popen[bytes]]:
    if not REPORTS.is_dir():
        pytest.skip(f"{REPORTS} is not available (the shared corpus sits beside the repo)")
    home = tmp_path_factory.mktemp("trend-bot")
    seeds = home / "seeds"
    seeds.mkdir()
    for year in range(2015, 2020):
        shutil.copy(REPORTS / f"{year}.txt", seeds / f"{year}.txt")
    env = {**os.environ, "PYTHONPATH": str(REPO), "TELEGRAM_BOT_TOKEN": telegram.token,
           "TELEGRAM_API_BASE_URL": telegram.base_url,
           "TELEGRAM_API_BASE_FILE_URL": telegram.base_file_url,
           "DATA_DIR": str(home / "data"), "SEEDS_DIR": str(seeds), "DATABASE_URL": "",
           "WEBHOOK_URL": "", "LOG_LEVEL": "INFO"}
    with (home / "bot.log").open("wb") as log:
        process = subprocess.Popen(bot_command(), cwd=home, env=env, stdout=log,
                                   stderr=subprocess.STDOUT)
    try:
        telegram.wait_for_polling(timeout=90)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_trend_sends_a_chart_captioned_with_the_cited_values(
    telegram: BotApiServer, running_bot: subprocess.Popen[bytes],
) -> None:
    from matplotlib.image import imread

    ann = telegram.create_user("Ann")
    telegram.send_private_text(ann, "/trend 2013-2018年城镇新增就业")
    [sent] = telegram.wait_for_messages(ann.id, 1, REPLY_SECONDS)
    assert sent.method == "sendPhoto"
    [photo] = sent.message["photo"]
    assert (photo["width"], photo["height"]) == (WIDTH_PX, HEIGHT_PX)
    pixels = imread(io.BytesIO(telegram.file_bytes(photo["file_id"])), format="png")
    assert pixels.shape[:2] == (HEIGHT_PX, WIDTH_PX)
    caption = sent.text or ""
    assert caption.startswith("城镇新增就业（2013—2018年）：找到5年")
    for year, value in STATED.items():
        assert f"{year}年：{value}万人 —《{year + 1}年中华人民共和国国务院政府工作报告》" in caption
    assert "未找到数字：2013年" in caption
    print(f"\nAnn: /trend 2013-2018年城镇新增就业\nBot (photo caption):\n{caption}")


def test_trend_without_a_subject_says_how_to_use_it(
    telegram: BotApiServer, running_bot: subprocess.Popen[bytes],
) -> None:
    bob = telegram.create_user("Bob")
    telegram.send_private_text(bob, "/trend")
    [sent] = telegram.wait_for_messages(bob.id, 1, REPLY_SECONDS)
    assert sent.method == "sendMessage" and "/trend" in (sent.text or "")
