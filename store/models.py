"""Rows of the store. Tokens live beside passages so an index rebuild never re-tokenizes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import BigInteger, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class Bulletin(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str
    body: str
    issuer: str | None = None
    published: date | None = None
    # "day", "month" or "year" (ingest.dates); None on rows stored before it was kept.
    published_precision: str | None = Field(default=None, max_length=5)
    year: int | None = Field(default=None, index=True)
    region: str | None = None
    origin: str
    url: str | None = None
    content_hash: str = Field(unique=True, index=True, max_length=64)
    related_titles: str = ""
    ingested_at: datetime = Field(default_factory=utcnow, index=True)


class Passage(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    bulletin_id: int = Field(foreign_key="bulletin.id", index=True)
    position: int
    paragraph: int
    section: str | None = None
    text: str  # normalised (NFKC): what tokens, figures and matching read
    # The sentence as the bulletin wrote it, shown as the quote; None on rows stored
    # before it was kept (migration 0004 fills those it can prove) or not found back.
    original: str | None = None
    tokens: str


class QuestionLog(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    asked_at: datetime = Field(default_factory=utcnow, index=True)
    chat_id: int | None = Field(default=None, sa_type=BigInteger)  # ids exceed 32 bits
    user_id: int | None = Field(default=None, sa_type=BigInteger)
    question: str
    abstained: bool
    answer: str | None = None


class FollowUp(SQLModel, table=True):
    """The question behind each answer the bot sent: a reply to that answer (or the
    chat's next message) is read as a follow-up of it, by whichever replica gets it."""

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger, index=True)
    message_id: int | None = Field(default=None, sa_type=BigInteger)  # the answer's message
    question: str
    asked_at: datetime = Field(default_factory=utcnow, index=True)



class Source(SQLModel, table=True):
    """A feed or page polled for new bulletins, with its HTTP validators and failure count."""

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(unique=True, max_length=2000)
    kind: str = Field(default="", max_length=16)  # "feed", "page" or "column", after a fetch
    # A CSS selector for a column page's article links, when the heuristic is not enough.
    selector: str | None = Field(default=None, max_length=500)
    title: str | None = None
    enabled: bool = True
    interval_seconds: float | None = None  # None: the SOURCE_POLL_SECONDS setting
    etag: str | None = None
    last_modified: str | None = None
    next_poll_at: datetime = Field(default_factory=utcnow, index=True)
    last_polled_at: datetime | None = None
    last_ok_at: datetime | None = None
    failures: int = 0
    last_error: str | None = None
    added_by: int | None = Field(default=None, sa_type=BigInteger)
    added_at: datetime = Field(default_factory=utcnow)


class SourceItem(SQLModel, table=True):
    """An item URL already taken from a source, so it is fetched and stored only once."""

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(unique=True, max_length=2000)
    source_id: int | None = Field(default=None, index=True)  # no FK: kept when a source goes
    bulletin_id: int | None = None
    seen_at: datetime = Field(default_factory=utcnow)


class Subscription(SQLModel, table=True):
    """A chat wanting new bulletins: all of them, or those with every include word and
    no exclude word (words are jieba tokens, space-separated)."""

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(index=True, sa_type=BigInteger)  # Telegram ids exceed 32 bits
    chat_type: str = Field(default="", max_length=16)
    chat_title: str | None = None
    include: str = ""
    exclude: str = ""
    # "08:00": one message a day at that time (China Standard Time) listing what matched,
    # instead of one post per bulletin. None: post each bulletin as it comes.
    digest_at: str | None = Field(default=None, max_length=5)
    active: bool = Field(default=True, index=True)
    created_by: int | None = Field(default=None, sa_type=BigInteger)
    created_at: datetime = Field(default_factory=utcnow)
    deactivated_reason: str | None = None


class Notification(SQLModel, table=True):
    """The outbox: one post of one bulletin to one chat, written with the bulletin.

    ``status`` is pending, sent or dropped. A worker claims pending rows by setting
    ``claimed_by`` and a lease (``claimed_until``); a lease that runs out (crash) makes the
    row claimable again.
    """

    __table_args__ = (UniqueConstraint("chat_id", "bulletin_id", name="uq_notification_chat"),)

    id: int | None = Field(default=None, primary_key=True)
    bulletin_id: int = Field(foreign_key="bulletin.id", index=True)
    subscription_id: int | None = None  # no FK: /unsubscribe deletes subscriptions
    chat_id: int = Field(index=True, sa_type=BigInteger)
    status: str = Field(default="pending", max_length=16, index=True)
    digest: bool = False  # sent with the chat's other due digest rows, as one message
    due_at: datetime = Field(default_factory=utcnow, index=True)
    attempts: int = 0
    claimed_by: str | None = Field(default=None, max_length=64)
    claimed_until: datetime | None = None
    sent_at: datetime | None = None
    message_id: int | None = None
    last_error: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    # When a worker last took a send slot for it: the per-chat pace is counted from these,
    # in the store, so replicas share one budget per chat.
    send_started_at: datetime | None = Field(default=None, index=True)
