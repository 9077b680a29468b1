"""Files and bytes into stored, tokenized bulletins; one bad file never sinks a batch.

Bulletins are stored a batch per transaction (their passages and outbox rows with them):
a commit costs milliseconds, more than storing a bulletin does. A crash mid-ingest leaves
whole batches only, and running the ingest again skips what is already there (by hash).
When another writer stores one of the batch's bulletins first, the batch is stored
again one bulletin per transaction, so only that bulletin is reported as a duplicate.
"""

from __future__ import annotations

import os
import stat
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine as DbEngine
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlmodel import Session

from ingest.dates import DAY
from ingest.decode import NotTextError
from ingest.formats import to_text
from ingest.parse import EmptyBulletinError, ParsedBulletin, parse_bulletin
from qa.regions import index_words
from retrieval.parallel import in_order
from retrieval.tokenizer import tokenize_batch
from store import repository
from store.errors import describe
from store.models import utcnow

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
# Found in folders too; each is read by its content, whatever its name says (ingest.formats).
FILE_SUFFIXES = TEXT_SUFFIXES | {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".wps", ".ofd",
                                 ".html", ".htm"}

# Called inside the storing transaction, e.g. to queue notifications for the bulletin:
# with the bulletin's id and a way to get its tokens (split only if something needs them).
OnStored = Callable[[Session, int, Callable[[], list[str]]], None]
# Passages stored per transaction.
STORE_BATCH = 2_000
# Characters of a sentence, about (CMRC 38, work reports 45): a bulletin is handed to the
# workers as the texts it holds, by its length.
SENTENCE_CHARS = 40
# Documents parsed, and checked against the store in one query, at a time.
PARSE_GROUP = 64
# Stored passages whose tokens an ingest hands to the index (``IngestReport.stored``);
# past this many the index reads them back from the store instead, so a huge ingest does
# not hold them all in memory.
KEEP_STORED = 50_000


@dataclass
class IngestReport:
    added: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    # The stored passages' ids and tokens (as stored), for the index to take in without
    # reading back what was just written (a tenth of an ingest); None past KEEP_STORED.
    stored: list[tuple[int, str]] | None = field(default_factory=list)

    def merge(self, other: IngestReport) -> None:
        self.added += other.added
        self.duplicates += other.duplicates
        self.failed += other.failed
        self.keep_stored(other.stored)

    def keep_stored(self, rows: list[tuple[int, str]] | None) -> None:
        """Add committed passages to ``stored``, or give up keeping them (None)."""
        if self.stored is None or rows is None or len(self.stored) + len(rows) > KEEP_STORED:
            self.stored = None
        else:
            self.stored += rows


class IngestInterrupted(Exception):
    """The database failed mid-batch; ``report`` holds what was stored before it (each
    batch commits whole, so those are safely in)."""

    def __init__(self, report: IngestReport, total: int, error: DBAPIError) -> None:
        self.report, self.total, self.error = report, total, error
        super().__init__(
            f"{describe(error)}; {len(report.added)} of {total} new bulletin(s) were stored "
            "before it (run the same command again: what is stored is skipped)")


@dataclass
class Document:
    """Text found somewhere, before parsing: where it came from and its raw bytes."""

    origin: str
    raw: bytes
    url: str | None = None
    published: date | None = None  # what a web page or feed says, when the text does not
    published_precision: str = DAY  # how much of ``published`` is known (ingest.dates)
    issuer: str | None = None


def iter_files(paths: Iterable[Path], report: IngestReport) -> Iterator[Path]:
    """Files named directly, and text files found recursively under folders. A path that
    cannot be looked at (or a folder that cannot be listed) is reported, and the rest of
    the batch goes on."""
    for path in paths:
        try:
            is_dir = path.is_dir()
        except OSError as error:
            report.failed.append((str(path), error.strerror or str(error)))
            continue
        if not is_dir:
            yield path
            continue

        def unlisted(error: OSError, named: Path = path) -> None:
            report.failed.append((str(error.filename or named), error.strerror or str(error)))

        for folder, subfolders, names in os.walk(path, onerror=unlisted):
            subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
            for name in sorted(names):
                child = Path(folder, name)
                if name.startswith(".") or child.suffix.lower() not in FILE_SUFFIXES:
                    continue
                if child.is_file():
                    yield child


