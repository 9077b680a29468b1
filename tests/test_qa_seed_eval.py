"""The shared eval files through the whole pipeline (parse, store, index, extraction):
the seed questions all right, CMRC's numeric questions rarely wrong."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.engine import Engine
from service.evaluation import load_cases, run_cases
from tests.conftest import SEED, engine_over, shared_path


@pytest.fixture(scope="module")
def seed_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = engine_over(tmp_path_factory.mktemp("seed"), [SEED])
    yield engine
    engine.close()


def test_the_shared_seed_questions_are_all_answered_right(seed_engine: Engine) -> None:
    """The README's table: 27 of 27 (tests/data holds a copy, checked everywhere)."""
    cases = load_cases(shared_path("eval", "seed_qa.jsonl"))
    verdicts = Counter(r.verdict for r in run_cases(cases, lambda q: seed_engine.ask(q, log=False)))
    assert verdicts == {"correct": 27}, verdicts


def test_encyclopedia_questions_are_rarely_answered_wrong(tmp_path: Path) -> None:
    """Over CMRC's 193 numeric questions, wrong values stay rare (units are labelled there
    with suffixes such as 以上 or 个县, so only the value is judged)."""
    cases = [dataclasses.replace(case, unit=None)
             for case in load_cases(shared_path("eval", "cmrc2018_dev_numeric.jsonl"))]
    # Two CMRC articles are a single line, which the parser rightly refuses as no bulletin.
    engine = engine_over(tmp_path, [shared_path("corpus", "cmrc2018-dev")], unreadable=2)
    try:
        verdicts = Counter(r.verdict for r in run_cases(cases, lambda q: engine.ask(q, log=False)))
    finally:
        engine.close()
    assert verdicts["wrong"] <= 1 and verdicts["correct"] >= 150, verdicts
