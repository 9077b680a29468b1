"""Serving memory and load time of one saved index, in a fresh process of its own.

    python bench/serve.py ours|tantivy PATH QUERIES.pkl

Opens the index as a server would (ours: ``BM25Index.load`` and deriving idf; tantivy:
opening its folder), answers every query once, and prints JSON: the seconds to open,
the RSS after imports and before opening, and the peak RSS of the whole process, which
counts the pages of memory-mapped files that queries touched; at the end, the RSS split
into anonymous memory and mapped file pages.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from machine import peak_mb, status_mb  # noqa: E402

K = 10


def main() -> None:
    kind, path, queries_path = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    with open(queries_path, "rb") as handle:
        queries: list[list[str]] = [q for qs in pickle.load(handle).values() for q in qs]
    search = _imports(kind)
    before = _rss_mb()
    started = time.perf_counter()
    run = search(path)
    opened = time.perf_counter() - started
    for query in queries:
        run(query)
    peak = peak_mb()
    anon, mapped = status_mb("RssAnon:"), status_mb("RssFile:")
    print(json.dumps({"load_s": opened, "rss_before_mb": before, "peak_rss_mb": peak,
                      "rss_anon_mb": anon, "rss_file_mb": mapped}))


def _imports(kind: str):  # type: ignore[no-untyped-def]
    if kind == "ours":
        from retrieval.bm25 import BM25Index

        def ours(path: Path):  # type: ignore[no-untyped-def]
            index = BM25Index.load(path)
            index.prepare()
            return lambda q: index.top_k(q, K)

        return ours
    import tantivy

    def peer(path: Path):  # type: ignore[no-untyped-def]
        index = tantivy.Index.open(str(path))
        index.reload()
        searcher = index.searcher()
        schema = index.schema
        should = tantivy.Occur.Should

        def search(query: list[str]) -> object:
            clauses = [(should, tantivy.Query.term_query(schema, "body", t)) for t in query]
            return searcher.search(tantivy.Query.boolean_query(clauses), K, count=False).hits

        return search

    return peer




def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


if __name__ == "__main__":
    main()
