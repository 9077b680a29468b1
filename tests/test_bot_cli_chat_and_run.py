"""`bulletin-bot chat` holds the bot's conversation in a terminal; `run` needs a token."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cli.main import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def fresh_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)  # no stray .env


def test_chat_answers_follow_ups_and_commands_as_plain_text() -> None:
    lines = ["2017年高新区受理了多少举报投诉?", "那2018年呢?", "/search 农药 专项检查",
             "/latest", "/help", "/quit"]
    result = runner.invoke(app, ["chat"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    output = result.output
    assert "珠海市高新区2017年受理举报投诉：3843宗\n原文：“2017年,各打假职能部门共受理举报投诉3843宗" in output
    assert "出处：《高新区落实打假责任为打造质量标准高地保驾护航》（高新区市场监管局 供稿）" in output
    assert "我理解您问的是：“2018年高新区受理了多少举报投诉？”" in output
    assert "全年共进行7次农药专项检查" in output
    assert "最近收录的1份通报（按收录时间）：" in output
    assert "/search 关键词" in output
    assert "<b>" not in output


def test_run_without_a_token_explains_botfather_and_fails() -> None:
    result = runner.invoke(app, ["run"])
    assert result.exit_code != 0
    assert "TELEGRAM_BOT_TOKEN is not set" in result.output
    assert "@BotFather" in result.output


def test_webhook_url_switches_run_to_a_webhook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from telegram.ext import Application

    from bot import runner
    from service.settings import Settings

    calls: list[dict[str, Any]] = []

    async def reachable(settings: Settings) -> None:
        return None

    monkeypatch.setattr(runner, "wait_for_telegram", reachable)
    monkeypatch.setattr(Application, "run_webhook", lambda self, **kw: calls.append(kw))
    monkeypatch.setattr(Application, "run_polling", lambda self, **kw: pytest.fail("polled"))
    settings = Settings(data_dir=tmp_path / "data", telegram_bot_token="1:x",
                        webhook_url="https://bot.example.org/telegram/hook", webhook_port=8443,
                        webhook_secret_token="s3cret", _env_file=None)  # type: ignore[call-arg]
    assert runner.run(settings) == 0
    [call] = calls
    assert call["webhook_url"] == "https://bot.example.org/telegram/hook"
    assert call["url_path"] == "telegram/hook"
    assert (call["listen"], call["port"], call["secret_token"]) == ("0.0.0.0", 8443, "s3cret")


def test_webhook_mode_refuses_to_start_without_a_secret(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from telegram.ext import Application

    from bot import runner
    from service.settings import Settings

    monkeypatch.setattr(Application, "run_webhook", lambda self, **kw: pytest.fail("listened"))
    settings = Settings(data_dir=tmp_path / "data", telegram_bot_token="1:x",
                        webhook_url="https://bot.example.org/telegram",
                        _env_file=None)  # type: ignore[call-arg]
    assert runner.run(settings) == 2
    assert "WEBHOOK_URL is set but WEBHOOK_SECRET_TOKEN is not" in capsys.readouterr().err


def test_a_rejected_token_is_not_printed(tmp_path: Path, botapi_server: Any) -> None:
    import os
    import subprocess
    import sys

    token = "987654:NOT-a-real-token-0123456789"
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": token, "DATA_DIR": str(tmp_path / "data"),
           "TELEGRAM_API_BASE_URL": botapi_server.base_url, "WEBHOOK_URL": "",
           "DATABASE_URL": ""}
    done = subprocess.run([sys.executable, "-m", "cli.main", "run"], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode != 0
    assert "Telegram rejected TELEGRAM_BOT_TOKEN" in done.stderr
    assert "NOT-a-real-token" not in done.stdout + done.stderr



def test_an_unreachable_telegram_is_one_line_per_attempt_not_a_traceback(
    tmp_path: Path,
) -> None:
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "123:abc", "DATA_DIR": str(tmp_path / "data"),
           "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{closed_port}/bot", "WEBHOOK_URL": "",
           "DATABASE_URL": ""}
    log = tmp_path / "run.log"
    with log.open("wb") as sink:
        bot = subprocess.Popen([sys.executable, "-m", "cli.main", "run"], env=env, cwd=tmp_path,
                               stdout=sink, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while log.read_text().count("Telegram is unreachable") < 2:
            assert bot.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
    finally:
        bot.send_signal(signal.SIGTERM)
        bot.wait(timeout=30)
    output = log.read_text()
    assert "Traceback" not in output
    lines = [line for line in output.splitlines() if "Telegram is unreachable" in line]
    assert "retrying in 1 s" in lines[0] and "retrying in 2 s" in lines[1]
    assert len(output.splitlines()) == len(lines)


async def test_waiting_for_telegram_ends_when_it_answers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Two Bad Gateways, then getMe answers: two lines logged, and the wait is over."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from bot import runner
    from service.settings import Settings

    answers = [502, 502, 200]

    class Api(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            status = answers.pop(0) if answers else 200
            body = (json.dumps({"ok": True, "result": {
                "id": 1, "is_bot": True, "first_name": "B", "username": "b_bot"}})
                    if status == 200 else "Bad Gateway").encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Api)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings = Settings(data_dir=tmp_path, telegram_bot_token="1:x", _env_file=None,  # type: ignore[call-arg]
                        telegram_api_base_url=f"http://127.0.0.1:{server.server_address[1]}/bot")
    try:
        await runner.wait_for_telegram(settings, first_delay=0.01)
    finally:
        server.shutdown()
        server.server_close()
    assert answers == []
    assert len([r for r in caplog.records if "Telegram is unreachable" in r.getMessage()]) == 2
