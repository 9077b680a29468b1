"""A work report is issued (发布) by its government, a newspaper's reprint names the paper
as its source (来源：东城日报), never 供稿; an office's bulletin is still contributed (供稿).
Dates read 2024年1月20日 or 日期不详; the link is 查看原文, and the terminal shows the
address decoded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli.main import app
from service.presentation import DATE_UNKNOWN, LINK_LABEL
from service.settings import Settings
from tests.offline_bot import feed, private_text
from tests.replies import (
    ISSUER,
    OWN_REPORT_QUESTION,
    OWN_REPORT_TITLE,
    QUESTION,
    REPORT_QUESTION,
    REPORT_TITLE,
    REPORT_URL,
    REPORT_URL_DECODED,
    TITLE,
    settings_over,
)

SEED_QUESTION = "2017年高新区受理了多少举报投诉？"
REPRINT = f"出处：《{REPORT_TITLE}》（来源：东城日报） · 2024年1月20日 · "
ISSUED = f"出处：《{OWN_REPORT_TITLE}》（西城区人民政府 发布） · 2024年1月18日"
CONTRIBUTED = f"出处：《{TITLE}》（{ISSUER} 供稿） · {DATE_UNKNOWN}"
SEED_CONTRIBUTED = "（高新区市场监管局 供稿） · 日期不详"


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return settings_over(tmp_path, database_url)


async def test_bot_cites_issuer_role_chinese_date_and_a_labelled_link(bot: Any) -> None:
    application, api = bot
    for question in (REPORT_QUESTION, OWN_REPORT_QUESTION, QUESTION, SEED_QUESTION):
        await feed(application, private_text(7, question))
    reprint, issued, contributed, seed = (sent["text"] for sent in api.sent)
    assert "<b>5.6万人</b>" in reprint
    assert f'{REPRINT}<a href="{REPORT_URL}">{LINK_LABEL}</a>' in reprint
    assert ISSUED in issued and "<a " not in issued  # no address, no link
    assert CONTRIBUTED in contributed
    assert SEED_CONTRIBUTED in seed
    assert all("供稿" not in text for text in (reprint, issued))


def test_cli_cites_the_same_and_prints_the_address_decoded(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("SEEDS_DIR", str(settings.seeds_dir))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("COLUMNS", "300")  # rich must not wrap the address
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    reprint = runner.invoke(app, ["ask", REPORT_QUESTION]).output
    assert f"{REPRINT}{LINK_LABEL}：{REPORT_URL_DECODED}\n" in reprint
    assert "%E6" not in reprint
    assert ISSUED in runner.invoke(app, ["ask", OWN_REPORT_QUESTION]).output
    assert CONTRIBUTED in runner.invoke(app, ["ask", QUESTION]).output
    latest = runner.invoke(app, ["latest"]).output
    assert f"《{REPORT_TITLE}》（来源：东城日报）" in latest and "供稿" in latest
    assert f"《{REPORT_TITLE}》（东城日报 供稿）" not in latest
