"""A rebuild of the index must never stall questions: they use the old index meanwhile."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

import pytest

from qa.types import Answer
from retrieval.index import PassageIndex, Row
from service.engine import Engine
from tests.conftest import SEED

QUESTION = "2017年高新区受理了多少举报投诉?"


def test_questions_are_answered_while_a_rebuild_is_blocked(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine.settings.index_refresh_seconds = 0  # every question checks for new passages
    building, release = threading.Event(), threading.Event()
    real_build = PassageIndex.build.__func__  # type: ignore[attr-defined]

    def held_build(cls: type[PassageIndex], rows: Iterable[Row]) -> PassageIndex:
        building.set()
        release.wait(30)
        return real_build(cls, rows)  # type: ignore[no-any-return]

    monkeypatch.setattr(PassageIndex, "build", classmethod(held_build))
    rebuild = threading.Thread(target=engine.reindex)
    rebuild.start()
    try:
        assert building.wait(10), "the rebuild never started"
        answers: list[Answer] = []
        asker = threading.Thread(target=lambda: answers.append(engine.ask(QUESTION, log=False)))
        asker.start()
        asker.join(10)
        assert not asker.is_alive(), "a question waited for the rebuild"
        assert answers[0].value == 3843
    finally:
        release.set()
        rebuild.join(30)
    assert engine.ask(QUESTION, log=False).value == 3843


def test_a_bulletin_ingested_during_use_is_answerable_at_once(
    engine: Engine, tmp_path: Path
) -> None:
    text = SEED.read_text(encoding="utf-8").replace("3843宗", "4321宗").replace(
        "高新区落实打假责任", "新区落实打假责任"
    ).replace("2017年", "2019年")
    new = tmp_path / "new.txt"
    new.write_text(text, encoding="utf-8")
    engine.ingest_paths([new])
    assert engine.ask("2019年高新区受理了多少举报投诉?", log=False).value == 4321