def read_documents(paths: Iterable[Path], report: IngestReport, max_bytes: int) -> list[Document]:
    documents = []
    for path in iter_files(paths, report):
        try:
            mode = path.stat().st_mode
            if not stat.S_ISREG(mode):  # a FIFO or device would block or never end
                report.failed.append((str(path), "not a regular file"))
                continue
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
        parsed.published_precision = document.published_precision
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
    """Parse, dedupe, tokenize (on all cores) and store each document.

    All of it overlaps: the workers take the parsed bulletins as they need more work
    (finding their sentences and cutting them), so documents are parsed and checked
    against the store a group at a time while earlier ones are being cut, and bulletins
    are stored as they come back, a batch per transaction."""
    report = IngestReport()
    intake = _Intake(db, documents, report)
    cuts = in_order(_cut_bulletins, intake.bulletins(), _weight)
    bar = None
    if progress:
        from retrieval.progress import progress_bar  # rich: imported only to show one

        bar = progress_bar()
    with bar or nullcontext():
        task = bar.add_task("ingesting", total=len(documents)) if bar else None
        batch: list[_Ready] = []
        size = 0
        try:
            for cut in cuts:
                batch.append(_ready(*intake.waiting.popleft(), cut))
                size += len(batch[-1].passages)
                if size >= STORE_BATCH:
                    _store_interruptible(db, batch, report, on_stored, intake)
                    batch, size = [], 0
                if bar and task is not None:
                    bar.update(task, completed=intake.done - len(intake.waiting))
        except DBAPIError as error:  # checking the next documents against the store
            if not report.added:
                raise
            raise IngestInterrupted(report, intake.new_in_all(), error) from error
        if batch:
            _store_interruptible(db, batch, report, on_stored, intake)
    return report


@dataclass
class _Intake:
    """The documents' new bulletins, parsed and checked against the store ``PARSE_GROUP``
    at a time as the tokenizer asks for their texts. A bulletin waits in ``waiting``
    from its first text on, so it is there when its tokens come back."""

    db: DbEngine
    documents: Sequence[Document]
    report: IngestReport
    waiting: deque[tuple[Document, ParsedBulletin, str]] = field(
        default_factory=deque)
    seen: set[str] = field(default_factory=set)  # hashes of this ingest's new bulletins
    done: int = 0  # documents parsed and checked

    def bulletins(self) -> Iterator[ParsedBulletin]:
        """Each new bulletin, in order, for the workers to cut."""
        while self.done < len(self.documents):
            group = self.documents[self.done : self.done + PARSE_GROUP]
            fresh = _new_bulletins(self.db, group, self.report, self.seen)
            self.done += len(group)
            for document, bulletin, digest in fresh:
                self.waiting.append((document, bulletin, digest))
                yield bulletin

    def new_in_all(self) -> int:
        """How many new bulletins the whole ingest holds, for a store that failed: those
        found so far, and those among the rest of the documents, parsed now (checked
        against the store when it still answers, else counted as new)."""
        rest = _readable(self.documents[self.done :], IngestReport())
        unseen = {digest for _, _, digest in rest} - self.seen
        try:
            with Session(self.db) as session:
                unseen -= repository.stored_hashes(session, unseen)
        except DBAPIError:
            pass
        return len(self.seen) + len(unseen)


def _readable(
    documents: Sequence[Document], report: IngestReport
) -> list[tuple[Document, ParsedBulletin, str]]:
    """The documents that parse, with their content hashes; the others go to ``report``."""
    readable: list[tuple[Document, ParsedBulletin, str]] = []
    for document in documents:
        try:
            bulletin = parse_document(document)
        except (NotTextError, EmptyBulletinError) as error:
            report.failed.append((document.origin, str(error)))
            continue
        readable.append((document, bulletin, bulletin.content_hash))
    return readable


def _new_bulletins(
    db: DbEngine, documents: Sequence[Document], report: IngestReport, seen: set[str]
) -> list[tuple[Document, ParsedBulletin, str]]:
    """The documents that parse, without those stored already or met before in this
    ingest (``seen``, which the new ones join)."""
    readable = _readable(documents, report)
    with Session(db) as session:
        stored = repository.stored_hashes(session, (digest for _, _, digest in readable))
    fresh: list[tuple[Document, ParsedBulletin, str]] = []
    for document, bulletin, digest in readable:
        if digest in stored:
            _restore_stored_originals(db, bulletin)
        if digest in stored or digest in seen:
            report.duplicates.append(document.origin)
            continue
        seen.add(digest)
        fresh.append((document, bulletin, digest))
    return fresh


def _restore_stored_originals(db: DbEngine, parsed: ParsedBulletin) -> None:
    with Session(db) as session:
        stored = repository.find_by_hash(session, parsed.content_hash)
    if stored is not None and stored.id is not None:
        _restore_originals(db, stored.id, parsed)


def _restore_originals(db: DbEngine, bulletin_id: int, parsed: ParsedBulletin) -> None:
    """A bulletin stored before originals were kept, read again: give its passages their
    original text, so an old store gets verbatim quotes by ingesting its files again."""
    with Session(db) as session, session.begin():
        if repository.has_missing_originals(session, bulletin_id):
            repository.fill_originals(
                session, bulletin_id,
                [(s.text, s.original) for s in parsed.sentences()])


def _store_interruptible(
    db: DbEngine, batch: list[_Ready], report: IngestReport, on_stored: OnStored | None,
    intake: _Intake,
) -> None:
    """A database failure ends the ingest with how many bulletins were stored before it."""
    try:
        _store_batch(db, batch, report, on_stored)
    except DBAPIError as error:
        raise IngestInterrupted(report, intake.new_in_all(), error) from error


@lru_cache(maxsize=1024)
def _region_words(region: str | None) -> tuple[str, ...]:
    return tuple(index_words(region))


