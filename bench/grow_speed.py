"""Seconds to append 1,000 passages to a built index, this tree against another one.

    .venv/bin/python bench/grow_speed.py [--sizes 1000000,4000000] [--before ../main]
                                         [--repeats 3] [--numpy]

Each size is built once here (the bench's recombined passages, ``bench/corpus.py``) and
saved; then, in rounds whose order alternates, a fresh process of each tree (its own
``.venv`` and code) maps that file as the bot serves it and times ``copy`` + ``add`` of
1,000 new passages + ``prepare``, as ``bench/peers.py`` does, three times in a row: the
first add after loading reads the mapped file's pages, the later ones grow the arrays
the first made, as a long-running server does. Both trees must produce the same arrays
(their digests are compared). The machine is shared: compare
the two trees' times of one run, read beside the load average printed per round.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from machine import load_average, machine

REPO = Path(__file__).resolve().parents[1]
ADD_BATCH = 1_000
STEPS = 3
ENCODED = ("indptr", "doc_gaps", "gap_at", "tf8", "over_at", "over_tf", "doc_len", "bptr",
           "block_last", "block_fmax", "term_fmax")


def main() -> None:
    args = _arguments()
    if args.worker:
        _worker(Path(args.worker), Path(args.index), Path(args.tokens), args.numpy)
        return
    if args.build:
        _build(int(args.build), Path(args.index), Path(args.tokens))
        return
    print(machine())
    trees = {"before": Path(args.before).resolve(), "after": REPO}
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as scratch:
        tokens = Path(scratch) / "sentences.pkl"
        tokenise(tokens)
        for size in (int(s) for s in args.sizes.split(",")):
            index = Path(scratch) / f"index-{size}.bm25"
            began = time.perf_counter()
            run_script(REPO, "grow_speed.py",
                       ["--build", str(size), "--index", str(index), "--tokens", str(tokens)])
            print(f"built {size:,} passages in {time.perf_counter() - began:.0f} s "
                  f"(load average {load_average()})", flush=True)
            rows.append(_compare(trees, index, tokens, size, args))
            index.unlink()
    _table(rows, args.numpy)


def _compare(trees: dict[str, Path], index: Path, tokens: Path, size: int,
             args: argparse.Namespace) -> dict[str, Any]:
    """Rounds of one process per tree, the order alternating; digests must agree."""
    seconds: dict[str, list[list[float]]] = {name: [] for name in trees}
    digests: dict[str, set[str]] = {name: set() for name in trees}
    loads = []
    names = list(trees)
    for number in range(args.repeats):
        for name in names if number % 2 == 0 else names[::-1]:
            flags = ["--worker", str(trees[name]), "--index", str(index), "--tokens", str(tokens)]
            flags += ["--numpy"] if args.numpy else []
            result = run_script(trees[name], "grow_speed.py", flags)
            seconds[name].append(result["seconds"])
            digests[name].add(result["digest"])
            loads.append(load_average())
            steps = ", ".join(f"{s:.3f}" for s in result["seconds"])
            print(f"  {size:,} {name}: {steps} s (load average {loads[-1]})", flush=True)
    same = digests["before"] == digests["after"] and len(digests["after"]) == 1
    return {"size": size, "seconds": seconds, "same": same, "loads": loads}


def run_script(tree: Path, script: str, flags: list[str]) -> dict[str, Any]:
    """A script of this folder in a fresh process of ``tree``'s interpreter (its code
    is put first on the path by the script), its last line read as JSON."""
    python = tree / ".venv" / "bin" / "python"
    done = subprocess.run([str(python), str(REPO / "bench" / script), *flags],
                          capture_output=True, text=True, check=True)
    lines = done.stdout.strip().splitlines()
    return dict(json.loads(lines[-1])) if lines else {}


def _worker(tree: Path, index_path: Path, tokens: Path, numpy_only: bool) -> None:
    """Map the index with ``tree``'s code, time adding the batch, print JSON."""
    sys.path.insert(0, str(tree))
    sys.path.insert(1, str(REPO / "bench"))
    from corpus import recombine

    import retrieval.bm25 as bm25
    import retrieval.postings as postings

    if numpy_only:
        bm25.kernel = None  # type: ignore[assignment]
        postings.kernel = None  # type: ignore[assignment]
    assert Path(bm25.__file__).resolve().is_relative_to(tree), bm25.__file__
    with open(tokens, "rb") as handle:
        sentences = pickle.load(handle)
    index = bm25.BM25Index.load(index_path)
    index.prepare()
    seconds = []
    for step in range(STEPS):
        batch = recombine(sentences, ADD_BATCH, seed=99 + step)
        grown = index.copy()
        started = time.perf_counter()
        grown.add(batch)
        grown.prepare()
        seconds.append(time.perf_counter() - started)
        index = grown
    digest = hashlib.sha256()
    for name in ENCODED:
        digest.update(getattr(index.postings, name).tobytes())
    print(json.dumps({"seconds": seconds, "digest": digest.hexdigest()}))


