"""The ``bulletin-bot`` command line: ask, ingest, stats, eval and the bot itself.

A command line is only as useful as it is quick, so this module imports typer and rich
and nothing else at the top: each command imports what it needs when it runs, and
``--help`` never loads the store, jieba or the index (``bench/startup.py`` times it).
"""

from __future__ import annotations

import gc
import json
import sys
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cli.consoles import err, out

if TYPE_CHECKING:
    from qa.types import Answer
    from service.engine import Engine
    from service.settings import Settings

app = typer.Typer(help="Bulletin Bot: answers about Chinese government bulletins.",
                  no_args_is_help=True, pretty_exceptions_show_locals=False)


def open_engine(settings: Settings | None = None) -> Engine:
    from service.engine import Engine
    from service.settings import Settings

    return Engine.open(settings or Settings())


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, or - for one per line on stdin")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per question")] = False,
    explain: Annotated[bool, typer.Option(
        "--explain", help="Also list the top candidate figures: year, status, subject, and "
                          "why each was taken or rejected (under `explain` with --json)")] = False,
) -> None:
    """Answer a question from the stored bulletins."""
    from service.presentation import PLAIN, answer_blocks

    if not question.strip():
        _empty_question(as_json)
    questions = (line.strip() for line in sys.stdin) if question == "-" else iter([question])
    with closing(open_engine()) as engine:
        for text in questions:
            if not text:
                continue
            result = engine.ask(text)
            if as_json:
                print(json.dumps(result.to_json(explain=explain), ensure_ascii=False), flush=True)
                continue
            print("\n".join(answer_blocks(result, PLAIN)), flush=True)
            if explain:
                print(_explanation(result.explain), flush=True)


@app.command()
def trend(
    words: Annotated[list[str], typer.Argument(
        help="What to follow, with years or without: 城镇新增就业, 2013-2024年城镇新增就业, "
             "近五年粮食产量, 城镇新增就业的目标和实际")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the chart (PNG)")] = Path(
        "trend.png"),
    as_json: Annotated[bool, typer.Option("--json", help="The answer as one JSON object")] = False,
) -> None:
    """A figure year by year: the cited values, the years not found, and a chart.

    Each year's figure is the one `ask "<year>年<X>是多少"` gives; without years, every
    year the stored reports cover. Exit status 1 when no year has a figure (no chart)."""
    from service.presentation import PLAIN, series_blocks

    with closing(open_engine()) as engine:
        result = engine.trend(" ".join(words))
    if result is None:
        err().print("bulletin-bot: name what to follow, e.g. bulletin-bot trend 城镇新增就业",
                  highlight=False)
        raise typer.Exit(2)
    if as_json:
        print(json.dumps(result.to_json(), ensure_ascii=False), flush=True)
    else:
        print("\n".join(series_blocks(result, PLAIN)), flush=True)
    if result.abstained:
        raise typer.Exit(1)
    from service.chart import render_series

    out.write_bytes(render_series(result.series or (), chart_title(result)))
    err().print(f"chart written to {out}", highlight=False)


def chart_title(result: Answer) -> str:
    """The chart's title: the headline without its counts (城镇新增就业（2013—2024年）)."""
    return (result.figure or result.question).split("：")[0]


def _explanation(rows: list[dict[str, Any]]) -> str:
    """One line per judged candidate, best first: how its year and status were read."""
    if not rows:
        return "候选数字：无"
    lines = ["候选数字（得分高者在前）："]
    for row in rows:
        verdict = f"不采用：{row['rejected']}" if row["rejected"] else "可采用"
        lines.append(f"  {row['figure']}｜{row['timeframe']}（据{_SOURCES[row['year_from']]}）｜"
                     f"{_STATUSES[row['status']]}｜{row['subject'] or '—'}｜得分{row['score']}｜"
                     f"{verdict}\n    《{row['title']}》{row['sentence']}")
    return "\n".join(lines)


_SOURCES = {"clause": "本句", "paragraph": "本段前文", "section": "章节标题",
            "mixed heading": "兼指一年和多年的章节标题",
            "span end": "多年回顾中达到的水平，即末年",
            "document": "文件日期", "none": "无"}
_STATUSES = {"achieved": "实际", "planned": "目标", "hypothetical": "假设"}


EMPTY_QUESTION = ("the question is empty; ask something, e.g. "
                  'bulletin-bot ask "2017年高新区受理了多少举报投诉?"')


def _empty_question(as_json: bool) -> None:
    """Nothing to answer: say so (as a JSON object with ``error`` under --json), exit 2."""
    if as_json:
        print(json.dumps({"question": "", "error": EMPTY_QUESTION}, ensure_ascii=False))
    else:
        err().print(f"bulletin-bot: {EMPTY_QUESTION}", highlight=False, markup=False)
    raise typer.Exit(2)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Bulletin files or folders (recursive)")],
) -> None:
    """Store bulletins from files; a bad file is reported and the rest still ingest.

    Exit status: 0 when every file was stored or was already there; 1 when any file or
    path failed (each is listed, the others are stored); 2 when the database failed.
    """
    from service.ingestion import IngestInterrupted

    try:
        with closing(open_engine()) as engine:
            report = engine.ingest_paths(paths, progress=True)
    except IngestInterrupted as interrupted:
        for origin, title in interrupted.report.added:
            out().print(f"[green]added[/]      {origin}  《{title}》", highlight=False)
        raise
    for origin, title in report.added:
        out().print(f"[green]added[/]      {origin}  《{title}》", highlight=False)
    for origin in report.duplicates:
        out().print(f"[yellow]duplicate[/]  {origin}", highlight=False)
    for origin, reason in report.failed:
        err().print(f"[red]failed[/]     {origin}: {reason}", highlight=False)
    out().print(
        f"{len(report.added)} added, {len(report.duplicates)} duplicate, "
        f"{len(report.failed)} failed"
    )
    if report.failed:  # a script must see that part of its batch was not stored
        raise typer.Exit(1)


