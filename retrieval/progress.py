"""The progress bar tokenising and ingesting show, apart from the work it reports on:
rich takes 20 ms to import, which an ingest without a bar (the bot's, a test's) need
not pay."""

from __future__ import annotations

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


def progress_bar() -> Progress:
    """The bar tokenising and ingesting show: texts (or bulletins) done, rate, time left."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )


class _RateColumn(ProgressColumn):
    """Texts (or bulletins) per second; rich's own speed column counts bytes."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0:,.0f}/s", style="progress.data.speed")
