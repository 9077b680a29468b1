"""Our BM25 index returns rank-bm25's BM25Okapi scores and ranking, on real and random text."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

import retrieval.bm25 as bm25_module
from retrieval.bm25 import BM25Index
from retrieval.tokenizer import tokenize
from tests.conftest import shared_path

REPORTS = ("1978.txt", "2008.txt", "2017.txt")


def expected_top_k(scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """rank-bm25's scores sorted by score desc, index asc, zero scores dropped."""
    ranked = sorted((-s, i) for i, s in enumerate(scores.tolist()) if s > 0)
    return [(i, -s) for s, i in ranked[:k]]


def assert_same_as_rank_bm25(
    corpus: Sequence[Sequence[str]], queries: Sequence[Sequence[str]], k: int = 10
) -> None:
    reference = BM25Okapi(corpus)
    index = BM25Index.from_tokens(corpus)
    for query in queries:
        scores = reference.get_scores(query)
        np.testing.assert_allclose(index.get_scores(query), scores, rtol=0, atol=1e-9)
        assert index.top_k(query, k) == expected_top_k(scores, k), query


@pytest.fixture(scope="module")
def report_sentences() -> list[list[str]]:
    folder = shared_path("corpus", "gov-work-reports")
    text = "\n".join((folder / name).read_text(encoding="utf-8") for name in REPORTS)
    sentences = (tokenize(s) for s in re.split(r"[。！？；\n]+", text))
    return [s for s in sentences if s]


def random_corpus(seed: int, docs: int, vocab: int, max_len: int) -> list[list[str]]:
    """Zipf-like word draws, so some words are in most documents (negative idf)."""
    rng = np.random.default_rng(seed)
    lengths = rng.integers(0, max_len + 1, size=docs)
    return [[f"w{w}" for w in rng.zipf(1.3, size=n) % vocab] for n in lengths]


def random_queries(seed: int, vocab: int, count: int) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    return [
        [f"w{w}" for w in rng.integers(0, vocab + 3, size=rng.integers(1, 6))] for _ in range(count)
    ]


@pytest.fixture(params=["rare-first", "dense"])
def search_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run each test through both top-k strategies: MaxScore over rare terms, and dense."""
    if request.param == "dense":
        monkeypatch.setattr(bm25_module, "_LOOKUP_LIMIT", -1)
    else:
        monkeypatch.setattr(bm25_module, "_LOOKUP_LIMIT", 10**9)
    return str(request.param)


def test_real_report_sentences_score_as_rank_bm25(
    report_sentences: list[list[str]], search_path: str
) -> None:
    rng = np.random.default_rng(7)
    picks = rng.choice(len(report_sentences), size=40, replace=False)
    queries = [list(rng.permutation(report_sentences[i]))[:5] for i in picks]
    queries.append(tokenize("2017年国内生产总值增长多少?"))
    assert_same_as_rank_bm25(report_sentences, queries, k=10)


@pytest.mark.parametrize("seed", range(12))
def test_random_corpora_score_as_rank_bm25(seed: int, search_path: str) -> None:
    vocab = [5, 30, 400][seed % 3]
    corpus = random_corpus(seed, docs=[3, 50, 400][seed % 3] + seed, vocab=vocab, max_len=15)
    if not any(corpus):
        corpus[0] = ["w0"]  # rank-bm25 divides by zero on a corpus without words
    assert_same_as_rank_bm25(corpus, random_queries(seed, vocab, 25), k=1 + seed % 7)


def test_negative_idf_is_floored_like_rank_bm25(search_path: str) -> None:
    # "common" is in 3 of 4 documents, so its raw idf is negative and gets the floor.
    corpus = [["common", "a"], ["common", "b"], ["common", "c", "c"], ["d"]]
    reference = BM25Okapi(corpus)
    assert reference.idf["common"] == pytest.approx(0.25 * reference.average_idf)
    assert_same_as_rank_bm25(corpus, [["common"], ["common", "c"], ["d", "common"]], k=4)


def test_repeated_query_tokens_count_each_time(search_path: str) -> None:
    corpus = [["税收", "增长"], ["税收", "减免", "企业"], ["企业", "增长", "增长"]]
    once = BM25Index.from_tokens(corpus).get_scores(["增长"])
    twice = BM25Index.from_tokens(corpus).get_scores(["增长", "增长"])
    np.testing.assert_allclose(twice, 2 * once)
    assert_same_as_rank_bm25(corpus, [["增长", "增长", "企业"]], k=3)


def test_ties_rank_by_document_index(search_path: str) -> None:
    corpus = [["x", "y"], ["z", "q"], ["x", "y"], ["y", "x"], ["q"]]
    index = BM25Index.from_tokens(corpus)
    assert [doc for doc, _ in index.top_k(["x"], 3)] == [0, 2, 3]
