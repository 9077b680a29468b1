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

The code under test is byte-compiled first, as ``pip install`` does: with
``PYTHONDONTWRITEBYTECODE`` set (as on this machine) a checkout would otherwise compile
every module of ours from source in every run, which no installed copy does
(``--no-compile`` measures that case). The load average is sampled after every process,
so the table says how busy the machine was. ``--breakdown`` adds where a cold ask's
import time goes, by top-level package (``python -X importtime``, self times summed).
"""

from __future__ import annotations

import argparse
import collections
import compileall
import json
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


LOADS: list[float] = []  # the 1-minute load average after each process


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
    LOADS.append(os.getloadavg()[0])
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


PACKAGES = ("bot", "cli", "ingest", "qa", "retrieval", "seeds", "service", "store")


def compile_code(source: Path | None) -> None:
    """Byte-compile our packages where they will be imported from, as an install does."""
    root = source or Path(__file__).resolve().parents[1]
    for package in PACKAGES:
        if (root / package).is_dir():
            compileall.compile_dir(root / package, quiet=1)


def import_breakdown(source: Path | None, top: int = 14) -> list[tuple[str, float]]:
    """Milliseconds of import self time per top-level package in one cold ask (on a store
    the first ask made), largest first; the tail summed as "others", the total last."""
    with tempfile.TemporaryDirectory(prefix="bulletin-startup-") as tmp:
        env = environment(Path(tmp) / "run", source)
        Path(env["DATA_DIR"]).parent.mkdir(parents=True)
        ask = [*CLI, "ask", QUESTION]
        timed(ask, env)
        done = subprocess.run([sys.executable, "-X", "importtime", *ask[1:]], env=env,
                              capture_output=True, text=True, cwd=Path(env["DATA_DIR"]).parent)
    totals: dict[str, float] = collections.defaultdict(float)
    for line in done.stderr.splitlines():
        fields = line.removeprefix("import time:").split("|")
        if len(fields) == 3 and fields[0].strip().isdigit():
            totals[fields[2].strip().split(".")[0]] += int(fields[0]) / 1000
    rows = sorted(totals.items(), key=lambda row: row[1], reverse=True)[:top]
    rows.append(("others", sum(totals.values()) - sum(ms for _, ms in rows)))
    rows.append(("all imports", sum(totals.values())))
    return rows


# One cold ask in phases, timed inside the process (CPU and wall), printed as JSON.
PHASES = """
import json, sys, time
marks = [("start", time.perf_counter(), time.process_time())]
def mark(name):
    marks.append((name, time.perf_counter(), time.process_time()))
import cli.main
mark("import cli.main (typer)")
import service.engine, service.presentation
mark("import the core (SQLModel, numpy, qa ...)")
from service.settings import Settings
engine = service.engine.Engine.open(Settings())
mark("open the store, check the schema, load the index")
answer = engine.ask(sys.argv[1])
mark("answer (jieba, regions, search, extract, log)")
print("\\n".join(service.presentation.answer_blocks(answer, service.presentation.PLAIN)))
mark("print")
print(json.dumps([(b[0], (b[1] - a[1]) * 1000, (b[2] - a[2]) * 1000)
                  for a, b in zip(marks, marks[1:])]))
"""


def phase_breakdown(source: Path | None) -> list[tuple[str, float, float]]:
    """(phase, wall ms, CPU ms) of one cold ask on a store the first ask made."""
    with tempfile.TemporaryDirectory(prefix="bulletin-startup-") as tmp:
        env = environment(Path(tmp) / "run", source)
        Path(env["DATA_DIR"]).parent.mkdir(parents=True)
        timed([*CLI, "ask", QUESTION], env)
        done = subprocess.run([sys.executable, "-c", PHASES, QUESTION], env=env, check=True,
                              capture_output=True, text=True, cwd=Path(env["DATA_DIR"]).parent)
    return [tuple(row) for row in json.loads(done.stdout.splitlines()[-1])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--source", type=Path, help="run the code in this folder instead")
    parser.add_argument("--no-compile", action="store_true",
                        help="do not byte-compile the code under test first")
    parser.add_argument("--breakdown", action="store_true",
                        help="also show a cold ask's import time by package")
    args = parser.parse_args()
    if not args.no_compile:
        compile_code(args.source)
    code = args.source or "this checkout"
    table = Table("row", "wall ms (median)", "CPU ms (median)",
                  title=f"bulletin-bot start-up, {args.runs} runs each, code in {code}")
    for name, (wall, cpu) in measure(args.runs, args.source).items():
        table.add_row(name, _ms(wall), _ms(cpu))
    console = Console()
    console.print(table)
    print(f"1-minute load average on {os.cpu_count()} cores while measuring: "
          f"median {statistics.median(LOADS):.1f}, from {min(LOADS):.1f} to {max(LOADS):.1f}")
    if args.breakdown:
        phases = Table("phase", "wall ms", "CPU ms",
                       title="one cold ask in phases, timed inside the process")
        for name, wall, cpu in phase_breakdown(args.source):
            phases.add_row(name, _ms(wall), _ms(cpu))
        console.print(phases)
        imports = Table("package", "import ms (self)",
                        title="one cold ask, python -X importtime (which adds its own overhead)")
        for package, ms in import_breakdown(args.source):
            imports.add_row(package, _ms(ms))
        console.print(imports)


def _ms(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


if __name__ == "__main__":
    main()
