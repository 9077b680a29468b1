"""BM25 benchmark: our index against tantivy, bm25s and rank-bm25 on realistic Chinese passages.

    .venv/bin/python bench/run_bench.py [--sizes 100000,1000000,4000000] [--ten-million]
    .venv/bin/python bench/run_bench.py --smoke      # 10k passages, a few queries, for CI
    .venv/bin/python bench/run_bench.py --ask        # also Engine.ask on 1M passages, idle
                                                     # and while 1,000 passages are ingested

Each corpus size runs in its own subprocess (``bench/peers.py``), and each saved index
is opened again in a fresh process (``bench/serve.py``) for its serving memory and load
time. Two query sets: the eval questions tokenized as the engine tokenizes them
(function words included), and 3-5 content words of a real sentence. The ingest rate of
``../shared/corpus/cmrc2018-dev`` is measured against raw jieba in the same run.
"""

from __future__ import annotations

import argparse
import json
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from corpus import SHARED, SOURCES, queries, real_sentences  # noqa: E402
from machine import load_average, machine, peak_mb  # noqa: E402

EVAL_FILES = sorted((SHARED / "eval").glob("*.jsonl"))


def main() -> None:
    args = _arguments()
    if args.worker:
        _worker(args)
        return
    console = Console(width=None if sys.stdout.isatty() else 220)
    missing = [str(p) for p in SOURCES if not p.is_dir()]
    if missing:
        console.print(f"skipped: the shared corpus is not available ({', '.join(missing)})")
        return
    sizes = [10_000] if args.smoke else [int(s) for s in args.sizes.split(",")]
    if args.ten_million and 10_000_000 not in sizes:
        sizes.append(10_000_000)
    count = 20 if args.smoke else args.queries
    began = time.perf_counter()
    console.print(machine())
    with tempfile.TemporaryDirectory() as scratch:
        tokens_path, queries_path = Path(scratch) / "sentences.pkl", Path(scratch) / "q.pkl"
        _tokenise(tokens_path, queries_path, count, console)
        rows = []
        for size in sizes:
            console.print(f"measuring {size:,} passages ... (load average {load_average()})")
            rows.append(_size(size, tokens_path, queries_path, Path(scratch), args.bm25s_max))
            rows[-1]["load_avg"] = load_average()
        console.print(_latency_table(rows))
        console.print(_resource_table(rows))
        if not args.smoke:
            ingest = _run_json([str(REPO / "bench" / "ingest_speed.py")])
            for note in _notes(ingest, None):
                console.print(note)
        if args.ask:
            console.print(f"filling a store to {args.ask_size:,} passages and asking ... "
                          f"(load average {load_average()})")
            ask = _run_json([str(REPO / "bench" / "ask_at_scale.py"), str(args.ask_size),
                             str(tokens_path)])
            ask["load_avg"] = load_average()
            for note in _notes(None, ask):
                console.print(note)
    console.print(f"load average at the end: {load_average()}; wall time "
                  f"{(time.perf_counter() - began) / 60:.1f} min")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000,4000000")
    parser.add_argument("--ten-million", action="store_true", help="also 10,000,000 passages")
    parser.add_argument("--queries", type=int, default=200, help="per query set")
    parser.add_argument("--bm25s-max", type=int, default=1_000_000,
                        help="largest size at which bm25s is built (its build is slow)")
    parser.add_argument("--smoke", action="store_true", help="10k passages, 20 queries")
    parser.add_argument("--ask", action="store_true",
                        help="also Engine.ask on a store of the largest size, idle and during "
                             "an ingest of 1,000 passages")
    parser.add_argument("--ask-size", type=int, default=1_000_000,
                        help="passages in the store --ask fills (default 1,000,000)")
    parser.add_argument("--worker", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--tokens", default="", help=argparse.SUPPRESS)
    parser.add_argument("--query-file", default="", help=argparse.SUPPRESS)
    parser.add_argument("--scratch", default="", help=argparse.SUPPRESS)
    return parser.parse_args()


def _worker(args: argparse.Namespace) -> None:
    from peers import measure

    with open(args.tokens, "rb") as handle:
        sentences = pickle.load(handle)
    with open(args.query_file, "rb") as handle:
        query_sets = pickle.load(handle)
    row = measure(args.worker, sentences, query_sets, Path(args.scratch), args.bm25s_max)
    row["worker_peak_mb"] = peak_mb()
    print(json.dumps(row))





def _tokenise(tokens_path: Path, queries_path: Path, count: int, console: Console) -> None:
    """Real sentences tokenised once; the two query sets beside them."""
    from retrieval.parallel import tokenize_many
    from retrieval.tokenizer import tokenize

    started = time.perf_counter()
    sentences = [t for t in tokenize_many(real_sentences(), progress=False) if t]
    with open(tokens_path, "wb") as handle:
        pickle.dump(sentences, handle, protocol=pickle.HIGHEST_PROTOCOL)
    questions = [json.loads(line)["question"] for path in EVAL_FILES
                 for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    eval_queries = [tokens for q in questions if (tokens := tokenize(q))][:count]
    sets = {"eval": eval_queries, "content": queries(sentences, count)}
    with open(queries_path, "wb") as handle:
        pickle.dump(sets, handle, protocol=pickle.HIGHEST_PROTOCOL)
    terms = sum(map(len, eval_queries)) / max(1, len(eval_queries))
    console.print(f"tokenised {len(sentences):,} real sentences in "
                  f"{time.perf_counter() - started:.1f} s; {len(eval_queries)} eval queries of "
                  f"{terms:.1f} terms on average, {len(sets['content'])} content-word queries")


def _size(size: int, tokens: Path, queries_path: Path, scratch: Path,
          bm25s_max: int) -> dict[str, Any]:
    folder = scratch / f"n{size}"
    folder.mkdir()
    row = _run_json([__file__, "--worker", str(size), "--tokens", str(tokens),
                     "--query-file", str(queries_path), "--scratch", str(folder),
                     "--bm25s-max", str(bm25s_max)])
    serve = str(REPO / "bench" / "serve.py")
    row["serve_ours"] = _run_json([serve, "ours", str(folder / "ours.bm25"), str(queries_path)])
    row["serve_tantivy"] = _run_json([serve, "tantivy", str(folder / "tantivy"),
                                      str(queries_path)])
    subprocess.run(["rm", "-rf", str(folder)], check=True)
    return row


def _run_json(command: list[str]) -> dict[str, Any]:
    done = subprocess.run([sys.executable, *command], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{' '.join(command[:2])} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# -- report -------------------------------------------------------------------------------


def _latency_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title="BM25 top-10 latency, ms p50 / p95 (interleaved per batch of 20 queries)")
    for header in ("passages", "query set", "ours", "tantivy", "ours ÷ tantivy p50 / p95",
                   "bm25s", "rank-bm25 (≤40 q)", "top-10 = rank-bm25", "load avg"):
        table.add_column(header, justify="right")
    for row in rows:
        for name in ("eval", "content"):
            ms = row[f"ms_{name}"]
            ours, peer = ms["ours"], ms["tantivy"]
            table.add_row(
                f"{row['size']:,}", name, _pair(ours), _pair(peer),
                f"{ours[0] / peer[0]:.2f} / {ours[1] / peer[1]:.2f}",
                _pair(ms["bm25s"]) if "bm25s" in ms else "-",
                _pair(ms["rank-bm25"]) if "rank-bm25" in ms else "-",
                row.get("agree", "-") if name == "eval" else "",
                row["load_avg"] if name == "eval" else "",
            )
    return table


def _resource_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title="Build, disk, load and serving memory (ours / tantivy)")
    for header in ("passages", "build s", "disk MB", "load s", "serving peak RSS MB",
                   "RSS ratio", "RSS before load", "ours at end: anon / mapped",
                   "add 1,000 s", "worker peak MB"):
        table.add_column(header, justify="right")
    for row in rows:
        ours, peer = row["serve_ours"], row["serve_tantivy"]
        table.add_row(
            f"{row['size']:,}",
            f"{row['build_s']:.1f} / {row['tantivy_build_s']:.1f}",
            f"{row['disk_mb']:.0f} / {row['tantivy_disk_mb']:.0f}",
            f"{ours['load_s']:.3f} / {peer['load_s']:.3f}",
            f"{ours['peak_rss_mb']:,.0f} / {peer['peak_rss_mb']:,.0f}",
            f"{ours['peak_rss_mb'] / peer['peak_rss_mb']:.2f}",
            f"{ours['rss_before_mb']:.0f} / {peer['rss_before_mb']:.0f}",
            f"{ours['rss_anon_mb']:.0f} / {ours['rss_file_mb']:.0f}",
            f"{row['add_s']:.2f}",
            f"{row['worker_peak_mb']:,.0f}",
        )
    table.caption = ("serving RSS: a fresh process opens the saved index and answers every "
                     "query once; memory-mapped pages it touched count. RSS before load is "
                     "the interpreter with its imports; anon / mapped: ours's RSS at the end "
                     "split into heap and mapped file pages (the index file's touched pages, "
                     "libraries). Worker peak: the process that made the passages and built "
                     "and queried every engine.")
    return table


def _notes(ingest: dict[str, Any] | None, ask: dict[str, Any] | None) -> list[str]:
    notes = []
    if ingest:
        target = ingest["raw_chars_per_s"] * ingest["cores"] / 2
        notes.append(
            f"ingest of cmrc2018-dev ({ingest['chars']:,} characters, {ingest['passages']:,} "
            f"passages): {ingest['ingest_chars_per_s']:,.0f} chars/s with {ingest['cores']} "
            f"workers; raw jieba {ingest['raw_chars_per_s']:,.0f} chars/s on one core; "
            f"target (half of raw × cores) {target:,.0f}: "
            f"{ingest['ingest_chars_per_s'] / target:.2f}× the target; both dictionaries "
            f"loaded beforehand, untimed (ours {ingest['dictionary_s']:.2f} s, raw jieba's "
            f"{ingest['raw_dictionary_s']:.2f} s)")
    if ask:
        verdicts = ask["verdicts"]
        during = ask["during_ms"]
        notes.append(
            f"Engine.ask end to end on {ask['size']:,} passages ({ask['real_passages']:,} real): "
            f"idle p50/p95 {_pair(ask['ask_ms'])} ms over {ask['questions']} questions "
            f"({verdicts['correct']} correct, {verdicts['wrong']} wrong, "
            f"{verdicts['abstained']} abstained), open {ask['open_s']:.2f} s, peak RSS "
            f"{ask['ask_rss_mb']:,.0f} MB; while another process ingests 1,000 passages and "
            f"the index grows in the background: p50/p95 {_pair(during)} ms over "
            f"{ask['during_questions']} questions, p95 {during[1] / ask['ask_ms'][1]:.2f}× idle; "
            f"the same questions idle (the first {ask['during_questions']} above): p50/p95 "
            f"{_pair(ask['same_idle_ms'])} ms, during ÷ idle p95 "
            f"{during[1] / ask['same_idle_ms'][1]:.2f}×; "
            f"new passages searchable after {ask['grown_after_s']:.1f} s\n"
            f"bulletin-bot reindex (from stored tokens, in SQLite): {ask['reindex_s']:.1f} s, "
            f"peak RSS {ask['reindex_rss_mb']:,.0f} MB; load average after: {ask['load_avg']}")
    return notes


def _pair(values: list[float]) -> str:
    return f"{values[0]:.2f} / {values[1]:.2f}"


if __name__ == "__main__":
    main()
