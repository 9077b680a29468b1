"""Files and bytes into stored, tokenized bulletins; one bad file never sinks a batch.

Each bulletin is stored in its own transaction, so a crash mid-batch leaves whole
bulletins only, and running the batch again skips what is already there (by hash).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine as DbEngine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from ingest.decode import NotTextError
from ingest.formats import to_text
from ingest.parse import EmptyBulletinError, ParsedBulletin, Sentence, parse_bulletin
from retrieval.parallel import tokenize_many
from store import repository
from store.models import Bulletin, Passage

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
# Found in folders too; each is read by its content, whatever its name says (ingest.formats).
FILE_SUFFIXES = TEXT_SUFFIXES | {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".ofd",
                                 ".html", ".htm"}

# Called inside the storing transaction, e.g. to queue notifications for the bulletin.
OnStored = Callable[[Session, Bulletin, list[str]], None]


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
                if child.is_file() and not hidden and child.suffix.lower() in FILE_SUFFIXES:
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
    parsed = parse_bulletin(to_text(document.raw, document.origin))
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
    for document, bulletin, sentences in parsed:
        title_tokens = next(tokens)
        passages = [
            Passage(
                bulletin_id=0,
                position=position,
                paragraph=sentence.paragraph,
                section=sentence.section,
                text=sentence.text,
                tokens=" ".join(title_tokens + next(tokens)),
            )
            for position, sentence in enumerate(sentences)
        ]
        _store_one(db, document, bulletin, passages, report, on_stored, title_tokens)
    return report


def _store_one(
    db: DbEngine,
    document: Document,
    parsed: ParsedBulletin,
    passages: list[Passage],
    report: IngestReport,
    on_stored: OnStored | None,
    title_tokens: list[str],
) -> None:
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
    try:
        with Session(db) as session, session.begin():
            repository.add_bulletin(session, row, passages)
            if on_stored is not None:
                body_tokens = [t for p in passages for t in p.tokens.split(" ")[len(title_tokens):]]
                on_stored(session, row, title_tokens + body_tokens)
    except IntegrityError:
        # Another process stored the same bulletin between our check and our insert.
        report.duplicates.append(document.origin)
        return
    report.added.append((document.origin, parsed.title))
