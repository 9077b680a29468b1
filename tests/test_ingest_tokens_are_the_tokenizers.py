"""What ingest stores as a passage's tokens is exactly what ``retrieval.tokenizer`` gives
for its bulletin's title (with the region's words) and its own text: however ingest
splits the work across processes, cuts texts together or filters jieba's pieces, the
index and the answers see the tokens a question is matched against."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from qa.regions import index_words
from retrieval.tokenizer import tokenize
from service.engine import Engine
from service.settings import Settings
from tests.conftest import shared_path


def _expected(title: str, region: str | None, passage: str) -> str:
    head = tokenize(title)
    head += [word for word in index_words(region) if word not in head]
    return " ".join(head + tokenize(passage))


def _stored(engine: Engine) -> list[tuple[str, str | None, str, str]]:
    with engine.db.connect() as connection:
        return [tuple(row) for row in connection.execute(text(
            "SELECT b.title, b.region, p.text, p.tokens FROM passage p "
            "JOIN bulletin b ON b.id = p.bulletin_id ORDER BY p.id"))]


@pytest.mark.parametrize("files", [3, 200])  # in-process, and through the worker pool
def test_stored_tokens_equal_the_tokenizers_on_cmrc(
    settings: Settings, tmp_path: Path, files: int
) -> None:
    paths = sorted(shared_path("corpus", "cmrc2018-dev").glob("*.txt"))[:files]
    engine = Engine.open(settings.model_copy(update={"load_seeds": False}))
    try:
        report = engine.ingest_paths(paths)
        assert report.added
        stored = _stored(engine)
        assert len(stored) > (2000 if files > 100 else 10)
        for title, region, passage, tokens in stored:
            assert tokens == _expected(title, region, passage), passage
    finally:
        engine.close()
