"""Two `bulletin-bot run` replicas in webhook mode on one store, as behind a load
balancer: whichever replica an update reaches answers it."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from service.engine import Engine
from service.settings import Settings
from tests.botapi.client import BotApiServer
from tests.test_e2e_bot_polling import QUESTION, bot_command

pytestmark = pytest.mark.e2e

SECRET = "load-balancer-secret"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start_replica(telegram: BotApiServer, settings: Settings, home: Path,
                   port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": telegram.token,
        "TELEGRAM_API_BASE_URL": telegram.base_url,
        "TELEGRAM_API_BASE_FILE_URL": telegram.base_file_url,
        "DATA_DIR": str(home),
        "DATABASE_URL": settings.resolved_database_url,
        "WEBHOOK_URL": "https://bot.example.org/telegram",
        "WEBHOOK_LISTEN": "127.0.0.1",
        "WEBHOOK_PORT": str(port),
        "WEBHOOK_SECRET_TOKEN": SECRET,
    }
    home.mkdir(parents=True, exist_ok=True)
    with (home / "bot.log").open("wb") as sink:
        return subprocess.Popen(bot_command(), cwd=home, env=env, stdout=sink,
                                stderr=subprocess.STDOUT)


def _wait_listening(port: int, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, "the replica exited"
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing listened on {port}")


@pytest.fixture
def replicas(settings: Settings, tmp_path: Path) -> Iterator[tuple[BotApiServer, list[int]]]:
    Engine.open(settings).close()  # migrated and seeded once, as `db upgrade` would
    with BotApiServer() as telegram:
        ports = [_free_port(), _free_port()]
        processes = [_start_replica(telegram, settings, tmp_path / f"replica-{n}", port)
                     for n, port in enumerate(ports)]
        try:
            for port, process in zip(ports, processes, strict=True):
                _wait_listening(port, process)
            yield telegram, ports
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(30)


def _message_update(update_id: int, user_id: int, text: str) -> dict[str, object]:
    person = {"id": user_id, "is_bot": False, "first_name": "Ann"}
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()), "text": text,
        "chat": {"id": user_id, "type": "private", "first_name": "Ann"}, "from": person}}


def test_each_replica_answers_the_updates_it_receives(
    replicas: tuple[BotApiServer, list[int]]
) -> None:
    telegram, ports = replicas
    ann = telegram.create_user("Ann")
    for number, port in enumerate(ports, start=1):
        response = httpx.post(f"http://127.0.0.1:{port}/telegram",
                              json=_message_update(number, ann.id, QUESTION),
                              headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}, timeout=10)
        assert response.status_code == 200
        [*_, reply] = telegram.wait_for_messages(ann.id, number, 30)
        assert "3843宗" in (reply.text or "")
    assert telegram.requests("setWebhook")


def test_an_update_without_the_secret_is_refused(
    replicas: tuple[BotApiServer, list[int]]
) -> None:
    telegram, ports = replicas
    ann = telegram.create_user("Ann")
    response = httpx.post(f"http://127.0.0.1:{ports[0]}/telegram",
                          json=_message_update(9, ann.id, QUESTION), timeout=10)
    assert response.status_code == 403
    # A valid update after it is answered, and its answer is the only message: the
    # refused update was dropped, not merely slow.
    accepted = httpx.post(f"http://127.0.0.1:{ports[0]}/telegram",
                          json=_message_update(10, ann.id, "/help"),
                          headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}, timeout=10)
    assert accepted.status_code == 200
    [reply] = telegram.wait_for_messages(ann.id, 1, 30)
    assert "3843宗" not in (reply.text or "")
    assert len(telegram.sent_messages(ann.id)) == 1
