"""Over the 31 provincial reports, an answer's headline says what the figure is (region,
year, indicator, status) and a question naming no region that several provinces' reports
answer asks which province instead of picking one. Through the bot and the CLI."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.app import build_application
from cli.main import app
from qa.regions import gazetteer
from service.engine import Engine
from service.presentation import PLAIN, REGION_SEPARATOR, answer_blocks
from service.settings import Settings
from tests.conftest import engine_over, shared_path
from tests.offline_bot import TOKEN, OfflineBotApi, feed, private_text

runner = CliRunner()
NO_REGION = "2025年城镇新增就业多少人？"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("provincial")


@pytest.fixture(scope="module")
def provincial(data_dir: Path) -> Iterator[Engine]:
    settings = Settings(  # type: ignore[call-arg]
        data_dir=data_dir, database_url="", load_seeds=False, _env_file=None)
    engine = Engine.open(settings)
    engine.ingest_paths([shared_path("corpus", "provincial-reports-2026")])
    yield engine
    engine.close()


@pytest.fixture
async def provincial_bot(provincial: Engine) -> AsyncIterator[tuple[Any, OfflineBotApi]]:
    api = OfflineBotApi()
    settings = provincial.settings.model_copy(update={"telegram_bot_token": TOKEN})
    application = build_application(settings, provincial, request=api,
                                    get_updates_request=OfflineBotApi())
    async with application:
        yield application, api


def _listed_regions(text: str) -> list[str]:
    """The regions a which-region reply lists, between its first ： and 。."""
    listed = text.split("：", 1)[1].split("。", 1)[0]
    return listed.split(REGION_SEPARATOR)


async def test_headline_names_province_year_indicator_and_target(provincial_bot: Any) -> None:
    application, api = provincial_bot
    await feed(application, private_text(7, "2025年江苏城镇新增就业多少人？"))
    await feed(application, private_text(7, "2026年陕西城镇新增就业的预期目标是多少？"))
    achieved, planned = (sent["text"].splitlines()[0] for sent in api.sent)
    assert achieved == "江苏省2025年城镇新增就业：<b>141万人</b>"
    assert planned == "陕西省2026年城镇新增就业预期目标：<b>40万人以上</b>"


async def test_a_question_naming_no_region_asks_which_of_the_matching_provinces(
    provincial_bot: Any,
) -> None:
    application, api = provincial_bot
    await feed(application, private_text(7, NO_REGION))
    [sent] = api.sent
    regions = _listed_regions(sent["text"])
    assert len(regions) >= 2
    assert all(gazetteer().lookup(region) for region in regions), regions
    assert "<b>" not in sent["text"]  # no figure picked
    assert f"2025年{regions[0]}城镇新增就业多少人？" in sent["text"]


async def test_answering_with_a_region_after_the_region_question_gets_the_figure(
    provincial_bot: Any,
) -> None:
    application, api = provincial_bot
    await feed(application, private_text(7, NO_REGION))
    await feed(application, private_text(7, "那浙江呢"))
    assert "浙江省2025年城镇新增就业：<b>115.8万人</b>" in api.sent[-1]["text"]


def test_cli_ask_prints_the_headline_and_json_carries_the_region_question(
    provincial: Engine, data_dir: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATA_DIR", str(data_dir))
    monkeypatch.setenv("LOAD_SEEDS", "false")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(data_dir)  # no stray .env
    answered = runner.invoke(app, ["ask", "2025年江苏城镇新增就业多少人？"])
    assert answered.exit_code == 0, answered.output
    assert answered.output.splitlines()[0] == "江苏省2025年城镇新增就业：141万人"
    asked_back = json.loads(runner.invoke(app, ["ask", "--json", NO_REGION]).output)
    assert asked_back["kind"] == "clarify"
    assert asked_back["abstained"] is True
    assert asked_back["figure"] is None
    assert len(asked_back["regions"]) >= 2


PROVINCE_REPORT = """2026年江苏省政府工作报告

一、2025年工作回顾
2025年，全省地区生产总值增长5.1%。苏州市城镇新增就业18.2万人。
粮食总产量达到760亿斤。一般公共预算收入增长3%。
新建高标准农田200万亩。改造城镇老旧小区1000个。
社会消费品零售总额增长4.5%。外贸进出口总额增长6%。

来源：新华日报
"""


def test_a_city_figure_in_its_provinces_report_is_headed_by_the_city(tmp_path: Path) -> None:
    report = tmp_path / "jiangsu.txt"
    report.write_text(PROVINCE_REPORT, encoding="utf-8")
    engine = engine_over(tmp_path / "data", [report])
    try:
        city = answer_blocks(engine.ask("2025年苏州城镇新增就业多少人?"), PLAIN)[0]
        province = answer_blocks(engine.ask("2025年粮食总产量是多少"), PLAIN)[0]
    finally:
        engine.close()
    assert city == "苏州市2025年城镇新增就业：18.2万人"
    assert province == "江苏省2025年粮食总产量：760亿斤"
