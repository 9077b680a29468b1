"""Sliding-window limits: at most N events per key in any 60 seconds.

Questions per user (answering is our CPU, and one user pasting fifty questions would
delay everyone else) are counted here, in this process; the clock is injectable so tests
move time instead of sleeping. Notification posts per chat (Telegram allows about 20 a
minute in a group) are counted in the store instead, so every replica shares one budget
(``store.notifications.take_send_slot``).
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
        self._noticed: dict[Hashable, float] = {}  # when each key was last told to wait

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

    def notice_due(self, key: Hashable) -> bool:
        """Whether a refused key should be told to wait: once per window, not once per
        extra message (twenty messages in a second must not get twenty notices). A key
        that was let through since the last notice is told again."""
        now = self._clock()
        last = self._noticed.get(key)
        events = self._events.get(key) or deque()
        let_through_since = bool(events) and last is not None and events[-1] > last
        if last is not None and now - last < WINDOW_SECONDS and not let_through_since:
            return False
        self._noticed[key] = now
        return True
