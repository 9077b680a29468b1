"""Several processes on one database, and a database that goes away and comes back."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from service.engine import Engine
from service.settings import Settings
from tests.conftest import SEED
from tests.databases import libpq
from tests.private_postgres import PrivateServer, private_server

QUESTION_2019 = "2019年高新区受理了多少举报投诉?"


def _bulletin_2019(folder: Path) -> Path:
    """The seed, a year later and with another figure: a new bulletin to find."""
    text_2019 = (SEED.read_text(encoding="utf-8").replace("2017年", "2019年")
                 .replace("3843宗", "4321宗").replace("保驾护航", "再立新功"))
    path = folder / "dajia-2019.txt"
    path.write_text(text_2019, encoding="utf-8")
    return path


@pytest.fixture
def replicas(settings: Settings, tmp_path: Path) -> Iterator[tuple[Engine, Engine]]:
    """Two engines on one database, each with its own index folder, as two hosts."""
    first = Engine.open(settings)
    second_settings = settings.model_copy(update={
        "data_dir": tmp_path / "replica-2", "index_refresh_seconds": 0.0,
        "index_audit_seconds": 0.0,
    })
    if not settings.database_url:  # SQLite: the second host shares the file
        second_settings = second_settings.model_copy(
            update={"database_url": settings.resolved_database_url})
    second = Engine.open(second_settings)
    yield first, second
    first.close()
    second.close()


def test_a_bulletin_ingested_by_another_process_is_answered(
    replicas: tuple[Engine, Engine], tmp_path: Path
) -> None:
    first, second = replicas
    assert second.ask(QUESTION_2019, log=False).abstained
    script = Path(sys.executable).with_name("bulletin-bot")
    env = {**os.environ, "DATABASE_URL": second.settings.resolved_database_url,
           "DATA_DIR": str(tmp_path / "cli")}
    done = subprocess.run([str(script), "ingest", str(_bulletin_2019(tmp_path))], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert second.ask(QUESTION_2019, log=False).value == 4321
    first.settings.index_refresh_seconds = 0.0
    assert first.ask(QUESTION_2019, log=False).value == 4321


def test_a_passage_committed_late_under_an_older_id_is_still_indexed(
    replicas: tuple[Engine, Engine], tmp_path: Path
) -> None:
    """Writer A takes ids first but commits after writer B: replay that order by hand."""
    first, second = replicas
    first.ingest_paths([_bulletin_2019(tmp_path)])
    with Session(first.db) as session, session.begin():
        late = session.execute(text(
            "SELECT id, bulletin_id, position, paragraph, section, text, tokens FROM passage "
            "WHERE text LIKE '%4321宗%'")).mappings().all()
        session.execute(text("DELETE FROM passage WHERE text LIKE '%4321宗%'"))
    second.reindex()  # sees B's commit (everything else) but not A's rows
    # The 4321宗 passage is not indexed (another figure of the bulletin may answer).
    assert second.ask(QUESTION_2019, log=False).value != 4321
    with Session(first.db) as session, session.begin():
        session.execute(text(
            "INSERT INTO passage (id, bulletin_id, position, paragraph, section, text, tokens) "
            "VALUES (:id, :bulletin_id, :position, :paragraph, :section, :text, :tokens)"),
            [dict(row) for row in late])
    assert second.ask(QUESTION_2019, log=False).value == 4321


# -- PostgreSQL going away -----------------------------------------------------------------


def test_connections_killed_by_the_server_are_replaced(postgres_url: str, tmp_path: Path) -> None:
    engine = Engine.open(_pg_settings(postgres_url, tmp_path))
    try:
        assert engine.ask("2017年高新区受理了多少举报投诉?").value == 3843
        _terminate_connections(postgres_url)
        assert engine.ask("2017年高新区受理了多少举报投诉?").value == 3843
    finally:
        engine.close()


@pytest.fixture
def own_server() -> Iterator[PrivateServer]:
    """A PostgreSQL server this test starts, and may stop: never the shared one."""
    with private_server() as server:
        yield server


@pytest.mark.e2e
def test_a_postgres_restart_fails_requests_clearly_then_recovers(
    own_server: PrivateServer, tmp_path: Path
) -> None:
    engine = Engine.open(_pg_settings(own_server.url, tmp_path))
    try:
        assert engine.ask("2017年高新区受理了多少举报投诉?").value == 3843
        own_server.stop()
        try:
            with pytest.raises(OperationalError):
                engine.ask("2017年高新区受理了多少举报投诉?")
        finally:
            own_server.start()
        assert engine.ask("2017年高新区受理了多少举报投诉?").value == 3843
    finally:
        engine.close()


def _pg_settings(url: str, tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "pg", database_url=url, _env_file=None)  # type: ignore[call-arg]


def _terminate_connections(url: str) -> None:
    database = make_url(url).database
    admin = make_url(url).set(database="postgres")
    with psycopg.connect(libpq(admin), autocommit=True) as connection:
        connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()", (database,))
