"""BM25Okapi scores as rank-bm25 defines them, fast enough for millions of passages.

rank-bm25 walks every document in Python for every query term. Here the corpus is an
inverted index (CSC layout: per term, the ids of the documents holding it and how often),
so a query reads only its own terms' postings. Each posting's contribution (its
"impact", idf times the length-normalised term frequency) is precomputed, so a query
is one ``np.bincount`` over the concatenated postings; ``top_k`` then avoids sorting, and
often skips the common terms' postings entirely when the rare terms settle the top k
(the MaxScore bound).

Impacts are computed with the very same floating-point operations as
``rank_bm25.BM25Okapi.get_scores``, and summed per document in query order as it does,
so scores agree bit for bit, ties included. Only raw term frequencies and document
lengths are stored; idf, avgdl and impacts are derived from them, which is what lets
``add`` equal a rebuild even though every new document shifts idf and avgdl everywhere.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain, pairwise
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import scipy.sparse as sp
# scipy.sparse builds and extends the matrices only; it is imported there, so that loading
# a saved index and answering from it (a cold `bulletin-bot ask`) never pays for it.

FORMAT = "bulletin-bot/bm25"
FORMAT_VERSION = 1
# Bounds are compared with a margin so that rounding can never prune a true top-k passage.
_BOUND_SLACK = 1e-9
# Rare-term candidates are scored by binary search; past this many, one dense pass wins.
_LOOKUP_LIMIT = 4096
# Impacts are derived in slices of this many postings to cap temporary memory.
_CHUNK = 1 << 22


@dataclass
class _Derived:
    """What every added document changes; rebuilt lazily after ``add``."""

    idf: np.ndarray  # per term, with rank-bm25's epsilon floor applied
    impact: np.ndarray  # per posting: the score it adds to its document
    bound: np.ndarray  # per term: its largest impact


class BM25Index:
    """BM25Okapi over token lists; document ``i`` is the ``i``-th document added.

    Queries may run concurrently; ``add`` must not run alongside them.
    """

    def __init__(
        self,
        indptr: np.ndarray,
        indices: np.ndarray,
        tf: np.ndarray,
        doc_len: np.ndarray,
        vocab: dict[str, int],
        k1: float = 1.5,
        b: float = 0.75,
        epsilon: float = 0.25,
    ) -> None:
        # Term t's postings are indices[indptr[t]:indptr[t+1]] (ascending document ids)
        # with term frequencies tf[...] at the same positions.
        self.indptr = indptr
        self.indices = indices
        self.tf = tf
        self.doc_len = doc_len
        self.vocab = vocab
        self.k1 = k1
        self.b = b
        self.epsilon = epsilon
        self._derived: _Derived | None = None

    @classmethod
    def from_tokens(
        cls,
        corpus: Sequence[Sequence[str]],
        k1: float = 1.5,
        b: float = 0.75,
        epsilon: float = 0.25,
    ) -> BM25Index:
        return cls.from_token_slices([corpus], k1, b, epsilon)

    @classmethod
    def from_token_slices(
        cls,
        slices: Iterable[Sequence[Sequence[str]]],
        k1: float = 1.5,
        b: float = 0.75,
        epsilon: float = 0.25,
    ) -> BM25Index:
        """One index over consecutive slices of a corpus, holding one slice's tokens at a time.

        Each slice becomes document rows (CSR), which simply stack; one conversion to
        the term-major layout at the end costs the postings twice over, where appending
        slice by slice would re-sort everything already built each time."""
        vocab: dict[str, int] = {}
        rows = [_count_rows(docs, vocab) for docs in slices]
        doc_len = np.concatenate([lengths for _, lengths in rows] or [np.zeros(0, np.int32)])
        matrix = _stack_rows([part for part, _ in rows], len(doc_len), len(vocab))
        del rows
        counts = _term_major(matrix)
        return cls(counts.indptr, counts.indices, counts.data, doc_len, vocab, k1, b, epsilon)

    def __len__(self) -> int:
        return len(self.doc_len)

    def copy(self) -> BM25Index:
        """A twin that ``add`` can grow while this one keeps answering queries:
        ``add`` only ever rebinds arrays, so sharing them is safe; the vocabulary
        is the one thing it changes in place, so that is copied."""
        return BM25Index(
            self.indptr, self.indices, self.tf, self.doc_len, dict(self.vocab),
            self.k1, self.b, self.epsilon,
        )

    def add(self, docs: Sequence[Sequence[str]]) -> None:
        """Append documents; their indices continue from ``len(self)``."""
        if not docs:
            return
        new, new_len = _count(docs, self.vocab)
        self.indptr, self.indices, self.tf = _append_docs(
            (self.indptr, self.indices, self.tf), new, len(self)
        )
        self.doc_len = np.concatenate([self.doc_len, new_len])
        self._derived = None

    def prepare(self) -> None:
        """Derive idf and impacts now rather than on the first query."""
        self._stats()

    # -- scoring -----------------------------------------------------------------------

    def get_scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """Every document's score, exactly as ``BM25Okapi.get_scores`` returns it."""
        terms = self._known(query_tokens)
        if not terms:
            return np.zeros(len(self))
        docs, impacts = self._postings(terms)
        return np.bincount(docs, weights=impacts, minlength=len(self))

    def top_k(self, query_tokens: Sequence[str], k: int) -> list[tuple[int, float]]:
        """The ``k`` best documents scoring above zero, by score desc then index asc.

        A document sharing no term with the query scores zero and is never a hit.
        """
        terms = self._known(query_tokens)
        if k <= 0 or not terms:
            return []
        found = self._top_k_rare(terms, k)
        return found if found is not None else self._top_k_dense(terms, k)

    def _top_k_rare(self, terms: list[int], k: int) -> list[tuple[int, float]] | None:
        """MaxScore: when rare terms alone settle the top k, score only their documents.

        Documents holding none of the rarest terms score at most the sum of the other
        terms' largest impacts; if k candidates already beat that, no such document
        can enter the top k. None when the bound does not hold.
        """
        stats = self._stats()
        if (stats.idf[terms] < 0).any():
            return None  # negative impacts break the bound (tiny corpora only)
        by_df = sorted(set(terms), key=lambda t: self.indptr[t + 1] - self.indptr[t])
        seen: list[np.ndarray] = []
        for i, term in enumerate(by_df):
            rest = sum(float(stats.bound[t]) * terms.count(t) for t in by_df[i + 1 :])
            seen.append(self.indices[self.indptr[term] : self.indptr[term + 1]])
            if sum(len(s) for s in seen) > _LOOKUP_LIMIT:
                return None
            if rest > 0 and sum(len(s) for s in seen) < k:
                continue
            candidates = _distinct(np.concatenate(seen))
            scores = self._lookup_scores(terms, candidates)
            positive = scores[scores > 0]
            if rest <= 0 or (
                len(positive) >= k and rest * (1 + _BOUND_SLACK) < np.partition(positive, -k)[-k]
            ):
                return _best(candidates, scores, k)
        return None

    def _top_k_dense(self, terms: list[int], k: int) -> list[tuple[int, float]]:
        """All postings summed at once; a cheap lower bound on the k-th score then
        picks the few documents worth sorting without scanning every score."""
        docs, impacts = self._postings(terms)
        scores = np.bincount(docs, weights=impacts, minlength=len(self))
        floor = self._kth_floor(terms, scores, k)
        if len(docs) < len(self) // 4:
            picked = _distinct(docs[scores[docs] >= floor])
        else:
            picked = np.flatnonzero(scores >= floor)
        return _best(picked, scores[picked], k)

    def _kth_floor(self, terms: list[int], scores: np.ndarray, k: int) -> float:
        """The k-th best score among the rarest term's documents (holding >= k), which
        is never above the k-th best overall: a subset's k-th best cannot be."""
        sizes = [(self.indptr[t + 1] - self.indptr[t], t) for t in set(terms)]
        big_enough = [(size, t) for size, t in sizes if size >= k]
        if not big_enough:
            return -math.inf
        term = min(big_enough)[1]
        sample = scores[self.indices[self.indptr[term] : self.indptr[term + 1]]]
        return float(np.partition(sample, -k)[-k])

    def _postings(self, terms: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """Documents and impacts of every query term, concatenated in query order so
        that ``bincount`` adds each document's contributions in rank-bm25's order."""
        impact = self._stats().impact
        spans = [slice(self.indptr[t], self.indptr[t + 1]) for t in terms]
        return (
            np.concatenate([self.indices[s] for s in spans]),
            np.concatenate([impact[s] for s in spans]),
        )

    def _lookup_scores(self, terms: list[int], docs: np.ndarray) -> np.ndarray:
        """Scores of a few sorted documents, each term's impact found by binary search."""
        impact = self._stats().impact
        scores = np.zeros(len(docs))
        for term in terms:
            start, end = self.indptr[term], self.indptr[term + 1]
            column = self.indices[start:end]
            at = np.minimum(np.searchsorted(column, docs), len(column) - 1)
            scores += np.where(column[at] == docs, impact[start:end][at], 0.0)
        return scores

    def _known(self, query_tokens: Sequence[str]) -> list[int]:
        """Term ids of the query in order, duplicates kept; unknown tokens add nothing."""
        return [self.vocab[t] for t in query_tokens if t in self.vocab]

    # -- derived statistics ------------------------------------------------------------

    def _stats(self) -> _Derived:
        if self._derived is None:
            idf = self._idf()
            impact = self._impacts(idf)
            bound = np.zeros(len(idf))
            nonempty = np.flatnonzero(np.diff(self.indptr))
            if len(nonempty):
                bound[nonempty] = np.maximum.reduceat(impact, self.indptr[nonempty])
            self._derived = _Derived(idf, impact, bound)
        return self._derived

    def _idf(self) -> np.ndarray:
        """rank-bm25's idf: log-odds, negatives floored at epsilon times the mean idf."""
        df = np.diff(self.indptr)
        if not len(df):
            return np.zeros(0)
        n = len(self)
        # math.log over the few distinct df values keeps idf identical to rank-bm25's.
        values, inverse = np.unique(df, return_inverse=True)
        table = np.array([math.log(n - int(d) + 0.5) - math.log(int(d) + 0.5) for d in values])
        idf = table[inverse]
        # rank-bm25 sums idf one term at a time in first-seen order; cumsum does the same.
        average = float(np.cumsum(idf)[-1]) / len(idf)
        return np.where(idf < 0, self.epsilon * average, idf)

    def _impacts(self, idf: np.ndarray) -> np.ndarray:
        """Each posting's contribution, by rank-bm25's formula and operation order."""
        impact = np.empty(len(self.indices))
        if not len(impact):
            return impact
        avgdl = int(self.doc_len.sum()) / len(self)
        norm = self.k1 * (1 - self.b + self.b * self.doc_len.astype(np.int64) / avgdl)
        df = np.diff(self.indptr)
        first = 0
        while first < len(df):
            # A run of whole terms holding about _CHUNK postings, to cap temporaries.
            end = int(np.searchsorted(self.indptr, self.indptr[first] + _CHUNK, side="right"))
            last = max(end - 1, first + 1)
            span = slice(self.indptr[first], self.indptr[last])
            tf = self.tf[span].astype(np.float64)
            term_idf = np.repeat(idf[first:last], df[first:last])
            impact[span] = term_idf * (tf * (self.k1 + 1) / (tf + norm[self.indices[span]]))
            first = last
        return impact

    # -- persistence -------------------------------------------------------------------

    def save(self, path: str | Path) -> None:
        """Write one uncompressed .npz to exactly ``path`` (no suffix is added)."""
        encoded = [t.encode("utf-8") for t in self.vocab]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(e) for e in encoded])
        with open(path, "wb") as handle:
            np.savez(
                handle,
                format=np.array(FORMAT),
                version=np.array(FORMAT_VERSION),
                params=np.array([self.k1, self.b, self.epsilon]),
                indptr=self.indptr,
                indices=self.indices,
                tf=self.tf,
                doc_len=self.doc_len,
                vocab_blob=np.frombuffer(b"".join(encoded), dtype=np.uint8),
                vocab_offsets=offsets,
            )

    @classmethod
    def load(cls, path: str | Path) -> BM25Index:
        """Read what ``save`` wrote; ValueError when the file is of another format."""
        with np.load(path, allow_pickle=False) as npz:
            if str(npz["format"]) != FORMAT or int(npz["version"]) != FORMAT_VERSION:
                raise ValueError(f"{path} is not a BM25 index of format {FORMAT_VERSION}")
            k1, b, epsilon = (float(x) for x in npz["params"])
            indptr, indices, tf, doc_len = (npz[n] for n in ("indptr", "indices", "tf", "doc_len"))
            blob = npz["vocab_blob"].tobytes()
            offsets = npz["vocab_offsets"].tolist()
        terms = [blob[s:e].decode("utf-8") for s, e in pairwise(offsets)]
        vocab = dict(zip(terms, range(len(terms)), strict=True))
        return cls(indptr, indices, tf, doc_len, vocab, k1, b, epsilon)


