"""What the benchmarks run on and what a process took: printed beside every table, since
the machines are shared and only figures read with their load mean anything."""

from __future__ import annotations

import os
import sys


def machine() -> str:
    """CPU model, cores, memory, Python and the load average, on one line."""
    model = "unknown CPU"
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"machine: {model}, {os.cpu_count()} cores, {memory:.0f} GB RAM; "
            f"Python {sys.version.split()[0]}; load average {load_average()}")


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def peak_mb() -> float:
    """VmHWM: this process's own peak (ru_maxrss would include the parent's, which
    survives the exec of a subprocess)."""
    return status_mb("VmHWM:")


def status_mb(field: str) -> float:
    """A size in MB from /proc/self/status (VmHWM, RssAnon, RssFile)."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    return 0.0
