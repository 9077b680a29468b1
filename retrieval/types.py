"""What retrieval hands to question answering: passages with their bulletin's metadata."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class BulletinRef:
    """The citation side of a bulletin; ``year`` is the year "今年" refers to in its text."""

    id: int
    title: str
    issuer: str | None
    origin: str
    published: date | None
    year: int | None
    region: str | None
    published_precision: str | None = None  # "day", "month", "year" (ingest.dates)


@dataclass(frozen=True)
class Hit:
    """One retrieved passage (a sentence) and its BM25 score; ``lead`` holds the sentences
    before it in its paragraph, where its year and topic are often stated."""

    passage_id: int
    bulletin: BulletinRef
    text: str
    section: str | None
    paragraph: int
    position: int
    score: float
    lead: tuple[str, ...] = ()