@app.command()
def stats() -> None:
    """Bulletins, passages, questions and the index's age."""
    from rich.table import Table

    with closing(open_engine()) as engine:
        numbers = engine.stats()
    table = Table(show_header=False)
    table.add_row("bulletins", str(numbers.bulletins))
    table.add_row("passages", str(numbers.passages))
    table.add_row("indexed passages", str(numbers.indexed_passages))
    table.add_row("questions asked", str(numbers.questions))
    table.add_row("abstained", f"{numbers.abstained} ({numbers.abstain_share:.0%})")
    table.add_row("index age", f"{numbers.index_age_seconds:.0f} s")
    out().print(table)


@app.command()
def reindex() -> None:
    """Rebuild the index from stored tokens and swap it in."""
    with closing(open_engine()) as engine:
        seconds = engine.reindex()
    out().print(f"index rebuilt in {seconds:.2f} s")


@app.command()
def search(
    words: Annotated[list[str], typer.Argument(help="Keywords, one or several")],
    limit: Annotated[int, typer.Option(help="How many passages")] = 5,
) -> None:
    """The best passages for keywords, without extraction."""
    from service.presentation import PLAIN, citation

    with closing(open_engine()) as engine:
        hits = engine.search(" ".join(words), limit)
    for hit in hits:
        out().print(f"{hit.score:7.3f}  {hit.quote}\n         {citation(hit.bulletin, PLAIN)}",
                      highlight=False)


@app.command()
def latest(limit: Annotated[int, typer.Option(help="How many bulletins")] = 5) -> None:
    """The newest bulletins."""
    from service.presentation import PLAIN, citation

    with closing(open_engine()) as engine:
        refs = engine.latest(limit)
    for ref in refs:
        out().print(citation(ref, PLAIN), highlight=False)


@app.command("eval")
def evaluate(
    questions: Annotated[Path, typer.Argument(help="JSONL: question, answer, value, unit")],
    corpus: Annotated[Path | None, typer.Option(
        help="Answer from only this folder, in a throw-away database")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="A row per question")] = True,
) -> None:
    """Score the answers to a question file: correct, wrong and abstained."""
    from rich.table import Table

    from service.evaluation import load_cases, run_cases, tally_by_kind

    with closing(_eval_engine(corpus)) as engine:
        results = list(run_cases(load_cases(questions), lambda q: engine.ask(q, log=False)))
    table = Table("id", "question", "expected", "answer", "verdict")
    colour = {"correct": "green", "wrong": "red", "abstained": "yellow"}
    counts = {"correct": 0, "wrong": 0, "abstained": 0}
    for result in results:
        counts[result.verdict] += 1
        got = result.answer.answer or "—"
        table.add_row(result.case.id, result.case.question, result.case.expected,
                      got[:60], f"[{colour[result.verdict]}]{result.verdict}[/]")
    if verbose:
        out().print(table)
    by_kind = Table("kind", "correct", "wrong", "abstained", "of")
    for kind, row in tally_by_kind(results).items():
        by_kind.add_row(kind, str(row["correct"]), str(row["wrong"]), str(row["abstained"]),
                        str(sum(row.values())))
    out().print(by_kind)
    seconds = sum(r.seconds for r in results)
    per_question = seconds / len(results) * 1000 if results else 0.0
    out().print(
        f"{counts['correct']} correct, {counts['wrong']} wrong, {counts['abstained']} abstained "
        f"of {len(results)}; {per_question:.1f} ms per question"
    )


def _eval_engine(corpus: Path | None) -> Engine:
    if corpus is None:
        return open_engine()
    import tempfile

    from service.settings import Settings

    data_dir = Path(tempfile.mkdtemp(prefix="bulletin-eval-"))
    engine = open_engine(Settings(data_dir=data_dir, database_url="", load_seeds=False))
    engine.ingest_paths([corpus], progress=True)
    return engine


def _register_more_commands() -> None:
    """Commands that live beside their subject: the bot, the database, the sources."""
    from cli import bot_commands, db_commands, source_commands

    for module in (bot_commands, db_commands, source_commands):
        module.register(app)


_register_more_commands()


def run() -> None:
    """The console script: known failures become one clear line, not a traceback.

    The process ends when this returns, so the garbage collector is told to leave alone
    every object alive by then (``gc.freeze``): otherwise the interpreter's shutdown
    sweeps all of start-up's SQLAlchemy, pydantic, numpy and jieba objects once more only
    to free memory the OS takes back anyway, about a fifth of a cold ``ask``
    (``bench/startup.py``). Commands close what they opened themselves (the store's
    connections, so SQLite folds its write-ahead log back), since shutdown will not.
    """
    try:
        app()
    except Exception as error:
        message = known_failure(error)
        if message is None:
            raise
        err().print(f"bulletin-bot: {message}", highlight=False)
        raise SystemExit(2) from None
    finally:
        gc.freeze()


def known_failure(error: Exception) -> str | None:
    """The one line for a failure an operator can fix, or None for a bug (a traceback).

    The exception classes are imported here, after the failure, so that a command which
    never touches the database does not pay for importing SQLAlchemy."""
    from sqlalchemy.exc import DBAPIError

    from service.ingestion import IngestInterrupted
    from store.errors import describe
    from store.schema import SchemaVersionError

    if isinstance(error, (SchemaVersionError, IngestInterrupted)):
        return str(error)
    if isinstance(error, DBAPIError):
        return describe(error)
    return None

if __name__ == "__main__":
    run()
