"""Adding documents to an index scores exactly as rebuilding it from all documents."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.bm25 import BM25Index
from tests.test_bm25_matches_rank_bm25 import random_corpus, random_queries


@pytest.mark.parametrize("seed", range(6))
def test_add_in_batches_equals_rebuild(seed: int) -> None:
    corpus = random_corpus(seed, docs=300, vocab=200, max_len=20)
    rebuilt = BM25Index.from_tokens(corpus)
    grown = BM25Index.from_tokens(corpus[:100])
    grown.top_k(["w1"], 5)  # derive statistics before growing, as a live index would
    for start in range(100, 300, 37 + seed):
        grown.add(corpus[start : start + 37 + seed])
    assert len(grown) == len(rebuilt) == 300
    for query in random_queries(seed, 200, 20):
        np.testing.assert_array_equal(grown.get_scores(query), rebuilt.get_scores(query))
        assert grown.top_k(query, 7) == rebuilt.top_k(query, 7)


def test_new_words_in_added_documents_become_searchable() -> None:
    index = BM25Index.from_tokens([["食品", "安全"], ["市场", "监管"]])
    assert index.top_k(["打假"], 3) == []
    index.add([["打假", "行动"], []])
    assert [doc for doc, _ in index.top_k(["打假"], 3)] == [2]
    assert len(index) == 4


def test_adding_to_an_empty_index_equals_building() -> None:
    corpus = [["a", "b"], ["b", "c"], ["c", "c", "d"]]
    grown = BM25Index.from_tokens([])
    grown.add(corpus)
    np.testing.assert_array_equal(
        grown.get_scores(["c", "a"]), BM25Index.from_tokens(corpus).get_scores(["c", "a"])
    )
