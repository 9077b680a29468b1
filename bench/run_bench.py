"""BM25 benchmark: our index against rank-bm25 and bm25s on realistic Chinese passages.

    .venv/bin/python bench/run_bench.py [--sizes 10000,100000,1000000] [--queries 200]
    .venv/bin/python bench/run_bench.py --smoke      # 10k passages, a few queries, for CI
    .venv/bin/python bench/run_bench.py --ask        # also time Engine.ask end to end

Each corpus size runs in its own subprocess so that its peak RSS is its own. The real
sentences are tokenised once (in parallel) and handed to the subprocesses as a pickle.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from corpus import SOURCES, queries, real_sentences, recombine  # noqa: E402
from timing import p50_p95  # noqa: E402

from retrieval.bm25 import BM25Index  # noqa: E402

K = 10
# rank-bm25 scores every passage in Python: past this size it would take hours.
RANK_BM25_MAX = 100_000
RANK_BM25_QUERIES = 50
ADD_BATCH = 1_000


def main() -> None:
    args = _arguments()
    if args.worker:
        print(json.dumps(measure(args.worker, Path(args.tokens), args.queries)))
        return
    console = Console(width=None if sys.stdout.isatty() else 200)
    missing = [str(p) for p in SOURCES if not p.is_dir()]
    if missing:
        console.print(f"skipped: the shared corpus is not available ({', '.join(missing)})")
        return
    sizes = [10_000] if args.smoke else [int(s) for s in args.sizes.split(",")]
    count = 20 if args.smoke else args.queries
    with tempfile.TemporaryDirectory() as scratch:
        tokens_path = Path(scratch) / "sentences.pkl"
        _tokenise_sentences(tokens_path, console)
        rows = []
        for size in sizes:
            console.print(f"measuring {size:,} passages ...")
            rows.append(_run_worker(size, tokens_path, count))
        ask = _time_ask(max(sizes), tokens_path, console) if args.ask else None
    console.print(_table(rows, count, ask))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--smoke", action="store_true", help="10k passages, 20 queries")
    parser.add_argument(
        "--ask", action="store_true",
        help="also time Engine.ask on a store of the largest size (the eval questions)",
    )
    parser.add_argument("--worker", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--tokens", default="", help=argparse.SUPPRESS)
    return parser.parse_args()


def _tokenise_sentences(path: Path, console: Console) -> None:
    from retrieval.parallel import tokenize_many

    started = time.perf_counter()
    sentences = real_sentences()
    tokens = [t for t in tokenize_many(sentences, progress=True) if t]
    with open(path, "wb") as handle:
        pickle.dump(tokens, handle, protocol=pickle.HIGHEST_PROTOCOL)
    elapsed = time.perf_counter() - started
    console.print(f"tokenised {len(tokens):,} real sentences in {elapsed:.1f} s")


def _run_worker(size: int, tokens: Path, count: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--worker", str(size), "--tokens", str(tokens)]
    done = subprocess.run(
        [*command, "--queries", str(count)], capture_output=True, text=True, check=True
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# -- one corpus size, in a subprocess -----------------------------------------------------


def measure(size: int, tokens_path: Path, count: int) -> dict[str, Any]:
    with open(tokens_path, "rb") as handle:
        sentences: list[list[str]] = pickle.load(handle)
    corpus = recombine(sentences, size)
    asked = queries(sentences, count)
    row: dict[str, Any] = {"size": size, "tokens": sum(map(len, corpus))}
    row |= _measure_ours(corpus, asked)
    if size <= RANK_BM25_MAX:
        row |= _measure_rank_bm25(corpus, asked[:RANK_BM25_QUERIES], row["index"])
    row |= _measure_bm25s(corpus, asked, row["index"])
    row |= _measure_add(row.pop("index"), sentences)
    return row


def _measure_ours(corpus: list[list[str]], asked: list[list[str]]) -> dict[str, Any]:
    before = _rss_mb()
    started = time.perf_counter()
    index = BM25Index.from_tokens(corpus)
    index.prepare()
    build = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "bm25.npz"
        index.save(path)
        disk = path.stat().st_size / 2**20
        started = time.perf_counter()
        BM25Index.load(path).prepare()
        load = time.perf_counter() - started
    latency = _latencies(lambda q: index.top_k(q, K), asked)
    return {
        "index": index,
        "build_s": build,
        "rss_before_mb": before,
        "peak_rss_mb": peak,
        "disk_mb": disk,
        "load_s": load,
        "ours_ms": latency,
    }


def _measure_rank_bm25(
    corpus: list[list[str]], asked: list[list[str]], index: BM25Index
) -> dict[str, Any]:
    from rank_bm25 import BM25Okapi

    started = time.perf_counter()
    reference = BM25Okapi(corpus)
    build = time.perf_counter() - started

    def search(query: list[str]) -> np.ndarray:
        return np.argsort(reference.get_scores(query))[::-1][:K]

    agree = 0
    for query in asked:
        scores = reference.get_scores(query)
        ranked = sorted((-s, i) for i, s in enumerate(scores.tolist()) if s > 0)[:K]
        agree += index.top_k(query, K) == [(i, -s) for s, i in ranked]
    return {
        "rank_build_s": build,
        "rank_ms": _latencies(search, asked),
        "agree": f"{agree}/{len(asked)}",
    }


def _measure_bm25s(
    corpus: list[list[str]], asked: list[list[str]], index: BM25Index
) -> dict[str, Any]:
    """bm25s with BM25Okapi's term weighting ("atire") and log-odds idf ("robertson");
    it clips negative idf to 0 instead of rank-bm25's floor and scores in float32."""
    import bm25s

    started = time.perf_counter()
    retriever = bm25s.BM25(k1=1.5, b=0.75, method="atire", idf_method="robertson")
    retriever.index(corpus, show_progress=False)
    build = time.perf_counter() - started
    known = [[t for t in q if t in retriever.vocab_dict] or [""] for q in asked]
    latency = _latencies(lambda q: retriever.retrieve([q], k=K, show_progress=False), known)
    diff = max(
        float(np.abs(retriever.get_scores(q) - index.get_scores(q)).max()) for q in known[:20]
    )
    return {"bm25s_build_s": build, "bm25s_ms": latency, "bm25s_max_diff": diff}


