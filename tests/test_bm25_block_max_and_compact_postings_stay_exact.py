"""Block-max pruning over small blocks, one-byte frequencies with overflow, and the saved
format's version: rank-bm25's scores and top k throughout, and old files refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

import retrieval.bm25 as bm25_module
import retrieval.postings as postings_module
from retrieval.bm25 import FORMAT_VERSION, BM25Index
from tests.test_bm25_matches_rank_bm25 import expected_top_k, random_corpus, random_queries


def _zipf_corpus(seed: int, docs: int) -> list[list[str]]:
    """Many documents of a small vocabulary: common words in most blocks, rare ones in few."""
    rng = np.random.default_rng(seed)
    return [
        [f"w{w}" for w in rng.zipf(1.6, size=rng.integers(1, 20)) % 300] for _ in range(docs)
    ]


@pytest.mark.parametrize("block", [1, 4, 16])
@pytest.mark.parametrize("seed", range(4))
def test_pruning_over_small_blocks_matches_rank_bm25(
    monkeypatch: pytest.MonkeyPatch, block: int, seed: int
) -> None:
    monkeypatch.setattr(postings_module, "BLOCK", block)
    monkeypatch.setattr(bm25_module, "_LOOKUP_LIMIT", 10**9)  # never the dense pass
    monkeypatch.setattr(bm25_module, "_SEED", 8)  # a weak first floor: blocks must prune
    corpus = _zipf_corpus(seed, 1500)
    reference = BM25Okapi(corpus)
    index = BM25Index.from_tokens(corpus)
    rng = np.random.default_rng(seed)
    queries = [[f"w{w}" for w in rng.zipf(1.3, size=rng.integers(2, 8)) % 320] for _ in range(40)]
    for query in queries:
        for k in (1, 5, 10):
            assert index.top_k(query, k) == expected_top_k(reference.get_scores(query), k), query


def test_frequencies_past_one_byte_score_exactly(tmp_path: Path) -> None:
    corpus = [["税"] * 300 + ["费"], ["税"] * 255, ["税", "费"] * 70_000, ["费"], ["其他"]]
    reference = BM25Okapi(corpus)
    index = BM25Index.from_tokens(corpus)
    index.save(tmp_path / "bm25")
    loaded = BM25Index.load(tmp_path / "bm25")
    for query in (["税"], ["费", "税"], ["税", "税"]):
        scores = reference.get_scores(query)
        for scorer in (index, loaded):
            np.testing.assert_array_equal(scorer.get_scores(query), scores)
            assert scorer.top_k(query, 3) == expected_top_k(scores, 3)


def test_grown_index_prunes_exactly_after_saving_and_loading(tmp_path: Path) -> None:
    corpus = random_corpus(5, docs=600, vocab=80, max_len=25)
    grown = BM25Index.from_tokens(corpus[:200])
    grown.save(tmp_path / "bm25")
    grown = BM25Index.load(tmp_path / "bm25")
    grown.add(corpus[200:])
    reference = BM25Okapi(corpus)
    for query in random_queries(5, 80, 30):
        assert grown.top_k(query, 6) == expected_top_k(reference.get_scores(query), 6)


def test_index_saved_in_the_old_npz_format_is_refused(tmp_path: Path) -> None:
    with open(tmp_path / "bm25", "wb") as handle:
        np.savez(handle, format=np.array("bulletin-bot/bm25"), version=np.array(1))
    with pytest.raises(ValueError, match=f"not a BM25 index of format {FORMAT_VERSION}"):
        BM25Index.load(tmp_path / "bm25")
