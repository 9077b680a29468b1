"""However a corpus is cut into slices, the index holds exactly the postings counted by hand.

The build counts each slice in compact types (two-byte local document ids, one-byte
frequencies where they fit) and merges the slices at the end; every stored array must
be what counting the whole corpus at once gives, wide frequencies and large slices
included.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pytest

from retrieval.bm25 import BM25Index
from retrieval.postings import Postings, compact


def _by_hand(corpus: Sequence[Sequence[str]]) -> tuple[Postings, dict[str, int]]:
    """Postings from per-document Counters, terms numbered in first-seen order."""
    vocab: dict[str, int] = {}
    for doc in corpus:
        for token in doc:
            vocab.setdefault(token, len(vocab))
    lists: list[list[tuple[int, int]]] = [[] for _ in vocab]
    for number, doc in enumerate(corpus):
        for token, tf in Counter(doc).items():
            lists[vocab[token]].append((number, tf))
    indptr = np.cumsum([0, *map(len, lists)])
    docs = np.array([d for postings in lists for d, _ in postings], dtype=np.int32)
    tf = np.array([f for postings in lists for _, f in postings], dtype=np.uint32)
    lengths = np.array([len(doc) for doc in corpus], dtype=np.int64)
    return compact(indptr, docs, tf, lengths, 1.5, 0.75), vocab


def _corpus(seed: int, docs: int) -> list[list[str]]:
    rng = random.Random(seed)
    words = [f"w{n}" for n in range(300)]
    return [rng.choices(words, k=rng.randint(0, 15)) for _ in range(docs)]


def _cut(corpus: list[list[str]], seed: int) -> list[list[list[str]]]:
    rng = random.Random(seed)
    slices, start = [], 0
    while start < len(corpus):
        size = rng.choice([0, 1, 3, 50, 400])
        slices.append(corpus[start : start + size])
        start += size
    return slices


def _assert_same(index: BM25Index, expected: Postings, vocab: dict[str, int]) -> None:
    assert index.vocab == vocab
    for name, array in expected.arrays().items():
        got = index.postings.arrays()[name]
        assert got.dtype == array.dtype, name
        np.testing.assert_array_equal(got, array, err_msg=name)


@pytest.mark.parametrize("seed", range(4))
def test_random_slicing_gives_the_postings_counted_by_hand(seed: int) -> None:
    corpus = _corpus(seed, 1500)
    expected, vocab = _by_hand(corpus)
    _assert_same(BM25Index.from_token_slices(_cut(corpus, seed)), expected, vocab)
    _assert_same(BM25Index.from_tokens(corpus), expected, vocab)


def test_frequencies_past_one_and_two_bytes_are_kept_exactly() -> None:
    corpus = [["a"] * 70_000 + ["b"] * 300, ["b", "c"], ["a"] * 256, ["c"] * 255]
    expected, vocab = _by_hand(corpus)
    _assert_same(BM25Index.from_token_slices([corpus[:1], corpus[1:]]), expected, vocab)
    _assert_same(BM25Index.from_tokens(corpus), expected, vocab)


def test_a_slice_too_large_for_two_byte_document_ids() -> None:
    corpus = _corpus(9, 70_000)
    expected, vocab = _by_hand(corpus)
    _assert_same(BM25Index.from_token_slices([corpus[:5], corpus[5:]]), expected, vocab)
