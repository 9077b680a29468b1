"""The conversation both front ends hold: follow-ups, answers, search and latest as blocks.

These are plain synchronous calls into the Engine (CPU work); the Telegram handlers run
them in worker threads, the terminal chat calls them directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qa.followup import read_follow_up
from service.presentation import (
    Markup,
    answer_blocks,
    latest_blocks,
    search_blocks,
    understood_text,
    whole_question_text,
)

if TYPE_CHECKING:
    from service.engine import Engine

SEARCH_HITS = 30
SEARCH_BULLETINS = 5
LATEST_BULLETINS = 5
# Replies that are no answer to a question a follow-up could refer to.
NOT_FOLLOWED_UP = frozenset({"smalltalk", "latest"})


def answer(
    engine: Engine, previous: str | None, text: str, m: Markup, *,
    chat_id: int | None = None, user_id: int | None = None,
) -> tuple[str | None, list[str]]:
    """The answer as blocks, and the question a later follow-up refers to.

    A resolved follow-up first says how it was understood; one that cannot be resolved
    (那江苏呢 with nothing before it) asks for the whole question. Neither that, small
    talk nor a wish for news becomes the question to follow up: "谢谢" then "那2018年呢?"
    still asks about the question before the thanks.
    """
    follow_up = read_follow_up(previous, text)
    if follow_up.unresolved:
        return previous, [whole_question_text(m)]
    result = engine.ask(follow_up.question, chat_id=chat_id, user_id=user_id)
    understood = [understood_text(follow_up.question, m)] if follow_up.resolved else []
    remembered = previous if result.kind in NOT_FOLLOWED_UP else follow_up.question
    return remembered, understood + answer_blocks(result, m)


def search(engine: Engine, keywords: str, m: Markup) -> list[str]:
    return search_blocks(keywords, engine.search(keywords, SEARCH_HITS), m, SEARCH_BULLETINS)


def latest(engine: Engine, m: Markup) -> list[str]:
    return latest_blocks(engine.latest(LATEST_BULLETINS), m)
