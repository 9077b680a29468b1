"""Compact postings: what the BM25 index keeps per posting, per block and per term.

Per posting only the document id (int32) and the term frequency (one byte, with the
rare frequencies of 255 and more kept exactly in a small overflow table) are stored;
impacts are computed for the postings a query touches, which costs far less memory
than holding a float64 per posting and lets the file be memory-mapped as is.

Postings are cut into blocks of ``BLOCK`` per term; each block keeps its last document
id and the largest term-frequency part of its impacts, so a query can bound what a
term adds to any document without reading the term's postings (block-max MaxScore).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

BLOCK = 128
_ESCAPE = 255  # a one-byte frequency of 255 means "look in the overflow table"
# Block maxima are derived in runs of this many postings, to cap temporary memory.
_CHUNK = 1 << 22


@dataclass(frozen=True)
class Postings:
    """Term t's postings are ``docs[indptr[t]:indptr[t+1]]`` (ascending) and the
    frequencies at the same positions; its blocks are ``bptr[t]:bptr[t+1]``."""

    indptr: np.ndarray  # int64, one more than the number of terms
    docs: np.ndarray  # int32
    tf8: np.ndarray  # uint8, _ESCAPE for frequencies found in the overflow table
    over_at: np.ndarray  # int64 positions whose frequency is >= _ESCAPE, ascending
    over_tf: np.ndarray  # uint32, their frequencies
    doc_len: np.ndarray  # the narrowest unsigned type holding every length
    bptr: np.ndarray  # int64, one more than the number of terms
    block_last: np.ndarray  # int32, last document id of each block
    block_fmax: np.ndarray  # float64, largest tf part (see ``tf_part``) in each block
    term_fmax: np.ndarray  # float64, largest tf part of each term

    def arrays(self) -> dict[str, np.ndarray]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> Postings:
        return cls(**{f.name: arrays[f.name] for f in fields(cls)})

    def span(self, term: int) -> tuple[int, int]:
        return int(self.indptr[term]), int(self.indptr[term + 1])

    def df(self, term: int) -> int:
        start, end = self.span(term)
        return end - start

    def tf(self, start: int, end: int) -> np.ndarray:
        """Exact frequencies of the postings ``start:end``."""
        tf = self.tf8[start:end].astype(np.int64)
        escaped = np.flatnonzero(tf == _ESCAPE)
        if len(escaped):
            tf[escaped] = self.over_tf[np.searchsorted(self.over_at, escaped + start)]
        return tf

    def tf_at(self, positions: np.ndarray) -> np.ndarray:
        """Exact frequencies of the postings at ``positions``."""
        tf = self.tf8[positions].astype(np.int64)
        escaped = np.flatnonzero(tf == _ESCAPE)
        if len(escaped):
            tf[escaped] = self.over_tf[np.searchsorted(self.over_at, positions[escaped])]
        return tf

    def all_tf(self) -> np.ndarray:
        return self.tf(0, len(self.docs)).astype(np.uint32)


def tf_part(
    tf: np.ndarray, doc_len: np.ndarray, k1: float, b: float, avgdl: float
) -> np.ndarray:
    """BM25Okapi's impact divided by idf, with rank-bm25's floating-point operations:
    element by element, so computing it for a few postings gives the same bits as
    computing it for all of them."""
    return tf_part_normed(tf, length_norm(doc_len, k1, b, avgdl), k1)


def length_norm(doc_len: np.ndarray, k1: float, b: float, avgdl: float) -> np.ndarray:
    """The length term of the denominator, per document (computed once per candidate)."""
    result: np.ndarray = k1 * (1 - b + b * doc_len.astype(np.int64) / avgdl)
    return result


def tf_part_normed(tf: np.ndarray, norm: np.ndarray, k1: float) -> np.ndarray:
    freq = tf.astype(np.float64)
    result: np.ndarray = freq * (k1 + 1) / (freq + norm)
    return result


def compact(
    indptr: np.ndarray,
    docs: np.ndarray,
    tf: np.ndarray,
    doc_len: np.ndarray,
    k1: float,
    b: float,
) -> Postings:
    """Postings in their stored form, block and term maxima derived for these lengths."""
    indptr = indptr.astype(np.int64, copy=False)
    docs = docs.astype(np.int32, copy=False)
    lengths = doc_len.astype(_narrowest(int(doc_len.max()) if len(doc_len) else 0))
    over_at = np.flatnonzero(tf >= _ESCAPE).astype(np.int64)
    bptr, starts = _blocks(indptr)
    avgdl = int(lengths.sum(dtype=np.int64)) / len(lengths) if len(lengths) else 1.0
    block_fmax = _block_maxima(starts, docs, tf, lengths, (k1, b, avgdl))
    nonempty = np.flatnonzero(np.diff(bptr))
    term_fmax = np.zeros(len(indptr) - 1)
    if len(nonempty):
        term_fmax[nonempty] = np.maximum.reduceat(block_fmax, bptr[nonempty])
    ends = np.append(starts[1:], len(docs)).astype(np.int64) if len(starts) else starts
    return Postings(
        indptr=indptr,
        docs=docs,
        tf8=np.minimum(tf, _ESCAPE).astype(np.uint8),
        over_at=over_at,
        over_tf=tf[over_at].astype(np.uint32),
        doc_len=lengths,
        bptr=bptr,
        block_last=docs[ends - 1] if len(ends) else np.zeros(0, np.int32),
        block_fmax=block_fmax,
        term_fmax=term_fmax,
    )


def _narrowest(largest: int) -> type[np.unsignedinteger]:
    for dtype in (np.uint8, np.uint16, np.uint32):
        if largest <= np.iinfo(dtype).max:
            return dtype
    return np.uint64


def _blocks(indptr: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-term block pointers, and the first posting of every block in order."""
    df = np.diff(indptr)
    counts = -(-df // BLOCK)
    bptr = np.zeros(len(df) + 1, dtype=np.int64)
    np.cumsum(counts, out=bptr[1:])
    term = np.repeat(np.arange(len(df)), counts)
    within = np.arange(int(bptr[-1]), dtype=np.int64) - bptr[term]
    return bptr, indptr[term] + BLOCK * within


def _block_maxima(
    starts: np.ndarray,
    docs: np.ndarray,
    tf: np.ndarray,
    doc_len: np.ndarray,
    params: tuple[float, float, float],
) -> np.ndarray:
    """Largest tf part in each block, computed over runs of whole blocks."""
    maxima = np.zeros(len(starts))
    first = 0
    while first < len(starts):
        last = max(int(np.searchsorted(starts, starts[first] + _CHUNK, side="right")), first + 1)
        begin = int(starts[first])
        end = int(starts[last]) if last < len(starts) else len(docs)
        part = tf_part(tf[begin:end], doc_len[docs[begin:end]], *params)
        maxima[first:last] = np.maximum.reduceat(part, starts[first:last] - begin)
        first = last
    return maxima
