"""Queries the rest of the program needs, so SQL stays in one place."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Connection, Insert, func, insert
from sqlalchemy import select as sa_select
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


def stored_hashes(session: Session, content_hashes: Iterable[str]) -> set[str]:
    """Which of these content hashes are stored already: one query per 500, where a
    query per bulletin cost a third of a millisecond each (a tenth of an ingest)."""
    wanted = list(dict.fromkeys(content_hashes))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.update(session.exec(
            select(Bulletin.content_hash).where(col(Bulletin.content_hash).in_(chunk))
        ).all())
    return found


def has_missing_originals(session: Session, bulletin_id: int) -> bool:
    """Whether any passage of the bulletin lacks its original text (stored before 0004)."""
    return session.exec(
        select(Passage.id).where(Passage.bulletin_id == bulletin_id,
                                 col(Passage.original).is_(None)).limit(1)
    ).first() is not None


def fill_originals(
    session: Session, bulletin_id: int, sentences: Sequence[tuple[str, str | None]]
) -> int:
    """Set the original of passages that lack one from (normalised text, original) pairs
    by position, only where the stored text is the same sentence; returns how many."""
    missing = session.exec(
        select(Passage).where(Passage.bulletin_id == bulletin_id,
                              col(Passage.original).is_(None))
    ).all()
    filled = 0
    for passage in missing:
        if passage.position >= len(sentences):
            continue
        text, original = sentences[passage.position]
        if original is not None and text == passage.text:
            passage.original = original
            session.add(passage)
            filled += 1
    return filled


def add_bulletin(session: Session, bulletin: Bulletin, passages: Sequence[Passage]) -> Bulletin:
    """Store a bulletin and its passages in the caller's transaction."""
    session.add(bulletin)
    session.flush()
    for passage in passages:
        passage.bulletin_id = bulletin.id  # type: ignore[assignment]
        session.add(passage)
    session.flush()
    return bulletin


def add_bulletins(
    session: Session, items: Sequence[tuple[dict[str, Any], Sequence[dict[str, Any]]]]
) -> tuple[list[int], list[int]]:
    """Store many bulletins and their passages, both as column dicts (passages without
    bulletin_id), in the caller's transaction; return the bulletins' new ids in order,
    and the passages' (so the index can take them in without reading them back).

    Two multi-row Core inserts, the first returning its ids: a model object per bulletin
    cost more to build (pydantic validation, ORM bookkeeping) than storing it does."""
    if not items:
        return [], []
    connection = session.connection()
    ids = cast(list[int], connection.execute(  # a returned primary key is never NULL
        insert(Bulletin).returning(col(Bulletin.id), sort_by_parameter_order=True),
        [bulletin for bulletin, _ in items],
    ).scalars().all())
    rows = [
        passage | {"bulletin_id": bulletin_id}
        for bulletin_id, (_, passages) in zip(ids, items, strict=True)
        for passage in passages
    ]
    if not rows:
        return ids, []
    _insert_plain(connection, insert(Passage), rows)
    return ids, _passage_ids(session, ids, rows)


def _insert_plain(connection: Connection, statement: Insert, rows: list[dict[str, Any]]) -> None:
    """``connection.execute(statement, rows)`` for rows of plain values (str, int, None)
    that need no conversion: the statement compiled once and the rows handed to the
    driver's executemany as they are. SQLAlchemy's own bookkeeping per row cost as much
    as SQLite's insert of it."""
    compiled = statement.compile(dialect=connection.dialect, column_keys=list(rows[0]))
    names = compiled.positiontup
    parameters: list[Any] = rows
    if names is not None:  # positional (SQLite's ?): each row as a tuple in that order
        values = itemgetter(*names)  # one name: the value alone, not a tuple
        parameters = [values(row) if len(names) > 1 else (values(row),) for row in rows]
    connection.exec_driver_sql(str(compiled), parameters)


def _passage_ids(
    session: Session, bulletin_ids: list[int], rows: list[dict[str, Any]]
) -> list[int]:
    """The ids the store gave ``rows`` (passages of the new ``bulletin_ids``), by their
    bulletin and position, in one query: RETURNING with the rows' order kept makes
    SQLAlchemy insert them one statement each on SQLite, ten times the insert's cost.
    Other bulletins in the id range (another writer's) are read and never asked for."""
    result = session.connection().execute(
        sa_select(col(Passage.id), col(Passage.bulletin_id), col(Passage.position))
        .where(col(Passage.bulletin_id).between(min(bulletin_ids), max(bulletin_ids)))
    )
    stored = cast(list[tuple[int, int, int]], result.cursor.fetchall())
    result.close()
    found = {(bulletin_id, position): passage_id for passage_id, bulletin_id, position in stored}
    return [found[row["bulletin_id"], row["position"]] for row in rows]


