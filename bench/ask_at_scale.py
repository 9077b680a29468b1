"""End-to-end ``Engine.ask`` on a store of a million passages, as the bot would run it.

The real bulletins (the seed, the gov work reports, the CMRC articles) are ingested
through the normal path so their questions have answers; synthetic bulletins recombined
from the same sentences fill the store up to the asked size, written straight into the
tables with their tokens, as ingest would have left them. Then the index is rebuilt from
stored tokens (timed: that is what ``bulletin-bot reindex`` does) and every eval question
is asked end to end: retrieval, fetching passages from the database, extraction.

Filling, rebuilding and asking each run in their own process, so the peak RSS reported
for the rebuild and for answering is what ``bulletin-bot reindex`` and a running bot
would use, not what making a million synthetic passages cost. ``run_bench.py --ask``
runs it at the largest benchmark size.
"""

from __future__ import annotations

import functools
import hashlib
import json
import pickle
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from corpus import SHARED, SOURCES, real_sentences, recombine  # noqa: E402
from machine import peak_mb  # noqa: E402
from timing import p50_p95  # noqa: E402

from retrieval.parallel import in_order  # noqa: E402
from service import ingestion  # noqa: E402
from service.engine import Engine  # noqa: E402
from service.evaluation import judge, load_cases  # noqa: E402
from service.ingestion import Document, store_documents  # noqa: E402
from service.settings import Settings  # noqa: E402
from store import repository  # noqa: E402
from store.db import make_database  # noqa: E402
from store.models import Bulletin, Passage  # noqa: E402

PASSAGES_PER_BULLETIN = 100
INSERT_BATCH = 20_000
EVAL_FILES = (SHARED / "eval" / "seed_qa.jsonl", SHARED / "eval" / "cmrc2018_dev_numeric.jsonl")


def measure(size: int, sentences: list[list[str]]) -> dict[str, Any]:
    """Fill a throwaway store to ``size`` passages, rebuild, then ask every eval question."""
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = Path(scratch)
        row = _fill(data_dir, size, sentences)
        row |= _in_subprocess("reindex", data_dir)
        row |= _in_subprocess("ask", data_dir)
        row |= _in_subprocess("during", data_dir)
        # Like for like: the loop above may cover only the first few dozen questions,
        # whose cost differs from the whole set's (a second asking would be warmer).
        during, idle = row.pop("during_latencies"), row.pop("ask_latencies")
        row["same_idle_ms"] = p50_p95(idle[: len(during)])
        return row


def _settings(data_dir: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        data_dir=data_dir, database_url="", load_seeds=False, _env_file=None
    )


def _fill(data_dir: Path, size: int, sentences: list[list[str]]) -> dict[str, Any]:
    engine = Engine.open(_settings(data_dir))
    try:
        started = time.perf_counter()
        engine.ingest_paths([REPO / "seeds", *SOURCES])
        real = engine.stats().passages
        ingest_s = time.perf_counter() - started
        started = time.perf_counter()
        _insert_synthetic(engine, recombine(sentences, max(0, size - real), seed=7))
        return {
            "real_passages": real,
            "ingest_real_s": ingest_s,
            "fill_s": time.perf_counter() - started,
        }
    finally:
        engine.close()


def _in_subprocess(phase: str, data_dir: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, phase, str(data_dir)], capture_output=True, text=True,
        check=True,
    )
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _reindex(data_dir: Path) -> dict[str, Any]:
    """What `bulletin-bot reindex` does: build from stored tokens, save beside, swap."""
    engine = Engine(_settings(data_dir), make_database(_settings(data_dir).resolved_database_url))
    try:
        seconds = engine.reindex()
        return {"reindex_s": seconds, "reindex_rss_mb": peak_mb(),
                "size": engine.stats().passages}
    finally:
        engine.close()


def _ask(data_dir: Path) -> dict[str, Any]:
    """A bot's life: open (loading the saved index), then answer questions."""
    started = time.perf_counter()
    engine = Engine.open(_settings(data_dir))
    open_s = time.perf_counter() - started
    try:
        latencies, verdicts = _ask_all(engine)
        return {"open_s": open_s, "ask_ms": p50_p95(latencies), "ask_latencies": latencies,
                "ask_rss_mb": peak_mb(),
                "questions": len(latencies), "verdicts": verdicts}
    finally:
        engine.close()


