"""Throwaway PostgreSQL databases for tests, on the server BULLETIN_TEST_DATABASE_URL names.

Every test gets a database of its own (CREATE DATABASE, then DROP … WITH (FORCE)), so
tests never see each other's rows and a failed test leaves nothing behind.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.engine import URL, make_url

ENV = "BULLETIN_TEST_DATABASE_URL"


def server_url() -> URL | None:
    value = os.environ.get(ENV, "").strip()
    return make_url(value) if value else None


def libpq(url: URL) -> str:
    """The same URL as psycopg's own connect() reads it."""
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


def reachable(url: URL) -> str | None:
    """None when the server answers, else why not."""
    try:
        with psycopg.connect(libpq(url), connect_timeout=3):
            return None
    except psycopg.Error as error:
        return str(error).strip()


def fresh_database(server: URL) -> Iterator[str]:
    """A new empty database on ``server``; dropped afterwards, connections and all."""
    name = f"bb_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(libpq(server), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(libpq(server), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def require_postgres() -> URL:
    """The test server, or a skip that says how to run the test."""
    server = server_url()
    if server is None:
        pytest.skip(f"PostgreSQL tests run when {ENV} names a server, e.g. "
                    "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    problem = reachable(server)
    if problem is not None:
        pytest.skip(f"PostgreSQL at {server.render_as_string()} is not reachable: {problem}")
    return server
