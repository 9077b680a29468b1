"""End-to-end ``Engine.ask`` on a store of a million passages, as the bot would run it.

The real bulletins (the seed, the gov work reports, the CMRC articles) are ingested
through the normal path so their questions have answers; synthetic bulletins recombined
from the same sentences fill the store up to the asked size, written straight into the
tables with their tokens, as ingest would have left them. Then the index is rebuilt from
stored tokens (timed: that is what ``bulletin-bot reindex`` does) and every eval question
is asked end to end: retrieval, fetching passages from the database, extraction.

Run by ``run_bench.py --ask-size N`` in its own process, so peak RSS is its own.
"""

from __future__ import annotations

import hashlib
import json
import resource
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

from corpus import SHARED, SOURCES, recombine  # noqa: E402

from service.engine import Engine  # noqa: E402
from service.evaluation import judge, load_cases  # noqa: E402
from service.settings import Settings  # noqa: E402
from store.models import Bulletin, Passage  # noqa: E402

PASSAGES_PER_BULLETIN = 100
INSERT_BATCH = 20_000
EVAL_FILES = (SHARED / "eval" / "seed_qa.jsonl", SHARED / "eval" / "cmrc2018_dev_numeric.jsonl")


def measure(size: int, sentences: list[list[str]]) -> dict[str, Any]:
    """Fill a throwaway store to ``size`` passages, rebuild, then ask every eval question."""
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(  # type: ignore[call-arg]
            data_dir=Path(scratch), database_url="", load_seeds=False, _env_file=None
        )
        engine = Engine.open(settings)
        try:
            return _measure(engine, size, sentences)
        finally:
            engine.close()


def _measure(engine: Engine, size: int, sentences: list[list[str]]) -> dict[str, Any]:
    started = time.perf_counter()
    engine.ingest_paths([REPO / "seeds", *SOURCES])
    real = engine.stats().passages
    ingest_s = time.perf_counter() - started
    started = time.perf_counter()
    _insert_synthetic(engine, recombine(sentences, max(0, size - real), seed=7))
    fill_s = time.perf_counter() - started
    reindex_s = engine.reindex()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    latencies, verdicts = _ask_all(engine)
    return {
        "size": engine.stats().passages,
        "real_passages": real,
        "ingest_real_s": ingest_s,
        "fill_s": fill_s,
        "reindex_s": reindex_s,
        "peak_rss_mb": peak,
        "ask_ms": _percentiles(latencies),
        "questions": len(latencies),
        "verdicts": verdicts,
    }


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


def _percentiles(values: list[float]) -> list[float]:
    ordered = sorted(values)
    return [ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]]


if __name__ == "__main__":
    import pickle

    with open(sys.argv[2], "rb") as handle:
        tokens: list[list[str]] = pickle.load(handle)
    print(json.dumps(measure(int(sys.argv[1]), tokens)))
