"""A per-user sliding-window limit on questions, so one user cannot monopolise the bot.

Telegram's own flood limits protect Telegram, not our CPU: answering is BM25 plus
extraction, and a user pasting fifty questions would delay everyone else's.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class PerUserLimiter:
    """At most ``per_minute`` questions per user in any 60-second window."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.window = 60.0
        self._clock = clock
        self._asked: dict[int, deque[float]] = {}
        self._noticed: dict[int, float] = {}  # when each user was last told to wait

    def wait_seconds(self, user_id: int) -> float:
        """0 and the question counted when allowed; otherwise how long until it would be."""
        if self.per_minute <= 0:
            return 0.0
        now = self._clock()
        asked = self._asked.setdefault(user_id, deque())
        while asked and now - asked[0] >= self.window:
            asked.popleft()
        if len(asked) >= self.per_minute:
            return self.window - (now - asked[0])
        asked.append(now)
        return 0.0

    def notice_due(self, user_id: int) -> bool:
        """Whether a refused user should be told to wait: once per window, not once per
        extra message (twenty messages in a second must not get twenty notices). A user
        who was let through since the last notice is told again."""
        now = self._clock()
        last = self._noticed.get(user_id)
        asked = self._asked.get(user_id) or deque()
        let_through_since = bool(asked) and last is not None and asked[-1] > last
        if last is not None and now - last < self.window and not let_through_since:
            return False
        self._noticed[user_id] = now
        return True
