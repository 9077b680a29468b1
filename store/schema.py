"""The schema's version: Alembic migrations for SQLite and PostgreSQL alike.

An empty database is migrated to the newest revision on first use, so the embedded
default needs no setup step. A database that holds tables but is behind is never
migrated behind the operator's back: another replica may still be running the old
code. The CLI and the bot refuse to start and name the command that fixes it.

Processes that start together on one empty database take turns (an advisory lock on
PostgreSQL, the write lock on SQLite), so only the first creates the tables. A store
made by ``create_all`` before migrations existed (``PRE_MIGRATION_TABLES``, no
``alembic_version``) is adopted by ``bulletin-bot db upgrade``: revision 0001 creates
only what it lacks.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, Integer, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.engine import Engine as DbEngine

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported only where a migration runs or a revision is shown: a start-up on a
# current database reads alembic_version itself, which keeps `bulletin-bot ask` quick.
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Revisions are numbered (0001_initial_schema.py has revision "0001", each file's
# down_revision the one before), so the newest file names the code's head.
NUMBERED_REVISION = "[0-9][0-9][0-9][0-9]_*.py"
UPGRADE_COMMAND = "bulletin-bot db upgrade"
# What create_all made before revision 0001; 0001 creates these only when missing.
PRE_MIGRATION_TABLES = frozenset({"bulletin", "passage", "questionlog"})
# Any fixed number: the key of the PostgreSQL advisory lock migrations run under.
MIGRATION_LOCK_KEY = 0x62756C6C
# Alembic's ``op`` and ``context`` are module globals: one migration per process at a time.
_IN_PROCESS = threading.Lock()


class SchemaVersionError(RuntimeError):
    """The database's schema is not the one this code was written for."""


class SchemaBehindError(SchemaVersionError):
    """The database needs migrating before this version of the code may use it."""


class SchemaAheadError(SchemaVersionError):
    """The database was migrated by a newer version of the code than this one: upgrading
    cannot help (this code does not know the revision); run the newer code."""


def is_known(revision: str | None) -> bool:
    """Whether this code's migrations include ``revision`` (None: no revision yet)."""
    if revision is None:
        return True
    from alembic.script import ScriptDirectory
    from alembic.script.revision import ResolutionError
    from alembic.util import CommandError

    try:
        return ScriptDirectory.from_config(alembic_config()).get_revision(revision) is not None
    except (CommandError, ResolutionError):
        return False


def ahead_message(revision: str) -> str:
    return (f"the database schema is ahead of this code: it is at revision {revision}, "
            f"newer than any this version knows (its newest is {head_revision()}); a newer "
            "bulletin-bot migrated it, so run that release, not an older one")


def alembic_config(url: str = "") -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str | None:
    """The head as Alembic reads it from the revision files' own chain."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def numbered_head() -> str:
    """The head from the file names alone, without importing Alembic (a test holds it
    equal to ``head_revision``)."""
    return max(path.name[:4] for path in (MIGRATIONS / "versions").glob(NUMBERED_REVISION))


def current_revision(db: DbEngine) -> str | None:
    with db.connect() as connection:
        return _stored_revision(connection)


def _stored_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def is_current(db: DbEngine) -> bool:
    """Whether the database is at the code's head, read with one query and no Alembic."""
    with db.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return False
        stored = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    return [row[0] for row in stored] == [numbered_head()]


def schema_state(db: DbEngine) -> str:
    """"up to date", "behind" or "ahead" of this code, for ``db current``."""
    current = current_revision(db)
    if current == head_revision():
        return "up to date"
    return "behind" if is_known(current) else "ahead"


def revision_label(db: DbEngine) -> str:
    """The database's revision as an operator should read it."""
    with db.connect() as connection:
        return _label(connection)


def upgrade(db: DbEngine, revision: str = "head") -> None:
    """Migrate on our own connection pool, so SQLite pragmas and PostgreSQL settings apply."""
    with _migrating(db) as connection:
        current = _stored_revision(connection)
        if not is_known(current):
            raise SchemaAheadError(ahead_message(str(current)))
        if is_pre_migration(connection):
            _widen_pre_migration_ids(connection)
        _run_upgrade(connection, revision)


def prepare_schema(db: DbEngine) -> None:
    """Migrate an empty database; refuse one that has tables but is not at head."""
    if is_current(db):
        return
    with _migrating(db) as connection:
        if not inspect(connection).get_table_names():
            _run_upgrade(connection, "head")
            return
        head = head_revision()
        current = _stored_revision(connection)
        if not is_known(current):
            raise SchemaAheadError(ahead_message(str(current)))
        if current != head:
            raise SchemaBehindError(
                f"the database schema is at revision {_label(connection)}, this version "
                f"needs {head}: run `{UPGRADE_COMMAND}` (with the same DATABASE_URL) first"
            )


@contextmanager
def _migrating(db: DbEngine) -> Iterator[Connection]:
    """One transaction that no other process migrates beside: the check and the upgrade
    then see the same schema. A second process waits, then finds the work done (DDL is
    transactional on both backends)."""
    with _IN_PROCESS, db.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                               {"key": MIGRATION_LOCK_KEY})
        elif connection.dialect.name == "sqlite":
            # The driver opens transactions lazily, after DDL; take the write lock now.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        yield connection


def _run_upgrade(connection: Connection, revision: str) -> None:
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


def _label(connection: Connection) -> str:
    current = _stored_revision(connection)
    if current is not None:
        return current
    if not inspect(connection).get_table_names():
        return "empty"
    if is_pre_migration(connection):
        return "none (made before migrations existed; the upgrade adopts it)"
    return "none (its tables are not this program's)"


def is_pre_migration(connection: Connection) -> bool:
    """Tables made by create_all before migrations: some of 0001's, no version table."""
    tables = set(inspect(connection).get_table_names())
    return bool(tables) and tables <= PRE_MIGRATION_TABLES


def _widen_pre_migration_ids(connection: Connection) -> None:
    """Telegram ids exceed 32 bits; create_all made these columns INTEGER. (A batch
    rebuilds the table on SQLite, which cannot alter a column's type.)"""
    from alembic.operations import Operations
    from alembic.runtime.migration import MigrationContext

    if "questionlog" not in inspect(connection).get_table_names():
        return
    operations = Operations(MigrationContext.configure(connection))
    with operations.batch_alter_table("questionlog") as batch:
        for column in ("chat_id", "user_id"):
            batch.alter_column(column, type_=BigInteger(), existing_type=Integer(),
                               existing_nullable=True)
