"""The numpy fallback's queries (no C kernel), this tree against another one.

    .venv/bin/python bench/numpy_queries.py [--size 1000000] [--before ../main] [--repeats 2]

One index of the bench's recombined passages is built and saved; then, in rounds whose
order alternates, a fresh process of each tree maps it, answers 100 content-word
queries (top 10) with the kernel switched off and reports the first query's seconds,
p50/p95 of the rest, the process's peak RSS and a digest of every top 10, which must
agree between the trees.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from grow_speed import REPO, run_script, tokenise
from machine import load_average, machine, peak_mb

QUERIES = 100


def main() -> None:
    args = _arguments()
    if args.worker:
        _worker(Path(args.worker), Path(args.index), Path(args.tokens))
        return
    print(machine())
    trees = {"before": Path(args.before).resolve(), "after": REPO}
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in trees}
    loads = []
    with tempfile.TemporaryDirectory() as scratch:
        tokens, index = Path(scratch) / "sentences.pkl", Path(scratch) / "index.bm25"
        tokenise(tokens)
        run_script(REPO, "grow_speed.py",
                   ["--build", str(args.size), "--index", str(index), "--tokens", str(tokens)])
        for number in range(args.repeats):
            for name in list(trees) if number % 2 == 0 else list(trees)[::-1]:
                flags = ["--worker", str(trees[name]), "--index", str(index), "--tokens",
                         str(tokens)]
                runs[name].append(run_script(trees[name], "numpy_queries.py", flags))
                loads.append(load_average())
                print(f"  {name}: {runs[name][-1]} (load average {loads[-1]})", flush=True)
    same = len({r["digest"] for rs in runs.values() for r in rs}) == 1
    print(f"\nnumpy fallback, {args.size:,} passages, {QUERIES} content-word queries, top 10; "
          "medians over the rounds")
    print("| tree | first query s | p50 ms | p95 ms | peak RSS MB |")
    print("|---|---|---|---|---|")
    for name, rs in runs.items():
        cells = [statistics.median(r[key] for r in rs)
                 for key in ("first_s", "p50_ms", "p95_ms", "peak_rss_mb")]
        print(f"| {name} | {cells[0]:.3f} | {cells[1]:.2f} | {cells[2]:.2f} | {cells[3]:.0f} |")
    print(f"same top 10 in every run: {'yes' if same else 'NO'}; load averages: "
          f"{'; '.join(loads)}")
    print(machine())


def _worker(tree: Path, index_path: Path, tokens: Path) -> None:
    sys.path.insert(0, str(tree))
    sys.path.insert(1, str(REPO / "bench"))
    from corpus import queries

    import retrieval.bm25 as bm25
    import retrieval.postings as postings

    bm25.kernel = None  # type: ignore[assignment]
    postings.kernel = None  # type: ignore[assignment]
    assert Path(bm25.__file__).resolve().is_relative_to(tree), bm25.__file__
    with open(tokens, "rb") as handle:
        asked = queries(pickle.load(handle), QUERIES, seed=1)
    index = bm25.BM25Index.load(index_path)
    index.prepare()
    times, found = [], []
    for query in asked:
        started = time.perf_counter()
        found.append(index.top_k(query, 10))
        times.append(time.perf_counter() - started)
    rest = sorted(times[1:])
    print(json.dumps({
        "first_s": times[0],
        "p50_ms": 1e3 * rest[len(rest) // 2],
        "p95_ms": 1e3 * rest[int(0.95 * (len(rest) - 1))],
        "peak_rss_mb": peak_mb(),
        "digest": hashlib.sha256(repr(found).encode()).hexdigest(),
    }))



def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--before", default=str(REPO.parent / "main"))
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--index", help=argparse.SUPPRESS)
    parser.add_argument("--tokens", help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    main()
