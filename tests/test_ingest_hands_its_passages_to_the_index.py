"""Ingest hands the passages it stored to the index instead of reading them back, and
the index is the one a rebuild from the store gives; when another writer stored
passages meanwhile, the index reads them all back from the store."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlmodel import Session

from retrieval.index import PassageIndex
from service.engine import Engine
from service.settings import Settings
from store import repository


def _write(folder: Path, first: int, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for n in range(first, first + count):
        path = folder / f"{n}.txt"
        path.write_text(f"第{n}号通报\n\n2019年,第{n}县检查农资门店{100 + n}家次。今年受理投诉{n}宗。\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


def _rebuilt(engine: Engine) -> PassageIndex:
    with Session(engine.db) as session:
        return PassageIndex.build(
            (row.id, row.tokens) for row in repository.iter_passage_tokens(session))


def _same(index: PassageIndex, rebuilt: PassageIndex) -> None:
    assert np.array_equal(index.ids, rebuilt.ids)
    assert index.scorer.vocab == rebuilt.scorer.vocab
    for query in (["农资", "门店"], ["受理", "投诉"], ["2019"]):
        assert index.search(query, 50) == rebuilt.search(query, 50)


def test_ingest_gives_the_index_what_it_stored_without_reading_it_back(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = Engine.open(settings.model_copy(update={"load_seeds": False}))

    def unread(*args: object, **kwargs: object) -> None:
        raise AssertionError("the index read back what the ingest had just stored")

    monkeypatch.setattr(repository, "iter_passage_tokens", unread)
    report = engine.ingest_paths(_write(tmp_path / "docs", 0, 5))
    assert report.stored is not None and len(report.stored) == engine.stats().passages
    monkeypatch.undo()
    assert engine.stats().indexed_passages == engine.stats().passages
    _same(engine._require_index(), _rebuilt(engine))
    engine.close()


def test_passages_another_writer_stored_meanwhile_are_read_back(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = Engine.open(settings.model_copy(update={"load_seeds": False}))
    theirs = Engine.open(settings.model_copy(update={"load_seeds": False}))
    theirs.ingest_paths(_write(tmp_path / "theirs", 0, 3))
    reads = []
    read = repository.iter_passage_tokens
    monkeypatch.setattr(repository, "iter_passage_tokens",
                        lambda *args, **kwargs: reads.append(args[1:]) or read(*args, **kwargs))
    ours.ingest_paths(_write(tmp_path / "ours", 10, 3))
    assert reads == [(0,)]  # everything above the index's newest passage, theirs too
    assert ours.stats().indexed_passages == ours.stats().passages == 12
    _same(ours._require_index(), _rebuilt(ours))
    theirs.close()
    ours.close()


def test_a_huge_ingest_keeps_no_tokens_for_the_index(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import service.ingestion as ingestion

    monkeypatch.setattr(ingestion, "KEEP_STORED", 4)
    engine = Engine.open(settings.model_copy(update={"load_seeds": False}))
    report = engine.ingest_paths(_write(tmp_path / "docs", 0, 5))
    assert report.stored is None
    assert engine.stats().indexed_passages == engine.stats().passages == 10
    _same(engine._require_index(), _rebuilt(engine))
    engine.close()
