"""A database failure is named for what it is (full disk, unopenable file, server away),
and an ingest cut short says how many bulletins it stored first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from service.engine import Engine
from service.ingestion import Document, IngestInterrupted
from service.settings import Settings
from tests.conftest import REPO


def _bulletins(count: int) -> list[Document]:
    body = "\n\n".join(f"第{p}段:高新区市场监管局检查商户{p * 7}户,发现问题{p}处。" * 3
                       for p in range(40))
    return [Document(origin=f"b{n}.txt", raw=f"高新区检查通报第{n}号\n\n{body}\n".encode())
            for n in range(count)]


def test_a_full_sqlite_disk_is_called_full_and_the_stored_count_is_given(
    tmp_path: Path,
) -> None:
    settings = Settings(data_dir=tmp_path / "data", _env_file=None)  # type: ignore[call-arg]
    engine = Engine.open(settings)
    try:
        with engine.db.connect() as connection:
            pages = connection.execute(text("PRAGMA page_count")).scalar_one()

        def cap(dbapi_connection: Any, _record: Any) -> None:
            # SQLite's own "database or disk is full": the file may not grow past this.
            dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 120}")

        event.listen(engine.db, "connect", cap)
        engine.db.dispose()
        with pytest.raises(IngestInterrupted) as caught:
            engine.ingest_documents(_bulletins(30))
        message = str(caught.value)
        stored = len(caught.value.report.added)
        assert 0 < stored < 30
        assert "the disk holding the database is full" in message
        assert f"{stored} of 30 new bulletin(s) were stored before it" in message
        assert "server is running" not in message
        event.remove(engine.db, "connect", cap)
        engine.db.dispose()
        assert engine.stats().bulletins == 1 + stored  # the seed, then whole bulletins only
    finally:
        engine.close()


def test_an_sqlite_file_that_cannot_be_opened_is_not_called_a_server(tmp_path: Path) -> None:
    """DATABASE_URL names a folder, not a file."""
    (tmp_path / "a-folder").mkdir()
    env = {**os.environ, "DATA_DIR": str(tmp_path / "data"),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'a-folder'}"}
    done = subprocess.run([sys.executable, "-m", "cli.main", "stats"], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    output = " ".join(done.stderr.split())
    assert done.returncode == 2
    assert "the SQLite file cannot be opened" in output
    assert "server is running" not in output and "Traceback" not in output
