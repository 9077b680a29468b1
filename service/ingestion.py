"""Files and bytes into stored, tokenized bulletins; one bad file never sinks a batch.

Bulletins are stored a batch per transaction (their passages and outbox rows with them):
a commit costs milliseconds, more than storing a bulletin does. A crash mid-ingest leaves
whole batches only, and running the ingest again skips what is already there (by hash).
When another writer stores one of the batch's bulletins first, the batch is stored
again one bulletin per transaction, so only that bulletin is reported as a duplicate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine as DbEngine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from ingest.decode import NotTextError, decode_bytes
from ingest.parse import EmptyBulletinError, ParsedBulletin, Sentence, parse_bulletin
from retrieval.parallel import tokenize_many
from store import repository
from store.models import Bulletin

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}

# Called inside the storing transaction, e.g. to queue notifications for the bulletin.
OnStored = Callable[[Session, Bulletin, list[str]], None]
# Passages stored per transaction.
STORE_BATCH = 5_000


@dataclass
class IngestReport:
    added: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)

    def merge(self, other: IngestReport) -> None:
        self.added += other.added
        self.duplicates += other.duplicates
        self.failed += other.failed


@dataclass
class Document:
    """Text found somewhere, before parsing: where it came from and its raw bytes."""

    origin: str
    raw: bytes
    url: str | None = None
    published: date | None = None  # what a web page or feed says, when the text does not
    issuer: str | None = None


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and text files found recursively under folders."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = child.name.startswith(".")
                if child.is_file() and not hidden and child.suffix.lower() in TEXT_SUFFIXES:
                    yield child
        else:
            yield path


def read_documents(paths: Iterable[Path], report: IngestReport, max_bytes: int) -> list[Document]:
    documents = []
    for path in iter_files(paths):
        try:
            size = path.stat().st_size
            if size > max_bytes:
                report.failed.append((str(path), f"too large ({size} bytes, limit {max_bytes})"))
                continue
            documents.append(Document(str(path), path.read_bytes()))
        except OSError as error:
            report.failed.append((str(path), error.strerror or str(error)))
    return documents


def parse_document(document: Document) -> ParsedBulletin:
    parsed = parse_bulletin(decode_bytes(document.raw, document.origin))
    if document.url and not parsed.url:
        parsed.url = document.url
    if document.published and not parsed.published:
        parsed.published = document.published
        parsed.year = parsed.year or document.published.year
    if document.issuer and not parsed.issuer:
        parsed.issuer = document.issuer
    return parsed


def store_documents(
    db: DbEngine,
    documents: Sequence[Document],
    *,
    progress: bool = False,
    on_stored: OnStored | None = None,
) -> IngestReport:
    """Parse, dedupe, tokenize (on all cores) and store each document."""
    report = IngestReport()
    parsed: list[tuple[Document, ParsedBulletin, list[Sentence]]] = []
    seen: set[str] = set()
    with Session(db) as session:
        for document in documents:
            try:
                bulletin = parse_document(document)
            except (NotTextError, EmptyBulletinError) as error:
                report.failed.append((document.origin, str(error)))
                continue
            digest = bulletin.content_hash
            if digest in seen or repository.find_by_hash(session, digest):
                report.duplicates.append(document.origin)
                continue
            seen.add(digest)
            parsed.append((document, bulletin, bulletin.sentences()))
    texts: list[str] = []
    for _, bulletin, sentences in parsed:
        texts.append(bulletin.title)
        texts.extend(sentence.text for sentence in sentences)
    tokens = iter(tokenize_many(texts, progress=progress))
    batch: list[_Ready] = []
    for document, bulletin, sentences in parsed:
        batch.append(_ready(document, bulletin, sentences, tokens))
        if sum(len(item.passages) for item in batch) >= STORE_BATCH:
            _store_batch(db, batch, report, on_stored)
            batch = []
    if batch:
        _store_batch(db, batch, report, on_stored)
    return report


@dataclass
class _Ready:
    """A parsed, tokenized bulletin about to be stored."""

    document: Document
    row: Bulletin
    passages: list[dict[str, Any]]  # Passage columns; model objects cost 0.1 ms each
    title_tokens: list[str]
    title: str  # kept apart: the row's attributes expire when its transaction commits

    @property
    def tokens(self) -> list[str]:
        """Title tokens, then every passage's own tokens (its title prefix dropped)."""
        skip = len(self.title_tokens)
        body = [t for p in self.passages for t in p["tokens"].split(" ")[skip:]]
        return self.title_tokens + body


def _ready(
    document: Document,
    parsed: ParsedBulletin,
    sentences: list[Sentence],
    tokens: Iterator[list[str]],
) -> _Ready:
    title_tokens = next(tokens)
    passages = [
        {
            "position": position,
            "paragraph": sentence.paragraph,
            "section": sentence.section,
            "text": sentence.text,
            "tokens": " ".join(title_tokens + next(tokens)),
        }
        for position, sentence in enumerate(sentences)
    ]
    row = Bulletin(
        title=parsed.title,
        body=parsed.body,
        issuer=parsed.issuer,
        published=parsed.published,
        year=parsed.year,
        region=parsed.region,
        origin=document.origin,
        url=parsed.url,
        content_hash=parsed.content_hash,
        related_titles="\n".join(parsed.related_titles),
    )
    return _Ready(document, row, passages, title_tokens, parsed.title)


def _store_batch(
    db: DbEngine, batch: list[_Ready], report: IngestReport, on_stored: OnStored | None
) -> None:
    """All of ``batch`` in one transaction; one bulletin per transaction if that fails
    because another writer stored one of them in the meantime."""
    if len(batch) > 1:
        try:
            with Session(db) as session, session.begin():
                _add_all(session, batch, on_stored)
        except IntegrityError:
            for item in batch:
                _store_batch(db, [_fresh(item)], report, on_stored)
            return
        report.added.extend((item.document.origin, item.title) for item in batch)
        return
    item = batch[0]
    try:
        with Session(db) as session, session.begin():
            _add_all(session, batch, on_stored)
    except IntegrityError:
        report.duplicates.append(item.document.origin)
        return
    report.added.append((item.document.origin, item.title))


def _add_all(session: Session, batch: list[_Ready], on_stored: OnStored | None) -> None:
    """Rows of the whole batch in a few multi-row inserts, then each bulletin's outbox rows."""
    repository.add_bulletins(session, [(item.row, item.passages) for item in batch])
    if on_stored is not None:
        for item in batch:
            on_stored(session, item.row, item.tokens)


def _fresh(item: _Ready) -> _Ready:
    """The same bulletin as new, unsaved rows (the failed transaction's are spent)."""
    row = Bulletin.model_validate(item.row.model_dump(exclude={"id"}))
    return _Ready(item.document, row, item.passages, item.title_tokens, item.title)
