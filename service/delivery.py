"""The outbox delivered: pending rows claimed, sent through a ``Sender``, outcomes kept.

``Deliverer`` sends pending rows through any ``Sender`` (the bot gives it Telegram). A row
is claimed with a lease, sent, then marked sent. The one window for a repeat is a crash
(or a lost connection) after Telegram accepted a message and before the row is marked
sent: once the lease runs out the row is claimed again and posted a second time.

A daily subscription's rows (queued by ``service.keywords`` due at its digest time) are
sent as one message per chat when due, and marked sent together, with the same lease
and the same single repeat window.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy.engine import Engine as DbEngine
from sqlmodel import Session

from store import notifications as outbox
from store.models import Bulletin, Notification, utcnow

log = logging.getLogger(__name__)

DIGEST_MAX_ITEMS = 20  # bulletins listed in one digest message; more go in the next one


@dataclass(frozen=True)
class DigestItem:
    """One bulletin listed in a daily digest."""

    title: str
    issuer: str | None
    published: date | None
    origin: str
    published_precision: str | None = None  # "day", "month", "year" (ingest.dates)


@dataclass(frozen=True)
class Post:
    """What a sender needs to write one notification, or one daily digest (``items``,
    covering the outbox rows ``digest_ids``)."""

    notification_id: int
    chat_id: int
    attempts: int
    title: str
    issuer: str | None
    published: date | None
    origin: str
    body: str
    published_precision: str | None = None  # "day", "month", "year" (ingest.dates)
    items: tuple[DigestItem, ...] = ()
    digest_ids: tuple[int, ...] = ()

    @property
    def ids(self) -> tuple[int, ...]:
        """Every outbox row this message stands for: recorded together."""
        return self.digest_ids or (self.notification_id,)


@dataclass(frozen=True)
class Sent:
    message_id: int | None = None


@dataclass(frozen=True)
class Flooded:
    """Telegram's flood control (RetryAfter): wait exactly this long."""

    seconds: float


@dataclass(frozen=True)
class Transient:
    """A network error or a server hiccup: try again later, with backoff."""

    reason: str


@dataclass(frozen=True)
class ChatGone:
    """Forbidden: the bot was removed or blocked; the chat's subscriptions stop."""

    reason: str


@dataclass(frozen=True)
class ChatMoved:
    """The group became a supergroup with a new id."""

    new_chat_id: int


@dataclass(frozen=True)
class Undeliverable:
    """Telegram rejected this message for good (a bad request)."""

    reason: str


Outcome = Sent | Flooded | Transient | ChatGone | ChatMoved | Undeliverable
Sender = Callable[[Post], Awaitable[Outcome]]


@dataclass
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    paced: int = 0
    dropped: int = 0
    chats_gone: list[int] = field(default_factory=list)


