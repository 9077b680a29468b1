"""`bulletin-bot db …`: the schema's migrations, for operators and developers."""

from __future__ import annotations

from typing import Annotated

import typer
from alembic import command
from rich.console import Console

from service.settings import Settings
from store.db import make_engine
from store.schema import alembic_config, current_revision, head_revision, upgrade

db_app = typer.Typer(help="Database schema: upgrade, current revision, new revisions.")
console = Console()


@db_app.command("upgrade")
def upgrade_command(
    revision: Annotated[str, typer.Argument(help="Target revision")] = "head",
) -> None:
    """Migrate the database named by DATABASE_URL (SQLite or PostgreSQL)."""
    engine = make_engine(Settings().resolved_database_url)
    try:
        before = current_revision(engine)
        upgrade(engine, revision)
        console.print(f"schema upgraded: {before or 'empty'} → {current_revision(engine)}")
    finally:
        engine.dispose()


@db_app.command("current")
def current_command() -> None:
    """The database's revision and the newest this code knows."""
    engine = make_engine(Settings().resolved_database_url)
    try:
        current, head = current_revision(engine), head_revision()
    finally:
        engine.dispose()
    state = "up to date" if current == head else "behind: run `bulletin-bot db upgrade`"
    console.print(f"database {current or 'empty'}, code {head} ({state})")


@db_app.command("revision")
def revision_command(
    message: Annotated[str, typer.Option("-m", "--message", help="What the revision does")],
) -> None:
    """For developers: write a migration for the models' changes (autogenerate)."""
    url = Settings().resolved_database_url
    command.revision(alembic_config(url), message=message, autogenerate=True)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
