"""`bulletin-bot source add|list|remove` edit the same sources the bot's /addsource does."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def fresh_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LOAD_SEEDS", "false")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_sources_are_added_listed_and_removed() -> None:
    added = runner.invoke(app, ["source", "add", "https://example.org/rss.xml"])
    assert added.exit_code == 0 and "added  #1" in added.stdout
    again = runner.invoke(app, ["source", "add", "https://example.org/rss.xml"])
    assert "already there" in again.stdout
    assert runner.invoke(app, ["source", "add", "ftp://example.org/x"]).exit_code == 2

    listed = runner.invoke(app, ["source", "list"])
    assert "example.org" in listed.stdout and "#" in listed.stdout

    assert runner.invoke(app, ["source", "remove", "1"]).exit_code == 0
    missing = runner.invoke(app, ["source", "remove", "1"])
    assert missing.exit_code == 1
    assert "no sources yet" in runner.invoke(app, ["source", "list"]).stdout
