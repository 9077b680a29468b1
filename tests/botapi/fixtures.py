"""pytest fixtures for the fake Bot API server.

Load them from tests/conftest.py with `pytest_plugins = ["tests.botapi.fixtures"]`.
One server process serves the whole session (starting one costs about half a second);
`botapi` hands each test that server wiped clean, `botapi_server` the shared one as is,
`botapi_bot` an initialized telegram.Bot pointed at the clean server.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from telegram import Bot

from .client import BotApiServer


@pytest.fixture(scope="session")
def botapi_server() -> Iterator[BotApiServer]:
    """The session's fake Bot API server; state carries over between tests."""
    with BotApiServer() as server:
        yield server


@pytest.fixture
def botapi(botapi_server: BotApiServer) -> BotApiServer:
    """The fake Bot API server with no users, chats, messages, failures or logged requests."""
    botapi_server.reset()
    return botapi_server


@pytest.fixture
async def botapi_bot(botapi: BotApiServer) -> AsyncIterator[Bot]:
    """An initialized telegram.Bot talking to the clean fake server."""
    async with Bot(botapi.token, base_url=botapi.base_url,
                   base_file_url=botapi.base_file_url) as bot:
        yield bot
