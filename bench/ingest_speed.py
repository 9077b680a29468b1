"""Ingest speed against raw jieba, in one process, on ``../shared/corpus/cmrc2018-dev``.

Raw jieba is ``jieba.Tokenizer().lcut`` over each file's text on one core. Ingest is
``Engine.ingest_paths`` on an empty SQLite store, everything included: decoding, parsing,
tokenizing on every core, storing and bringing the index up to date. Each tokenizer's
dictionary is loaded beforehand, once per process, and timed apart (``*_dictionary_s``):
a serving process has it loaded already, and raw jieba's rate counts no load either.
Both are reported in characters of the files a second, and in CPU seconds (this process
and its workers): on a machine shared with other work the wall-clock ratio swings with
the load, the CPU one much less.
"""

from __future__ import annotations

import gc
import json
import logging
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import jieba  # noqa: E402
from corpus import SHARED  # noqa: E402

from retrieval.tokenizer import load_whole_dictionary  # noqa: E402
from service.engine import Engine  # noqa: E402
from service.settings import Settings  # noqa: E402

CORPUS = SHARED / "corpus" / "cmrc2018-dev"


def main() -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    chars = sum(map(len, texts))
    jieba.setLogLevel(logging.WARNING)
    raw = jieba.Tokenizer()
    started = time.perf_counter()
    raw.initialize()
    raw_dictionary_s = time.perf_counter() - started
    started, cpu = time.perf_counter(), _cpu_seconds()
    for text in texts:
        raw.lcut(text)
    raw_s, raw_cpu_s = time.perf_counter() - started, _cpu_seconds() - cpu
    del raw  # a second dictionary in memory would weigh on the ingest's forked workers
    gc.collect()
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(  # type: ignore[call-arg]
            data_dir=Path(scratch), database_url="", load_seeds=False, _env_file=None
        )
        engine = Engine.open(settings)
        started = time.perf_counter()
        load_whole_dictionary()
        dictionary_s = time.perf_counter() - started
        started, cpu, own = time.perf_counter(), _cpu_seconds(), _cpu_seconds(children=False)
        engine.ingest_paths([CORPUS])
        ingest_s, ingest_cpu_s = time.perf_counter() - started, _cpu_seconds() - cpu
        main_cpu_s = _cpu_seconds(children=False) - own
        passages = engine.stats().passages
        engine.close()
    print(json.dumps({
        "chars": chars, "passages": passages, "cores": os.cpu_count() or 1,
        "raw_chars_per_s": chars / raw_s, "ingest_chars_per_s": chars / ingest_s,
        "raw_s": raw_s, "ingest_s": ingest_s, "raw_cpu_s": raw_cpu_s,
        "ingest_cpu_s": ingest_cpu_s, "ingest_main_cpu_s": main_cpu_s,
        "ingest_workers_cpu_s": ingest_cpu_s - main_cpu_s,
        "raw_dictionary_s": raw_dictionary_s, "dictionary_s": dictionary_s,
        "load_average": os.getloadavg(),
    }))


def _cpu_seconds(children: bool = True) -> float:
    """User and system CPU of this process and (``children``) of its finished workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    total = own.ru_utime + own.ru_stime
    if children:
        workers = resource.getrusage(resource.RUSAGE_CHILDREN)
        total += workers.ru_utime + workers.ru_stime
    return total


if __name__ == "__main__":
    main()
