"""Tokenising many passages on every core, since jieba holds the GIL for its whole cut.

A corpus rebuild tokenises every passage once; at a few thousand sentences a second per
core that is minutes for a province, so the work is split into chunks across processes.
Small inputs stay in-process: starting workers costs more than it saves.

Workers are forked after this process has loaded jieba's dictionary (about a second of
work), so they share it instead of each loading it again; where fork is unavailable
they start fresh and load it themselves.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import nullcontext

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

from retrieval.tokenizer import tokenize

# Below this many texts one process is faster than starting a pool.
IN_PROCESS_LIMIT = 2000
CHUNK_SIZE = 1000


def tokenize_many(
    texts: Sequence[str], workers: int | None = None, progress: bool = False
) -> list[list[str]]:
    """``tokenize`` applied to every text, in order, using up to ``workers`` processes."""
    workers = workers or os.cpu_count() or 1
    bar = _progress_bar() if progress else None
    with bar or nullcontext():
        task = bar.add_task("tokenising", total=len(texts)) if bar else None
        if workers == 1 or len(texts) < IN_PROCESS_LIMIT:
            result = []
            for text in texts:
                result.append(tokenize(text))
                if bar and task is not None:
                    bar.advance(task)
            return result
        chunks: list[list[list[str]]] = [[] for _ in range(0, len(texts), CHUNK_SIZE)]
        tokenize("")  # load the dictionary here, once, before the workers fork
        with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
            for index, tokens in _completed(pool, texts):
                chunks[index] = tokens
                if bar and task is not None:
                    bar.advance(task, len(tokens))
    return [tokens for chunk in chunks for tokens in chunk]


def _context() -> multiprocessing.context.BaseContext:
    """fork where the platform has it: the workers inherit the loaded dictionary."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _completed(
    pool: ProcessPoolExecutor, texts: Sequence[str]
) -> Iterator[tuple[int, list[list[str]]]]:
    """(chunk number, its token lists) as chunks finish, so progress moves steadily."""
    futures: dict[Future[list[list[str]]], int] = {
        pool.submit(_tokenize_chunk, list(texts[start : start + CHUNK_SIZE])): number
        for number, start in enumerate(range(0, len(texts), CHUNK_SIZE))
    }
    for future in as_completed(futures):
        yield futures[future], future.result()


def _tokenize_chunk(texts: list[str]) -> list[list[str]]:
    return [tokenize(text) for text in texts]


def _progress_bar() -> Progress:
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
    """Texts per second; rich's own speed column counts bytes."""

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0:,.0f}/s", style="progress.data.speed")
