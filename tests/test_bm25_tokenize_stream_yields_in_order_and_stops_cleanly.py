"""tokenize_stream yields tokenize's output in order as chunks finish, and a caller that
stops early (a failed store) leaves no worker process behind."""

from __future__ import annotations

import multiprocessing

import pytest

from retrieval.parallel import tokenize_stream
from retrieval.tokenizer import tokenize

TEXTS = [f"{i}号:2017年,高新区共受理举报投诉{i}宗,為消費者挽回損失。" for i in range(40)]


@pytest.mark.usefixtures("small_chunks")
def test_stream_from_a_pool_keeps_order() -> None:
    assert list(tokenize_stream(TEXTS, workers=2)) == [tokenize(t) for t in TEXTS]


@pytest.mark.usefixtures("small_chunks")
def test_closing_the_stream_early_shuts_the_workers_down() -> None:
    stream = tokenize_stream(TEXTS, workers=2)
    assert [next(stream) for _ in range(7)] == [tokenize(t) for t in TEXTS[:7]]
    assert multiprocessing.active_children()  # the pool is working
    stream.close()
    assert not multiprocessing.active_children()
