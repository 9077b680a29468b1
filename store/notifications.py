"""Queries for sources, subscriptions and the notification outbox, so SQL stays in store/.

Outbox rows move pending → sent (or dropped). Claiming picks rows with ``FOR UPDATE SKIP
LOCKED`` (PostgreSQL; SQLite has one writer at a time and ignores the clause) and then
claims them with a conditional UPDATE, so two workers never claim the same row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import or_, text, update
from sqlmodel import Session, col, select

from store.models import Bulletin, Notification, Source, SourceItem, Subscription, utcnow

PENDING, SENT, DROPPED = "pending", "sent", "dropped"

# -- sources ------------------------------------------------------------------------------


def add_source(session: Session, url: str, added_by: int | None = None,
               selector: str | None = None) -> tuple[Source, bool]:
    """The source for ``url`` and whether it is new; an existing one is re-enabled (and
    takes the new selector, when one is given)."""
    found = session.exec(select(Source).where(Source.url == url)).first()
    if found is not None:
        found.enabled = True
        found.selector = selector or found.selector
        session.add(found)
        return found, False
    source = Source(url=url, added_by=added_by, selector=selector)
    session.add(source)
    session.flush()
    return source, True


def list_sources(session: Session) -> list[Source]:
    return list(session.exec(select(Source).order_by(col(Source.id))).all())


def get_source(session: Session, source_id: int) -> Source | None:
    return session.get(Source, source_id)


def remove_source(session: Session, source_id: int) -> Source | None:
    source = session.get(Source, source_id)
    if source is not None:
        session.delete(source)
    return source


def due_sources(session: Session, now: datetime) -> list[Source]:
    return list(session.exec(
        select(Source).where(col(Source.enabled), col(Source.next_poll_at) <= now)
        .order_by(col(Source.next_poll_at))
    ).all())


def unseen_urls(session: Session, urls: Sequence[str]) -> list[str]:
    """The URLs (in order) neither taken from a source before nor stored as a bulletin."""
    if not urls:
        return []
    seen = set(session.exec(select(SourceItem.url).where(col(SourceItem.url).in_(urls))).all())
    stored = session.exec(select(Bulletin.url).where(col(Bulletin.url).in_(urls))).all()
    seen.update(url for url in stored if url)
    return [url for url in dict.fromkeys(urls) if url not in seen]


def mark_seen(session: Session, source_id: int | None, urls: Iterable[str]) -> None:
    for url in urls:
        if session.exec(select(SourceItem.id).where(SourceItem.url == url)).first() is None:
            session.add(SourceItem(url=url, source_id=source_id))


# -- subscriptions -------------------------------------------------------------------------


def add_subscription(
    session: Session, chat_id: int, include: str, exclude: str, *, chat_type: str = "",
    chat_title: str | None = None, created_by: int | None = None, digest_at: str | None = None,
) -> tuple[Subscription, bool]:
    """The chat's subscription with exactly these words, and whether it is new (or now
    daily instead of immediate, or the other way round)."""
    found = session.exec(select(Subscription).where(
        Subscription.chat_id == chat_id, Subscription.include == include,
        Subscription.exclude == exclude)).first()
    if found is not None:
        created = not found.active or found.digest_at != digest_at
        found.active, found.deactivated_reason = True, None
        found.digest_at = digest_at
        session.add(found)
        return found, created
    subscription = Subscription(chat_id=chat_id, chat_type=chat_type, chat_title=chat_title,
                                include=include, exclude=exclude, created_by=created_by,
                                digest_at=digest_at)
    session.add(subscription)
    session.flush()
    return subscription, True


def chat_subscriptions(session: Session, chat_id: int) -> list[Subscription]:
    return list(session.exec(
        select(Subscription).where(Subscription.chat_id == chat_id, col(Subscription.active))
        .order_by(col(Subscription.id))
    ).all())


def active_subscriptions(session: Session) -> list[Subscription]:
    return list(session.exec(
        select(Subscription).where(col(Subscription.active)).order_by(col(Subscription.id))
    ).all())


def remove_subscriptions(session: Session, chat_id: int, ids: Sequence[int] | None = None) -> int:
    """Delete the chat's subscriptions (all, or those ids); pending posts go when none is left."""
    rows = chat_subscriptions(session, chat_id)
    doomed = [row for row in rows if ids is None or row.id in ids]
    for row in doomed:
        session.delete(row)
    if doomed and len(doomed) == len(rows):
        drop_chat_pending(session, chat_id, "unsubscribed")
    return len(doomed)


def deactivate_chat(session: Session, chat_id: int, reason: str) -> None:
    """Telegram says we may not write there any more: stop every subscription and post."""
    session.execute(
        update(Subscription).where(col(Subscription.chat_id) == chat_id)
        .values(active=False, deactivated_reason=reason[:500])
    )
    drop_chat_pending(session, chat_id, reason)


def move_chat(session: Session, old_chat_id: int, new_chat_id: int) -> None:
    """A group became a supergroup: its subscriptions and pending posts follow it."""
    session.execute(update(Subscription).where(col(Subscription.chat_id) == old_chat_id)
                    .values(chat_id=new_chat_id))
    session.execute(update(Notification).where(col(Notification.chat_id) == old_chat_id,
                                               col(Notification.status) == PENDING)
                    .values(chat_id=new_chat_id))


