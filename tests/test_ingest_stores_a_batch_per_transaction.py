"""Ingest stores bulletins a batch per transaction, and a bulletin another writer stored
first costs only itself: the rest of its batch is still stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.engine import Engine
from service.settings import Settings
from store import repository
from tests.conftest import SEED

OTHER = "某县开展春季农资打假专项行动\n\n2019年,某县农业农村局共检查农资门店137家次。\n"


def test_a_batch_with_a_bulletin_stored_meanwhile_keeps_the_others(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = Engine.open(settings.model_copy(update={"load_seeds": False}))
    engine.ingest_paths([SEED])
    folder = tmp_path / "bulletins"
    folder.mkdir()
    (folder / "a-seed-again.txt").write_bytes(SEED.read_bytes())
    (folder / "b-other.txt").write_text(OTHER, encoding="utf-8")
    # As if another writer stored the seed between our duplicate check and our insert.
    monkeypatch.setattr(repository, "stored_hashes", lambda session, digests: set())
    report = engine.ingest_paths([folder])
    assert report.added == [(str(folder / "b-other.txt"), "某县开展春季农资打假专项行动")]
    assert report.duplicates == [str(folder / "a-seed-again.txt")]
    assert engine.stats().bulletins == 2
    assert "137家次" in engine.search("农资门店")[0].text


def test_many_bulletins_in_one_ingest_are_all_searchable(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import service.ingestion as ingestion

    monkeypatch.setattr(ingestion, "STORE_BATCH", 3)  # several batches, several transactions
    folder = tmp_path / "bulletins"
    folder.mkdir()
    for n in range(7):
        (folder / f"{n}.txt").write_text(
            f"第{n}号通报\n\n2019年,第{n}县检查农资门店{100 + n}家次。\n", encoding="utf-8"
        )
    engine = Engine.open(settings.model_copy(update={"load_seeds": False}))
    report = engine.ingest_paths([folder])
    assert len(report.added) == 7 and not report.duplicates and not report.failed
    stats = engine.stats()
    assert stats.bulletins == 7 and stats.passages == stats.indexed_passages
    assert "103家次" in engine.search("第3县 农资门店")[0].text
