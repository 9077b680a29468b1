"""Ingest hands texts to the tokenizing workers as it parses them, not after parsing all,
and a store that fails while the later documents are being checked still says how many
bulletins were stored before it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest
from sqlalchemy.exc import OperationalError

from retrieval.parallel import tokenize_joined
from retrieval.tokenizer import tokenize
from service import ingestion
from service.engine import Engine
from service.ingestion import Document, IngestInterrupted
from service.settings import Settings
from store import repository

TEXTS = [f"{i}号:2017年,高新区共受理举报投诉{i}宗,為消費者挽回損失。" for i in range(60)]


@pytest.mark.usefixtures("small_chunks")
def test_workers_start_on_the_first_texts_before_the_rest_exist() -> None:
    read: list[str] = []

    def produced(texts: Iterable[str]) -> Iterator[str]:
        for text in texts:
            read.append(text)
            yield text

    stream = tokenize_joined(produced(TEXTS), workers=2)
    assert next(stream) == " ".join(tokenize(TEXTS[0]))
    assert len(read) < len(TEXTS)  # the first tokens came back before the last text was made
    assert [next(stream) for _ in TEXTS[1:]] == [" ".join(tokenize(t)) for t in TEXTS[1:]]
    assert next(stream, None) is None


def _bulletins(count: int) -> list[Document]:
    body = "\n\n".join(f"第{p}段:高新区市场监管局检查商户{p * 7}户,发现问题{p}处。"
                       for p in range(10))
    return [Document(origin=f"b{n}.txt", raw=f"高新区检查通报第{n}号\n\n{body}\n".encode())
            for n in range(count)]


@pytest.mark.usefixtures("small_chunks")
def test_a_store_failing_while_later_documents_are_checked_reports_what_was_stored(
    settings: Settings, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ingestion, "PARSE_GROUP", 2)
    monkeypatch.setattr(ingestion, "STORE_BATCH", 10)
    engine = Engine.open(settings.model_copy(update={"load_seeds": False}))
    checks = {"count": 0}
    real = repository.stored_hashes

    def failing_later(session: object, digests: Iterable[str]) -> set[str]:
        checks["count"] += 1
        if checks["count"] > 3:
            raise OperationalError("SELECT", {}, Exception("disk I/O error"))
        return real(session, digests)  # type: ignore[arg-type]

    monkeypatch.setattr(repository, "stored_hashes", failing_later)
    try:
        with pytest.raises(IngestInterrupted) as caught:
            engine.ingest_documents(_bulletins(12))
        stored = len(caught.value.report.added)
        assert 0 < stored < 12
        assert f"{stored} of 12 new bulletin(s) were stored before it" in str(caught.value)
        assert "the disk failed" in str(caught.value)
        monkeypatch.setattr(repository, "stored_hashes", real)
        assert engine.stats().bulletins == stored  # whole bulletins only
        again = engine.ingest_documents(_bulletins(12))
        assert len(again.added) == 12 - stored and len(again.duplicates) == stored
    finally:
        engine.close()
