"""jieba's dictionary, cached per user, cuts text exactly as the dictionary built afresh,
whether read word by word from SQLite or loaded whole once that is worth it."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval import dictionary
from retrieval.dictionary import LazyFrequencies, load_tokenizer
from tests.conftest import SEED


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "bulletin-bot"


def test_the_cached_dictionary_cuts_like_a_fresh_one(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = load_tokenizer()
    assert sorted(p.suffix for p in cache.iterdir()) == [".pickle", ".sqlite"]
    text = SEED.read_text(encoding="utf-8")

    cached = load_tokenizer()
    assert isinstance(cached.FREQ, LazyFrequencies)
    assert cached.lcut("2017年高新区受理了多少举报投诉?") == ["2017", "年", "高新区", "受理", "了",
                                                         "多少", "举报投诉", "?"]
    assert isinstance(cached.FREQ, LazyFrequencies)  # one question: no full load
    assert cached.lcut(text) == fresh.lcut(text)
    assert cached.lcut_for_search(text) == fresh.lcut_for_search(text)

    monkeypatch.setattr(dictionary, "EAGER_AFTER", 10)
    eager = load_tokenizer()
    assert eager.lcut(text) == fresh.lcut(text)
    assert type(eager.FREQ) is dict  # jieba reads a plain dict once it was worth loading
    assert eager.total == fresh.total


def test_a_cache_others_can_write_is_not_read(cache: Path) -> None:
    load_tokenizer()
    cache.chmod(0o777)
    try:
        assert type(load_tokenizer().FREQ) is dict  # rebuilt, not read
    finally:
        cache.chmod(0o700)