def worker_name() -> str:
    """Unique per process start, so a restarted bot never mistakes old claims for its own."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass
class DeliveryLimits:
    per_chat_per_minute: int = 20
    lease_seconds: float = 600.0
    batch: int = 50
    max_attempts: int = 12
    backoff_seconds: float = 5.0
    max_backoff_seconds: float = 3600.0


class Deliverer:
    """Claims due outbox rows, sends them, and records each outcome."""

    def __init__(self, db: DbEngine, send: Sender, limits: DeliveryLimits | None = None,
                 owner: str | None = None, clock: Callable[[], datetime] = utcnow) -> None:
        self.db = db
        self.send = send
        self.limits = limits or DeliveryLimits()
        self.owner = owner or worker_name()
        # What "now" is for due times and leases; tests move it instead of sleeping.
        self.clock = clock

    async def run_once(self) -> DeliveryReport:
        """One pass over what is due now; a sender exception only costs its row a retry."""
        report = DeliveryReport()
        posts = await asyncio.to_thread(self._claim)
        skip: set[int] = set()
        for post in posts:
            if post.chat_id in skip:
                await asyncio.to_thread(self._release, post, 0.0, None, False)
                continue
            wait = await asyncio.to_thread(self._take_slot, post)
            if wait:
                report.paced += 1
                await asyncio.to_thread(self._release, post, wait, None, False)
                continue
            try:
                outcome = await self.send(post)
            except Exception as error:  # a sender bug must not strand the rest of the batch
                log.exception("sending notification %s failed", post.notification_id)
                outcome = Transient(f"{type(error).__name__}: {error}")
            if isinstance(outcome, ChatGone | ChatMoved):
                skip.add(post.chat_id)
            await asyncio.to_thread(self._record, post, outcome, report)
        return report

    def _claim(self) -> list[Post]:
        now = self.clock()
        lease = now + timedelta(seconds=self.limits.lease_seconds)
        with Session(self.db) as session, session.begin():
            ids = outbox.claim(session, self.owner, now, lease, self.limits.batch)
        with Session(self.db) as session:
            rows = outbox.posts(session, ids)
            single = [
                Post(notification_id=n.id or 0, chat_id=n.chat_id, attempts=n.attempts,
                     title=b.title, issuer=b.issuer, published=b.published,
                     origin=b.url or b.origin, body=b.body,
                     published_precision=b.published_precision)
                for n, b in rows if not n.digest
            ]
            return single + digests([(n, b) for n, b in rows if n.digest])

    def _take_slot(self, post: Post) -> float:
        """The chat's pace, shared with every other worker through the store."""
        with Session(self.db) as session, session.begin():
            return outbox.take_send_slot(session, post.notification_id, post.chat_id,
                                         self.clock(), self.limits.per_chat_per_minute)

    def _release(self, post: Post, wait: float, error: str | None, attempt: bool) -> None:
        due = self.clock() + timedelta(seconds=wait)
        with Session(self.db) as session, session.begin():
            for row_id in post.ids:
                outbox.reschedule(session, row_id, due, error, attempt=attempt)

    def _backoff(self, attempts: int) -> float:
        return min(self.limits.backoff_seconds * 2 ** attempts, self.limits.max_backoff_seconds)

    def _record(self, post: Post, outcome: Outcome, report: DeliveryReport) -> None:
        """The outcome for every row the message stood for, in one transaction."""
        with Session(self.db) as session, session.begin():
            for row_id in post.ids:
                self._record_row(session, row_id, post, outcome, report)

    def _record_row(self, session: Session, row_id: int, post: Post, outcome: Outcome,
                    report: DeliveryReport) -> None:
        match outcome:
            case Sent(message_id):
                outbox.mark_sent(session, row_id, message_id)
                report.sent += 1
            case Flooded(seconds):
                due = self.clock() + timedelta(seconds=seconds)
                outbox.reschedule(session, row_id, due,
                                  f"RetryAfter {seconds:g}s", attempt=True)
                report.retried += 1
            case Transient(reason) if post.attempts + 1 >= self.limits.max_attempts:
                outbox.drop(session, row_id, f"gave up: {reason}")
                report.dropped += 1
            case Transient(reason):
                due = self.clock() + timedelta(seconds=self._backoff(post.attempts))
                outbox.reschedule(session, row_id, due, reason, attempt=True)
                report.retried += 1
            case ChatGone(reason):
                log.warning("chat %s is gone (%s): its subscriptions are now inactive",
                            post.chat_id, reason)
                outbox.deactivate_chat(session, post.chat_id, reason)
                report.dropped += 1
                if post.chat_id not in report.chats_gone:
                    report.chats_gone.append(post.chat_id)
            case ChatMoved(new_chat_id):
                outbox.move_chat(session, post.chat_id, new_chat_id)
                outbox.reschedule(session, row_id, self.clock(), None, attempt=False)
            case Undeliverable(reason):
                log.warning("notification %s dropped: %s", row_id, reason)
                outbox.drop(session, row_id, reason)
                report.dropped += 1


def digests(rows: list[tuple[Notification, Bulletin]]) -> list[Post]:
    """A chat's due digest rows as messages of at most DIGEST_MAX_ITEMS bulletins each."""
    by_chat: dict[int, list[tuple[Notification, Bulletin]]] = defaultdict(list)
    for notification, bulletin in rows:
        by_chat[notification.chat_id].append((notification, bulletin))
    posts = []
    for chat_id, chat_rows in by_chat.items():
        for start in range(0, len(chat_rows), DIGEST_MAX_ITEMS):
            chunk = chat_rows[start:start + DIGEST_MAX_ITEMS]
            first = chunk[0][0]
            posts.append(Post(
                notification_id=first.id or 0, chat_id=chat_id,
                attempts=max(n.attempts for n, _ in chunk), title="", issuer=None,
                published=None, origin="", body="",
                items=tuple(DigestItem(b.title, b.issuer, b.published, b.url or b.origin,
                                       b.published_precision)
                            for _, b in chunk),
                digest_ids=tuple(n.id or 0 for n, _ in chunk)))
    return posts
