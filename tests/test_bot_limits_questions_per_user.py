"""One user cannot ask more than the per-minute limit; others are unaffected."""

from __future__ import annotations

from service.limits import SlidingWindowLimit


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_limit_is_per_user_and_per_sliding_minute() -> None:
    clock = Clock()
    limiter = SlidingWindowLimit(2, clock=clock)
    assert limiter.take(1) == 0
    clock.now += 10
    assert limiter.take(1) == 0
    assert limiter.take(1) == 50  # the first question leaves the window at +60
    assert limiter.take(2) == 0
    clock.now += 50
    assert limiter.take(1) == 0


def test_zero_means_unlimited() -> None:
    limiter = SlidingWindowLimit(0)
    assert all(limiter.take(1) == 0 for _ in range(100))


def test_a_refused_user_is_told_once_per_window() -> None:
    clock = Clock()
    limiter = SlidingWindowLimit(1, clock=clock)
    assert limiter.take(1) == 0
    told = []
    for _ in range(20):
        assert limiter.take(1) > 0
        told.append(limiter.notice_due(1))
        clock.now += 0.025
    assert told == [True] + [False] * 19
    clock.now += 60
    assert limiter.take(1) == 0  # let through again
    assert limiter.take(1) > 0
    assert limiter.notice_due(1)  # a new burst: told again
