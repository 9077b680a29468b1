"""Answers as plain text for the terminal (the bot renders the same facts as HTML)."""

from __future__ import annotations

from bot.render import PLAIN, citation
from qa.types import Answer
from retrieval.types import BulletinRef, Hit


def citation_line(ref: BulletinRef) -> str:
    """The same citation the bot shows, without markup."""
    return citation(ref, PLAIN)


def passage_lines(hits: list[Hit], limit: int = 3) -> list[str]:
    return [f"  · {hit.text}  —《{hit.bulletin.title}》" for hit in hits[:limit]]


def answer_text(result: Answer) -> str:
    if result.abstained or not result.answer:
        lines = ["没有把握回答这个问题。最相关的段落:"]
        lines += passage_lines(result.passages) or ["  (没有找到相关段落)"]
        return "\n".join(lines)
    lines = [result.answer]
    if result.citation is not None:
        lines.append("  " + citation_line(result.citation))
    return "\n".join(lines)
