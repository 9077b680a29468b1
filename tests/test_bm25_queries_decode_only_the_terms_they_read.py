"""Without the C kernel, queries decode the blocks of their own terms only: the index's
document ids are never decoded whole, and a span read block by block is the very ids
a whole decode gives, from any posting to any other."""

from __future__ import annotations

import numpy as np
from rank_bm25 import BM25Okapi

from retrieval.bm25 import BM25Index
from retrieval.postings import BLOCK
from tests.test_bm25_matches_rank_bm25 import expected_top_k, random_corpus, random_queries


def test_spans_decoded_block_by_block_equal_the_whole_decode() -> None:
    corpus = random_corpus(21, docs=5000, vocab=80, max_len=25)
    index = BM25Index.from_tokens(corpus[:4000])
    index.add(corpus[4000:])  # grown blocks too
    p = index.postings
    whole = p.decoded_docs()
    rng = np.random.default_rng(3)
    for term in range(len(p.indptr) - 1):
        start, end = p.span(term)
        np.testing.assert_array_equal(p.span_docs(term, start, end), whole[start:end])
        if end - start > BLOCK:
            a, b = sorted(rng.integers(start, end + 1, size=2).tolist())
            np.testing.assert_array_equal(p.span_docs(term, a, b), whole[a:b])


def test_queries_never_decode_the_whole_index() -> None:
    corpus = random_corpus(22, docs=3000, vocab=60, max_len=30)
    index = BM25Index.from_tokens(corpus)
    reference = BM25Okapi(corpus)
    for query in random_queries(23, 60, 30):
        scores = reference.get_scores(query)
        assert index.top_k(query, 10) == expected_top_k(scores, 10)
        np.testing.assert_array_equal(index.get_scores(query), scores)
    assert "docs" not in index.postings.__dict__
