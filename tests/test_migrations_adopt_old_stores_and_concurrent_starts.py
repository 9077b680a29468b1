"""Stores the migrations meet in the field: one made by create_all before migrations
existed, and an empty database that several processes open at the same moment."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import BigInteger, Integer, MetaData, inspect
from sqlalchemy.engine import Engine as DbEngine
from sqlmodel import SQLModel
from typer.testing import CliRunner

from cli.main import app
from service import ingestion
from service.engine import Engine
from service.settings import Settings
from store.db import make_database
from store.schema import (
    PRE_MIGRATION_TABLES,
    SchemaAheadError,
    SchemaBehindError,
    current_revision,
    head_revision,
)
from tests.conftest import REPO, SEED
from tests.private_postgres import private_server

# Columns of tables 0001 made that it had not.
ADDED_AFTER_0001 = [("bulletin", "published_precision"), ("passage", "original")]


def _pre_migration_store(db: DbEngine) -> None:
    """What create_all made before revision 0001: three tables, 32-bit chat ids, the seed."""
    legacy = MetaData()
    for name in sorted(PRE_MIGRATION_TABLES):
        SQLModel.metadata.tables[name].to_metadata(legacy)
    for column in ("chat_id", "user_id"):
        legacy.tables["questionlog"].c[column].type = Integer()
    legacy.create_all(db)
    documents = [ingestion.Document(str(SEED), SEED.read_bytes())]
    assert ingestion.store_documents(db, documents).added
    with db.begin() as connection:  # columns later revisions added did not exist then
        for table, column in ADDED_AFTER_0001:
            connection.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column}")


def _schema_differences(db: DbEngine) -> list[object]:
    with db.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, SQLModel.metadata))


def test_a_store_made_before_migrations_is_refused_then_adopted_with_its_rows(
    settings: Settings,
) -> None:
    db = make_database(settings.resolved_database_url)
    try:
        _pre_migration_store(db)
        with pytest.raises(SchemaBehindError, match=r"before migrations.*bulletin-bot db upgrade"):
            Engine.open(settings)

        env = {"DATABASE_URL": settings.resolved_database_url,
               "DATA_DIR": str(settings.data_dir)}
        assert "before migrations" in CliRunner().invoke(app, ["db", "current"], env=env).output
        upgraded = CliRunner().invoke(app, ["db", "upgrade"], env=env)
        assert upgraded.exit_code == 0, upgraded.output

        assert current_revision(db) == head_revision()
        assert _schema_differences(db) == []
        columns = {c["name"]: c["type"] for c in inspect(db).get_columns("questionlog")}
        assert isinstance(columns["chat_id"], BigInteger)
    finally:
        db.dispose()
    engine = Engine.open(settings.model_copy(update={"load_seeds": False}))
    try:
        assert engine.stats().bulletins == 1
        assert engine.ask("2017年高新区受理了多少举报投诉?", chat_id=2**40).value == 3843
    finally:
        engine.close()


STARTER = """
import sys, time
from pathlib import Path
from store.db import make_database
from store.schema import prepare_schema
url, ready, go = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
ready.touch()
while not go.exists():
    time.sleep(0.005)
prepare_schema(make_database(url))
"""


def test_processes_starting_together_on_an_empty_database_migrate_it_once(
    settings: Settings, tmp_path: Path
) -> None:
    """Replicas (or the bot and a CLI command) opening a fresh store at the same moment:
    without a lock, a race on CREATE TABLE fails some of them, so try a few rounds."""
    url = settings.resolved_database_url
    for round_ in range(3):
        _start_together(url, tmp_path / f"round-{round_}", 4)
        db = make_database(url)
        try:
            assert current_revision(db) == head_revision()
            assert _schema_differences(db) == []
            _empty(db)
        finally:
            db.dispose()


def test_processes_starting_together_on_an_empty_postgres_database_migrate_it_once(
    tmp_path: Path,
) -> None:
    """The same on PostgreSQL in every run (not only the PostgreSQL pass): a private
    server, so the SQLite pass proves the advisory lock too."""
    with private_server() as server:
        for round_ in range(3):
            _start_together(server.url, tmp_path / f"round-{round_}", 4)
            db = make_database(server.url)
            try:
                assert current_revision(db) == head_revision()
                assert _schema_differences(db) == []
                _empty(db)
            finally:
                db.dispose()


def _start_together(url: str, folder: Path, count: int) -> None:
    """Start ``count`` processes, let them all import, then open the store at once."""
    folder.mkdir()
    starters = [subprocess.Popen(
        [sys.executable, "-c", STARTER, url, str(folder / f"ready-{n}"), str(folder / "go")],
        cwd=REPO, stderr=subprocess.PIPE, text=True) for n in range(count)]
    try:
        deadline = time.monotonic() + 60
        while len(list(folder.glob("ready-*"))) < count:
            assert time.monotonic() < deadline, "the starters did not start"
            time.sleep(0.01)
        (folder / "go").touch()
        errors = [starter.communicate(timeout=120)[1] for starter in starters]
    finally:
        for starter in starters:
            if starter.poll() is None:
                starter.kill()
                starter.wait()
    assert [starter.returncode for starter in starters] == [0] * count, "\n".join(errors)


def _empty(db: DbEngine) -> None:
    SQLModel.metadata.drop_all(db)
    with db.begin() as connection:
        connection.exec_driver_sql("DROP TABLE alembic_version")


def test_a_database_ahead_of_the_code_is_called_ahead_and_upgrade_says_so(
    settings: Settings,
) -> None:
    Engine.open(settings).close()
    db = make_database(settings.resolved_database_url)
    try:
        with db.begin() as connection:
            connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    finally:
        db.dispose()
    with pytest.raises(SchemaAheadError, match="ahead of this code"):
        Engine.open(settings)

    env = {"DATABASE_URL": settings.resolved_database_url, "DATA_DIR": str(settings.data_dir)}
    script = [sys.executable, "-m", "cli.main"]
    for command in (["db", "current"], ["db", "upgrade"], ["stats"]):
        done = subprocess.run([*script, *command], cwd=REPO, env={**os.environ, **env},
                              capture_output=True, text=True, timeout=120, check=False)
        output = " ".join((done.stdout + done.stderr).split())
        assert done.returncode != 0 or command == ["db", "current"]
        assert "ahead" in output, output
        assert "Traceback" not in output and "behind" not in output
