"""The application core that the CLI and the bot share: store, index and answering.

Answering is CPU work and runs in worker threads (the bot's event loop must not wait
on it), so the index is guarded by a lock and swapped whole on rebuild.

A cold ``bulletin-bot ask`` imports this module, so ingesting (parsers, office formats,
the process pool, notification matching) is imported by the methods that ingest, not
here: answering from a current store never loads it (``bench/startup.py``).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from dataclasses import dataclass, replace
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine as DbEngine
from sqlmodel import Session

from qa.candidates import judged_hits
from qa.extract import answer as extract_answer
from qa.question import QuestionAnalysis, analyze, normalize_question
from qa.series import SeriesRequest, assemble, trend_request
from qa.series import parse as parse_series
from qa.types import Answer, SeriesPoint
from retrieval import heap, saved
from retrieval.index import PassageIndex
from retrieval.tokenizer import tokenize
from retrieval.types import BulletinRef, Hit
from service.settings import Settings
from store import followups, repository
from store.db import make_database
from store.models import QuestionLog
from store.schema import prepare_schema

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from service.ingestion import Document, IngestReport, OnStored

log = logging.getLogger(__name__)

# Up to this many indexed passages, a refresh extends the index on the asking thread
# (milliseconds); past it, extending costs seconds, so it happens in the background.
INLINE_GROWTH_LIMIT = 100_000
# "最近有什么新通报?" is answered with this many of the newest bulletins.
LATEST_BULLETINS = 5


def queue_notifications(
    session: Session, bulletin_id: int, tokens: Callable[[], list[str]]
) -> None:
    """The ``on_stored`` hook, ``service.keywords.queue_notifications``: imported by the
    first bulletin stored, so a process that only answers never loads keyword matching."""
    from service.keywords import queue_notifications as queue

    queue(session, bulletin_id, tokens)


def _is_point(found: Answer, year: int, status: str) -> bool:
    return (not found.abstained and found.value is not None and found.figure_year == year
            and found.status == status)


@dataclass(frozen=True)
class Stats:
    bulletins: int
    passages: int
    indexed_passages: int
    questions: int
    abstained: int
    index_built_at: float

    @property
    def abstain_share(self) -> float:
        return self.abstained / self.questions if self.questions else 0.0

    @property
    def index_age_seconds(self) -> float:
        return max(0.0, time.time() - self.index_built_at)


def _rows_after(
    session: Session, after: int, stored: Sequence[tuple[int, str]]
) -> list[tuple[int, list[str]]]:
    """Passages above id ``after`` with their tokens: the ``stored`` ones (ids and tokens
    as just written) when a count says they are all of them, else read from the store.
    Either way the index gets the same rows in id order, split as the store's are."""
    mine = sorted((row for row in stored if row[0] > after), key=itemgetter(0))
    if mine and repository.count_passages_after(session, after) == len(mine):
        return [(passage_id, tokens.split(" ") if tokens else []) for passage_id, tokens in mine]
    return [(r.id, r.tokens) for r in repository.iter_passage_tokens(session, after)]


