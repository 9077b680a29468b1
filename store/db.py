"""The database connection (SQLAlchemy's engine): SQLite by default, PostgreSQL by URL.

Called a database (``db``) everywhere, never an "engine": that name is the application's
``service.engine.Engine``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import create_engine

from store import models  # noqa: F401  (registers the tables on SQLModel.metadata)


def make_database(url: str) -> Engine:
    """A connection pool tuned for its backend: SQLite waits on locks instead of failing at once."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        # Timestamps are stored without zone, always in UTC, as on SQLite; pre-ping
        # replaces connections a server restart killed instead of failing a request.
        return create_engine(url, pool_pre_ping=True, connect_args={"options": "-c timezone=UTC"})
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    db = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
    event.listen(db, "connect", _sqlite_pragmas)
    return db


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets the bot read while the CLI ingests; foreign keys are off by default."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
