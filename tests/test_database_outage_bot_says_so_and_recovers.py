"""While PostgreSQL refuses connections the bot says so plainly; when it accepts them again
the same running bot answers, with no restart.

The outage is made without stopping the shared server: the test database stops accepting
connections and its open ones are terminated, which is what a restart looks like to us.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url

from bot.texts import DATABASE_DOWN
from service.settings import Settings
from tests.databases import libpq
from tests.offline_bot import OfflineBotApi, feed, private_text

QUESTION = "2017年高新区受理了多少举报投诉?"


class Outage:
    """Switches one database's connections off and on, from the server's maintenance db."""

    def __init__(self, url: str) -> None:
        self.database = make_url(url).database
        self.admin = libpq(make_url(url).set(database="postgres"))

    def begin(self) -> None:
        with psycopg.connect(self.admin, autocommit=True) as connection:
            connection.execute(f'ALTER DATABASE "{self.database}" ALLOW_CONNECTIONS false')
            connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                               "WHERE datname = %s", (self.database,))

    def end(self) -> None:
        with psycopg.connect(self.admin, autocommit=True) as connection:
            connection.execute(f'ALTER DATABASE "{self.database}" ALLOW_CONNECTIONS true')


@pytest.fixture
def outage(postgres_url: str) -> Iterator[Outage]:
    switch = Outage(postgres_url)
    yield switch
    switch.end()  # whatever the test did, the database is usable (and droppable) again


@pytest.fixture
def settings(postgres_url: str, tmp_path: Path) -> Settings:
    """The shared bot fixture, on a PostgreSQL database this test can take away."""
    return Settings(  # type: ignore[call-arg]
        data_dir=tmp_path / "data", database_url=postgres_url, index_refresh_seconds=0.0,
        _env_file=None)


async def test_the_bot_says_the_database_is_down_then_answers_once_it_is_back(
    bot: tuple[Any, OfflineBotApi], outage: Outage
) -> None:
    application, api = bot
    await feed(application, private_text(7, QUESTION))
    assert "3843" in api.sent[-1]["text"]

    outage.begin()
    await feed(application, private_text(7, QUESTION))
    assert api.sent[-1]["text"] == DATABASE_DOWN

    outage.end()
    await feed(application, private_text(7, QUESTION))
    assert "3843" in api.sent[-1]["text"]
