"""Token lists to term-major postings (term frequencies per term and document), in slices.

Building at ten million passages is bounded by memory, not time: the old way (a scipy
COO matrix per slice, stacked, then converted to columns once) held every posting two
or three times over with 8 bytes each, plus 4-byte row and column ids per token. Here
each slice is counted on its own with one numpy sort and kept term-major in the
narrowest types that hold it (a slice of at most 65,536 documents keeps 2-byte local
document ids, frequencies usually one byte), so the slices cost about 3 bytes a
posting; the merge then writes each slice's postings straight to their final place
(every term's postings from earlier slices come first, so document ids stay
ascending) and frees the slice. The postings are the very values the matrices gave.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

# Largest slice whose local document ids fit in two bytes.
SLICE = 1 << 16


@dataclass(frozen=True)
class SliceCounts:
    """One slice's postings, term-major: ``terms`` (ascending ids) hold ``df`` postings
    each, in order; ``docs`` are local to the slice, ascending within a term."""

    terms: np.ndarray  # int64
    df: np.ndarray  # int64
    docs: np.ndarray  # narrowest unsigned type holding the slice's last document
    tf: np.ndarray  # narrowest unsigned type holding the largest frequency
    doc_len: np.ndarray  # int32, tokens per document


def count_slice(docs: Sequence[Sequence[str]], vocab: dict[str, int]) -> SliceCounts:
    """Postings of ``docs``, growing ``vocab``.

    Terms are numbered in first-seen order because rank-bm25 averages idf in that
    order, and the same order gives a bit-identical average.
    """
    doc_len = np.fromiter((len(d) for d in docs), dtype=np.int32, count=len(docs))
    # dict.fromkeys and map run at C speed; a Python loop per token would dominate.
    for term in dict.fromkeys(chain.from_iterable(docs)):
        if term not in vocab:
            vocab[term] = len(vocab)
    keys = np.fromiter(map(vocab.__getitem__, chain.from_iterable(docs)), dtype=np.int64,
                       count=int(doc_len.sum(dtype=np.int64)))
    # (term, document) as one number: sorted, equal ones are one posting's occurrences.
    keys *= len(docs)
    keys += np.repeat(np.arange(len(docs), dtype=np.int64), doc_len)
    keys.sort()
    starts = _run_starts(keys)
    tf = np.diff(np.append(starts, len(keys)))
    keys = keys[starts]
    term = keys // max(1, len(docs))
    local = keys - term * len(docs)
    del keys
    first = _run_starts(term)
    return SliceCounts(
        terms=term[first],
        df=np.diff(np.append(first, len(term))),
        docs=local.astype(_narrowest(len(docs) - 1)),
        tf=tf.astype(_narrowest(int(tf.max()) if len(tf) else 0)),
        doc_len=doc_len,
    )


def merge(
    slices: Iterable[SliceCounts], terms: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """indptr (over ``terms`` terms), document ids (int32), frequencies and document
    lengths of consecutive slices as one corpus. ``slices`` may be a list: it is
    emptied as its slices are merged, so each is freed once copied."""
    held = slices if isinstance(slices, list) else list(slices)
    df = np.zeros(terms, dtype=np.int64)
    for part in held:
        df[part.terms] += part.df
    indptr = np.zeros(terms + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    del df
    widest = np.result_type(np.uint8, *[part.tf.dtype for part in held])
    docs = np.empty(int(indptr[-1]), dtype=np.int32)
    tf = np.empty(int(indptr[-1]), dtype=widest)
    doc_len = np.concatenate([part.doc_len for part in held] or [np.zeros(0, np.int32)])
    fill = indptr[:-1].copy()  # where each term's next posting goes
    offset = 0
    held.reverse()
    while held:
        part = held.pop()
        within = np.zeros(len(part.df), dtype=np.int64)  # each term's first posting, locally
        np.cumsum(part.df[:-1], out=within[1:])
        at = np.repeat(fill[part.terms] - within, part.df)
        at += np.arange(len(part.docs), dtype=np.int64)
        docs[at] = part.docs.astype(np.int32) + offset
        tf[at] = part.tf
        fill[part.terms] += part.df
        offset += len(part.doc_len)
    return indptr, docs, tf, doc_len


def _run_starts(values: np.ndarray) -> np.ndarray:
    """Positions where a sorted array's runs of equal values begin."""
    if not len(values):
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.concatenate(([True], values[1:] != values[:-1])))


def _narrowest(largest: int) -> type[np.unsignedinteger]:
    for dtype in (np.uint8, np.uint16, np.uint32):
        if largest <= np.iinfo(dtype).max:
            return dtype
    return np.uint64
