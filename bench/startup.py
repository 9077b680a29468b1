"""Start-up benchmark: whole ``bulletin-bot`` processes, timed from outside.

    .venv/bin/python bench/startup.py [--runs 7] [--source DIR]

A command line is judged by how long a person waits for it, so every row times a fresh
process (``subprocess.run``) and reports the median of several runs, beside
``python -c pass`` as the floor no command can beat:

- help: ``bulletin-bot --help``.
- first ask: a new data directory and a new cache directory, so the store is created,
  the seeds ingested, the index built and jieba's dictionary cache written.
- cold ask: a fresh process on that seed store (the index and caches exist).
- warm ask: one question more inside a running process (``ask -`` reading N questions
  from stdin, the time of N minus the time of one, divided by N - 1).

``--source DIR`` runs the code in DIR instead (e.g. ``git archive`` of another commit,
unpacked) with this venv's packages, for a before/after table on one machine and load.
Each run gets its own ``XDG_CACHE_HOME`` and ``DATA_DIR`` under a temporary folder, so
the numbers never depend on what the machine's real cache holds.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

# What the console script runs, spelled out so that --source can swap the code under it.
CLI = [sys.executable, "-c", "from cli.main import run; run()"]
QUESTION = "2017年高新区受理了多少举报投诉?"
WARM_QUESTIONS = 20


def timed(command: Sequence[str], env: dict[str, str], stdin: str = "") -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one whole process. CPU time is shown as
    well because on a shared machine the wall clock also measures the neighbours.
    A failing command stops the benchmark."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    # Run in the data directory's parent: with -c, the working directory comes first on
    # sys.path, and a checkout there would shadow --source.
    done = subprocess.run(command, env=env, input=stdin, capture_output=True, text=True,
                          cwd=Path(env["DATA_DIR"]).parent)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu


def environment(root: Path, source: Path | None) -> dict[str, str]:
    """A private data and cache directory; no .env or DATABASE_URL from the caller."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SEEDS_DIR"}}
    env.update(DATA_DIR=str(root / "data"), XDG_CACHE_HOME=str(root / "cache"),
               LOAD_SEEDS="true")
    if source is not None:
        env["PYTHONPATH"] = str(source)
    return env


def medians_ms(samples: list[tuple[float, float]]) -> tuple[float, float]:
    """Median wall and median CPU milliseconds."""
    return (statistics.median(s[0] for s in samples) * 1000,
            statistics.median(s[1] for s in samples) * 1000)


def measure(runs: int, source: Path | None) -> dict[str, tuple[float, float]]:
    """Median milliseconds (wall, CPU) per row, each row over ``runs`` fresh processes."""
    ask = [*CLI, "ask", QUESTION]
    rows: dict[str, list[tuple[float, float]]] = {
        k: [] for k in ("floor", "help", "first ask", "cold ask", "warm ask")}
    with tempfile.TemporaryDirectory(prefix="bulletin-startup-") as tmp:
        for run in range(runs):
            env = environment(Path(tmp) / f"run{run}", source)
            Path(env["DATA_DIR"]).parent.mkdir(parents=True)
            rows["floor"].append(timed([sys.executable, "-c", "pass"], env))
            rows["help"].append(timed([*CLI, "--help"], env))
            rows["first ask"].append(timed(ask, env))
            rows["cold ask"].append(timed(ask, env))
            one = timed([*CLI, "ask", "-"], env, QUESTION + "\n")
            many = timed([*CLI, "ask", "-"], env, (QUESTION + "\n") * WARM_QUESTIONS)
            rows["warm ask"].append(tuple(  # type: ignore[arg-type]
                max(0.0, m - o) / (WARM_QUESTIONS - 1) for m, o in zip(many, one, strict=True)))
    return {name: medians_ms(samples) for name, samples in rows.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--source", type=Path, help="run the code in this folder instead")
    args = parser.parse_args()
    code = args.source or "this checkout"
    table = Table("row", "wall ms (median)", "CPU ms (median)",
                  title=f"bulletin-bot start-up, {args.runs} runs each, code in {code}")
    for name, (wall, cpu) in measure(args.runs, args.source).items():
        table.add_row(name, _ms(wall), _ms(cpu))
    Console().print(table)
    print(f"load average while measuring: {os.getloadavg()[0]:.1f}")


def _ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


if __name__ == "__main__":
    main()
