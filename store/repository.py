"""Queries the rest of the program needs, so SQL stays in one place."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from retrieval.types import BulletinRef
from store.models import Bulletin, Passage, QuestionLog, utcnow


@dataclass(frozen=True)
class PassageRow:
    """A passage as the index needs it: id and stored tokens."""

    id: int
    tokens: list[str]


def bulletin_ref(bulletin: Bulletin) -> BulletinRef:
    """A citation; a URL found in the attribution beats the local path as the origin."""
    assert bulletin.id is not None
    return BulletinRef(
        id=bulletin.id,
        title=bulletin.title,
        issuer=bulletin.issuer,
        origin=bulletin.url or bulletin.origin,
        published=bulletin.published,
        published_precision=bulletin.published_precision,
        year=bulletin.year,
        region=bulletin.region,
    )


def find_by_hash(session: Session, content_hash: str) -> Bulletin | None:
    return session.exec(select(Bulletin).where(Bulletin.content_hash == content_hash)).first()


def add_bulletin(session: Session, bulletin: Bulletin, passages: Sequence[Passage]) -> Bulletin:
    """Store a bulletin and its passages in the caller's transaction."""
    session.add(bulletin)
    session.flush()
    for passage in passages:
        passage.bulletin_id = bulletin.id  # type: ignore[assignment]
        session.add(passage)
    session.flush()
    return bulletin


def count_bulletins(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Bulletin)).one()


def count_passages(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Passage)).one()


def max_passage_id(session: Session) -> int:
    return int(session.exec(select(func.coalesce(func.max(Passage.id), 0))).one() or 0)


def iter_passage_tokens(
    session: Session, after_id: int = 0, batch: int = 20_000
) -> Iterator[PassageRow]:
    """Stored tokens in id order, in batches so a million passages never sit in one result."""
    last = after_id
    while True:
        rows = session.exec(
            select(Passage.id, Passage.tokens)
            .where(col(Passage.id) > last)
            .order_by(col(Passage.id))
            .limit(batch)
        ).all()
        if not rows:
            return
        for passage_id, tokens in rows:
            last = int(passage_id or 0)
            yield PassageRow(last, tokens.split(" ") if tokens else [])


def passages_with_bulletins(
    session: Session, passage_ids: Iterable[int]
) -> dict[int, tuple[Passage, Bulletin]]:
    ids = list(passage_ids)
    if not ids:
        return {}
    rows = session.exec(
        select(Passage, Bulletin)
        .join(Bulletin, col(Bulletin.id) == col(Passage.bulletin_id))
        .where(col(Passage.id).in_(ids))
    ).all()
    return {passage.id: (passage, bulletin) for passage, bulletin in rows if passage.id}


def paragraph_leads(
    session: Session, passages: Iterable[Passage]
) -> dict[int, tuple[str, ...]]:
    """For each passage, the sentences before it in its paragraph, in order: the year and
    topic stated there carry over to it."""
    wanted = {(p.bulletin_id, p.paragraph) for p in passages if p.position > 0}
    if not wanted:
        return {}
    rows = session.exec(
        select(Passage.bulletin_id, Passage.paragraph, Passage.position, Passage.text)
        .where(col(Passage.bulletin_id).in_({bulletin for bulletin, _ in wanted}))
        .where(col(Passage.paragraph).in_({paragraph for _, paragraph in wanted}))
    ).all()
    sentences: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for bulletin_id, paragraph, position, text in rows:
        if (bulletin_id, paragraph) in wanted:
            sentences.setdefault((bulletin_id, paragraph), []).append((position, text))
    leads = {}
    for passage in passages:
        before = sorted(item for item in sentences.get((passage.bulletin_id, passage.paragraph), [])
                        if item[0] < passage.position)
        if passage.id is not None:
            leads[passage.id] = tuple(text for _, text in before)
    return leads


def latest_bulletins(session: Session, limit: int) -> list[Bulletin]:
    return list(
        session.exec(
            select(Bulletin).order_by(col(Bulletin.ingested_at).desc(), col(Bulletin.id).desc())
            .limit(limit)
        ).all()
    )


MAX_LOGGED_QUESTION = 300  # characters kept per question: anyone can send 4096 of junk
PER_USER_UNANSWERED = 3  # one user's questions shown at most this often in /unanswered
UNANSWERED_SCAN = 500  # rows looked at to fill the list


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def log_question(
    session: Session, question: str, abstained: bool, answer: str | None,
    chat_id: int | None = None, user_id: int | None = None,
) -> None:
    session.add(
        QuestionLog(
            question=clip(question, MAX_LOGGED_QUESTION), abstained=abstained,
            answer=clip(answer, MAX_LOGGED_QUESTION) if answer else answer,
            chat_id=chat_id, user_id=user_id,
        )
    )


def question_counts(session: Session) -> tuple[int, int]:
    """(questions asked, questions abstained on)."""
    total = session.exec(select(func.count()).select_from(QuestionLog)).one()
    abstained = session.exec(
        select(func.count()).select_from(QuestionLog).where(col(QuestionLog.abstained))
    ).one()
    return total, abstained


def recent_unanswered(session: Session, limit: int, days: int = 30) -> list[QuestionLog]:
    """The newest abstained questions, each text once and each user at most a few times,
    so one user repeating junk cannot push everyone else's questions off the list."""
    since: datetime = utcnow() - timedelta(days=days)
    rows = session.exec(
        select(QuestionLog)
        .where(col(QuestionLog.abstained), col(QuestionLog.asked_at) >= since)
        .order_by(col(QuestionLog.asked_at).desc())
        .limit(UNANSWERED_SCAN)
    ).all()
    seen: set[str] = set()
    per_user: dict[int | None, int] = {}
    kept: list[QuestionLog] = []
    for row in rows:
        key = " ".join(row.question.split())
        if key in seen or per_user.get(row.user_id, 0) >= PER_USER_UNANSWERED:
            continue
        seen.add(key)
        if row.user_id is not None:
            per_user[row.user_id] = per_user.get(row.user_id, 0) + 1
        kept.append(row)
        if len(kept) == limit:
            break
    return kept


def count_passages_upto(session: Session, passage_id: int) -> int:
    """How many passages have ids up to ``passage_id``: a saved index must cover exactly these."""
    return session.exec(
        select(func.count()).select_from(Passage).where(col(Passage.id) <= passage_id)
    ).one()