class Engine:
    """One per process; safe to call from several threads at once."""

    def __init__(self, settings: Settings, db: DbEngine) -> None:
        self.settings = settings
        self.db = db
        # Always on, in every process: a bulletin stored by the CLI queues its
        # notifications in the same transaction, and the running bot delivers them.
        self.on_stored: OnStored | None = queue_notifications
        self._index: PassageIndex | None = None
        self._index_lock = threading.Lock()
        self._rebuild_lock = threading.RLock()  # reindex ends with a refresh
        self._last_refresh = 0.0
        self._last_audit = time.monotonic()
        self._save_failed = False  # warned once that the index cannot be written
        self._grower: threading.Thread | None = None
        self._grower_guard = threading.Lock()

    @classmethod
    def open(cls, settings: Settings | None = None) -> Engine:
        """Connect, check the schema, fill an empty store from the seeds, load the index."""
        settings = settings or Settings()
        db = make_database(settings.resolved_database_url)
        prepare_schema(db)
        engine = cls(settings, db)
        if settings.load_seeds and engine._is_empty():
            from service.seeding import seed_documents

            engine.ingest_documents(
                seed_documents(settings.seeds_dir, settings.max_upload_bytes))
        engine.load_index()
        return engine

    def close(self) -> None:
        self.db.dispose()

    # -- asking -----------------------------------------------------------------

    def ask(
        self, question: str, *, chat_id: int | None = None, user_id: int | None = None,
        log: bool = True,
    ) -> Answer:
        request = parse_series(normalize_question(question))
        result = None
        if request is None or request.verb == "倍":
            # A ratio a report states (是1997年的2.3倍) is a single figure; one computed
            # from two years' figures answers only when no report states it.
            analysis = analyze(question)
            if analysis.kind in ("smalltalk", "latest"):  # nothing to search for
                return self._without_search(analysis, question, chat_id, user_id, log)
            hits = self.search_tokens(analysis.query_tokens, analysis.retrieval_k)
            result = self._extract(analysis, hits)
        if request is not None and (result is None or result.abstained):
            result = self._assembled(request, normalize_question(question))
        assert result is not None
        if log:
            self._log(question, result, chat_id, user_id)
        return result

    def _without_search(self, analysis: QuestionAnalysis, question: str,
                        chat_id: int | None, user_id: int | None, log: bool) -> Answer:
        """Small talk and a wish for news: answered without a search (news with the
        newest bulletins)."""
        result = extract_answer(analysis, [])
        if result.kind == "latest":
            result = replace(result, bulletins=self.latest(LATEST_BULLETINS))
        if log:
            self._log(question, result, chat_id, user_id)
        return result

    def trend(
        self, text: str, *, chat_id: int | None = None, user_id: int | None = None,
        log: bool = True,
    ) -> Answer | None:
        """``/trend X``: the series of X over the years it names, else every year the
        store has reports for; None when X names nothing to count."""
        request = trend_request(normalize_question(text))
        if request is None:
            return None
        result = self._assembled(request, normalize_question(text))
        if log:
            self._log(text, result, chat_id, user_id)
        return result

    def figures(self, questions: list[str]) -> list[Answer]:
        """Each single question answered exactly as ``ask`` answers it (not logged); the
        years of one series share their search, since years are never search words."""
        searched: dict[tuple[tuple[str, ...], int], list[Hit]] = {}
        answers = []
        for question in questions:
            analysis = analyze(question)
            key = (tuple(analysis.query_tokens), analysis.retrieval_k)
            if key not in searched:
                searched[key] = self.search_tokens(analysis.query_tokens, analysis.retrieval_k)
            answers.append(self._extract(analysis, searched[key]))
        return answers

    def _extract(self, analysis: QuestionAnalysis, hits: list[Hit]) -> Answer:
        return extract_answer(analysis, self._in_context(judged_hits(analysis, hits)))

    def _assembled(self, request: SeriesRequest, question: str) -> Answer:
        """One single-figure answer per (year, status) asked, then the series, difference
        or extreme over them. A point counts only with the year and status asked (an
        undated figure, which a single question may accept, leaves a gap here)."""
        if request.all_years:
            request = request.with_years(self.report_years())
        asked = request.questions()
        answers = self.figures([single for _, _, single in asked])
        points = [SeriesPoint(year, status, found if _is_point(found, year, status) else None)
                  for (year, status, _), found in zip(asked, answers, strict=True)]
        return assemble(request, question, points)

    def report_years(self) -> tuple[int, ...]:
        """Every year a stored bulletin can speak of: from the year before the oldest
        (which it reviews) to the newest."""
        with Session(self.db) as session:
            low, high = repository.year_bounds(session)
        if low is None or high is None:
            return ()
        return tuple(range(low - 1, high + 1))

    def _log(self, question: str, result: Answer, chat_id: int | None,
             user_id: int | None) -> None:
        with Session(self.db) as session, session.begin():
            repository.log_question(
                session, question, result.abstained, result.answer, chat_id, user_id
            )

    def search(self, text: str, k: int = 5) -> list[Hit]:
        return self.search_tokens(tokenize(text), k)

    def search_tokens(self, tokens: list[str], k: int) -> list[Hit]:
        self.refresh_index()
        with self._index_lock:
            found = self._require_index().search(tokens, k)
        with Session(self.db) as session:
            rows = repository.passages_with_bulletins(session, [f.passage_id for f in found])
        hits = []
        for item in found:
            if item.passage_id not in rows:
                continue  # deleted since the index was built
            passage, bulletin = rows[item.passage_id]
            hits.append(
                Hit(
                    passage_id=item.passage_id,
                    bulletin=repository.bulletin_ref(bulletin),
                    text=passage.text,
                    original=passage.original,
                    section=passage.section,
                    paragraph=passage.paragraph,
                    position=passage.position,
                    score=item.score,
                )
            )
        return hits

    def _in_context(self, hits: list[Hit]) -> list[Hit]:
        """The hits with the sentences and paragraphs before them, where a figure's year
        and topic are often written (fetched only for the hits extraction will judge)."""
        places = [repository.PassagePlace(h.passage_id, h.bulletin.id, h.paragraph, h.position,
                                          h.section) for h in hits]
        with Session(self.db) as session:
            leads = repository.paragraph_leads(session, places)
        return [replace(h, lead=leads[h.passage_id][0], earlier=leads[h.passage_id][1])
                if h.passage_id in leads else h for h in hits]

    # -- ingesting ----------------------------------------------------------------

    def ingest_paths(self, paths: list[Path], *, progress: bool = False) -> IngestReport:
        # Frozen from the start: importing the ingest modules and reading the files
        # allocate enough to set off a full collection, which with the tokenizer's
        # dictionary loaded walks half a million entries (50 ms) to find no garbage.
        with heap.frozen():
            from service import ingestion

            report = ingestion.IngestReport()
            documents = ingestion.read_documents(paths, report, self.settings.max_upload_bytes)
            report.merge(self.ingest_documents(documents, progress=progress))
        return report

    def ingest_documents(
        self, documents: list[Document], *, progress: bool = False, notify: bool = True
    ) -> IngestReport:
        """Store documents; ``notify=False`` stores without queueing notifications (a new
        source's first poll, so adding a feed does not post its whole backlog)."""
        from service import ingestion

        # The tokenizer's dictionary and the index need no full collection meanwhile.
        with heap.frozen():
            report = ingestion.store_documents(
                self.db, documents, progress=progress,
                on_stored=self.on_stored if notify else None,
            )
            if report.added and self._index is not None:
                self.refresh_index(force=True, stored=report.stored)
        return report

    # -- the index ----------------------------------------------------------------

    @property
    def index_path(self) -> Path:
        """One saved index per database, so two databases never share one by accident."""
        key = hashlib.sha1(self.settings.resolved_database_url.encode()).hexdigest()[:12]
        return self.settings.index_dir / key

    def load_index(self) -> None:
        """Use the saved index when it verifies and still matches the store, else rebuild
        it from the store (saying why in one log line). Saved only when it changed."""
        path = self.index_path
        saved.remove_leftovers(path)
        try:
            index = PassageIndex.load(path)
        except saved.Unusable as reason:
            log.warning("saved index %s not used: %s; rebuilding it from the store", path, reason)
            index = None
        if index is not None and not self._matches_store(index):
            log.warning("saved index %s does not match the store's passages; rebuilding", path)
            index = None
        if index is None:
            self.reindex()
            return
        with self._index_lock:
            self._index = index
        if self.refresh_index(force=True):
            self._save_index()

    def reindex(self) -> float:
        """Build a new index from stored tokens beside the old one, then swap it in."""
        with self._rebuild_lock:
            started = time.perf_counter()
            with Session(self.db) as session:
                rows = repository.iter_passage_tokens(session)
                fresh = PassageIndex.build((row.id, row.tokens) for row in rows)
            with self._index_lock:
                self._index = fresh
            self.refresh_index(force=True)
            self._save_index()
            return time.perf_counter() - started

    def _save_index(self) -> None:
        """Persist the index in use. A full disk or read-only folder costs the next start a
        rebuild, never this command: it answers from memory, and says so once."""
        index = self._require_index()
        try:
            index.save(self.index_path)
        except OSError as error:
            if not self._save_failed:
                log.warning("the index could not be saved under %s (%s); answering from "
                            "memory, the next start rebuilds it", self.settings.index_dir,
                            error.strerror or type(error).__name__)
            self._save_failed = True

    def refresh_index(
        self, *, force: bool = False, stored: Sequence[tuple[int, str]] | None = None
    ) -> int:
        """Add passages stored since the index was built (by us or another process).

        Ingest (``force``) waits, so what it stored is answerable when it returns; it
        hands over what it ``stored`` (ids and tokens), read back only when other
        passages were stored meanwhile.
        Questions never wait for a rebuild; a small index is extended on their thread
        (milliseconds), a large one in the background while they use the current one."""
        now = time.monotonic()
        if self._index is None or (
            not force and now - self._last_refresh < self.settings.index_refresh_seconds
        ):
            return 0
        self._last_refresh = now
        if not force and len(self._index) > INLINE_GROWTH_LIMIT:
            self._grow_in_background()
            return 0
        if not self._rebuild_lock.acquire(blocking=force):
            return 0
        try:
            return self._extend_index(stored=stored)
        finally:
            self._rebuild_lock.release()

    def wait_for_index_growth(self, timeout: float | None = None) -> bool:
        """Wait for a background extension to finish; False if it is still running."""
        grower = self._grower
        if grower is not None:
            grower.join(timeout)
            return not grower.is_alive()
        return True

    def _grow_in_background(self) -> None:
        with self._grower_guard:
            if self._grower is not None and self._grower.is_alive():
                return
            self._grower = threading.Thread(target=self._grow, name="index-growth", daemon=True)
            self._grower.start()

    def _grow(self) -> None:
        """Extend, save and map the grown index back (its arrays were built in memory),
        then swap it in; questions meanwhile use the current index."""
        if not self._rebuild_lock.acquire(blocking=False):
            return  # a rebuild is running and ends with a refresh
        try:
            if self._extend_index(persist=True):
                log.info("index grown to %d passages in the background", len(self._require_index()))
        except Exception:
            log.exception("growing the index in the background failed; the next refresh retries")
        finally:
            self._rebuild_lock.release()

    def _extend_index(
        self, *, persist: bool = False, stored: Sequence[tuple[int, str]] | None = None
    ) -> int:
        """Append stored passages the index lacks, beside the index in use, then swap;
        ``persist`` saves the grown index and serves it memory-mapped from the file."""
        current = self._require_index()
        if self._late_passages(current):
            log.warning("passages committed below the index's newest id; rebuilding")
            self.reindex()
            return len(self._require_index()) - len(current)
        with Session(self.db) as session:
            after = current.max_passage_id
            if repository.max_passage_id(session) <= after:
                return 0
            rows = _rows_after(session, after, stored or ())
        extended = current.extended(rows)
        if extended is None:
            return 0
        if persist:
            extended = self._mapped_from_file(extended)
        with self._index_lock:
            self._index = extended
        return len(extended) - len(current)

    def _mapped_from_file(self, index: PassageIndex) -> PassageIndex:
        """Save ``index`` and serve it memory-mapped; when it cannot be saved or read back
        (full disk, read-only folder), serve it from memory."""
        try:
            index.save(self.index_path)
            # Just written and fsynced here: its files need not be hashed a second time.
            return PassageIndex.load(self.index_path, check_files=False) or index
        except (OSError, saved.Unusable) as error:
            log.warning("the grown index is served from memory: %s", error)
            return index

    def _late_passages(self, current: PassageIndex) -> bool:
        """Whether rows appeared below the newest id indexed, now and then (a count).

        Another writer's transaction can take ids first and commit last, so "everything
        above my newest id" misses its rows; a count of the rows below catches them."""
        now = time.monotonic()
        if now - self._last_audit < self.settings.index_audit_seconds:
            return False
        self._last_audit = now
        return not self._matches_store(current)

    def _matches_store(self, index: PassageIndex) -> bool:
        with Session(self.db) as session:
            return repository.count_passages_upto(session, index.max_passage_id) == len(index)

    def index_size(self) -> int:
        """Passages in the index questions are answered from right now."""
        return len(self._index) if self._index is not None else 0

    def _require_index(self) -> PassageIndex:
        if self._index is None:
            raise RuntimeError("the index is not loaded; call Engine.load_index() first")
        return self._index

    # -- reading ------------------------------------------------------------------

    def _is_empty(self) -> bool:
        with Session(self.db) as session:
            return repository.count_bulletins(session) == 0

    def stats(self) -> Stats:
        with Session(self.db) as session:
            questions, abstained = repository.question_counts(session)
            return Stats(
                bulletins=repository.count_bulletins(session),
                passages=repository.count_passages(session),
                # An empty index is falsy (it has a length): compare with None, or a
                # store with no passages shows an index built in 1970.
                indexed_passages=len(self._index) if self._index is not None else 0,
                questions=questions,
                abstained=abstained,
                index_built_at=self._index.built_at if self._index is not None else 0.0,
            )

    def latest(self, limit: int = 5) -> list[BulletinRef]:
        with Session(self.db) as session:
            return [repository.bulletin_ref(b) for b in repository.latest_bulletins(session, limit)]

    def unanswered(self, limit: int = 10) -> list[QuestionLog]:
        with Session(self.db) as session:
            return repository.recent_unanswered(session, limit)

    # -- follow-up context ----------------------------------------------------------

    def previous_question(self, chat_id: int, reply_to: int | None = None) -> str | None:
        """What a follow-up in ``chat_id`` refers to (see ``store.followups``)."""
        with Session(self.db) as session:
            return followups.previous_question(session, chat_id, reply_to)

    def remember_answer(self, chat_id: int, message_ids: list[int], question: str) -> None:
        with Session(self.db) as session, session.begin():
            followups.remember(session, chat_id, message_ids, question)