def _during(data_dir: Path) -> dict[str, Any]:
    """Questions asked while another process stores 1,000 passages and this one's index
    grows to take them in (in the background, past INLINE_GROWTH_LIMIT passages). They
    are asked in the order ``_ask`` asks them, each first time in a fresh process as
    there, so ``measure`` compares them with the same questions idle."""
    settings = _settings(data_dir).model_copy(update={"index_refresh_seconds": 0.2})
    engine = Engine.open(settings)
    try:
        before = engine.index_size()
        questions = [c.question for path in EVAL_FILES for c in load_cases(path)]
        writer = subprocess.Popen([sys.executable, __file__, "write", str(data_dir)],
                                  stdout=subprocess.PIPE, text=True)
        started = time.perf_counter()
        latencies: list[float] = []
        written = 0
        while time.perf_counter() - started < 300:
            question = questions[len(latencies) % len(questions)]
            began = time.perf_counter()
            engine.ask(question, log=False)
            latencies.append((time.perf_counter() - began) * 1000)
            if not written and writer.poll() is not None:
                written = int(json.loads(writer.stdout.read().strip().splitlines()[-1]))  # type: ignore[union-attr]
            if written and engine.index_size() >= before + written:
                break
        return {"during_ms": p50_p95(latencies), "during_latencies": latencies,
                "during_questions": len(latencies),
                "grown_after_s": time.perf_counter() - started, "written": written}
    finally:
        engine.close()


def _write(data_dir: Path) -> int:
    """Store ten new bulletins of 100 real sentences each, as another process would
    (``bulletin-bot ingest`` minus its own index upkeep)."""
    rng = random.Random(5)
    sentences = real_sentences()
    documents = []
    for number in range(10):
        body = "\n\n".join("".join(rng.sample(sentences, 10)) for _ in range(10))
        text = f"新到通报第{number}号\n\n{body}\n"
        documents.append(Document(f"during:{number}", text.encode("utf-8")))
    db = make_database(_settings(data_dir).resolved_database_url)
    with Session(db) as session:
        count = repository.count_passages(session)
    # One tokenizer process: the other core is the one the questions are answered on.
    ingestion.in_order = functools.partial(in_order, workers=1)  # type: ignore[assignment]
    store_documents(db, documents)
    with Session(db) as session:
        return repository.count_passages(session) - count



def _insert_synthetic(engine: Engine, passages: list[list[str]]) -> None:
    """Write synthetic bulletins and passages in large batches, tokens included."""
    with Session(engine.db) as session, session.begin():
        for start in range(0, len(passages), INSERT_BATCH):
            batch = passages[start : start + INSERT_BATCH]
            ids = _insert_bulletins(session, start, len(batch))
            session.execute(insert(Passage), list(_passage_rows(batch, ids)))


def _insert_bulletins(session: Session, start: int, count: int) -> list[int]:
    first = start // PASSAGES_PER_BULLETIN
    numbers = range(first, first + -(-count // PASSAGES_PER_BULLETIN))
    rows = [
        {
            "title": f"合成通报第{n}号",
            "body": "",
            "origin": f"synthetic:{n}",
            "content_hash": hashlib.sha256(f"synthetic:{n}".encode()).hexdigest(),
            "related_titles": "",
        }
        for n in numbers
    ]
    result = session.execute(insert(Bulletin).returning(col(Bulletin.id)), rows)
    return [int(row[0]) for row in result]


def _passage_rows(batch: list[list[str]], bulletin_ids: list[int]) -> Iterator[dict[str, Any]]:
    for offset, tokens in enumerate(batch):
        yield {
            "bulletin_id": bulletin_ids[offset // PASSAGES_PER_BULLETIN],
            "position": offset % PASSAGES_PER_BULLETIN,
            "paragraph": 0,
            "text": "".join(tokens),
            "tokens": " ".join(tokens),
        }


def _ask_all(engine: Engine) -> tuple[list[float], dict[str, int]]:
    latencies: list[float] = []
    verdicts = {"correct": 0, "wrong": 0, "abstained": 0}
    for path in EVAL_FILES:
        for case in load_cases(path):
            started = time.perf_counter()
            answer = engine.ask(case.question, log=False)
            latencies.append((time.perf_counter() - started) * 1000)
            verdicts[judge(case, answer)] += 1
    return latencies, verdicts


def main() -> None:
    """``SIZE TOKENS.pkl`` measures; ``reindex DIR`` and ``ask DIR`` are its phases."""
    if sys.argv[1] == "reindex":
        print(json.dumps(_reindex(Path(sys.argv[2]))))
    elif sys.argv[1] == "ask":
        print(json.dumps(_ask(Path(sys.argv[2]))))
    elif sys.argv[1] == "during":
        print(json.dumps(_during(Path(sys.argv[2]))))
    elif sys.argv[1] == "write":
        print(json.dumps(_write(Path(sys.argv[2]))))
    else:
        with open(sys.argv[2], "rb") as handle:
            tokens: list[list[str]] = pickle.load(handle)
        print(json.dumps(measure(int(sys.argv[1]), tokens)))


if __name__ == "__main__":
    main()