def _build(size: int, index_path: Path, tokens: Path) -> None:
    sys.path.insert(0, str(REPO))
    sys.path.insert(1, str(REPO / "bench"))
    from corpus import recombined

    from retrieval.bm25 import BM25Index
    from retrieval.counting import SLICE

    with open(tokens, "rb") as handle:
        passages = recombined(pickle.load(handle), size, seed=0)
    slices = (passages.tokens(s, min(size, s + SLICE)) for s in range(0, size, SLICE))
    BM25Index.from_token_slices(slices).save(index_path)
    print("{}")


def tokenise(path: Path) -> None:
    sys.path.insert(0, str(REPO))
    sys.path.insert(1, str(REPO / "bench"))
    from corpus import real_sentences

    from retrieval.parallel import tokenize_many

    began = time.perf_counter()
    sentences = [t for t in tokenize_many(real_sentences(), progress=False) if t]
    with open(path, "wb") as handle:
        pickle.dump(sentences, handle, protocol=pickle.HIGHEST_PROTOCOL)
    print(f"tokenised {len(sentences):,} sentences in {time.perf_counter() - began:.0f} s",
          flush=True)


def _table(rows: list[dict[str, Any]], numpy_only: bool) -> None:
    codec = "numpy fallback" if numpy_only else "C kernel"
    print(f"\nadd {ADD_BATCH:,} passages ({codec}), seconds, median over the rounds: the "
          f"first add after loading, and the {STEPS - 1} after it (each growing the last)")
    print("| passages | first: before | first: after | after ÷ before | later: before | "
          "later: after | after ÷ before | same arrays | rounds | load averages |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        first = {n: statistics.median(r[0] for r in row["seconds"][n]) for n in row["seconds"]}
        later = {n: statistics.median(s for r in row["seconds"][n] for s in r[1:])
                 for n in row["seconds"]}
        print(f"| {row['size']:,} | {first['before']:.3f} | {first['after']:.3f} | "
              f"{first['after'] / first['before']:.3f} | {later['before']:.3f} | "
              f"{later['after']:.3f} | {later['after'] / later['before']:.3f} | "
              f"{'yes' if row['same'] else 'NO'} | {len(row['seconds']['after'])} | "
              f"{'; '.join(row['loads'])} |")
    print(machine())




def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000000")
    parser.add_argument("--before", default=str(REPO.parent / "main"),
                        help="the tree to compare against (its .venv is used)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--numpy", action="store_true",
                        help="both trees without the C kernel (the numpy fallback)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--build", help=argparse.SUPPRESS)
    parser.add_argument("--index", help=argparse.SUPPRESS)
    parser.add_argument("--tokens", help=argparse.SUPPRESS)
    return parser.parse_args()


if __name__ == "__main__":
    main()
