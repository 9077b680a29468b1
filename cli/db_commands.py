"""`bulletin-bot db …`: the schema's migrations, for operators and developers."""

from __future__ import annotations

import importlib.util
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cli.consoles import out

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.db import Engine as DbEngine

db_app = typer.Typer(help="Database schema: upgrade, current revision, new revisions.")


@db_app.command("upgrade")
def upgrade_command(
    revision: Annotated[str, typer.Argument(help="Target revision")] = "head",
) -> None:
    """Migrate the database named by DATABASE_URL (SQLite or PostgreSQL)."""
    from store.schema import revision_label, upgrade

    db = _database()
    try:
        before = revision_label(db)
        upgrade(db, revision)
        out().print(f"schema upgraded: {before} → {revision_label(db)}", highlight=False)
    finally:
        db.dispose()


@db_app.command("current")
def current_command() -> None:
    """The database's revision and the newest this code knows."""
    from store.schema import head_revision, revision_label, schema_state

    db = _database()
    try:
        state, label, head = schema_state(db), revision_label(db), head_revision()
    finally:
        db.dispose()
    state = {"behind": "behind: run `bulletin-bot db upgrade`",
             "ahead": "ahead: migrated by a newer bulletin-bot; run that release"}.get(state, state)
    out().print(f"database {label}, code {head} ({state})", highlight=False)


@db_app.command("revision")
def revision_command(
    message: Annotated[str, typer.Option("-m", "--message", help="What the revision does")],
    autogenerate: Annotated[bool, typer.Option(
        help="Compare the models with the schema at head and write the difference")] = True,
    rev_id: Annotated[str | None, typer.Option(
        help="The revision's id; default: the number after head (0002, 0003, …)")] = None,
) -> None:
    """For developers: write store/migrations/versions/NNNN_<message>.py. Review it, then
    run `bulletin-bot db upgrade` and the tests (they compare migrations with models)."""
    from store.schema import alembic_config, upgrade

    with tempfile.TemporaryDirectory(prefix="bulletin-revision-") as scratch:
        # A scratch SQLite at head, not DATABASE_URL: the diff is then exactly the
        # models' change, whatever the developer's own database holds. Batch operations
        # (rendered for SQLite) run as plain ALTERs on PostgreSQL.
        url = f"sqlite:///{Path(scratch) / 'head.db'}"
        db = _database(url)
        try:
            upgrade(db)
        finally:
            db.dispose()
        config = alembic_config(url)
        _tidy_with_ruff(config)
        from alembic import command

        command.revision(config, message=message, autogenerate=autogenerate,
                         rev_id=rev_id or next_rev_id())


def _tidy_with_ruff(config: Config) -> None:
    """Let ruff drop the template's unused imports, so `make test` passes as written."""
    if importlib.util.find_spec("ruff") is None:
        return  # ruff comes with the dev extra; without it the file is merely untidy
    config.set_section_option("post_write_hooks", "hooks", "ruff")
    config.set_section_option("post_write_hooks", "ruff.type", "module")
    config.set_section_option("post_write_hooks", "ruff.module", "ruff")
    config.set_section_option("post_write_hooks", "ruff.options",
                              "check --fix --quiet REVISION_SCRIPT_FILENAME")


def next_rev_id() -> str:
    """0001 → 0002: numbered ids keep the files in order and the chain easy to read."""
    from store.schema import head_revision

    head = head_revision() or "0000"
    return f"{int(head) + 1:04d}" if head.isdigit() else uuid.uuid4().hex[:12]


def _database(url: str = "") -> DbEngine:
    """The store's database; imported late, as the store is what makes --help slow."""
    from service.settings import Settings
    from store.db import make_database

    return make_database(url or Settings().resolved_database_url)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
