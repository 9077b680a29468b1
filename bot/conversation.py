"""The conversation both front ends hold: follow-ups, answers, search and latest as blocks.

These are plain synchronous calls into the Engine (CPU work); the Telegram handlers run
them in worker threads, the terminal chat calls them directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa.followup import resolve_follow_up
from qa.types import Answer
from service.presentation import Markup, answer_blocks, latest_blocks, search_blocks

if TYPE_CHECKING:
    from service.engine import Engine

SEARCH_HITS = 30
SEARCH_BULLETINS = 5
LATEST_BULLETINS = 5


def ask(
    engine: Engine, previous: str | None, text: str, *,
    chat_id: int | None = None, user_id: int | None = None,
) -> tuple[str, Answer]:
    """Answer ``text``, read as a follow-up of ``previous`` ("那2018年呢?") when there is one.

    Returns the question actually asked, which becomes the next ``previous``.
    """
    question = resolve_follow_up(previous, text) if previous else text
    return question, engine.ask(question, chat_id=chat_id, user_id=user_id)


def answer(
    engine: Engine, previous: str | None, text: str, m: Markup, *,
    chat_id: int | None = None, user_id: int | None = None,
) -> tuple[str, list[str]]:
    """The answer as blocks; a resolved follow-up first says how it was understood."""
    question, result = ask(engine, previous, text, chat_id=chat_id, user_id=user_id)
    echo = question.rstrip("?？ ") + "？"
    understood = [m.text(f"（按“{echo}”理解）")] if question != text else []
    return question, understood + answer_blocks(result, m)


def search(engine: Engine, keywords: str, m: Markup) -> list[str]:
    return search_blocks(keywords, engine.search(keywords, SEARCH_HITS), m, SEARCH_BULLETINS)


def latest(engine: Engine, m: Markup) -> list[str]:
    return latest_blocks(engine.latest(LATEST_BULLETINS), m)
