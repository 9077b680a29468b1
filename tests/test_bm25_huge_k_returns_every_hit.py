"""A k far beyond the corpus asks for every hit, not for memory sized by k."""

from __future__ import annotations

from retrieval.bm25 import BM25Index


def test_k_larger_than_any_corpus_returns_every_positive_hit_ranked() -> None:
    index = BM25Index.from_tokens([["税收", "增长"], ["增长"], ["企业"]])
    hits = index.top_k(["增长", "税收"], 10**12)
    assert [doc for doc, _ in hits] == [0, 1]
    assert hits[0][1] > hits[1][1] > 0
