"""Tokenising many passages on every core, since jieba holds the GIL for its whole cut.

A corpus rebuild tokenises every passage once; at a few thousand sentences a second per
core that is minutes for a province, so the work is split into chunks across processes.
Small inputs stay in-process: starting workers costs more than it saves.

Workers are forked after this process has loaded jieba's dictionary (about a second of
work), so they share it instead of each loading it again; where fork is unavailable
they start fresh and load it themselves.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import nullcontext

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from retrieval.tokenizer import load_whole_dictionary, tokenize, tokenize_batch

# Below this many texts one process is faster than starting a pool.
IN_PROCESS_LIMIT = 2000
CHUNK_SIZE = 1000
_PR_SET_PDEATHSIG = 1  # linux/prctl.h
_WATCH_SECONDS = 1.0


def tokenize_many(
    texts: Sequence[str], workers: int | None = None, progress: bool = False
) -> list[list[str]]:
    """``tokenize`` applied to every text, in order, using up to ``workers`` processes."""
    return list(tokenize_stream(texts, workers, progress))


def tokenize_stream(
    texts: Sequence[str], workers: int | None = None, progress: bool = False
) -> Iterator[list[str]]:
    """``tokenize`` of every text, in order, yielded as soon as its chunk is done, so
    the caller can store the first bulletins while the workers cut the rest."""
    workers = workers or os.cpu_count() or 1
    bar = _progress_bar() if progress else None
    with bar or nullcontext():
        task = bar.add_task("tokenising", total=len(texts)) if bar else None
        if workers == 1 or len(texts) < IN_PROCESS_LIMIT:
            for text in texts:
                yield tokenize(text)
                if bar and task is not None:
                    bar.advance(task)
            return
        load_whole_dictionary()  # here, once, before the workers fork
        # Out of the collector's sight while they run: a collection in a worker would
        # write to every inherited object's header, copying the dictionary page by page.
        gc.freeze()
        try:
            yield from _pooled(texts, workers, bar, task)
        finally:
            gc.unfreeze()


def _pooled(
    texts: Sequence[str], workers: int, bar: Progress | None, task: TaskID | None
) -> Iterator[list[str]]:
    """Chunks tokenized by forked workers, yielded in order as each is done."""
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                             initializer=_die_with_parent,
                             initargs=(os.getpid(),)) as pool:
        futures = [pool.submit(_tokenize_chunk, list(texts[start : start + CHUNK_SIZE]))
                   for start in range(0, len(texts), CHUNK_SIZE)]
        try:
            for future in futures:
                chunk = future.result()
                yield from chunk
                if bar and task is not None:
                    bar.advance(task, len(chunk))
        finally:
            for future in futures:
                future.cancel()


def _context() -> multiprocessing.context.BaseContext:
    """fork where the platform has it: the workers inherit the loaded dictionary."""
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _die_with_parent(parent: int) -> None:
    """In each worker: exit when the process that started us dies. A killed ``ingest``
    (kill -9 included) must not leave workers blocked on a queue forever, each holding
    a hundred-odd MB and the database's files open. Linux delivers SIGKILL at once
    (PR_SET_PDEATHSIG); a watchdog thread covers other systems and the moment before."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)  # it died while we were starting
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_WATCH_SECONDS)
    os._exit(1)


def _tokenize_chunk(texts: list[str]) -> list[list[str]]:
    return tokenize_batch(texts)


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