def _measure_add(index: BM25Index, sentences: list[list[str]]) -> dict[str, Any]:
    """Seconds to add a batch of new passages and re-derive idf for the next query."""
    batch = recombine(sentences, ADD_BATCH, seed=99)
    started = time.perf_counter()
    index.add(batch)
    index.prepare()
    return {"add_s": time.perf_counter() - started}


def _latencies(search: Callable[[list[str]], object], asked: Sequence[list[str]]) -> list[float]:
    """p50 and p95 in milliseconds, after one warm-up query."""
    search(asked[0])
    times = []
    for query in asked:
        started = time.perf_counter_ns()
        search(query)
        times.append((time.perf_counter_ns() - started) / 1e6)
    return p50_p95(times)


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


# -- end to end ---------------------------------------------------------------------------


def _time_ask(size: int, tokens: Path, console: Console) -> dict[str, Any]:
    """Engine.ask end to end on a store of ``size`` passages, in its own process."""
    console.print(f"filling a store to {size:,} passages and asking the eval questions ...")
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "ask_at_scale.py"), str(size), str(tokens)],
        capture_output=True, text=True, check=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# -- report -------------------------------------------------------------------------------


def _table(rows: list[dict[str, Any]], count: int, ask: dict[str, Any] | None) -> Table:
    table = Table(title=f"BM25 top-{K}: {count} queries of 3-5 content words; times in ms")
    for header in (
        "passages",
        "build s ours / rank-bm25 / bm25s",
        "peak RSS MB (before)",
        "disk MB",
        "load s",
        "ours p50/p95",
        f"rank-bm25 p50/p95 (≤{RANK_BM25_QUERIES} q)",
        "× rank-bm25",
        "bm25s p50/p95",
        "× bm25s",
        f"add {ADD_BATCH:,} s",
        "top-k = rank-bm25",
    ):
        table.add_column(header, justify="right")
    for row in rows:
        ours = row["ours_ms"]
        rank = row.get("rank_ms")
        table.add_row(
            f"{row['size']:,}",
            " / ".join(
                f"{row[key]:.1f}" if key in row else "-"
                for key in ("build_s", "rank_build_s", "bm25s_build_s")
            ),
            f"{row['peak_rss_mb']:,.0f} ({row['rss_before_mb']:,.0f})",
            f"{row['disk_mb']:.0f}",
            f"{row['load_s']:.2f}",
            _pair(ours),
            _pair(rank) if rank else "-",
            f"{rank[0] / ours[0]:,.0f}×" if rank else "-",
            _pair(row["bm25s_ms"]),
            f"{row['bm25s_ms'][0] / ours[0]:,.1f}×",
            f"{row['add_s']:.2f}",
            row.get("agree", "-"),
        )
    notes = [
        "build includes deriving idf and impacts; peak RSS is the whole subprocess, "
        "(before) is its RSS holding the token lists, before the index was built",
        "bm25s: method=atire, idf=robertson (BM25Okapi's formula, but negative idf → 0 "
        "and float32); max |score diff| vs ours: "
        + ", ".join(f"{r['bm25s_max_diff']:.1e}" for r in rows),
    ]
    if ask:
        notes.append(_ask_note(ask))
    table.caption = "\n".join(notes)
    return table


def _ask_note(ask: dict[str, Any]) -> str:
    verdicts = ask["verdicts"]
    return (
        f"Engine.ask end to end (retrieval, database, extraction) on a store of "
        f"{ask['size']:,} passages ({ask['real_passages']:,} real): p50/p95 "
        f"{_pair(ask['ask_ms'])} ms over {ask['questions']} eval questions "
        f"({verdicts['correct']} correct, {verdicts['wrong']} wrong, "
        f"{verdicts['abstained']} abstained), peak RSS {ask['ask_rss_mb']:,.0f} MB, "
        f"open with saved index {ask['open_s']:.1f} s\n"
        f"bulletin-bot reindex (from stored tokens, in SQLite): {ask['reindex_s']:.1f} s, "
        f"peak RSS {ask['reindex_rss_mb']:,.0f} MB"
    )


def _pair(values: Sequence[float]) -> str:
    return f"{values[0]:.2f} / {values[1]:.2f}"


if __name__ == "__main__":
    main()
