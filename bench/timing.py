"""Latency summaries shared by every column of the benchmark table, so all use one method."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def p50_p95(times_ms: Sequence[float]) -> list[float]:
    """Median and 95th percentile (numpy's linear interpolation), in the unit given."""
    return [float(np.percentile(times_ms, 50)), float(np.percentile(times_ms, 95))]
