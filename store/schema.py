"""The schema's version: Alembic migrations for SQLite and PostgreSQL alike.

An empty database is migrated to the newest revision on first use, so the embedded
default needs no setup step. A database that holds tables but is behind is never
migrated behind the operator's back: another replica may still be running the old
code. The CLI and the bot refuse to start and name the command that fixes it.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
UPGRADE_COMMAND = "bulletin-bot db upgrade"


class SchemaBehindError(RuntimeError):
    """The database needs migrating before this version of the code may use it."""


def alembic_config(url: str = "") -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate on our own engine, so SQLite pragmas and PostgreSQL settings apply."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def prepare_schema(engine: Engine) -> None:
    """Migrate an empty database; refuse one that has tables but is not at head."""
    if not inspect(engine).get_table_names():
        upgrade(engine)
        return
    current, head = current_revision(engine), head_revision()
    if current != head:
        raise SchemaBehindError(
            f"the database schema is at revision {current or 'none'}, this version needs "
            f"{head}: run `{UPGRADE_COMMAND}` (with the same DATABASE_URL) first"
        )
