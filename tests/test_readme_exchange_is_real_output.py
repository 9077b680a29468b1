"""The README's "real exchange" is what ``bulletin-bot chat`` prints on a fresh store:
the lines typed at the 问> prompts, asked again, give the recorded replies line for line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.terminal import PROMPT
from cli.main import app
from tests.conftest import REPO


def _recorded_exchange() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### A real exchange"):]
    start = section.index("```\n") + len("```\n")
    return section[start:section.index("```", start)].splitlines()


def test_the_readme_exchange_is_what_chat_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SEEDS_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    recorded = _recorded_exchange()
    typed = [line[len(PROMPT):] for line in recorded if line.startswith(PROMPT)]
    assert typed[-1] == "/quit" and len(typed) >= 4
    result = CliRunner().invoke(app, ["chat"], input="\n".join(typed) + "\n")
    assert result.exit_code == 0, result.output
    # A terminal echoes what is typed after the prompt; CliRunner's output does not.
    expected = [PROMPT if line.startswith(PROMPT) else line for line in recorded]
    printed = result.output.replace(PROMPT, PROMPT + "\n").splitlines()
    assert [line for line in printed if line] == expected
