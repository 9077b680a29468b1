"""The `source add|list|remove` commands."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the `source add|list|remove` commands to ``app`` (not written yet)."""
