"""Subscriptions matched on jieba tokens, and the outbox that turns matches into posts.

``queue_notifications`` is the Engine's ``on_stored`` hook: it runs inside the transaction
that stores a bulletin, so a bulletin and its outbox rows are committed together (or not
at all), in whichever process stored it — the bot, the CLI or a cron job.

``Deliverer`` sends pending rows through any ``Sender`` (the bot gives it Telegram). A row
is claimed with a lease, sent, then marked sent. The one window for a repeat is a crash
(or a lost connection) after Telegram accepted a message and before the row is marked
sent: once the lease runs out the row is claimed again and posted a second time.

A daily subscription (``/subscribe 食品 daily 08:00``) queues its rows due at the next
digest time; the deliverer sends a chat's due digest rows as one message and marks
them sent together, with the same lease and the same single repeat window.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import socket
import time
import uuid
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from datetime import time as clock_time
from functools import lru_cache

from sqlalchemy.engine import Engine as DbEngine
from sqlmodel import Session

from retrieval.tokenizer import normalize, subwords, to_simplified, tokenize
from store import notifications as outbox
from store.models import Bulletin, Notification, Subscription, utcnow

log = logging.getLogger(__name__)

MAX_WORDS = 10
MAX_WORD_CHARS = 20
DIGEST_ZONE = timezone(timedelta(hours=8), "CST")  # bulletins and readers are in China
DIGEST_WORDS = ("daily", "每日", "每天")
DEFAULT_DIGEST_AT = "08:00"
DIGEST_MAX_ITEMS = 20  # bulletins listed in one digest message; more go in the next one
_DIGEST_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")


# -- keywords ------------------------------------------------------------------------------


class KeywordError(ValueError):
    """Words a subscription cannot use; the message (Chinese) is shown to the user."""


@dataclass(frozen=True)
class Keywords:
    """Include words (all must match) and exclude words (none may), as plain words."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    @property
    def stored(self) -> tuple[str, str]:
        return " ".join(self.include), " ".join(self.exclude)

    @classmethod
    def of(cls, subscription: Subscription) -> Keywords:
        return cls(tuple(subscription.include.split()), tuple(subscription.exclude.split()))


def parse_keywords(words: Iterable[str]) -> Keywords:
    """``食品 安全 -广告`` → include 食品, 安全; exclude 广告. Words are text, never patterns."""
    include: list[str] = []
    exclude: list[str] = []
    for raw in words:
        word = to_simplified(normalize(raw)).strip().lower()
        target = include
        if word.startswith("-"):
            word, target = word[1:].strip(), exclude
        if not word:
            continue
        if len(word) > MAX_WORD_CHARS:
            raise KeywordError(
                f"关键词“{word[:MAX_WORD_CHARS]}…”太长了(最多 {MAX_WORD_CHARS} 个字)。")
        if not tokenize(word):
            raise KeywordError(f"“{word}”不是可以匹配的词语。")
        if word not in target:
            target.append(word)
    if len(include) + len(exclude) > MAX_WORDS:
        raise KeywordError(f"关键词太多了(最多 {MAX_WORDS} 个)。")
    return Keywords(tuple(include), tuple(exclude))


def split_digest(words: list[str]) -> tuple[list[str], str | None]:
    """``食品 -广告 daily 08:00`` → the keyword words and "08:00" (None: post at once)."""
    lowered = [word.strip().lower() for word in words]
    for index, word in enumerate(lowered):
        if word not in DIGEST_WORDS:
            continue
        rest = lowered[index + 1:]
        if len(rest) > 1:
            break
        at = rest[0] if rest else DEFAULT_DIGEST_AT
        match = _DIGEST_TIME.match(at)
        if match is None:
            raise KeywordError(f"“{at}”不是时间,请写成 08:00 这样的格式。")
        return words[:index], f"{int(match.group(1)):02d}:{match.group(2)}"
    return words, None


def next_digest(at: str, now: datetime) -> datetime:
    """The next ``at`` (HH:MM, China time) after ``now``, in UTC."""
    hour, minute = (int(part) for part in at.split(":"))
    local = now.astimezone(DIGEST_ZONE)
    due = datetime.combine(local.date(), clock_time(hour, minute), DIGEST_ZONE)
    if due <= local:
        due += timedelta(days=1)
    return due.astimezone(UTC)


def bulletin_terms(tokens: Iterable[str]) -> frozenset[str]:
    """A bulletin's tokens plus the shorter words inside them (安全监管 → 安全, 监管)."""
    unique = set(tokens)
    terms = set(unique)
    for token in unique:
        terms.update(subwords(token))
    return frozenset(terms)


