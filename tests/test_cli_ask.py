"""The command line answers from the seeds on a fresh data directory, as text and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def fresh_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_ask_prints_figure_sentence_and_citation() -> None:
    result = runner.invoke(app, ["ask", "2017年高新区受理了多少举报投诉?"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("3843宗")
    assert "2017年,各打假职能部门共受理举报投诉3843宗" in result.output
    assert "《高新区落实打假责任为打造质量标准高地保驾护航》(高新区市场监管局 供稿)" in result.output


def test_ask_json_has_the_contract_fields() -> None:
    result = runner.invoke(app, ["ask", "--json", "高新区为消费者挽回了多少经济损失?"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["abstained"] is False
    assert answer["value"] == 6500000
    assert answer["unit"] == "元"
    assert answer["approximate"] is True
    assert answer["citation"]["issuer"] == "高新区市场监管局"
    assert answer["citation"]["title"] == "高新区落实打假责任为打造质量标准高地保驾护航"
    assert answer["passages"] and "score" in answer["passages"][0]


def test_ask_json_reads_questions_from_stdin_in_order() -> None:
    questions = "节前打假行动组织了几次?\n\n2018年高新区受理了多少举报投诉?\n取缔了几家无证黑网吧?\n"
    result = runner.invoke(app, ["ask", "--json", "-"], input=questions)
    assert result.exit_code == 0, result.output
    answers = [json.loads(line) for line in result.output.splitlines()]
    assert [a["question"] for a in answers] == [
        "节前打假行动组织了几次?", "2018年高新区受理了多少举报投诉?", "取缔了几家无证黑网吧?",
    ]
    assert answers[0]["value"] == 3 and answers[0]["unit"] == "次"
    assert answers[1]["abstained"] is True and answers[1]["answer"] is None
    assert answers[1]["passages"]
    assert answers[2]["value"] == 1 and answers[2]["unit"] == "家"


def test_ingest_reports_failures_and_stats_count_bulletins(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    good = tmp_path / "good.txt"
    good.write_text("某市发布通报\n\n2019年,某市共检查餐饮单位88家。\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(bad), str(good)])
    assert result.exit_code == 1, result.output  # the good file is stored; the batch says one failed
    assert "1 added, 0 duplicate, 1 failed" in result.output
    assert "bad.txt" in result.output
    stats = runner.invoke(app, ["stats"])
    assert stats.exit_code == 0
    assert "bulletins" in stats.output and "│ 2 " in stats.output.replace("  ", " ")
