"""Empty queries, unknown words, empty documents and empty corpora give no hits, not errors."""

from __future__ import annotations

import numpy as np

from retrieval.bm25 import BM25Index

CORPUS = [["食品", "安全", "检查"], [], ["食品", "抽检"], ["安全", "生产"], ["市场", "监管"]]


def test_empty_query_scores_zero_and_finds_nothing() -> None:
    index = BM25Index.from_tokens(CORPUS)
    np.testing.assert_array_equal(index.get_scores([]), np.zeros(5))
    assert index.top_k([], 5) == []


def test_unknown_tokens_add_nothing() -> None:
    index = BM25Index.from_tokens(CORPUS)
    assert index.top_k(["火星"], 5) == []
    np.testing.assert_array_equal(
        index.get_scores(["火星", "抽检", "月球"]), index.get_scores(["抽检"])
    )


def test_only_matching_documents_are_hits_even_when_k_is_larger() -> None:
    index = BM25Index.from_tokens(CORPUS)
    assert [doc for doc, _ in index.top_k(["食品"], 10)] == [2, 0]


def test_non_positive_k_finds_nothing() -> None:
    index = BM25Index.from_tokens(CORPUS)
    assert index.top_k(["食品"], 0) == [] and index.top_k(["食品"], -1) == []


def test_empty_corpus_and_corpus_of_empty_documents() -> None:
    corpora: list[list[list[str]]] = [[], [[], []]]
    for corpus in corpora:
        index = BM25Index.from_tokens(corpus)
        assert len(index) == len(corpus)
        assert index.get_scores(["食品"]).shape == (len(corpus),)
        assert index.top_k(["食品"], 3) == []
