"""Rows of the store. Tokens live beside passages so an index rebuild never re-tokenizes."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(UTC)


class Bulletin(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str
    body: str
    issuer: str | None = None
    published: date | None = None
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
    text: str
    tokens: str


class QuestionLog(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    asked_at: datetime = Field(default_factory=utcnow, index=True)
    chat_id: int | None = None
    user_id: int | None = None
    question: str
    abstained: bool
    answer: str | None = None
