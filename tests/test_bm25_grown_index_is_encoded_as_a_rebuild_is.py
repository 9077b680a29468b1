"""Growing rewrites only the tail blocks of the terms it touches and copies every other
block's bytes; the result is byte for byte what a rebuild encodes, over several growth
steps: a term whose last block was full, one that fills a block exactly and grows on,
a term new in a batch, gaps of two and four bytes, frequencies past one byte, a batch
of one empty document."""

from __future__ import annotations

import numpy as np
import pytest

import retrieval.postings as postings_module
from retrieval.bm25 import BM25Index
from retrieval.postings import BLOCK

ENCODED = ("indptr", "doc_gaps", "gap_at", "tf8", "over_at", "over_tf", "doc_len", "bptr",
           "block_last")
START = 70_000  # past 65,536 documents, so a gap needs four bytes
BATCHES = (40, 200, 1, BLOCK, 1, 300)  # the second single document is empty


def _corpus() -> list[list[str]]:
    total = START + sum(BATCHES)
    docs = [[f"w{i % 97}", f"v{i % 13}", "every"] for i in range(total)]
    for i in range(2 * BLOCK):  # two full blocks when the index is built
        docs[i].append("full")
    for i in range(100):  # 100 postings, then 28 from the first batch fill the block
        docs[i].append("fills")
    for i in range(START, START + 28):
        docs[i].append("fills")
    docs[0].append("far")
    docs[START - 1].append("far")  # a gap of 69,998: four bytes
    for i in range(0, START, 300):
        docs[i].append("sparse")  # gaps of 299: two bytes
    docs[5] += ["loud"] * 300  # an old frequency past one byte, which growth moves
    for i in range(START, total, 3):
        docs[i] += ["full", "far", "sparse"]
    for i in range(START + 60, total):
        docs[i].append("fills")
    for i in range(START + 40, START + 240):
        docs[i].append("fresh")  # new in the second batch, a full block and more
    docs[START + 100] += ["loud"] * 400 + ["shout"] * 256  # new ones past one byte
    docs[START + 369] = []  # a batch that touches no term
    return docs


@pytest.mark.parametrize("splice", ["by slices", "by masks"])
def test_grown_encoded_arrays_equal_a_rebuilds_byte_for_byte(
    splice: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(postings_module, "_SLICES_FROM", 0 if splice == "by slices" else 10**12)
    corpus = _corpus()
    grown = BM25Index.from_tokens(corpus[:START])
    first_average = float(grown.postings.fmax_avgdl[0])
    start = START
    for size in BATCHES:
        grown.add(corpus[start : start + size])
        start += size
        rebuilt = BM25Index.from_tokens(corpus[:start])
        for name in ENCODED:
            ours, theirs = getattr(grown.postings, name), getattr(rebuilt.postings, name)
            assert ours.dtype == theirs.dtype, name
            assert ours.tobytes() == theirs.tobytes(), f"{name} after {start:,} documents"
        for query in (["full"], ["fills", "fresh"], ["far", "sparse", "loud"], ["shout", "w3"]):
            np.testing.assert_array_equal(grown.get_scores(query), rebuilt.get_scores(query))
            assert grown.top_k(query, 10) == rebuilt.top_k(query, 10)
    assert float(grown.postings.fmax_avgdl[0]) == first_average  # grown, never rederived
    p = grown.postings
    for term, width in (("far", 4), ("sparse", 2)):  # the widths the corpus is made for
        first = int(p.bptr[grown.vocab[term]])
        assert int(p.gap_at[first + 1] - p.gap_at[first]) == width * BLOCK, term
