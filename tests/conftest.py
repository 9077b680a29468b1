"""Shared fixtures: every test gets its own data directory and database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

import retrieval.parallel as parallel
from bot.app import build_application
from service.engine import Engine
from service.settings import Settings
from tests import databases
from tests.offline_bot import TOKEN, OfflineBotApi

pytest_plugins = ["tests.botapi.fixtures"]

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "seeds" / "gaoxinqu-dajia-2017.txt"


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tokenizing goes to worker processes past 4 texts, 5 texts a chunk, so a few dozen
    texts exercise the pool's ordering and streaming."""
    monkeypatch.setattr(parallel, "IN_PROCESS_LIMIT", 4)
    monkeypatch.setattr(parallel, "CHUNK_SIZE", 5)


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip when this checkout has none beside it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (the shared corpus sits beside the repo)")
    return path


def engine_over(directory: Path, paths: list[Path], unreadable: int = 0) -> Engine:
    """An Engine whose store holds exactly these bulletins (no seeds), ingested the way
    `bulletin-bot ingest` does it, so QA tests exercise the parser, index and store too;
    ``unreadable`` files may be refused by the parser."""
    settings = Settings(  # type: ignore[call-arg]
        data_dir=directory, database_url="", load_seeds=False, _env_file=None
    )
    engine = Engine.open(settings)
    report = engine.ingest_paths(paths)
    assert len(report.failed) == unreadable, report.failed
    return engine


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test of a ``test_bm25_*`` module runs through both paths: the C kernel
    (top k, and the document ids' codec) and the numpy one it falls back to when no
    compiler built it."""
    if metafunc.module.__name__.rpartition(".")[2].startswith("test_bm25_"):
        metafunc.parametrize("bm25_top_k_path", ["kernel", "numpy"], indirect=True)


@pytest.fixture(autouse=True)
def bm25_top_k_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The top-k path this test runs (see ``pytest_generate_tests``); elsewhere whatever
    the install has."""
    import retrieval.bm25 as bm25_module
    import retrieval.postings as postings_module

    path = getattr(request, "param", "installed")
    if path == "numpy":
        monkeypatch.setattr(bm25_module, "kernel", None)
        monkeypatch.setattr(postings_module, "kernel", None)
    elif path == "kernel" and bm25_module.kernel is None:
        pytest.skip("retrieval._kernel is not built (no C compiler at install)")
    return str(path)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that asks for ``postgres_url`` is a ``postgres`` test: ``-m postgres``
    selects them, ``-m "not postgres"`` leaves them out."""
    for item in items:
        if "postgres_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture
def database_url() -> Iterator[str]:
    """Empty (the embedded SQLite file) unless BULLETIN_TEST_DATABASE_URL names a
    PostgreSQL server: then a fresh database of this test's own on it."""
    server = databases.server_url()
    if server is None:
        yield ""
        return
    yield from databases.fresh_database(databases.require_postgres())


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database whatever the switch says, or a skip saying why not."""
    yield from databases.fresh_database(databases.require_postgres())


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(  # type: ignore[call-arg]
        data_dir=tmp_path / "data", database_url=database_url, _env_file=None
    )


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    opened = Engine.open(settings)
    yield opened
    opened.close()


@pytest.fixture
def bot_overrides() -> dict[str, Any]:
    """Settings a test module changes for its bot: override this fixture in the module."""
    return {}


@pytest.fixture
async def bot(
    settings: Settings, engine: Engine, bot_overrides: dict[str, Any]
) -> AsyncIterator[tuple[Any, OfflineBotApi]]:
    """The real Application on the test's engine, its Bot API calls answered offline:
    feed it updates with ``tests.offline_bot.feed`` and read ``api.sent``."""
    api = OfflineBotApi()
    configured = settings.model_copy(update={"telegram_bot_token": TOKEN, **bot_overrides})
    application = build_application(configured, engine, request=api,
                                    get_updates_request=OfflineBotApi())
    async with application:
        yield application, api
