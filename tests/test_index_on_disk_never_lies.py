"""The saved index is verified on load and rebuilt from the store when it does not verify;
it is written only when it changed, and a folder that cannot be written costs nothing
but a warning."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from retrieval import saved
from retrieval.index import PassageIndex
from service.engine import Engine
from service.ingestion import Document
from service.settings import Settings

QUESTION = "2017年高新区受理了多少举报投诉?"
NEW = Document(origin="new.txt", raw="""高新区开展冷库专项检查

2019年,高新区市场监管局共检查冷库217家,查扣问题冻品8642公斤。
""".encode())


def open_and_answer(settings: Settings) -> str | None:
    engine = Engine.open(settings)
    try:
        return engine.ask(QUESTION, log=False).answer
    finally:
        engine.close()


def saved_folder(settings: Settings) -> Path:
    [folder] = [p for p in settings.index_dir.iterdir() if "." not in p.name]
    return folder


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def flip_last_byte(path: Path) -> None:
    """The end of ids.npy is the last passage id: before checksums this loaded fine and
    pointed a document at the wrong passage."""
    data = bytearray(path.read_bytes())
    data[-1] ^= 0x01
    path.write_bytes(bytes(data))


def flip_middle_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x20
    path.write_bytes(bytes(data))


def empty(path: Path) -> None:
    path.write_bytes(b"")


@pytest.mark.parametrize("damage", [truncate, flip_last_byte, flip_middle_byte, empty])
@pytest.mark.parametrize("name", ["bm25", "ids.npy", "manifest.json"])
def test_a_damaged_file_is_rebuilt_from_the_store_with_one_reason(
    settings: Settings, name: str, damage: Callable[[Path], None],
    caplog: pytest.LogCaptureFixture,
) -> None:
    right = open_and_answer(settings)
    assert right is not None and right.startswith("3843宗")
    damage(saved_folder(settings) / name)

    with caplog.at_level(logging.WARNING, logger="service.engine"):
        assert open_and_answer(settings) == right
    [reason] = [r.getMessage() for r in caplog.records if "not used" in r.getMessage()]
    assert "rebuilding it from the store" in reason
    assert PassageIndex.load(saved_folder(settings)) is not None  # saved again, verified


def test_a_missing_manifest_is_a_reason_to_rebuild(settings: Settings) -> None:
    open_and_answer(settings)
    (saved_folder(settings) / "manifest.json").unlink()
    with pytest.raises(saved.Unusable, match="no manifest"):
        PassageIndex.load(saved_folder(settings))
    assert (open_and_answer(settings) or "").startswith("3843宗")


def test_the_index_is_written_only_when_it_changed(settings: Settings) -> None:
    open_and_answer(settings)
    manifest = saved_folder(settings) / "manifest.json"
    written = manifest.stat().st_mtime_ns
    open_and_answer(settings)
    assert manifest.stat().st_mtime_ns == written

    engine = Engine.open(settings)
    try:
        engine.ingest_documents([NEW])
        stored = engine.stats().passages
    finally:
        engine.close()
    open_and_answer(settings)  # catches up with the ingest and saves the extended index
    extended = PassageIndex.load(saved_folder(settings))
    assert extended is not None and len(extended) == stored
    written = manifest.stat().st_mtime_ns
    open_and_answer(settings)
    assert manifest.stat().st_mtime_ns == written


def test_an_index_folder_that_cannot_be_written_still_answers(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """A file where the index folder should be: every write fails, as on a read-only or
    full disk (permissions would not stop root, which runs CI)."""
    settings.data_dir.mkdir(parents=True)
    settings.index_dir.write_text("in the way")
    with caplog.at_level(logging.WARNING, logger="service.engine"):
        engine = Engine.open(settings)
        try:
            assert (engine.ask(QUESTION, log=False).answer or "").startswith("3843宗")
            engine.ingest_documents([NEW])
            engine.reindex()
            assert (engine.ask("2019年高新区检查了多少家冷库?", log=False).answer or "").startswith("217家")
        finally:
            engine.close()
    warnings = [r for r in caplog.records if "could not be saved" in r.getMessage()]
    assert len(warnings) == 1


def test_leftovers_of_interrupted_saves_are_removed(settings: Settings) -> None:
    open_and_answer(settings)
    folder = saved_folder(settings)
    leftovers = [folder.with_name(folder.name + suffix)
                 for suffix in (".tmp", ".old", ".tmp.999999999", ".old.999999999")]
    for leftover in leftovers:
        shutil.copytree(folder, leftover)
    open_and_answer(settings)
    assert [p for p in leftovers if p.exists()] == []
    assert folder.exists()
