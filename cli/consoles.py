"""Where the command line prints: rich consoles, made by the first command that prints.

Importing rich costs a cold ``bulletin-bot ask`` tens of milliseconds, and ``ask`` prints
plain lines; so the consoles are built on first use, not when ``cli`` is imported.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@cache
def out() -> Console:
    """Standard output."""
    from rich.console import Console

    return Console()


@cache
def err() -> Console:
    """Standard error: failures and warnings, kept out of what a script reads."""
    from rich.console import Console

    return Console(stderr=True)
