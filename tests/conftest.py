"""Shared fixtures: every test gets its own data directory and database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service.engine import Engine
from service.settings import Settings

pytest_plugins = ["tests.botapi.fixtures"]

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = REPO / "seeds" / "gaoxinqu-dajia-2017.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip when this checkout has none beside it."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (the shared corpus sits beside the repo)")
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url="", _env_file=None)  # type: ignore[call-arg]


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    opened = Engine.open(settings)
    yield opened
    opened.close()
