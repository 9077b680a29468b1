"""Alembic migrations, not create_all, make the schema: on SQLite and on PostgreSQL
(run the suite with BULLETIN_TEST_DATABASE_URL set for the latter)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

from service.engine import Engine
from service.settings import Settings
from store.db import make_database
from store.schema import (
    SchemaBehindError,
    alembic_config,
    current_revision,
    head_revision,
    numbered_head,
)


def test_an_empty_database_is_migrated_to_head_on_first_use(settings: Settings) -> None:
    engine = Engine.open(settings)
    try:
        assert current_revision(engine.db) == head_revision()
        with engine.db.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, SQLModel.metadata) == []
        assert engine.ask("2017年高新区受理了多少举报投诉?", log=False).value == 3843
    finally:
        engine.close()


def test_a_schema_behind_head_is_refused_until_db_upgrade(settings: Settings) -> None:
    Engine.open(settings).close()
    db = make_database(settings.resolved_database_url)
    with db.begin() as connection:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert "alembic_version" in inspect(db).get_table_names()
    db.dispose()

    with pytest.raises(SchemaBehindError, match="bulletin-bot db upgrade"):
        Engine.open(settings)

    result = _cli(settings, "stats")
    assert result.returncode == 2
    assert "bulletin-bot db upgrade" in result.stderr
    assert "Traceback" not in result.stderr

    upgraded = _cli(settings, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert _cli(settings, "db", "current").stdout.count("up to date") == 1
    assert _cli(settings, "stats").returncode == 0


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("bulletin-bot")
    env = {**os.environ, "DATA_DIR": str(settings.data_dir),
           "DATABASE_URL": settings.database_url, "COLUMNS": "200"}
    return subprocess.run([str(script), *args], env=env, capture_output=True, text=True,
                          timeout=120, cwd=settings.data_dir.parent)


def test_the_numbered_file_names_give_alembics_head() -> None:
    """Start-up compares the database with the newest file's number, not Alembic's chain
    (importing Alembic is slow): the two must name the same head."""
    assert numbered_head() == head_revision()