def count_bulletins(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Bulletin)).one()


def year_bounds(session: Session) -> tuple[int | None, int | None]:
    """The oldest and newest year of the stored bulletins (None, None when none is dated)."""
    row = session.execute(sa_select(func.min(Bulletin.year), func.max(Bulletin.year))).one()
    return row[0], row[1]


def count_passages(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Passage)).one()


def max_passage_id(session: Session) -> int:
    return int(session.exec(select(func.coalesce(func.max(Passage.id), 0))).one() or 0)


def iter_passage_tokens(
    session: Session, after_id: int = 0, batch: int = 20_000
) -> Iterator[PassageRow]:
    """Stored tokens in id order, in batches so a million passages never sit in one result.

    A Core query on the session's connection: the ORM's row handling cost as much as
    reading the rows, at the end of every ingest (the index waits for them)."""
    last = after_id
    connection = session.connection()
    while True:
        rows = connection.execute(
            sa_select(col(Passage.id), col(Passage.tokens))
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


# How many earlier paragraphs of a section may still date a figure: a report states
# 刚刚过去的2025年 once and lists its results in the paragraphs after it.
EARLIER_PARAGRAPHS = 12


@dataclass(frozen=True)
class PassagePlace:
    """Where a passage sits in its bulletin: enough to find its neighbours."""

    id: int
    bulletin_id: int
    paragraph: int
    position: int
    section: str | None


def paragraph_leads(
    session: Session, passages: Iterable[PassagePlace]
) -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    """For each passage: the sentences before it in its paragraph, and the text of up to
    ``EARLIER_PARAGRAPHS`` paragraphs before that in the same section (oldest first). The
    year and topic stated there carry over to it."""
    chosen = list(passages)
    if not chosen:
        return {}
    wanted = {(p.bulletin_id, q) for p in chosen
              for q in range(p.paragraph - EARLIER_PARAGRAPHS, p.paragraph + 1)}
    columns = sa_select(col(Passage.bulletin_id), col(Passage.paragraph), col(Passage.position),
                        col(Passage.section), col(Passage.text))
    # Two plain IN lists, not one of (bulletin, paragraph) pairs: SQLite answers a pair
    # list by scanning every passage (0.8 s at a million), these through the bulletin_id
    # index; the pairs not wanted are dropped below. No tokens: most of a row's bytes.
    rows = session.execute(columns.where(
        col(Passage.bulletin_id).in_({b for b, _ in wanted}),
        col(Passage.paragraph).in_({q for _, q in wanted}),
    )).all()
    by_paragraph: dict[tuple[int, int], list[tuple[int, str | None, str]]] = {}
    for bulletin_id, paragraph, position, section, text in rows:
        if (bulletin_id, paragraph) in wanted:
            by_paragraph.setdefault((bulletin_id, paragraph), []).append(
                (position, section, text))
    leads: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for passage in chosen:
        own = sorted(by_paragraph.get((passage.bulletin_id, passage.paragraph), []))
        lead = tuple(text for position, _, text in own if position < passage.position)
        earlier = []
        for number in range(passage.paragraph - EARLIER_PARAGRAPHS, passage.paragraph):
            sentences = sorted(by_paragraph.get((passage.bulletin_id, number), []))
            if sentences and all(section == passage.section for _, section, _ in sentences):
                earlier.append("".join(text for _, _, text in sentences))
        leads[passage.id] = (lead, tuple(earlier))
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


def count_passages_after(session: Session, passage_id: int) -> int:
    """How many passages have ids above ``passage_id``: whether rows at hand are all of them."""
    return session.exec(
        select(func.count()).select_from(Passage).where(col(Passage.id) > passage_id)
    ).one()


def count_passages_upto(session: Session, passage_id: int) -> int:
    """How many passages have ids up to ``passage_id``: a saved index must cover exactly these."""
    return session.exec(
        select(func.count()).select_from(Passage).where(col(Passage.id) <= passage_id)
    ).one()
