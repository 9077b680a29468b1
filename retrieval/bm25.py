"""BM25Okapi scores as rank-bm25 defines them, fast enough for millions of passages.

rank-bm25 walks every document in Python for every query term. Here the corpus is an
inverted index (per term, the ids of the documents holding it and how often, see
``retrieval.postings``), so a query reads only its own terms' postings, and each
posting's contribution (its "impact", idf times the length-normalised term frequency)
is computed for the postings a query touches, with the very same floating-point
operations as ``rank_bm25.BM25Okapi.get_scores`` and summed per document in query order
as it does, so scores agree bit for bit, ties included.

``top_k`` runs in the C kernel (``retrieval/_kernel.c``) when it was built at install:
document-at-a-time MaxScore with block maxima, one call per query, the same float64
operations and order of additions, so the same bits. Without it, numpy does the same
search term at a time, described next, with dozens of calls per query.

The numpy path is block-max MaxScore: the score of the k-th best of a few candidate
documents (those of the rarest terms) is a floor; the terms whose largest impacts add
up to less than that floor cannot make a document enter the top k on their own, so
only the other terms' postings are read, and the rest are looked up for the surviving
candidates only, each candidate first bounded by the block of postings it would sit in.
Only raw term frequencies and document lengths are stored; idf and avgdl are derived
from them, which is what lets ``add`` equal a rebuild even though every new document
shifts idf and avgdl everywhere.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path

import numpy as np

from retrieval import postings as postings_layout
from retrieval.arrayfile import FormatError, read_arrays, write_arrays
from retrieval.counting import SLICE, count_slice, merge
from retrieval.postings import (
    BLOCK,
    Postings,
    compact,
    grow,
    length_norm,
    tf_part,
    tf_part_normed,
)

try:  # the C kernel (retrieval/_kernel.c), built at install when a compiler is there
    import retrieval._kernel as kernel
except ImportError:  # pragma: no cover - an install without a C compiler
    kernel = None  # type: ignore[assignment]

FORMAT = "bulletin-bot/bm25"
# 1: .npz of uint32 frequencies, impacts derived on load. 2: memory-mapped compact postings.
# 3: block maxima for a stated average length (fmax_avgdl), so growing keeps most of them.
# 4: document ids as per-block gaps of 1, 2 or 4 bytes (doc_gaps, gap_at) instead of int32.
FORMAT_VERSION = 4
# Bounds are compared with a margin so that rounding can never prune a true top-k passage.
_BOUND_SLACK = 1e-9
# The kernel looks up the length term of documents up to this long in a table (computed
# with the very operations it replaces); longer ones compute it.
_NORM_TABLE = 1 << 16
# Postings of the essential terms past which one dense pass over every query term wins;
# None means an eighth of the corpus.
_LOOKUP_LIMIT: int | None = None
# Candidates scored up front (from the rarest terms) to set the first floor.
_SEED = 1024
# The kernel raises its floor as it goes, so it seeds with fewer (each costs a lookup
# per query term).
_KERNEL_SEED = 128


class BM25Index:
    """BM25Okapi over token lists; document ``i`` is the ``i``-th document added.

    Queries may run concurrently; ``add`` must not run alongside them.
    """

    def __init__(
        self,
        postings: Postings,
        vocab: dict[str, int],
        k1: float = 1.5,
        b: float = 0.75,
        epsilon: float = 0.25,
    ) -> None:
        self.postings = postings
        self.vocab = vocab
        self.k1 = k1
        self.b = b
        self.epsilon = epsilon
        self._idf: np.ndarray | None = None
        self._avgdl = 1.0
        self._bound_scale = 1.0
        self._kernel_arrays: tuple[np.ndarray, ...] = ()

    @classmethod
    def from_tokens(
        cls,
        corpus: Sequence[Sequence[str]],
        k1: float = 1.5,
        b: float = 0.75,
        epsilon: float = 0.25,
    ) -> BM25Index:
        slices = (corpus[start : start + SLICE] for start in range(0, len(corpus), SLICE))
        return cls.from_token_slices(slices, k1, b, epsilon)

    @classmethod
    def from_token_slices(
        cls,
        slices: Iterable[Sequence[Sequence[str]]],
        k1: float = 1.5,
        b: float = 0.75,
        epsilon: float = 0.25,
    ) -> BM25Index:
        """One index over consecutive slices of a corpus, holding one slice's tokens at a time.

        Each slice is counted into compact term-major postings as it comes (see
        ``retrieval.counting``), and the slices are merged once at the end, each copied
        straight to its final place: appending slice by slice would re-sort everything
        already built each time."""
        vocab: dict[str, int] = {}
        counted = [count_slice(docs, vocab) for docs in slices]
        indptr, docs, tf, doc_len = merge(counted, len(vocab))
        postings = compact(indptr, docs, tf, doc_len, k1, b)
        return cls(postings, vocab, k1, b, epsilon)

    def __len__(self) -> int:
        return len(self.postings.doc_len)

    def copy(self) -> BM25Index:
        """A twin that ``add`` can grow while this one keeps answering queries:
        ``add`` only ever rebinds the postings, so sharing them is safe; the vocabulary
        is the one thing it changes in place, so that is copied."""
        return BM25Index(self.postings, dict(self.vocab), self.k1, self.b, self.epsilon)

    def add(self, docs: Sequence[Sequence[str]]) -> None:
        """Append documents; their indices continue from ``len(self)``."""
        if not docs:
            return
        indptr, new_docs, tf, new_len = merge([count_slice(docs, self.vocab)], len(self.vocab))
        self.postings = grow(self.postings, (indptr, new_docs, tf), new_len, self.k1, self.b)
        self._idf = None

    def prepare(self) -> None:
        """Derive idf and avgdl now rather than on the first query."""
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
        if kernel is not None:
            return self._top_k_kernel(terms, k)
        found = self._top_k_pruned(terms, k)
        return found if found is not None else self._top_k_dense(terms, k)

    def _top_k_kernel(self, terms: list[int], k: int) -> list[tuple[int, float]]:
        """The whole top k in one C call: the numpy path's dozens of calls per query
        cost more than the scoring itself on small corpora, and its temporaries grow
        with the candidates on large ones."""
        self._stats()
        found: list[tuple[int, float]] = kernel.top_k(
            self._kernel_arrays, terms, k, min(_SEED, _KERNEL_SEED), self.k1, self.b,
            self._avgdl, self._bound_scale, postings_layout.BLOCK)
        return found

    def _top_k_pruned(self, terms: list[int], k: int) -> list[tuple[int, float]] | None:
        """Block-max MaxScore; None when one dense pass is the better plan (or the only
        exact one: negative idf, in tiny corpora, breaks the bounds).

        Each distinct term's impacts on the candidates are kept in a row of ``parts`` and
        summed in query order at the end, so scores are rank-bm25's to the bit."""
        idf = self._stats()
        if (idf[terms] < 0).any():
            return None
        times = Counter(terms)
        unique = list(times)
        df = {t: self.postings.df(t) for t in unique}
        scale = self._bound_scale
        bound = {t: times[t] * float(idf[t]) * float(self.postings.term_fmax[t]) * scale
                 for t in unique}
        floor = self._seed_floor(sorted(unique, key=df.__getitem__), times, k)
        lazy = _non_essential(bound, df, floor)
        essential = [t for t in unique if t not in lazy]
        if sum(df[t] for t in essential) > self._dense_limit():
            return None
        row = {t: i for i, t in enumerate(unique)}
        candidates, parts = self._essential_parts(essential, row, times)
        norm = length_norm(self.postings.doc_len[candidates], self.k1, self.b, self._avgdl)
        weights = np.array([float(times[t]) for t in unique])
        partial = weights @ parts
        floor = max(floor, _kth(partial, k))
        for i, term in enumerate(lazy):
            rest = sum(bound[t] for t in lazy[i + 1 :])
            block = self._block_bounds(term, candidates) * (times[term] * float(idf[term]) * scale)
            alive = np.flatnonzero((partial + block + rest) * (1 + _BOUND_SLACK) >= floor)
            if len(alive) < len(candidates):
                candidates, partial = candidates[alive], partial[alive]
                parts, norm = parts[:, alive], norm[alive]
            parts[row[term]] = self._lookup(term, candidates, norm)
            partial += times[term] * parts[row[term]]
            floor = max(floor, _kth(partial, k))
        scores = np.zeros(len(candidates))
        for term in terms:  # rank-bm25's order of additions, duplicates included
            scores += parts[row[term]]
        return _best(candidates, scores, k)

    def _seed_floor(self, by_df: list[int], times: Counter[int], k: int) -> float:
        """A lower bound of the k-th best score: the rarest terms' postings (up to _SEED)
        give partial scores, completed with the other terms' impacts, looked up. Sums
        over real documents' terms, so never above the k-th best overall."""
        picked: list[tuple[int, int, int]] = []
        budget = _SEED
        for term in by_df:
            start, end = self.postings.span(term)
            if picked and end - start > budget:
                break
            picked.append((term, start, min(end, start + budget)))  # only the first is cut
            budget -= end - start
        docs, impacts = self._gather(picked, times)
        found = _distinct(docs)
        inverse = np.searchsorted(found, docs)
        partial = np.bincount(inverse, weights=impacts, minlength=len(found))
        for term in by_df[len(picked) :]:
            partial = partial + times[term] * self._lookup(term, found)
        return _kth(partial, k)

    def _essential_parts(
        self, essential: list[int], row: dict[int, int], times: Counter[int]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Candidates (every document of an essential term) and a row of impacts per
        distinct query term, filled for the essential ones."""
        picked = [(t, *self.postings.span(t)) for t in essential]
        docs, impacts = self._gather(picked, None)
        # Sorting is fast; np.unique's inverse would cost an argsort, several times slower.
        candidates = docs if len(picked) == 1 else _distinct(docs)
        inverse = np.searchsorted(candidates, docs)
        rows = np.repeat([row[t] for t, _, _ in picked], [e - s for _, s, e in picked])
        parts = np.zeros((len(row), len(candidates)))
        parts[rows, inverse] = impacts
        return candidates, parts

    def _gather(
        self, picked: list[tuple[int, int, int]], times: Counter[int] | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Documents and impacts (times the term's count, if given) of postings spans."""
        p = self.postings
        idf = self._stats()
        docs = np.concatenate([p.span_docs(t, s, e) for t, s, e in picked])
        tf = np.concatenate([p.tf(s, e) for _, s, e in picked])
        weight = [float(idf[t]) * (times[t] if times else 1) for t, _, _ in picked]
        scale = np.repeat(weight, [e - s for _, s, e in picked])
        return docs, scale * tf_part(tf, p.doc_len[docs], self.k1, self.b, self._avgdl)

    def _dense_limit(self) -> int:
        return len(self) // 8 if _LOOKUP_LIMIT is None else _LOOKUP_LIMIT

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
        big_enough = [(self.postings.df(t), t) for t in set(terms) if self.postings.df(t) >= k]
        if not big_enough:
            return -math.inf
        sample = scores[self._docs(min(big_enough)[1])]
        return float(np.partition(sample, -k)[-k])

    def _postings(self, terms: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """Documents and impacts of every query term, concatenated in query order so
        that ``bincount`` adds each document's contributions in rank-bm25's order."""
        impacts = {t: self._impacts(t, *self.postings.span(t)) for t in set(terms)}
        return (
            np.concatenate([self._docs(t) for t in terms]),
            np.concatenate([impacts[t] for t in terms]),
        )

    def _docs(self, term: int) -> np.ndarray:
        return self.postings.span_docs(term, *self.postings.span(term))

    def _impacts(self, term: int, start: int, end: int) -> np.ndarray:
        """Impacts of the postings ``start:end`` of ``term``."""
        idf = self._stats()
        p = self.postings
        docs = p.span_docs(term, start, end)
        part = tf_part(p.tf(start, end), p.doc_len[docs], self.k1, self.b, self._avgdl)
        result: np.ndarray = idf[term] * part
        return result

    def _lookup(
        self, term: int, candidates: np.ndarray, norm: np.ndarray | None = None
    ) -> np.ndarray:
        """Impacts of ``term`` per candidate (zero where absent), by binary search in
        the blocks the candidates would be in; ``norm`` is the candidates'
        ``length_norm`` when already known."""
        idf = self._stats()
        p = self.postings
        out = np.zeros(len(candidates))
        hit, positions = p.find(term, candidates)
        if not len(hit):
            return out
        if norm is None:
            norm = length_norm(p.doc_len[candidates], self.k1, self.b, self._avgdl)
        out[hit] = idf[term] * tf_part_normed(p.tf_at(positions), norm[hit], self.k1)
        return out

    def _block_bounds(self, term: int, candidates: np.ndarray) -> np.ndarray:
        """Per candidate, the largest tf part of the block of ``term`` it would be in."""
        p = self.postings
        first, last = int(p.bptr[term]), int(p.bptr[term + 1])
        at = np.searchsorted(p.block_last[first:last], candidates)
        inside = at < last - first
        out = np.zeros(len(candidates))
        out[inside] = p.block_fmax[first + at[inside]]
        return out

    def _known(self, query_tokens: Sequence[str]) -> list[int]:
        """Term ids of the query in order, duplicates kept; unknown tokens add nothing."""
        return [self.vocab[t] for t in query_tokens if t in self.vocab]

    # -- derived statistics ------------------------------------------------------------

    def _stats(self) -> np.ndarray:
        """idf per term (and avgdl), derived once per corpus state: per term, not per posting."""
        if self._idf is None:
            n = len(self)
            total = int(self.postings.doc_len.sum(dtype=np.int64))
            self._avgdl = total / n if n else 1.0
            self._bound_scale = self.postings.bound_scale(self._avgdl)
            idf = self._idf_of(np.diff(self.postings.indptr))
            p = self.postings
            longest = min(int(p.doc_len.max()) if n else 0, _NORM_TABLE)
            norms = length_norm(np.arange(longest + 1), self.k1, self.b, self._avgdl)
            self._kernel_arrays = (p.doc_gaps, p.gap_at, p.tf8, p.over_at, p.over_tf,
                                   p.doc_len, p.indptr, p.bptr, p.block_last, p.block_fmax,
                                   p.term_fmax, idf, norms)
            self._idf = idf  # last: a concurrent query that sees it sees the rest
        return self._idf

    def _idf_of(self, df: np.ndarray) -> np.ndarray:
        """rank-bm25's idf: log-odds, negatives floored at epsilon times the mean idf."""
        if not len(df):
            return np.zeros(0)
        n = len(self)
        # math.log over the few distinct df values keeps idf identical to rank-bm25's.
        values, inverse = np.unique(df, return_inverse=True)
        table = np.array([math.log(n - int(d) + 0.5) - math.log(int(d) + 0.5) for d in values])
        idf = table[inverse]
        # rank-bm25 sums idf one term at a time in first-seen order; cumsum does the same.
        average = float(np.cumsum(idf)[-1]) / len(idf)
        result: np.ndarray = np.where(idf < 0, self.epsilon * average, idf)
        return result

    # -- persistence -------------------------------------------------------------------

    def save(self, path: str | Path) -> None:
        """Write one memory-mappable file to exactly ``path`` (no suffix is added)."""
        encoded = [t.encode("utf-8") for t in self.vocab]
        offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(e) for e in encoded])
        meta = {"k1": self.k1, "b": self.b, "epsilon": self.epsilon, "block": BLOCK}
        arrays = self.postings.arrays() | {
            "vocab_blob": np.frombuffer(b"".join(encoded), dtype=np.uint8),
            "vocab_offsets": offsets,
        }
        write_arrays(path, FORMAT, FORMAT_VERSION, meta, arrays)

    @classmethod
    def load(cls, path: str | Path) -> BM25Index:
        """Map what ``save`` wrote; ValueError when the file is of another format
        (an index saved by an older version included: rebuild it)."""
        try:
            meta, arrays = read_arrays(path, FORMAT, FORMAT_VERSION)
            postings = Postings.from_arrays(arrays)
        except (FormatError, KeyError, TypeError) as error:
            raise ValueError(f"{path} is not a BM25 index of format {FORMAT_VERSION}") from error
        blob = arrays["vocab_blob"].tobytes()
        offsets = arrays["vocab_offsets"].tolist()
        terms = [blob[s:e].decode("utf-8") for s, e in pairwise(offsets)]
        vocab = dict(zip(terms, range(len(terms)), strict=True))
        return cls(postings, vocab, float(meta["k1"]), float(meta["b"]), float(meta["epsilon"]))


def _non_essential(bound: dict[int, float], df: dict[int, int], floor: float) -> list[int]:
    """Terms, largest bound first, whose bounds together stay below ``floor``: a document
    holding only these cannot reach the k-th best score, so their postings need not be
    read, only looked up for candidates. Any such set is exact; this one is picked
    greedily for the most postings skipped per unit of bound (rank-bm25 floors the idf
    of the commonest words at a quarter of the mean, so they can carry large bounds)."""
    lazy: list[int] = []
    total = 0.0
    for term in sorted(bound, key=lambda t: bound[t] / df[t]):
        if (total + bound[term]) * (1 + _BOUND_SLACK) < floor:
            total += bound[term]
            lazy.append(term)
    if len(lazy) == len(bound):  # rounding at the margin: read the rarest term's postings
        lazy.remove(min(lazy, key=df.__getitem__))
    return sorted(lazy, key=bound.__getitem__, reverse=True)


def _kth(scores: np.ndarray, k: int) -> float:
    """The k-th largest positive score, or 0 when fewer than k are positive."""
    positive = scores[scores > 0]
    return float(np.partition(positive, -k)[-k]) if len(positive) >= k else 0.0


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
