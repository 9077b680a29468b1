"""A saved index loads back scoring identically, and foreign files are refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval.bm25 import BM25Index
from tests.test_bm25_matches_rank_bm25 import random_corpus, random_queries


def test_saved_index_loads_with_same_scores(tmp_path: Path) -> None:
    corpus = random_corpus(3, docs=200, vocab=150, max_len=12)
    corpus.append(["高新区", "举报投诉", "3843", "宗"])
    index = BM25Index.from_tokens(corpus, k1=1.2, b=0.7, epsilon=0.3)
    path = tmp_path / "bm25"  # no suffix: the file must land exactly here
    index.save(path)
    loaded = BM25Index.load(path)
    assert path.is_file() and len(loaded) == len(index)
    assert (loaded.k1, loaded.b, loaded.epsilon) == (1.2, 0.7, 0.3)
    for query in [*random_queries(3, 150, 10), ["举报投诉", "高新区"]]:
        np.testing.assert_array_equal(loaded.get_scores(query), index.get_scores(query))
        assert loaded.top_k(query, 5) == index.top_k(query, 5)


def test_loaded_index_keeps_growing_like_the_original(tmp_path: Path) -> None:
    index = BM25Index.from_tokens([["a", "b"], ["b"]])
    index.save(tmp_path / "bm25")
    loaded = BM25Index.load(tmp_path / "bm25")
    for grown in (index, loaded):
        grown.add([["b", "c"], ["c"]])
    np.testing.assert_array_equal(loaded.get_scores(["c", "a"]), index.get_scores(["c", "a"]))


def test_empty_index_round_trips(tmp_path: Path) -> None:
    BM25Index.from_tokens([]).save(tmp_path / "empty")
    loaded = BM25Index.load(tmp_path / "empty")
    assert len(loaded) == 0 and loaded.top_k(["a"], 3) == []


def test_file_of_another_format_is_refused(tmp_path: Path) -> None:
    with open(tmp_path / "other", "wb") as handle:
        np.savez(handle, format=np.array("something-else"), version=np.array(1))
    with pytest.raises(ValueError, match="not a BM25 index"):
        BM25Index.load(tmp_path / "other")
