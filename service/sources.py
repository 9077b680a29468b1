"""Sources and subscriptions: the one route the bot and the command line both take.

Like asking, managing sources and subscriptions goes through ``service``: each call
opens its own session and transaction on the store and hands back plain values, so
neither the bot's handlers nor the CLI commands open database sessions themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine as DbEngine
from sqlmodel import Session

from service.keywords import Keywords
from store import notifications as store


@dataclass(frozen=True)
class SourceView:
    """A source as both front ends list it."""

    id: int
    url: str
    title: str | None
    kind: str | None
    enabled: bool
    last_ok_at: datetime | None
    failures: int
    last_error: str | None


def add_source(db: DbEngine, url: str, added_by: int | None = None,
               selector: str | None = None) -> tuple[int, bool]:
    """The source's number, and whether it is new (an old one is enabled again, and takes
    the new CSS selector for a column's article links when one is given)."""
    with Session(db) as session, session.begin():
        source, new = store.add_source(session, url, added_by, selector)
        return source.id or 0, new


def list_sources(db: DbEngine) -> list[SourceView]:
    with Session(db) as session:
        return [SourceView(row.id or 0, row.url, row.title, row.kind, row.enabled,
                           row.last_ok_at, row.failures, row.last_error)
                for row in store.list_sources(session)]


def remove_source(db: DbEngine, number: int) -> str | None:
    """The removed source's URL, or None when there is no such number."""
    with Session(db) as session, session.begin():
        removed = store.remove_source(session, number)
        return removed.url if removed else None


def subscribe(db: DbEngine, chat_id: int, keywords: Keywords, *, chat_type: str = "",
              chat_title: str | None = None, created_by: int | None = None,
              digest_at: str | None = None) -> bool:
    """Whether a new subscription was made (the same words again change nothing, unless
    they switch between immediate posts and a daily digest at ``digest_at``)."""
    include, exclude = keywords.stored
    with Session(db) as session, session.begin():
        _, created = store.add_subscription(
            session, chat_id, include, exclude, chat_type=chat_type, chat_title=chat_title,
            created_by=created_by, digest_at=digest_at)
    return created


def chat_subscriptions(db: DbEngine, chat_id: int) -> list[tuple[int, Keywords]]:
    """(id, keywords) of the chat's active subscriptions, oldest first."""
    return [(number, keywords) for number, keywords, _ in chat_subscription_rows(db, chat_id)]


def chat_subscription_rows(db: DbEngine, chat_id: int) -> list[tuple[int, Keywords, str | None]]:
    """(id, keywords, daily digest time or None) of the chat's active subscriptions."""
    with Session(db) as session:
        return [(row.id or 0, Keywords.of(row), row.digest_at)
                for row in store.chat_subscriptions(session, chat_id)]


def unsubscribe(db: DbEngine, chat_id: int, ids: list[int] | None = None) -> None:
    """Remove these subscriptions of the chat, or all of them."""
    with Session(db) as session, session.begin():
        store.remove_subscriptions(session, chat_id, ids)
