"""Long-lived objects kept out of full garbage collections while a big job runs.

A full collection visits every tracked object and everything they hold: with jieba's
dictionary loaded that is half a million entries, 50 ms a time, to find no garbage. In
a forked tokenizing worker a collection would also write to the header of every object
it inherited, copying the pages it shares with its parent one by one.

``frozen()`` moves every object that exists now out of the collector's sight
(``gc.freeze``), again at each nested entry (the job may load the dictionary inside),
and back when the outermost one ends; garbage made meanwhile is collected as usual.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0


@contextmanager
def frozen() -> Iterator[None]:
    """What exists now is left alone by the collector until the outermost exit."""
    global _depth
    with _lock:
        gc.freeze()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0:
                gc.unfreeze()
