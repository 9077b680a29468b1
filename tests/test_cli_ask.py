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
    assert result.output.splitlines() == [
        "珠海市高新区2017年受理举报投诉：3843宗",
        "原文：“2017年,各打假职能部门共受理举报投诉3843宗,为消费者挽回经济损失约650万余元。”",
        "出处：《高新区落实打假责任为打造质量标准高地保驾护航》（高新区市场监管局 供稿） · 日期不详",
    ]


def test_ask_abstains_in_the_same_words_as_the_bot() -> None:
    result = runner.invoke(app, ["ask", "2018年高新区受理了多少举报投诉?"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(
        "没有找到能可靠回答“2018年高新区受理了多少举报投诉”的数字，宁可不答，也不给错的数字。\n"
        "最接近的原文句子：\n1. ")


def test_ask_json_has_the_contract_fields() -> None:
    result = runner.invoke(app, ["ask", "--json", "高新区为消费者挽回了多少经济损失?"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["abstained"] is False
    assert answer["figure"] == "约650万余元"
    assert answer["answer"].startswith("约650万余元 — ")
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
    assert result.exit_code == 1, result.output  # any failure, not only all of them
    assert "1 added, 0 duplicate, 1 failed" in result.output
    assert "bad.txt" in result.output
    stats = runner.invoke(app, ["stats"])
    assert stats.exit_code == 0
    assert "bulletins" in stats.output and "│ 2 " in stats.output.replace("  ", " ")


def test_paths_that_cannot_be_read_are_reported_and_the_rest_is_stored(tmp_path: Path) -> None:
    """A name too long to look up (as an unreadable folder does, but even for root), a
    FIFO that would block a read forever, a missing file: each is listed, the good one
    stored, and the exit status says something failed."""
    import os

    good = tmp_path / "good.txt"
    good.write_text("某市发布通报\n\n2019年,某市共检查餐饮单位88家。\n", encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    unlookable = tmp_path / ("x" * 300) / "a.txt"
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["ingest", str(unlookable), str(fifo), str(missing), str(good)])
    assert result.exit_code == 1, result.output
    assert "1 added, 0 duplicate, 3 failed" in result.output
    output = " ".join(result.output.split())
    assert "pipe.txt: not a regular file" in output
    assert "File name too long" in output


def test_ingest_help_documents_the_exit_status() -> None:
    result = runner.invoke(app, ["ingest", "--help"])
    assert "1 when any file or" in " ".join(result.output.split())


@pytest.mark.parametrize("question", ["", "   "])
def test_an_empty_question_gets_a_clear_message(question: str) -> None:
    result = runner.invoke(app, ["ask", question])
    assert result.exit_code == 2
    assert "the question is empty" in result.output


def test_an_empty_question_in_json_is_an_object_with_an_error() -> None:
    result = runner.invoke(app, ["ask", "--json", ""])
    assert result.exit_code == 2
    answer = json.loads(result.output)
    assert answer["question"] == "" and "empty" in answer["error"]


def test_search_takes_several_words_as_the_readme_shows() -> None:
    result = runner.invoke(app, ["search", "农药", "专项检查"])
    assert result.exit_code == 0, result.output
    assert "全年共进行7次农药专项检查" in result.output
