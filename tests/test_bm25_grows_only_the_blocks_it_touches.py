"""Appending documents recomputes only the blocks it changes, keeping the rest's maxima
for the average length they were computed for; queries stay exactly rank-bm25's, and
once the average drifts far every maximum is computed afresh."""

from __future__ import annotations

import numpy as np
from rank_bm25 import BM25Okapi

from retrieval.bm25 import BM25Index
from retrieval.postings import Postings
from tests.test_bm25_matches_rank_bm25 import expected_top_k, random_corpus, random_queries

SAME = ("indptr", "docs", "tf8", "over_at", "over_tf", "doc_len", "bptr", "block_last")


def _assert_bounds_hold(grown: Postings, rebuilt: Postings) -> None:
    """Every grown maximum, scaled for the current average, bounds the true one."""
    avgdl = float(rebuilt.fmax_avgdl[0])
    scale = grown.bound_scale(avgdl)
    assert (grown.block_fmax * scale >= rebuilt.block_fmax * (1 - 1e-12)).all()
    assert (grown.term_fmax * scale >= rebuilt.term_fmax * (1 - 1e-12)).all()


def test_growing_in_small_batches_keeps_postings_exact_and_bounds_valid() -> None:
    corpus = random_corpus(11, docs=3000, vocab=60, max_len=30)
    corpus[2950] = ["w1"] * 300 + ["new-term"]  # a frequency past one byte, a new term
    grown = BM25Index.from_tokens(corpus[:2900])
    first_average = float(grown.postings.fmax_avgdl[0])
    for start in range(2900, 3000, 10):
        grown.add(corpus[start : start + 10])
    rebuilt = BM25Index.from_tokens(corpus)
    assert float(grown.postings.fmax_avgdl[0]) == first_average  # no block recomputed for it
    for name in SAME:
        np.testing.assert_array_equal(getattr(grown.postings, name),
                                      getattr(rebuilt.postings, name), err_msg=name)
    assert not np.array_equal(grown.postings.block_fmax, rebuilt.postings.block_fmax)
    _assert_bounds_hold(grown.postings, rebuilt.postings)
    reference = BM25Okapi(corpus)
    for query in [*random_queries(12, 60, 40), ["w1", "new-term"], ["w0", "w0", "w3"]]:
        scores = reference.get_scores(query)
        np.testing.assert_array_equal(grown.get_scores(query), scores)
        assert grown.top_k(query, 10) == expected_top_k(scores, 10)


def test_a_large_drift_in_average_length_recomputes_every_maximum() -> None:
    corpus = random_corpus(13, docs=400, vocab=40, max_len=10)
    corpus += random_corpus(14, docs=200, vocab=40, max_len=60)  # much longer documents
    grown = BM25Index.from_tokens(corpus[:400])
    grown.add(corpus[400:])
    rebuilt = BM25Index.from_tokens(corpus)
    for name in (*SAME, "block_fmax", "term_fmax", "fmax_avgdl"):
        np.testing.assert_array_equal(getattr(grown.postings, name),
                                      getattr(rebuilt.postings, name), err_msg=name)
    reference = BM25Okapi(corpus)
    for query in random_queries(15, 40, 30):
        assert grown.top_k(query, 5) == expected_top_k(reference.get_scores(query), 5)