def _with_region(title_tokens: list[str], region: str | None) -> list[str]:
    """Every passage carries its bulletin's place names (江苏省 and 江苏), so a question
    naming the place finds that bulletin's passages first."""
    return title_tokens + [w for w in _region_words(region) if w not in title_tokens]


@dataclass
class _Ready:
    """A parsed, tokenized bulletin about to be stored, as column dicts: model objects
    cost more to build than the rows cost to store."""

    document: Document
    row: dict[str, Any]  # Bulletin columns
    passages: list[dict[str, Any]]  # Passage columns, without bulletin_id
    title: str
    title_tokens: str  # joined by spaces, as every passage's tokens begin
    body_tokens: list[str]  # each passage's own, joined by spaces

    def tokens(self) -> list[str]:
        """Title tokens, then every passage's own tokens: what subscriptions match."""
        return " ".join([self.title_tokens, *self.body_tokens]).split()


# A sentence as stored: its text, paragraph, section and original (``ingest.parse``).
SentenceRow = tuple[str, int, str | None, str | None]
# What a worker makes of a bulletin: its title's tokens, its sentences, and each one's
# tokens (tokens joined by spaces). Plain tuples: they cross a pipe, and a dataclass
# instance pickles slower.
Cut = tuple[str, list[SentenceRow], list[str]]


def _weight(bulletin: ParsedBulletin) -> int:
    """About how many texts a bulletin is cut into: its title and its sentences (of
    about ``SENTENCE_CHARS`` characters), which is what chunks of work are sized by."""
    return 1 + len(bulletin.body) // SENTENCE_CHARS


def _cut_bulletins(bulletins: list[ParsedBulletin]) -> list[Cut]:
    """In a worker: each bulletin's sentences, found back in its source, and the tokens
    of its title and of each sentence (one jieba call for them all). Finding sentences
    is a fifth of the main process's work otherwise: here it runs on every core."""
    found = [bulletin.sentences() for bulletin in bulletins]
    texts = [text for bulletin, sentences in zip(bulletins, found, strict=True)
             for text in (bulletin.title, *(sentence.text for sentence in sentences))]
    tokens = iter([" ".join(words) for words in tokenize_batch(texts)])
    cuts: list[Cut] = []
    for sentences in found:
        title = next(tokens)
        rows = [(s.text, s.paragraph, s.section, s.original) for s in sentences]
        cuts.append((title, rows, [next(tokens) for _ in sentences]))
    return cuts


def _ready(document: Document, parsed: ParsedBulletin, digest: str, cut: Cut) -> _Ready:
    """The rows of one bulletin, from what a worker made of it."""
    title, sentences, body = cut
    head = " ".join(_with_region(title.split(" ") if title else [], parsed.region))
    passages = [
        {
            "position": position,
            "paragraph": paragraph,
            "section": section,
            "text": text,
            "original": original,
            "tokens": f"{head} {own}" if head and own else head or own,
        }
        for position, ((text, paragraph, section, original), own)
        in enumerate(zip(sentences, body, strict=True))
    ]
    row = {
        "title": parsed.title,
        "body": parsed.body,
        "issuer": parsed.issuer,
        "published": parsed.published,
        "published_precision": parsed.published_precision if parsed.published else None,
        "year": parsed.year,
        "region": parsed.region,
        "origin": document.origin,
        "url": parsed.url,
        "content_hash": digest,
        "related_titles": "\n".join(parsed.related_titles),
        "ingested_at": utcnow(),
    }
    return _Ready(document, row, passages, parsed.title, head, body)


def _store_batch(
    db: DbEngine, batch: list[_Ready], report: IngestReport, on_stored: OnStored | None
) -> None:
    """All of ``batch`` in one transaction; one bulletin per transaction if that fails
    because another writer stored one of them in the meantime."""
    if len(batch) > 1:
        try:
            with Session(db) as session, session.begin():
                stored = _add_all(session, batch, on_stored)
        except IntegrityError:
            for item in batch:
                _store_batch(db, [item], report, on_stored)
            return
        report.added.extend((item.document.origin, item.title) for item in batch)
        report.keep_stored(stored)
        return
    item = batch[0]
    try:
        with Session(db) as session, session.begin():
            stored = _add_all(session, batch, on_stored)
    except IntegrityError:
        report.duplicates.append(item.document.origin)
        return
    report.added.append((item.document.origin, item.title))
    report.keep_stored(stored)


def _add_all(
    session: Session, batch: list[_Ready], on_stored: OnStored | None
) -> list[tuple[int, str]]:
    """Rows of the whole batch in a few multi-row inserts, then each bulletin's outbox
    rows; returns the passages' ids and tokens."""
    ids, passage_ids = repository.add_bulletins(
        session, [(item.row, item.passages) for item in batch])
    if on_stored is not None:
        for bulletin_id, item in zip(ids, batch, strict=True):
            on_stored(session, bulletin_id, item.tokens)
    tokens = (passage["tokens"] for item in batch for passage in item.passages)
    return list(zip(passage_ids, tokens, strict=True))
