"""Alembic's entry point: migrations run on the connection store.schema hands over.

There is no alembic.ini: store.schema builds the configuration in code, so migrations
work from an installed package and from any working directory.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from store import models  # noqa: F401  (registers the tables on SQLModel.metadata)
from store.db import make_database


def run_on(connection: Connection) -> None:
    # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_on(connection)
        return
    db = make_database(context.config.get_main_option("sqlalchemy.url") or "")
    with db.begin() as fresh:
        run_on(fresh)


run()
