"""Past a size, new passages join the index in the background: questions asked meanwhile
are answered at once from the current index, and the grown index is swapped in and saved."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

import pytest

import service.engine as engine_module
from qa.types import Answer
from retrieval.index import PassageIndex, Row
from service import ingestion
from service.engine import Engine
from tests.conftest import SEED

QUESTION_2019 = "2019年高新区受理了多少举报投诉?"


def _bulletin_2019(tmp_path: Path) -> ingestion.Document:
    text = (SEED.read_text(encoding="utf-8").replace("2017年", "2019年")
            .replace("3843宗", "4321宗").replace("保驾护航", "再立新功"))
    return ingestion.Document(str(tmp_path / "2019.txt"), text.encode("utf-8"))


def test_questions_do_not_wait_while_the_index_grows(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine_module, "INLINE_GROWTH_LIMIT", 0)  # every index is "large"
    engine.settings.index_refresh_seconds = 0
    growing, release = threading.Event(), threading.Event()
    real_extended = PassageIndex.extended

    def held_extended(self: PassageIndex, rows: Iterable[Row]) -> PassageIndex | None:
        growing.set()
        release.wait(30)
        return real_extended(self, rows)

    monkeypatch.setattr(PassageIndex, "extended", held_extended)
    # Another process stores a bulletin: this engine only learns of it by refreshing.
    ingestion.store_documents(engine.db, [_bulletin_2019(tmp_path)])
    try:
        answers: list[Answer] = []
        asker = threading.Thread(target=lambda: answers.append(engine.ask(QUESTION_2019, log=False)))
        asker.start()
        assert growing.wait(10), "the question did not start a background refresh"
        asker.join(10)
        assert not asker.is_alive(), "a question waited for the index to grow"
        assert answers[0].abstained  # answered from the index it had
    finally:
        release.set()
    assert engine.wait_for_index_growth(30)
    assert engine.ask(QUESTION_2019, log=False).value == 4321
    saved = PassageIndex.load(engine.index_path)
    assert saved is not None and len(saved) == engine.stats().passages


def test_a_small_index_still_catches_up_before_answering(
    engine: Engine, tmp_path: Path
) -> None:
    engine.settings.index_refresh_seconds = 0
    ingestion.store_documents(engine.db, [_bulletin_2019(tmp_path)])
    assert engine.ask(QUESTION_2019, log=False).value == 4321
