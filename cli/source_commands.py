"""The `source add|list|remove|poll` commands: the same sources the bot's /addsource edits.

A running bot picks up sources added here at its next check; `source poll` polls once
from this process (for cron), and what it stores is delivered by the running bot.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from cli.consoles import err, out

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine as DbEngine

sources = typer.Typer(help="Feeds and pages polled for new bulletins.", no_args_is_help=True)


@contextmanager
def _database() -> Iterator[DbEngine]:
    """The store on a current schema, closed after the command (the process exits without
    a last garbage collection, see ``cli.main.run``); imported here, not at start-up
    (--help stays quick)."""
    from service.settings import Settings
    from store.db import make_database
    from store.schema import prepare_schema

    db = make_database(Settings().resolved_database_url)
    try:
        prepare_schema(db)
        yield db
    finally:
        db.dispose()


@sources.command("add")
def add(
    url: Annotated[str, typer.Argument(help="An RSS/Atom feed, a column page or an article")],
    selector: Annotated[str | None, typer.Option(
        help="CSS selector for a column page's article links, e.g. 'ul.list a'")] = None,
) -> None:
    """Add a source (the first poll stores what it holds without notifying anyone)."""
    if not url.startswith(("http://", "https://")):
        err().print("[red]the URL must start with http:// or https://[/]")
        raise typer.Exit(2)
    if selector:
        from ingest.columns import valid_selector

        if not valid_selector(selector):
            err().print(f"[red]not a CSS selector: {selector}[/]", highlight=False)
            raise typer.Exit(2)
    from service import sources as service

    with _database() as db:
        number, new = service.add_source(db, url, selector=selector)
    out().print(f"{'added' if new else 'already there (enabled)'}  #{number}  {url}",
                  highlight=False)


@sources.command("list")
def list_() -> None:
    """Every source with its state: kind, last success, failures in a row."""
    from service import sources as service

    lines = []
    with _database() as db:
        rows = service.list_sources(db)
    for row in rows:
        state = "enabled" if row.enabled else "disabled"
        ok = f"last ok {row.last_ok_at:%Y-%m-%d %H:%M} UTC" if row.last_ok_at else "never ok"
        failed = f", {row.failures} failure(s): {row.last_error}" if row.failures else ""
        lines.append(f"#{row.id}  {row.url}\n     {row.kind or 'not polled yet'}, {state}, "
                     f"{ok}{failed}")
    out().print("\n".join(lines) if lines
                  else "no sources yet; add one with `bulletin-bot source add URL`",
                  highlight=False, soft_wrap=True)


@sources.command("remove")
def remove(number: Annotated[int, typer.Argument(help="The # shown by `source list`")]) -> None:
    """Remove a source (what it stored stays)."""
    from service import sources as service

    with _database() as db:
        url = service.remove_source(db, number)
    if url is None:
        err().print(f"[red]no source #{number}[/]")
        raise typer.Exit(1)
    out().print(f"removed  #{number}  {url}", highlight=False)


@sources.command("poll")
def poll(
    everything: Annotated[bool, typer.Option("--all", help="Poll every source, due or not")]
    = False,
) -> None:
    """Poll the due sources once, from this process."""
    import asyncio

    from service.engine import Engine
    from service.polling import Poller

    engine = Engine.open()
    try:
        reports = asyncio.run(Poller(engine).poll_due(everything=everything))
    finally:
        engine.close()
    for report in reports:
        state = ("not modified" if report.not_modified else
                 f"{len(report.added)} added" if report.ok else f"failed: {report.error}")
        out().print(f"#{report.source_id}  {report.url}  {state}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the `source add|list|remove|poll` commands to ``app``."""
    app.add_typer(sources, name="source")
