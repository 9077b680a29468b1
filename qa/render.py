"""The one-line answer texts; kept apart so front ends and tests agree on the wording."""

from __future__ import annotations

from qa.types import FigureStatus


def figure_label(raw: str, status: FigureStatus) -> str:
    """The figure as written, planned targets labelled so nobody reads them as results."""
    return f"预期目标：{raw}" if status == "planned" else raw


def figure_text(raw: str, sentence: str, status: FigureStatus) -> str:
    """"3843宗 — <sentence>"."""
    return f"{figure_label(raw, status)} — {sentence.strip()}"


def issuer_text(issuer: str, title: str) -> str:
    return f"{issuer} — 《{title}》"
