"""The `db upgrade` commands."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the `db upgrade` commands to ``app`` (not written yet)."""
