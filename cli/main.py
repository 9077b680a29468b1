"""The ``bulletin-bot`` command line: ask, ingest, stats, eval and the bot itself."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy.exc import OperationalError

from cli.render import answer_text, citation_line
from service.engine import Engine
from service.evaluation import load_cases, run_cases
from service.settings import Settings
from store.schema import SchemaBehindError

app = typer.Typer(help="Bulletin Bot: answers about Chinese government bulletins.",
                  no_args_is_help=True, pretty_exceptions_show_locals=False)
console = Console()
err = Console(stderr=True)


def open_engine(settings: Settings | None = None) -> Engine:
    return Engine.open(settings or Settings())


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, or - for one per line on stdin")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per question")] = False,
) -> None:
    """Answer a question from the stored bulletins."""
    engine = open_engine()
    questions = (line.strip() for line in sys.stdin) if question == "-" else iter([question])
    for text in questions:
        if not text:
            continue
        result = engine.ask(text)
        if as_json:
            print(json.dumps(result.to_json(), ensure_ascii=False), flush=True)
        else:
            print(answer_text(result), flush=True)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Bulletin files or folders (recursive)")],
) -> None:
    """Store bulletins from files; a bad file is reported and the rest still ingest."""
    engine = open_engine()
    report = engine.ingest_paths(paths, progress=True)
    for origin, title in report.added:
        console.print(f"[green]added[/]      {origin}  《{title}》", highlight=False)
    for origin in report.duplicates:
        console.print(f"[yellow]duplicate[/]  {origin}", highlight=False)
    for origin, reason in report.failed:
        err.print(f"[red]failed[/]     {origin}: {reason}", highlight=False)
    console.print(
        f"{len(report.added)} added, {len(report.duplicates)} duplicate, "
        f"{len(report.failed)} failed"
    )
    if report.failed:  # a script must see that part of its batch was not stored
        raise typer.Exit(1)


@app.command()
def stats() -> None:
    """Bulletins, passages, questions and the index's age."""
    numbers = open_engine().stats()
    table = Table(show_header=False)
    table.add_row("bulletins", str(numbers.bulletins))
    table.add_row("passages", str(numbers.passages))
    table.add_row("indexed passages", str(numbers.indexed_passages))
    table.add_row("questions asked", str(numbers.questions))
    table.add_row("abstained", f"{numbers.abstained} ({numbers.abstain_share:.0%})")
    table.add_row("index age", f"{numbers.index_age_seconds:.0f} s")
    console.print(table)


@app.command()
def reindex() -> None:
    """Rebuild the index from stored tokens and swap it in."""
    seconds = open_engine().reindex()
    console.print(f"index rebuilt in {seconds:.2f} s")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Keywords")],
    limit: Annotated[int, typer.Option(help="How many passages")] = 5,
) -> None:
    """The best passages for keywords, without extraction."""
    for hit in open_engine().search(query, limit):
        console.print(f"{hit.score:7.3f}  {hit.text}\n         {citation_line(hit.bulletin)}",
                      highlight=False)


@app.command()
def latest(limit: Annotated[int, typer.Option(help="How many bulletins")] = 5) -> None:
    """The newest bulletins."""
    for ref in open_engine().latest(limit):
        console.print(citation_line(ref), highlight=False)


@app.command("eval")
def evaluate(
    questions: Annotated[Path, typer.Argument(help="JSONL: question, answer, value, unit")],
    corpus: Annotated[Path | None, typer.Option(
        help="Answer from only this folder, in a throw-away database")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="A row per question")] = True,
) -> None:
    """Score the answers to a question file: correct, wrong and abstained."""
    engine = _eval_engine(corpus)
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
        console.print(table)
    seconds = sum(r.seconds for r in results)
    per_question = seconds / len(results) * 1000 if results else 0.0
    console.print(
        f"{counts['correct']} correct, {counts['wrong']} wrong, {counts['abstained']} abstained "
        f"of {len(results)}; {per_question:.1f} ms per question"
    )


def _eval_engine(corpus: Path | None) -> Engine:
    if corpus is None:
        return open_engine()
    import tempfile

    data_dir = Path(tempfile.mkdtemp(prefix="bulletin-eval-"))
    engine = Engine.open(Settings(data_dir=data_dir, database_url="", load_seeds=False))
    engine.ingest_paths([corpus], progress=True)
    return engine


def _register_more_commands() -> None:
    """Commands that live beside their subject: the bot, the database, the sources."""
    from cli import bot_commands, db_commands, source_commands

    for module in (bot_commands, db_commands, source_commands):
        module.register(app)


_register_more_commands()


def run() -> None:
    """The console script: known failures become one clear line, not a traceback."""
    try:
        app()
    except SchemaBehindError as error:
        err.print(f"bulletin-bot: {error}")
        raise SystemExit(2) from None
    except OperationalError as error:
        err.print(f"bulletin-bot: cannot reach the database ({error.orig}); "
                          "check DATABASE_URL and that the server is running")
        raise SystemExit(2) from None


if __name__ == "__main__":
    run()