@lru_cache(maxsize=4096)
def _word_tokens(word: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((token, tuple(subwords(token))) for token in tokenize(word))


def word_matches(word: str, terms: frozenset[str]) -> bool:
    """Every token of the word occurs, whole or as all of its shorter words (食品安全 is
    found in text cut as 食品 / 安全监管)."""
    tokens = _word_tokens(word)
    return bool(tokens) and all(
        token in terms or (bool(parts) and all(part in terms for part in parts))
        for token, parts in tokens
    )


def matches(keywords: Keywords, terms: frozenset[str]) -> bool:
    if any(word_matches(word, terms) for word in keywords.exclude):
        return False
    return all(word_matches(word, terms) for word in keywords.include)


# -- the on_stored hook ----------------------------------------------------------------------


def queue_notifications(session: Session, bulletin: Bulletin, tokens: list[str]) -> None:
    """One outbox row per chat with a matching active subscription, in the storing
    transaction; a chat with several matching subscriptions still gets one post (at once
    if any of them is immediate, else in the earliest digest)."""
    assert bulletin.id is not None
    subscriptions = outbox.active_subscriptions(session)
    if not subscriptions:
        return
    now = utcnow()
    terms: frozenset[str] | None = None
    targets: dict[int, tuple[int, datetime | None]] = {}
    for subscription in subscriptions:
        chosen = targets.get(subscription.chat_id)
        if chosen is not None and chosen[1] is None:
            continue  # already posted at once
        keywords = Keywords.of(subscription)
        if keywords.include or keywords.exclude:
            terms = terms if terms is not None else bulletin_terms(tokens)
            if not matches(keywords, terms):
                continue
        assert subscription.id is not None
        due = next_digest(subscription.digest_at, now) if subscription.digest_at else None
        if chosen is None or due is None or (chosen[1] is not None and due < chosen[1]):
            targets[subscription.chat_id] = (subscription.id, due)
    outbox.queue(session, bulletin.id,
                 ((sub_id, chat, due) for chat, (sub_id, due) in targets.items()))


# -- delivery ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DigestItem:
    """One bulletin listed in a daily digest."""

    title: str
    issuer: str | None
    published: date | None
    origin: str


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


class ChatBudget:
    """At most ``per_minute`` posts to one chat in any 60 seconds (Telegram's group limit),
    counted in this process."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._sent: dict[int, deque[float]] = defaultdict(deque)

    def take(self, chat_id: int) -> float:
        """0 and one post counted, or the seconds until this chat may get another."""
        now = self.clock()
        window = self._sent[chat_id]
        while window and now - window[0] >= 60:
            window.popleft()
        if len(window) >= self.per_minute:
            return 60 - (now - window[0]) + 0.01
        window.append(now)
        return 0.0


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
                 owner: str | None = None) -> None:
        self.db = db
        self.send = send
        self.limits = limits or DeliveryLimits()
        self.owner = owner or worker_name()
        self.budget = ChatBudget(self.limits.per_chat_per_minute)

    async def run_once(self) -> DeliveryReport:
        """One pass over what is due now; a sender exception only costs its row a retry."""
        report = DeliveryReport()
        posts = await asyncio.to_thread(self._claim)
        skip: set[int] = set()
        for post in posts:
            if post.chat_id in skip:
                await asyncio.to_thread(self._release, post, 0.0, None, False)
                continue
            wait = self.budget.take(post.chat_id)
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
        now = utcnow()
        lease = now + timedelta(seconds=self.limits.lease_seconds)
        with Session(self.db) as session, session.begin():
            ids = outbox.claim(session, self.owner, now, lease, self.limits.batch)
        with Session(self.db) as session:
            rows = outbox.posts(session, ids)
            single = [
                Post(notification_id=n.id or 0, chat_id=n.chat_id, attempts=n.attempts,
                     title=b.title, issuer=b.issuer, published=b.published,
                     origin=b.url or b.origin, body=b.body)
                for n, b in rows if not n.digest
            ]
            return single + digests([(n, b) for n, b in rows if n.digest])

    def _release(self, post: Post, wait: float, error: str | None, attempt: bool) -> None:
        due = utcnow() + timedelta(seconds=wait)
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
                due = utcnow() + timedelta(seconds=seconds)
                outbox.reschedule(session, row_id, due,
                                  f"RetryAfter {seconds:g}s", attempt=True)
                report.retried += 1
            case Transient(reason) if post.attempts + 1 >= self.limits.max_attempts:
                outbox.drop(session, row_id, f"gave up: {reason}")
                report.dropped += 1
            case Transient(reason):
                due = utcnow() + timedelta(seconds=self._backoff(post.attempts))
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
                outbox.reschedule(session, row_id, utcnow(), None, attempt=False)
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
                items=tuple(DigestItem(b.title, b.issuer, b.published, b.url or b.origin)
                            for _, b in chunk),
                digest_ids=tuple(n.id or 0 for n, _ in chunk)))
    return posts
