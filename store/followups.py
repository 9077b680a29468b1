"""Follow-up context in the store: which question each answer message answered.

Kept by chat and message rather than in one process's memory, so a reply to any answer
follows up *that* answer, on whichever webhook replica receives it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from store.models import FollowUp, utcnow

KEEP = timedelta(days=30)  # older context is pruned when a chat asks again


def remember(session: Session, chat_id: int, message_ids: Iterable[int | None], question: str,
             now: datetime | None = None) -> None:
    """Record ``question`` as what each of the answer's messages answered."""
    now = now or utcnow()
    session.execute(delete(FollowUp).where(col(FollowUp.chat_id) == chat_id,
                                        col(FollowUp.asked_at) < now - KEEP))
    ids = list(message_ids) or [None]
    for message_id in ids:
        session.add(FollowUp(chat_id=chat_id, message_id=message_id, question=question,
                             asked_at=now))


def previous_question(session: Session, chat_id: int, reply_to: int | None = None) -> str | None:
    """The question answered by message ``reply_to`` when it is one of ours; otherwise the
    chat's latest question."""
    if reply_to is not None:
        answered = session.exec(
            select(FollowUp.question).where(FollowUp.chat_id == chat_id,
                                            FollowUp.message_id == reply_to)
            .order_by(col(FollowUp.id).desc())
        ).first()
        if answered is not None:
            return answered
    return session.exec(
        select(FollowUp.question).where(FollowUp.chat_id == chat_id)
        .order_by(col(FollowUp.id).desc())
    ).first()
