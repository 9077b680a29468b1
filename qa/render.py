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


_STATUS_WORDS = {"planned": "预期目标", "achieved": "实际数字", "hypothetical": "假设情形"}


# A question of change alone (2009年实际增长多少) says nothing of what grew.
NO_INDICATOR_NOTE = "问题里没有说是哪一项指标，例如城镇新增就业、粮食产量、居民收入"


def other_kind_note(raw: str, status: FigureStatus, year: int | None) -> str:
    """What an abstention found instead: "只找到2019年的预期目标：1100万人以上"."""
    when = f"{year}年的" if year is not None else ""
    return f"只找到{when}{_STATUS_WORDS[status]}：{raw}"
