"""One corpus size, in its own process: build every engine, then time them side by side.

Ours is saved and memory-mapped back, as the bot serves it; tantivy indexes the same
token lists joined by spaces (its whitespace tokenizer, frequencies without positions)
into a folder and searches it from disk; bm25s and rank-bm25 hold their indexes in
memory. Latencies are taken interleaved: each batch of queries runs through every
engine in turn (the order rotating per batch), so a burst of load from the other
engineers on this machine lands on all of them alike.

The passages are held as sentence numbers (``corpus.Recombined``) and made into token
lists a slice at a time for ours and tantivy, as the bot's own rebuild reads them from
its store; the seconds spent making them are left out of both builds. Only bm25s and
rank-bm25, which need the whole corpus as lists, get it so, at the sizes they run at.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from corpus import Recombined, recombine, recombined
from timing import p50_p95

from retrieval.bm25 import BM25Index
from retrieval.counting import SLICE

K = 10
BATCH = 20
# rank-bm25 scores every passage in Python: past this size it would take hours.
RANK_BM25_MAX = 100_000
RANK_BM25_QUERIES = 40
ADD_BATCH = 1_000

Search = Callable[[list[str]], object]


def measure(
    size: int,
    sentences: list[list[str]],
    query_sets: dict[str, list[list[str]]],
    scratch: Path,
    bm25s_max: int,
) -> dict[str, Any]:
    passages = recombined(sentences, size)
    row: dict[str, Any] = {"size": size, "tokens": passages.token_count()}
    row |= _build_ours(passages, scratch / "ours.bm25")
    row |= _build_tantivy(passages, scratch / "tantivy")
    engines: dict[str, Search] = {}
    ours = BM25Index.load(scratch / "ours.bm25")
    ours.prepare()
    engines["ours"] = lambda q: ours.top_k(q, K)
    engines["tantivy"] = _tantivy_search(scratch / "tantivy")
    corpus = passages.tokens(0, size) if size <= max(bm25s_max, RANK_BM25_MAX) else []
    if size <= bm25s_max:
        search, row["bm25s_build_s"] = _bm25s(corpus)
        engines["bm25s"] = search
    reference = None
    if size <= RANK_BM25_MAX:
        reference, row["rank_build_s"] = _rank_bm25(corpus)
        row["agree"] = _agreement(ours, reference, query_sets)
    del corpus
    gc.collect()
    for name, queries in query_sets.items():
        row[f"ms_{name}"] = _interleaved(engines, queries)
        if reference is not None:
            rank = _rank_search(reference)
            row[f"ms_{name}"]["rank-bm25"] = _interleaved(
                {"rank-bm25": rank}, queries[:RANK_BM25_QUERIES]
            )["rank-bm25"]
    row["add_s"] = _add_seconds(ours, sentences)
    return row


def _slices(passages: Recombined, making: list[float]) -> Iterator[list[list[str]]]:
    """Token lists a slice at a time; the seconds spent making them add up in ``making``."""
    for start in range(0, len(passages), SLICE):
        began = time.perf_counter()
        tokens = passages.tokens(start, min(len(passages), start + SLICE))
        making[0] += time.perf_counter() - began
        yield tokens


def _build_ours(passages: Recombined, path: Path) -> dict[str, Any]:
    making = [0.0]
    started = time.perf_counter()
    index = BM25Index.from_token_slices(_slices(passages, making))
    index.prepare()
    build = time.perf_counter() - started - making[0]
    index.save(path)
    return {"build_s": build, "disk_mb": path.stat().st_size / 2**20}


def _build_tantivy(passages: Recombined, folder: Path) -> dict[str, Any]:
    import tantivy

    folder.mkdir()
    making = [0.0]
    started = time.perf_counter()
    index = tantivy.Index(_tantivy_schema(), path=str(folder))
    writer = index.writer(1_000_000_000, 2)
    for tokens_slice in _slices(passages, making):
        for tokens in tokens_slice:
            writer.add_document(tantivy.Document(body=" ".join(tokens)))
    writer.commit()
    writer.wait_merging_threads()
    build = time.perf_counter() - started - making[0]
    disk = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20
    return {"tantivy_build_s": build, "tantivy_disk_mb": disk}


def _tantivy_schema() -> Any:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=False, tokenizer_name="whitespace", index_option="freq")
    return builder.build()


def _tantivy_search(folder: Path) -> Search:
    """A search over the folder tantivy wrote: OR of term queries, top k, no counting."""
    import tantivy

    index = tantivy.Index.open(str(folder))
    index.reload()
    searcher = index.searcher()
    schema = index.schema
    should = tantivy.Occur.Should

    def search(query: list[str]) -> object:
        clauses = [(should, tantivy.Query.term_query(schema, "body", t)) for t in query]
        return searcher.search(tantivy.Query.boolean_query(clauses), K, count=False).hits

    return search


def _bm25s(corpus: list[list[str]]) -> tuple[Search, float]:
    """bm25s with BM25Okapi's term weighting ("atire") and log-odds idf ("robertson");
    it clips negative idf to 0 instead of rank-bm25's floor and scores in float32."""
    import bm25s

    started = time.perf_counter()
    retriever = bm25s.BM25(k1=1.5, b=0.75, method="atire", idf_method="robertson")
    retriever.index(corpus, show_progress=False)
    build = time.perf_counter() - started

    def search(query: list[str]) -> object:
        known = [t for t in query if t in retriever.vocab_dict] or [""]
        return retriever.retrieve([known], k=K, show_progress=False)

    return search, build


def _rank_bm25(corpus: list[list[str]]) -> tuple[Any, float]:
    from rank_bm25 import BM25Okapi

    started = time.perf_counter()
    reference = BM25Okapi(corpus)
    return reference, time.perf_counter() - started


def _rank_search(reference: Any) -> Search:
    def search(query: list[str]) -> object:
        return np.argsort(reference.get_scores(query))[::-1][:K]

    return search


def _agreement(ours: BM25Index, reference: Any, query_sets: dict[str, list[list[str]]]) -> str:
    """How many queries give exactly rank-bm25's top k (documents, scores, tie order)."""
    asked = [q for queries in query_sets.values() for q in queries[:RANK_BM25_QUERIES]]
    agree = 0
    for query in asked:
        scores = reference.get_scores(query)
        ranked = sorted((-s, i) for i, s in enumerate(scores.tolist()) if s > 0)[:K]
        agree += ours.top_k(query, K) == [(i, -s) for s, i in ranked]
    return f"{agree}/{len(asked)}"


def _interleaved(
    engines: dict[str, Search], queries: Sequence[list[str]]
) -> dict[str, list[float]]:
    """p50/p95 per engine, batches of queries run through the engines in rotating order."""
    names = list(engines)
    times: dict[str, list[float]] = {name: [] for name in names}
    for name in names:
        engines[name](queries[0])  # warm-up
    for number, start in enumerate(range(0, len(queries), BATCH)):
        batch = queries[start : start + BATCH]
        turn = number % len(names)
        for name in names[turn:] + names[:turn]:
            search = engines[name]
            for query in batch:
                began = time.perf_counter_ns()
                search(query)
                times[name].append((time.perf_counter_ns() - began) / 1e6)
    return {name: p50_p95(values) for name, values in times.items()}


def _add_seconds(index: BM25Index, sentences: list[list[str]]) -> float:
    """Seconds to add a batch of new passages, ready for the next query."""
    batch = recombine(sentences, ADD_BATCH, seed=99)
    grown = index.copy()
    started = time.perf_counter()
    grown.add(batch)
    grown.prepare()
    return time.perf_counter() - started
