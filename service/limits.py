"""Sliding-window limits: at most N events per key in any 60 seconds.

One class for both limits the bot keeps: questions per user (answering is our CPU, and
one user pasting fifty questions would delay everyone else) and notification posts per
chat (Telegram allows about 20 a minute in a group). Counted in this process; the clock
is injectable so tests move time instead of sleeping.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable

WINDOW_SECONDS = 60.0


class SlidingWindowLimit:
    """At most ``per_minute`` events per key in any 60-second window; 0 means no limit."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._events: dict[Hashable, deque[float]] = {}

    def take(self, key: Hashable) -> float:
        """0 and the event counted when allowed; otherwise the seconds until it would be."""
        if self.per_minute <= 0:
            return 0.0
        now = self._clock()
        events = self._events.setdefault(key, deque())
        while events and now - events[0] >= WINDOW_SECONDS:
            events.popleft()
        if len(events) >= self.per_minute:
            return WINDOW_SECONDS - (now - events[0])
        events.append(now)
        return 0.0
