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
    before it in its paragraph and ``earlier`` the paragraphs before that in its section,
    where its year and topic are often stated."""

    passage_id: int
    bulletin: BulletinRef
    text: str
    section: str | None
    paragraph: int
    position: int
    score: float
    lead: tuple[str, ...] = ()
    earlier: tuple[str, ...] = ()  # up to three paragraphs before, same section
    # ``text`` is normalised for matching (，→,); this is the sentence as the bulletin
    # wrote it, None where the store does not have it (rows older than migration 0004).
    original: str | None = None

    @property
    def quote(self) -> str:
        """What a reader is shown and may copy: the bulletin's own characters."""
        return (self.original if self.original is not None else self.text).strip()
