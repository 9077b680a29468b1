"""When the bot is not sure it says what it did not find, shows the closest real sentences
(never page debris or a bare meeting dateline), suggests a year and a region, and offers
/search on the question's own words — in Telegram and on the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli.main import app
from service.engine import Engine
from service.presentation import CLOSEST, NOTHING_CLOSE, is_sentence
from service.settings import Settings
from tests.offline_bot import feed, private_text
from tests.replies import REPORT_DATELINE, plain, settings_over

# The dateline shares most words with this question, so it is the top passage.
SESSION_QUESTION = "东城市第十七届人民代表大会第三次会议有多少位代表？"
NOT_FOUND = "没有找到能可靠回答“东城市第十七届人民代表大会第三次会议有多少位代表”的数字"
NOTHING_QUESTION = "火星上有多少只企鹅？"


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return settings_over(tmp_path, database_url)


def _checks_not_sure(text: str) -> None:
    assert text.startswith(NOT_FOUND)
    assert f"\n{CLOSEST}\n1. " in text
    assert REPORT_DATELINE not in text
    assert "写明年份和地区" in text
    assert "/search 东 城市 第十七届 人民代表大会 第三次 会议 代表 查找相关通报。" in text
    assert "没有把握" not in text and "段落" not in text


@pytest.mark.parametrize("debris", ["】", "下载", "【字号：", "第一,", "各位代表!", REPORT_DATELINE,
                                    "——2024年3月5日在第十四届全国人民代表大会第二次会议上"])
def test_debris_is_not_a_sentence(debris: str) -> None:
    assert not is_sentence(debris)


def test_a_short_real_sentence_is_one() -> None:
    assert is_sentence("全年城镇新增就业５．６万人。")


async def test_bot_not_sure_names_the_question_shows_sentences_and_suggests(
    bot: Any, engine: Engine
) -> None:
    assert any(hit.quote == REPORT_DATELINE for hit in engine.search(SESSION_QUESTION))
    application, api = bot
    await feed(application, private_text(7, SESSION_QUESTION))
    await feed(application, private_text(7, NOTHING_QUESTION))
    session, nothing = (plain(sent["text"]) for sent in api.sent)
    _checks_not_sure(session)
    assert nothing.startswith("没有找到能可靠回答“火星上有多少只企鹅”的数字")
    assert NOTHING_CLOSE in nothing and CLOSEST not in nothing
    assert "/search 火星 企鹅 查找相关通报。" in nothing


def test_cli_not_sure_reads_the_same(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("SEEDS_DIR", str(settings.seeds_dir))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "300")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["ask", SESSION_QUESTION])
    assert result.exit_code == 0, result.output
    _checks_not_sure(result.output)
