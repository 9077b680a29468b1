"""Batches of files: GBK decodes, a broken file is named and skipped, duplicates store once."""

from __future__ import annotations

from pathlib import Path

from service.engine import Engine
from service.settings import Settings
from tests.conftest import SEED

GBK_BULLETIN = (
    "某县开展春季农资打假专项行动\n\n"
    "2019年,某县农业农村局开展春季农资打假,共检查农资门店137家次,"
    "立案查处案件12宗。\n(某县农业农村局 供稿)\n"
)


def empty_engine(settings: Settings) -> Engine:
    return Engine.open(settings.model_copy(update={"load_seeds": False}))


def test_gbk_file_ingests_and_is_searchable(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(GBK_BULLETIN.encode("gbk"))
    report = engine.ingest_paths([path])
    assert report.added == [(str(path), "某县开展春季农资打假专项行动")]
    hits = engine.search("农资门店")
    assert hits and "137家次" in hits[0].text
    assert hits[0].bulletin.issuer == "某县农业农村局"


def test_broken_file_is_named_and_the_rest_still_ingests(
    settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (folder / "b-empty.txt").write_bytes(b"")
    (folder / "c-good.txt").write_bytes(SEED.read_bytes())
    engine = empty_engine(settings)
    report = engine.ingest_paths([folder, tmp_path / "missing.txt"])
    assert [origin for origin, _ in report.added] == [str(folder / "c-good.txt")]
    failed = dict(report.failed)
    assert "binary" in failed[str(folder / "a-binary.txt")]
    assert "empty" in failed[str(folder / "b-empty.txt")]
    assert str(tmp_path / "missing.txt") in failed
    assert engine.stats().bulletins == 1


def test_same_bulletin_twice_is_stored_once(settings: Settings, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED.read_bytes())
    engine = empty_engine(settings)
    first = engine.ingest_paths([SEED, copy])
    assert len(first.added) == 1 and first.duplicates == [str(copy)]
    again = engine.ingest_paths([SEED])
    assert again.added == [] and again.duplicates == [str(SEED)]
    stats = engine.stats()
    assert stats.bulletins == 1
    assert stats.passages == stats.indexed_passages


def test_oversized_file_is_refused_before_reading(settings: Settings, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (10 * 1024 * 1024 + 1))
    engine = empty_engine(settings)
    report = engine.ingest_paths([big])
    assert report.added == []
    assert "too large" in dict(report.failed)[str(big)]


def test_fresh_store_is_filled_from_seeds(engine: Engine) -> None:
    stats = engine.stats()
    assert stats.bulletins == 1
    assert stats.passages > 20
    assert engine.latest(1)[0].title == "高新区落实打假责任为打造质量标准高地保驾护航"


def test_saved_index_is_reused_and_catches_up(settings: Settings, tmp_path: Path) -> None:
    first = Engine.open(settings)
    built_at = first.stats().index_built_at
    first.close()
    reopened = Engine.open(settings)
    assert reopened.stats().index_built_at == built_at
    other_process = Engine.open(settings)
    path = tmp_path / "new.txt"
    path.write_bytes(GBK_BULLETIN.encode("utf-8"))
    other_process.ingest_paths([path])
    reopened.refresh_index(force=True)
    assert any("137家次" in hit.text for hit in reopened.search("农资门店"))
