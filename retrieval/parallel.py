"""Tokenising many passages on every core, since jieba holds the GIL for its whole cut.

A corpus rebuild tokenises every passage once; at a few thousand sentences a second per
core that is minutes for a province, so the work is split into chunks across processes.
Small inputs stay in-process: starting workers costs more than it saves.

Workers are forked after this process has loaded jieba's dictionary (about a second of
work), so they share it instead of each loading it again; where fork is unavailable
they start fresh and load it themselves.

A worker sends each text's tokens back as one space-joined string (tokens never hold
whitespace): one object to pickle and unpickle instead of twenty, and the very form the
store keeps them in. ``tokenize_joined`` reads its texts lazily. ``in_order`` does the
same for any work on chunks of any items: an ingest hands the workers parsed bulletins,
which they find the sentences of and cut, while it parses the next ones.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import nullcontext
from typing import TypeVar

from retrieval import heap
from retrieval.tokenizer import load_whole_dictionary, tokenize, tokenize_batch

T = TypeVar("T")
R = TypeVar("R")
# Texts a worker cuts at a time. Small enough that both workers start soon after an
# ingest does (the first chunks wait for their bulletins to be parsed, on one core)
# and finish together; 500 sentences are about 0.1 s of jieba.
CHUNK_SIZE = 500
# Below two chunks one process is as fast as a pool (measured with the dictionary
# loaded: 500 texts 0.20 s either way, 1,000 texts 0.34 s alone, 0.20 s pooled).
IN_PROCESS_LIMIT = 2 * CHUNK_SIZE
# Chunks handed to the pool ahead of the one the caller waits for, per worker: enough
# that no worker idles while the caller stores, few enough to bound what is in memory.
AHEAD_PER_WORKER = 2
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
    bar = None
    if progress:
        from retrieval.progress import progress_bar  # rich: imported only to show one

        bar = progress_bar()
    with bar or nullcontext():
        task = bar.add_task("tokenising", total=len(texts)) if bar else None
        if workers == 1 or len(texts) < IN_PROCESS_LIMIT:
            for text in texts:
                yield tokenize(text)
                if bar and task is not None:
                    bar.advance(task)
            return
        for joined in _pooled(_tokenize_chunk, iter(texts), lambda _: 1, workers):
            yield joined.split(" ") if joined else []
            if bar and task is not None:
                bar.advance(task)


def tokenize_joined(texts: Iterable[str], workers: int | None = None) -> Iterator[str]:
    """``" ".join(tokenize(text))`` of every text, in order. ``texts`` is read only as
    far as the workers need work, so the caller can produce them as it goes (parsing
    the next bulletins) while consuming what comes out (storing the first ones)."""
    return in_order(_tokenize_chunk, texts, workers=workers)


def in_order(
    work: Callable[[list[T]], list[R]], items: Iterable[T],
    weight: Callable[[T], int] = lambda _: 1, workers: int | None = None,
) -> Iterator[R]:
    """``work`` applied to chunks of ``items``, its results yielded in order; ``work``
    returns one result per item and cuts text (the dictionary is loaded before workers
    fork). An item weighs as many texts as ``weight`` says: chunks hold ``CHUNK_SIZE``
    texts' worth, and below ``IN_PROCESS_LIMIT`` of them all is done in this process.
    ``items`` is read only as far as the workers need work (see ``tokenize_joined``)."""
    workers = workers or os.cpu_count() or 1
    source = iter(items)
    head = _take(source, IN_PROCESS_LIMIT, weight)
    if workers == 1 or sum(map(weight, head)) < IN_PROCESS_LIMIT:
        rest = _chained(head, source)  # workers == 1: the rest, a chunk at a time
        while chunk := _take(rest, CHUNK_SIZE, weight):
            yield from work(chunk)
        return
    yield from _pooled(work, _chained(head, source), weight, workers)


def _take(items: Iterator[T], limit: int, weight: Callable[[T], int]) -> list[T]:
    """The next items up to ``limit`` texts' worth (the last one may go past it)."""
    chunk: list[T] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += weight(item)
        if total >= limit:
            break
    return chunk


def _chained(head: list[T], rest: Iterator[T]) -> Iterator[T]:
    yield from head
    yield from rest


def _pooled(
    work: Callable[[list[T]], list[R]], items: Iterator[T], weight: Callable[[T], int],
    workers: int,
) -> Iterator[R]:
    """Chunks done by forked workers, yielded in order as each is done. While the
    oldest chunk is still being worked on, more of ``items`` is read and handed out."""
    load_whole_dictionary()  # here, once, before the workers fork
    # Out of the collector's sight while the workers run (retrieval.heap).
    with heap.frozen(), ProcessPoolExecutor(
        max_workers=workers, mp_context=_context(), initializer=_die_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        pending: deque[Future[list[R]]] = deque()
        try:
            yield from _in_order(pool, work, items, weight, pending,
                                 workers * AHEAD_PER_WORKER)
        finally:
            for future in pending:
                future.cancel()


def _in_order(
    pool: ProcessPoolExecutor, work: Callable[[list[T]], list[R]], items: Iterator[T],
    weight: Callable[[T], int], pending: deque[Future[list[R]]], ahead: int,
) -> Iterator[R]:
    exhausted = False
    while True:
        while not exhausted and (not pending or (len(pending) <= ahead
                                                 and not pending[0].done())):
            chunk = _take(items, CHUNK_SIZE, weight)
            if not chunk:
                exhausted = True
                break
            pending.append(pool.submit(work, chunk))
        if not pending:
            return
        yield from pending.popleft().result()


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


def _tokenize_chunk(texts: list[str]) -> list[str]:
    return [" ".join(tokens) for tokens in tokenize_batch(texts)]