def _count(
    docs: Sequence[Sequence[str]], vocab: dict[str, int]
) -> tuple[sp.csc_matrix, np.ndarray]:
    """Term-frequency matrix (documents x terms) of ``docs``, term-major, growing ``vocab``."""
    matrix, doc_len = _count_rows(docs, vocab)
    return _term_major(matrix), doc_len


def _count_rows(
    docs: Sequence[Sequence[str]], vocab: dict[str, int]
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Term-frequency matrix (documents x terms) of ``docs``, document-major.

    Terms are numbered in first-seen order because rank-bm25 averages idf in that
    order, and the same order gives a bit-identical average.
    """
    doc_len = np.fromiter((len(d) for d in docs), dtype=np.int32, count=len(docs))
    # dict.fromkeys and map run at C speed; a Python loop per token would dominate.
    for term in dict.fromkeys(chain.from_iterable(docs)):
        if term not in vocab:
            vocab[term] = len(vocab)
    ids = np.fromiter(
        map(vocab.__getitem__, chain.from_iterable(docs)),
        dtype=np.int32,
        count=int(doc_len.sum()),
    )
    import scipy.sparse as sp

    rows = np.repeat(np.arange(len(docs), dtype=np.int32), doc_len)
    ones = np.ones(len(ids), dtype=np.uint32)
    # COO -> CSR sums repeated (document, term) pairs into term frequencies.
    matrix = sp.coo_matrix((ones, (rows, ids)), shape=(len(docs), len(vocab))).tocsr()
    del rows, ids, ones
    matrix.sum_duplicates()
    return matrix, doc_len


def _stack_rows(parts: list[sp.csr_matrix], docs: int, terms: int) -> sp.csr_matrix:
    """Slices' rows one after another; earlier slices simply have fewer term columns."""
    import scipy.sparse as sp

    nnz = [part.nnz for part in parts]
    indptr = np.zeros(docs + 1, dtype=np.int64)
    starts = np.cumsum([0, *nnz])
    at = 0
    for part, start in zip(parts, starts, strict=False):
        indptr[at + 1 : at + 1 + part.shape[0]] = part.indptr[1:].astype(np.int64) + start
        at += part.shape[0]
    indices = np.concatenate([p.indices.astype(np.int32, copy=False) for p in parts] or [
        np.zeros(0, np.int32)])
    data = np.concatenate([p.data for p in parts] or [np.zeros(0, np.uint32)])
    return sp.csr_matrix((data, indices, indptr), shape=(docs, terms))


def _term_major(matrix: sp.csr_matrix) -> sp.csc_matrix:
    """Postings per term, document ids ascending, with the index dtypes used throughout."""
    counts = matrix.tocsc()
    counts.sort_indices()
    counts.indptr = counts.indptr.astype(np.int64, copy=False)
    counts.indices = counts.indices.astype(np.int32, copy=False)
    return counts


def _append_docs(
    old: tuple[np.ndarray, np.ndarray, np.ndarray], new: sp.csc_matrix, offset: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Postings of ``new`` documents appended after each term's ``old`` postings.

    Term j's merged postings are old's followed by new's (ids shifted by ``offset``),
    so each entry lands at its own position plus the other side's count before it.
    """
    old_ptr, old_indices, old_tf = old
    terms = new.shape[1]
    old_ptr = np.concatenate([old_ptr, np.full(terms + 1 - len(old_ptr), old_ptr[-1])])
    new_ptr = new.indptr.astype(np.int64)
    old_term = np.repeat(np.arange(terms), np.diff(old_ptr))
    new_term = np.repeat(np.arange(terms), np.diff(new_ptr))
    indices = np.empty(len(old_indices) + new.nnz, dtype=np.int32)
    tf = np.empty(len(indices), dtype=np.result_type(old_tf, new.data))
    old_dest = np.arange(len(old_indices)) + new_ptr[old_term]
    new_dest = np.arange(new.nnz) + old_ptr[new_term + 1]
    indices[old_dest] = old_indices
    indices[new_dest] = new.indices + offset
    tf[old_dest] = old_tf
    tf[new_dest] = new.data
    return old_ptr + new_ptr, indices, tf


def _distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values; np.unique is needlessly slow for this on numpy 2."""
    values = np.sort(values)
    return values[np.concatenate(([True], values[1:] != values[:-1]))] if len(values) else values


def _best(docs: np.ndarray, scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """Top ``k`` positive scores by score desc, doc asc, without sorting all of them."""
    positive = scores > 0
    docs, scores = docs[positive], scores[positive]
    if len(scores) > k:
        # Keep everything tied with the k-th score so the index order can break ties.
        keep = np.flatnonzero(scores >= np.partition(scores, -k)[-k])
        docs, scores = docs[keep], scores[keep]
    order = np.lexsort((docs, -scores))[:k]
    return [(int(docs[i]), float(scores[i])) for i in order]
