"""The one-line answer texts; kept apart so front ends and tests agree on the wording."""

from __future__ import annotations

from qa.types import FigureStatus


def figure_text(raw: str, sentence: str, status: FigureStatus) -> str:
    """"3843宗 — <sentence>", with planned targets labelled so nobody reads them as results."""
    label = "预期目标：" if status == "planned" else ""
    return f"{label}{raw} — {sentence.strip()}"


def issuer_text(issuer: str, title: str) -> str:
    return f"{issuer} — 《{title}》"