def drop_chat_pending(session: Session, chat_id: int, reason: str) -> None:
    session.execute(
        update(Notification)
        .where(col(Notification.chat_id) == chat_id, col(Notification.status) == PENDING)
        .values(status=DROPPED, last_error=reason[:500], claimed_by=None, claimed_until=None)
    )


# -- the outbox ----------------------------------------------------------------------------


def queue(session: Session, bulletin_id: int,
          targets: Iterable[tuple[int, int, datetime | None]]) -> int:
    """One pending row per (subscription id, chat id, digest time), in the caller's
    transaction; a row with a digest time waits for it and goes out in that digest."""
    count = 0
    for subscription_id, chat_id, digest_due in targets:
        row = Notification(bulletin_id=bulletin_id, subscription_id=subscription_id,
                           chat_id=chat_id, digest=digest_due is not None)
        if digest_due is not None:
            row.due_at = digest_due
        session.add(row)
        count += 1
    return count


def claim(session: Session, owner: str, now: datetime, lease_until: datetime,
          limit: int) -> list[int]:
    """Claim up to ``limit`` due rows nobody holds; returns their ids, oldest first.

    The ids are picked first (locking them, skipping rows another worker has locked) and
    then claimed by id. Not one ``UPDATE … WHERE id IN (SELECT … SKIP LOCKED)``:
    PostgreSQL may run such a subquery more than once, and each run skips the rows the
    previous one locked, so one worker could take far more than ``limit`` rows.
    """
    free = [col(Notification.status) == PENDING, col(Notification.due_at) <= now,
            or_(col(Notification.claimed_until).is_(None), col(Notification.claimed_until) < now)]
    picked = list(session.exec(
        select(Notification.id).where(*free).order_by(col(Notification.id)).limit(limit)
        .with_for_update(skip_locked=True)
    ).all())
    if not picked:
        return []
    claimed = session.execute(
        update(Notification)
        .where(col(Notification.id).in_(picked), *free)
        .values(claimed_by=owner, claimed_until=lease_until)
        .returning(col(Notification.id))
    ).scalars().all()
    return sorted(int(i) for i in claimed)


def posts(session: Session, ids: Sequence[int]) -> list[tuple[Notification, Bulletin]]:
    if not ids:
        return []
    rows = session.exec(
        select(Notification, Bulletin)
        .join(Bulletin, col(Bulletin.id) == col(Notification.bulletin_id))
        .where(col(Notification.id).in_(ids)).order_by(col(Notification.id))
    ).all()
    return [(notification, bulletin) for notification, bulletin in rows]


def mark_sent(session: Session, notification_id: int, message_id: int | None) -> None:
    session.execute(
        update(Notification).where(col(Notification.id) == notification_id)
        .values(status=SENT, sent_at=utcnow(), message_id=message_id, claimed_by=None,
                claimed_until=None, last_error=None)
    )


def reschedule(session: Session, notification_id: int, due_at: datetime, error: str | None,
               *, attempt: bool) -> None:
    """Release the claim and try again at ``due_at`` (an attempt counts unless paced)."""
    values: dict[str, object] = {"due_at": due_at, "claimed_by": None, "claimed_until": None}
    if error is not None:
        values["last_error"] = error[:500]
    if attempt:
        values["attempts"] = Notification.attempts + 1
    session.execute(update(Notification).where(col(Notification.id) == notification_id)
                    .values(**values))


def drop(session: Session, notification_id: int, reason: str) -> None:
    session.execute(
        update(Notification).where(col(Notification.id) == notification_id)
        .values(status=DROPPED, last_error=reason[:500], claimed_by=None, claimed_until=None)
    )


# -- pacing -------------------------------------------------------------------------------

PACE_WINDOW = timedelta(seconds=60)
_PACE_LOCK_CLASS = 0x70616365  # the advisory-lock namespace for per-chat pacing


def take_send_slot(session: Session, notification_id: int, chat_id: int, now: datetime,
                   per_minute: int) -> float:
    """0 and a slot taken for this post, or the seconds until ``chat_id`` may get another.

    Counted in the store, under a per-chat lock (an advisory lock on PostgreSQL, the write
    lock on SQLite), so every replica draws on the same budget of ``per_minute`` posts in
    any 60 seconds. Call it first in its own transaction."""
    _lock_chat(session, chat_id)
    started = session.exec(
        select(Notification.send_started_at)
        .where(Notification.chat_id == chat_id,
               col(Notification.send_started_at) >= now - PACE_WINDOW)
        .order_by(col(Notification.send_started_at))
    ).all()
    if len(started) >= per_minute:
        frees_up = started[len(started) - per_minute]
        assert frees_up is not None
        return (frees_up + PACE_WINDOW - now).total_seconds() + 0.01
    session.execute(update(Notification).where(col(Notification.id) == notification_id)
                    .values(send_started_at=now))
    return 0.0


def _lock_chat(session: Session, chat_id: int) -> None:
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:cls, hashtext(:chat))"),
                           {"cls": _PACE_LOCK_CLASS, "chat": str(chat_id)})
    elif connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # the driver begins lazily, after reads
