"""A figure in the unit of a physical measure is a measure of that kind even when the
sentence does not repeat the question's noun: 体长 asked, 灰凤冠雉长91厘米 written.
Checked on CMRC 2018 articles read from ../shared (CC BY-SA 4.0), never copied here."""

from __future__ import annotations

from pathlib import Path

import pytest

from service.engine import Engine
from service.settings import Settings
from tests.conftest import shared_path


@pytest.mark.parametrize(("article", "question", "value"), [
    ("c0114.txt", "灰凤冠雉的体长是多少？", 91),      # 灰凤冠雉长91厘米。
])
def test_the_unit_says_what_the_figure_measures(
    tmp_path: Path, article: str, question: str, value: float
) -> None:
    source = shared_path("corpus", "cmrc2018-dev", article)
    engine = Engine.open(Settings(  # type: ignore[call-arg]
        data_dir=tmp_path, database_url="", load_seeds=False, _env_file=None))
    try:
        engine.ingest_paths([source])
        assert engine.ask(question, log=False).value == pytest.approx(value)
    finally:
        engine.close()


def test_a_measure_noun_does_not_make_any_figure_in_its_unit_an_answer(tmp_path: Path) -> None:
    """The unit stands in for the noun only; the thing measured must still be the one asked."""
    source = shared_path("corpus", "cmrc2018-dev", "c0103.txt")
    engine = Engine.open(Settings(  # type: ignore[call-arg]
        data_dir=tmp_path, database_url="", load_seeds=False, _env_file=None))
    try:
        engine.ingest_paths([source])
        assert engine.ask("长江大桥全长多少？", log=False).abstained
    finally:
        engine.close()
