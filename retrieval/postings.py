"""Compact postings: what the BM25 index keeps per posting, per block and per term.

Per posting only the document id and the term frequency (one byte, with the rare
frequencies of 255 and more kept exactly in a small overflow table) are stored; the
document ids as gaps, per block in the fewest bytes (1, 2 or 4) that hold its largest,
which more than halves them (and the pages a query touches) at a million passages;
impacts are computed for the postings a query touches, which costs far less memory
than holding a float64 per posting and lets the file be memory-mapped as is.

Postings are cut into blocks of ``BLOCK`` per term; each block keeps its last document
id and the largest term-frequency part of its impacts, so a query can bound what a
term adds to any document without reading the term's postings (block-max MaxScore).

Those maxima are computed for one average document length, ``fmax_avgdl``, and stay
upper bounds for any other once scaled by ``bound_scale``: so ``grow`` appends
documents computing only the blocks it changes, where deriving every block again
for the new average cost seconds at a million passages.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property
from itertools import pairwise

import numpy as np

try:  # the C kernel's codec (retrieval/_kernel.c) when built; numpy's otherwise
    import retrieval._kernel as kernel
except ImportError:  # pragma: no cover - an install without a C compiler
    kernel = None  # type: ignore[assignment]

BLOCK = 128
_ESCAPE = 255  # a one-byte frequency of 255 means "look in the overflow table"
# Block maxima are derived in runs of this many postings, to cap temporary memory.
_CHUNK = 1 << 22
# ``grow`` computes maxima afresh for every block once the average length has drifted
# this far from the one they were computed for: scaled maxima bound more loosely.
_DRIFT = 0.02
# ``grow`` splices an array slice by slice from this many elements per span it replaces:
# below, one mask over the whole array costs less than the slices.
_SLICES_FROM = 1000


@dataclass(frozen=True)
class Postings:
    """Term t's postings are ``docs[indptr[t]:indptr[t+1]]`` (ascending) and the
    frequencies at the same positions; its blocks are ``bptr[t]:bptr[t+1]``.

    Block b's document ids are stored in ``doc_gaps[gap_at[b]:gap_at[b+1]]``: each id
    minus the one before it (the previous block's last, -1 for a term's first block)
    minus one, little-endian, in 1, 2 or 4 bytes each (the span's length divided by
    the block's postings)."""

    indptr: np.ndarray  # int64, one more than the number of terms
    doc_gaps: np.ndarray  # uint8
    gap_at: np.ndarray  # int64, one more than the number of blocks
    tf8: np.ndarray  # uint8, _ESCAPE for frequencies found in the overflow table
    over_at: np.ndarray  # int64 positions whose frequency is >= _ESCAPE, ascending
    over_tf: np.ndarray  # uint32, their frequencies
    doc_len: np.ndarray  # the narrowest unsigned type holding every length
    bptr: np.ndarray  # int64, one more than the number of terms
    block_last: np.ndarray  # int32, last document id of each block
    block_fmax: np.ndarray  # float64, largest tf part (see ``tf_part``) in each block
    term_fmax: np.ndarray  # float64, largest tf part of each term
    fmax_avgdl: np.ndarray  # float64, one value: the average length the maxima are for

    @cached_property
    def docs(self) -> np.ndarray:
        """Every document id (int32), decoded on first use and kept, for tools and tests:
        queries decode only the blocks they read (``span_docs``, or the C kernel), so a
        server never holds these."""
        return self.decoded_docs()

    def span_docs(self, term: int, start: int, end: int) -> np.ndarray:
        """Document ids of the postings ``start:end`` of ``term`` (within its span),
        decoding only the blocks they are in: the numpy scoring path's way to read a
        term without decoding the whole index (125 MB at a million passages)."""
        if "docs" in self.__dict__:
            held: np.ndarray = self.__dict__["docs"]
            return held[start:end]
        first_posting, first_block = int(self.indptr[term]), int(self.bptr[term])
        first = first_block + (start - first_posting) // BLOCK
        last = first_block + -(-(end - first_posting) // BLOCK)
        docs = decode_blocks(self, np.arange(first, last, dtype=np.int64))
        offset = first_posting + (first - first_block) * BLOCK
        return docs[start - offset : end - offset]

    def find(self, term: int, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Which of ``docs`` hold ``term`` (their indices, ascending) and the positions
        of those postings: each document's block is found by its last id, and only the
        blocks some document would be in are decoded."""
        first, last = int(self.bptr[term]), int(self.bptr[term + 1])
        block = np.searchsorted(self.block_last[first:last], docs)
        inside = np.flatnonzero(block < last - first)
        blocks = np.unique(block[inside]) + first
        if not len(blocks):
            return inside, inside
        begin = self.indptr[term] + (blocks - first) * BLOCK
        positions = _ranges(begin, np.minimum(self.indptr[term + 1] - begin, BLOCK))
        column = self._docs_at(blocks, positions)
        at = np.searchsorted(column, docs[inside])  # within its block: never past the end
        hit = np.flatnonzero(column[at] == docs[inside])
        return inside[hit], positions[at[hit]]

    def _docs_at(self, blocks: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """The ids at ``positions``, which are the postings of ``blocks``."""
        if "docs" in self.__dict__:
            held: np.ndarray = self.__dict__["docs"]
            return held[positions]
        return decode_blocks(self, blocks)

    def decoded_docs(self) -> np.ndarray:
        """Every document id, decoded afresh (for growth that derives every block again)."""
        if "docs" in self.__dict__:
            cached: np.ndarray = self.__dict__["docs"]
            return cached
        return _decode_docs(self.doc_gaps, self.gap_at, self.bptr, self.block_last,
                            _blocks(self.indptr)[1], int(self.indptr[-1]))

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
        return self.tf(0, len(self.tf8)).astype(np.uint32)

    def bound_scale(self, avgdl: float) -> float:
        """What the stored maxima are multiplied by to bound tf parts at ``avgdl``.

        With r = avgdl / fmax_avgdl >= 1 every document's length term shrinks, but to
        no less than 1/r of itself (for 0 <= b <= 1), so a tf part grows at most r-fold:
        tf(k1+1)/(tf + norm/r) = r·tf(k1+1)/(r·tf + norm) <= r·tf(k1+1)/(tf + norm).
        A shorter average only lengthens the length term: the maxima hold as they are."""
        return max(1.0, avgdl / float(self.fmax_avgdl[0]))


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
    block_last = docs[ends - 1] if len(ends) else np.zeros(0, np.int32)
    doc_gaps, gap_at = _encode_docs(docs, bptr, starts, block_last)
    return Postings(
        indptr=indptr,
        doc_gaps=doc_gaps,
        gap_at=gap_at,
        tf8=np.minimum(tf, _ESCAPE).astype(np.uint8),
        over_at=over_at,
        over_tf=tf[over_at].astype(np.uint32),
        doc_len=lengths,
        bptr=bptr,
        block_last=block_last,
        block_fmax=block_fmax,
        term_fmax=term_fmax,
        fmax_avgdl=np.array([avgdl]),
    )


def _narrowest(largest: int) -> type[np.unsignedinteger]:
    for dtype in (np.uint8, np.uint16, np.uint32):
        if largest <= np.iinfo(dtype).max:
            return dtype
    return np.uint64


def _block_bases(bptr: np.ndarray, block_last: np.ndarray) -> np.ndarray:
    """What each block's first gap is counted from: the previous block's last document,
    or -1 for a term's first block."""
    base = np.full(len(block_last), -1, dtype=np.int64)
    base[1:] = block_last[:-1]
    firsts = bptr[:-1][np.diff(bptr) > 0]
    base[firsts] = -1
    return base


def _block_runs(starts: np.ndarray, total: int) -> list[tuple[int, int, int, int]]:
    """(first block, last block, first posting, end posting) of runs of whole blocks of
    about ``_CHUNK`` postings, so encoding and decoding cap their temporary memory."""
    runs = []
    first = 0
    while first < len(starts):
        last = max(int(np.searchsorted(starts, starts[first] + _CHUNK, side="right")), first + 1)
        end = int(starts[last]) if last < len(starts) else total
        runs.append((first, last, int(starts[first]), end))
        first = last
    return runs


def _encode_docs(
    docs: np.ndarray, bptr: np.ndarray, starts: np.ndarray, block_last: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``doc_gaps`` and ``gap_at`` (see ``Postings``) of ascending per-term ``docs``."""
    if kernel is not None:
        indptr = _indptr_of(bptr, starts, len(docs))
        docs = np.ascontiguousarray(docs, dtype=np.int32)
        block_last = np.ascontiguousarray(block_last, dtype=np.int32)
        gap_at = np.zeros(len(starts) + 1, dtype=np.int64)
        kernel.gap_offsets(docs, indptr, bptr, block_last, gap_at, BLOCK)
        doc_gaps = np.zeros(int(gap_at[-1]), dtype=np.uint8)
        kernel.encode_gaps(docs, indptr, bptr, block_last, gap_at, doc_gaps, BLOCK)
        return doc_gaps, gap_at
    sizes = np.diff(np.append(starts, len(docs))) if len(starts) else starts
    base = _block_bases(bptr, block_last)
    runs = _block_runs(starts, len(docs))
    width = np.zeros(len(starts), dtype=np.int64)
    for first, last, begin, end in runs:
        gaps = _gaps(docs[begin:end], starts[first:last] - begin, base[first:last])
        largest = np.maximum.reduceat(gaps, starts[first:last] - begin)
        width[first:last] = np.where(largest < 1 << 8, 1, np.where(largest < 1 << 16, 2, 4))
    gap_at = np.zeros(len(starts) + 1, dtype=np.int64)
    np.cumsum(width * sizes, out=gap_at[1:])
    out = np.zeros(int(gap_at[-1]), dtype=np.uint8)
    for first, last, begin, end in runs:
        gaps = _gaps(docs[begin:end], starts[first:last] - begin, base[first:last])
        at, each = _byte_positions(starts[first:last] - begin, sizes[first:last],
                                   gap_at[first:last], width[first:last])
        for byte in range(4):
            wide = each > byte
            out[at[wide] + byte] = (gaps[wide] >> (8 * byte)) & 0xFF
    return out, gap_at


def _indptr_of(bptr: np.ndarray, starts: np.ndarray, total: int) -> np.ndarray:
    """Each term's first posting (and the total), from its blocks' first postings: the
    codec walks terms, and an empty term starts where the next one does."""
    firsts = np.append(starts, total).astype(np.int64)
    return np.append(firsts[bptr[:-1]], total).astype(np.int64)


def _gaps(docs: np.ndarray, block_starts: np.ndarray, base: np.ndarray) -> np.ndarray:
    """Each document id minus the one before it minus one, blocks counted from ``base``."""
    docs = docs.astype(np.int64)
    previous = np.empty_like(docs)
    previous[1:] = docs[:-1]
    previous[block_starts] = base
    result: np.ndarray = docs - previous - 1
    return result


def _byte_positions(
    block_starts: np.ndarray, sizes: np.ndarray, gap_at: np.ndarray, width: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per posting of a run: where its gap starts in ``doc_gaps``, and its width."""
    each = np.repeat(width, sizes)
    within = np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(block_starts, sizes)
    return np.repeat(gap_at, sizes) + within * each, each


def _decode_docs(
    doc_gaps: np.ndarray,
    gap_at: np.ndarray,
    bptr: np.ndarray,
    block_last: np.ndarray,
    starts: np.ndarray,
    total: int,
) -> np.ndarray:
    """The document ids ``_encode_docs`` encoded."""
    docs = np.zeros(total, dtype=np.int32)
    if kernel is not None:
        kernel.decode_gaps(doc_gaps, gap_at, _indptr_of(bptr, starts, total), bptr,
                           np.ascontiguousarray(block_last, dtype=np.int32), docs, BLOCK)
        return docs
    sizes = np.diff(np.append(starts, total)) if len(starts) else starts
    width = np.diff(gap_at) // np.maximum(sizes, 1)
    base = _block_bases(bptr, block_last)
    for first, last, begin, end in _block_runs(starts, total):
        run = slice(first, last)
        docs[begin:end] = _decoded_run(doc_gaps, gap_at[run], starts[run] - begin, sizes[run],
                                       width[run], base[run])
    return docs


def _decoded_run(
    doc_gaps: np.ndarray,
    gap_at: np.ndarray,
    local: np.ndarray,
    sizes: np.ndarray,
    width: np.ndarray,
    base: np.ndarray,
) -> np.ndarray:
    """numpy's decoding of consecutive blocks: their gaps start at ``gap_at`` in
    ``doc_gaps``, their first postings at ``local`` in the result, each counted from
    its ``base``."""
    at, each = _byte_positions(local, sizes, gap_at, width)
    steps = doc_gaps[at].astype(np.int64) + 1
    for byte in range(1, int(width.max()) if len(width) else 1):
        wide = each > byte
        steps[wide] += doc_gaps[at[wide] + byte].astype(np.int64) << (8 * byte)
    total_steps = np.cumsum(steps)
    before = (total_steps - steps)[local]
    result: np.ndarray = np.repeat(base - before, sizes) + total_steps
    return result


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


def decode_blocks(postings: Postings, blocks: np.ndarray) -> np.ndarray:
    """Document ids (int32) of the blocks ``blocks`` (ascending), one after another,
    decoding only their bytes, each block counted from its term's previous block's last
    id (the kernel's codec walks terms: each block is given to it as a term of its own,
    counted from -1, and moved after)."""
    blocks = np.asarray(blocks, dtype=np.int64)
    if not len(blocks):
        return np.zeros(0, dtype=np.int32)
    p = postings
    term = np.searchsorted(p.bptr, blocks, side="right") - 1
    first = p.indptr[term] + (blocks - p.bptr[term]) * BLOCK
    sizes = np.minimum(p.indptr[term + 1] - first, BLOCK)
    base = _counted_from(p.block_last, blocks - 1, blocks > p.bptr[term])
    spans = p.gap_at[blocks + 1] - p.gap_at[blocks]
    starts = _offsets(sizes)
    if kernel is None:  # straight from the blocks' bytes where they are
        decoded = _decoded_run(p.doc_gaps, p.gap_at[blocks], starts[:-1], sizes,
                               spans // sizes, base)
        return decoded.astype(np.int32)
    gap_at = _offsets(spans)
    alone = np.arange(len(blocks) + 1, dtype=np.int64)  # each block a term of its own
    docs = _decode_docs(p.doc_gaps[_ranges(p.gap_at[blocks], spans)], gap_at, alone,
                        np.zeros(len(blocks), dtype=np.int32), starts[:-1], int(starts[-1]))
    docs += np.repeat(base + 1, sizes).astype(np.int32)
    return docs


def _counted_from(block_last: np.ndarray, previous: np.ndarray, within: np.ndarray) -> np.ndarray:
    """What a block's first gap counts from: its previous block's last id when that is
    of the same term (``within``), else -1."""
    base = np.full(len(previous), -1, dtype=np.int64)
    base[within] = block_last[previous[within]]
    return base


def _offsets(sizes: np.ndarray) -> np.ndarray:
    """Where each of consecutive runs of ``sizes`` starts, and their total, last."""
    at = np.zeros(len(sizes) + 1, dtype=np.int64)
    np.cumsum(sizes, out=at[1:])
    return at


def _ranges(begin: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """The positions ``begin[i]:begin[i] + sizes[i]`` of every i, one after another."""
    offsets = _offsets(sizes)
    result: np.ndarray = np.repeat(begin - offsets[:-1], sizes) + np.arange(int(offsets[-1]))
    return result


def grow(
    old: Postings,
    new: tuple[np.ndarray, np.ndarray, np.ndarray],
    new_len: np.ndarray,
    k1: float,
    b: float,
) -> Postings:
    """``old`` with documents appended: ``new`` is their postings, term-major (indptr
    over every term, old ones first; local document ids; frequencies).

    Each term's new postings go after its old ones, so only its last old block (if it
    was not full) and the blocks after it change: those are decoded, encoded and their
    maxima computed; every other block's bytes and maxima are copied as they are, the
    maxima staying at ``old.fmax_avgdl``. Those changed are computed for that same
    average, so ``bound_scale`` covers them all alike."""
    new_ptr, new_docs, new_tf = new
    new_ptr = new_ptr.astype(np.int64, copy=False)
    terms = len(new_ptr) - 1
    old_ptr = _padded(old.indptr, terms + 1, int(old.indptr[-1]))
    doc_len = np.concatenate([old.doc_len.astype(np.int64), new_len.astype(np.int64)])
    avgdl = float(doc_len.sum()) / len(doc_len) if len(doc_len) else 1.0
    reference = float(old.fmax_avgdl[0])
    if not (0 <= b <= 1 and k1 >= 0) or abs(avgdl / reference - 1) > _DRIFT:
        return _regrown(old, old_ptr, (new_ptr, new_docs, new_tf), doc_len, k1, b)
    touched = np.flatnonzero(np.diff(new_ptr))
    appended = old_ptr[touched + 1]  # where each touched term's new postings go
    global_docs = new_docs.astype(np.int32) + np.int32(len(old.doc_len))
    tf8 = _replaced(old.tf8, appended, appended, np.minimum(new_tf, _ESCAPE).astype(np.uint8),
                    new_ptr[np.append(touched, terms)])
    over_at, over_tf = _grown_overflow(old, old_ptr, new_ptr, new_tf)
    lengths = doc_len.astype(_narrowest(int(doc_len.max()) if len(doc_len) else 0))
    grown = Postings(old_ptr + new_ptr, _NO_GAPS, _NO_GAPS, tf8, over_at, over_tf, lengths,
                     old.bptr, old.block_last, old.block_fmax, old.term_fmax, old.fmax_avgdl)
    tail = _tail_of(old, old_ptr, touched, (new_ptr, global_docs))
    return _with_tail_blocks(grown, old, tail, (k1, b, reference))


_NO_GAPS = np.zeros(0, dtype=np.uint8)


@dataclass(frozen=True)
class _Tail:
    """What growth rewrites, per touched term (one that gains postings): its postings
    from its first block that is not full, old and new, as terms of their own."""

    terms: np.ndarray  # int64, the touched terms, ascending
    kept: np.ndarray  # int64, each one's old blocks kept as they are (its full ones)
    partial: np.ndarray  # bool, whether its last old block was not full (and is rewritten)
    docs: np.ndarray  # int32, document ids of the rewritten postings, term after term
    indptr: np.ndarray  # int64, over the touched terms, into ``docs``
    base: np.ndarray  # int64, what each one's first rewritten gap counts from


def _tail_of(
    old: Postings,
    old_ptr: np.ndarray,
    touched: np.ndarray,
    new: tuple[np.ndarray, np.ndarray],
) -> _Tail:
    """The touched terms' rewritten postings: the ids of their last old block when it
    was not full (decoded, only those), then their new ones (``new``: indptr over every
    term, global document ids)."""
    new_ptr, new_docs = new
    old_bptr = _padded(old.bptr, len(old_ptr), int(old.bptr[-1]))
    old_df = np.diff(old_ptr)[touched]
    kept = old_df // BLOCK
    partial = old_df % BLOCK > 0
    old_tail = decode_blocks(old, old_bptr[touched[partial]] + kept[partial])
    added = np.diff(new_ptr)[touched]
    docs = np.insert(new_docs, np.repeat(new_ptr[touched[partial]], old_df[partial] % BLOCK),
                     old_tail)
    base = _counted_from(old.block_last, old_bptr[touched] + kept - 1, kept > 0)
    return _Tail(touched, kept, partial, docs, _offsets(old_df % BLOCK + added), base)


def _with_tail_blocks(
    grown: Postings, old: Postings, tail: _Tail, params: tuple[float, float, float]
) -> Postings:
    """``grown`` (old block arrays, new postings) with its block arrays: the old ones
    with the touched terms' tail blocks encoded and their maxima computed."""
    bptr, starts = _blocks(tail.indptr)
    ends = np.append(starts[1:], len(tail.docs))[: len(starts)].astype(np.int64)
    fresh_last = tail.docs[ends - 1]
    # Shifted to count from -1, each tail encodes to its bytes within the whole term.
    shift = tail.base + 1
    fresh_gaps, fresh_at = _encode_docs(
        tail.docs - np.repeat(shift, np.diff(tail.indptr)).astype(np.int32), bptr, starts,
        fresh_last - np.repeat(shift, np.diff(bptr)).astype(np.int32))
    fmax = _tail_maxima(grown, tail, starts, params)
    old_bptr = _padded(old.bptr, len(grown.indptr), int(old.bptr[-1]))
    insert_at = old_bptr[tail.terms] + tail.kept  # the first block each tail replaces
    end_at = insert_at + tail.partial
    # One pass over the three per-block arrays, as exact float64 columns.
    columns = _replaced(np.column_stack([old.block_last, old.block_fmax, np.diff(old.gap_at)]),
                        insert_at, end_at,
                        np.column_stack([fresh_last, fmax, np.diff(fresh_at)]), bptr)
    block_last, block_fmax = columns[:, 0].astype(np.int32), columns[:, 1].copy()
    sizes = columns[:, 2].astype(np.int64)
    doc_gaps = _replaced(old.doc_gaps, old.gap_at[insert_at], old.gap_at[end_at], fresh_gaps,
                         fresh_at[bptr])
    change = np.zeros(len(grown.indptr) - 1, dtype=np.int64)
    change[tail.terms] = np.diff(bptr) - (end_at - insert_at)
    term_fmax = _padded(old.term_fmax, len(change), 0.0)
    np.maximum.at(term_fmax, np.repeat(tail.terms, np.diff(bptr)), fmax)
    return Postings(grown.indptr, doc_gaps, _offsets(sizes), grown.tf8, grown.over_at,
                    grown.over_tf, grown.doc_len, old_bptr + _offsets(change), block_last,
                    block_fmax, term_fmax, old.fmax_avgdl)


def _tail_maxima(
    grown: Postings, tail: _Tail, starts: np.ndarray, params: tuple[float, float, float]
) -> np.ndarray:
    """Largest tf part of each tail block, for the average length of ``params``."""
    if not len(starts):
        return np.zeros(0)
    first = grown.indptr[tail.terms] + tail.kept * BLOCK  # each tail's first posting
    positions = _ranges(first, np.diff(tail.indptr))
    part = tf_part(grown.tf_at(positions), grown.doc_len[tail.docs], *params)
    result: np.ndarray = np.maximum.reduceat(part, starts)
    return result


def _replaced(
    array: np.ndarray, begin: np.ndarray, end: np.ndarray, values: np.ndarray,
    value_at: np.ndarray
) -> np.ndarray:
    """``array`` with each span ``begin[i]:end[i]`` (ascending, disjoint, maybe empty)
    replaced by ``values[value_at[i]:value_at[i + 1]]``: growth rewrites a few spans of
    each array and copies the rest as they are. Slice by slice when the array is large
    for its spans (a slice costs about what a thousand elements of a mask do); else in
    one pass with masks over the whole array, as ``np.insert`` does."""
    if len(array) >= _SLICES_FROM * len(begin):
        return _replaced_by_slices(array, begin, end, values, value_at)
    inserted, removed = np.diff(value_at), end - begin
    shift = _offsets(inserted - removed)[:-1]
    size = len(array) + int(inserted.sum() - removed.sum())
    out = np.empty((size, *array.shape[1:]), dtype=array.dtype)
    fresh = _ranges(begin + shift, inserted)
    copied = np.ones(len(out), dtype=bool)
    copied[fresh] = False
    out[fresh] = values[value_at[0] : value_at[-1]]
    kept = np.ones(len(array), dtype=bool)
    kept[_ranges(begin, removed)] = False
    out[copied] = array[kept]
    return out


def _replaced_by_slices(
    array: np.ndarray, begin: np.ndarray, end: np.ndarray, values: np.ndarray,
    value_at: np.ndarray
) -> np.ndarray:
    cuts = [0, *np.column_stack([begin, end]).ravel().tolist(), len(array)]
    at = value_at.tolist()
    pieces: list[np.ndarray] = [array[0:0]] * (2 * len(at) - 1)
    pieces[0::2] = [array[a:b] for a, b in zip(cuts[0::2], cuts[1::2], strict=True)]
    pieces[1::2] = [values[a:b] for a, b in pairwise(at)]
    return np.concatenate(pieces).astype(array.dtype, copy=False)


def _padded(array: np.ndarray, size: int, fill: float) -> np.ndarray:
    """``array`` extended to ``size`` entries with ``fill`` (new terms come last)."""
    return np.concatenate([array, np.full(size - len(array), fill, dtype=array.dtype)])


def _regrown(
    old: Postings,
    old_ptr: np.ndarray,
    new: tuple[np.ndarray, np.ndarray, np.ndarray],
    doc_len: np.ndarray,
    k1: float,
    b: float,
) -> Postings:
    """Everything derived afresh for the current average length."""
    new_ptr, new_docs, new_tf = new
    added = np.diff(new_ptr)
    inserted_at = np.repeat(old_ptr[1:], added)
    docs = np.insert(old.decoded_docs(), inserted_at,
                     new_docs.astype(np.int32) + len(old.doc_len))
    tf = np.insert(old.all_tf(), inserted_at, new_tf.astype(np.uint32))
    return compact(old_ptr + new_ptr, docs, tf, doc_len, k1, b)


def _grown_overflow(
    old: Postings, old_ptr: np.ndarray, new_ptr: np.ndarray, new_tf: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The overflow table after the insertion: an old posting of term t moves by the
    new postings of the terms before it (``new_ptr[t]``); the j-th new posting, of term
    t, lands at ``old_ptr[t + 1] + j``."""
    old_terms = np.searchsorted(old_ptr, old.over_at, side="right") - 1
    moved = old.over_at + new_ptr[old_terms]
    fresh = np.flatnonzero(new_tf >= _ESCAPE)
    fresh_terms = np.searchsorted(new_ptr, fresh, side="right") - 1
    landed = old_ptr[fresh_terms + 1] + fresh
    at = np.concatenate([moved, landed]).astype(np.int64)
    freq = np.concatenate([old.over_tf, new_tf[fresh].astype(np.uint32)])
    order = np.argsort(at, kind="stable")
    return at[order], freq[order]
