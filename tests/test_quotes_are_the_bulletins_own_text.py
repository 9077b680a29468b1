"""The quote (原文) is the stored original sentence byte for byte, full-width marks kept,
in the bot, the chat and ``ask``; old stores keep working and get originals back."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlmodel import Session, col, select
from typer.testing import CliRunner

from cli.main import app
from ingest.parse import parse_bulletin
from ingest.verbatim import _Squeezed, normalize_chars, originals
from service.engine import Engine
from service.settings import Settings
from store.db import make_database
from store.models import Passage
from store.schema import alembic_config, upgrade
from tests.offline_bot import feed, private_text
from tests.replies import BULLETIN, FIGURE, FIGURE_SENTENCE, QUESTION, write_bulletin

runner = CliRunner()


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    write_bulletin(folder)
    return folder


@pytest.fixture
def settings(tmp_path: Path, database_url: str, seeds: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        data_dir=tmp_path / "data", database_url=database_url, seeds_dir=seeds, _env_file=None
    )


def _stored_original(engine: Engine, fragment: str) -> str | None:
    with Session(engine.db) as session:
        passage = session.exec(select(Passage).where(col(Passage.text).contains(fragment))).one()
        return passage.original


def test_offsets_map_back_where_normalisation_changes_lengths() -> None:
    source = "面积３６．５㎡，增加½平方米……\n共受理申请４５６０件。"
    squares = normalize_chars("㎡½…")
    assert len(squares) > 3  # m2, 1⁄2, ...: longer than what the page typed
    assert originals(source, ["面积36.5m2,增加1⁄2平方米......", "共受理申请4560件。"]) == [
        "面积３６．５㎡，增加½平方米……", "共受理申请４５６０件。"]
    assert originals(source, ["共受理申请4560件。", "面积36.5m2,增加1⁄2平方米"]) == [
        "共受理申请４５６０件。", "面积３６．５㎡，增加½平方米"]  # out of order, cut short
    assert originals(source, ["共受理申请4561件。"]) == [None]  # not in the source
    assert originals(source, ["面积36.5m2,增加1⁄2平方米......共受理申请4560件。"]) == [
        "面积３６．５㎡，增加½平方米……共受理申请４５６０件。"]  # a line break the parser joined


def test_every_position_maps_back_to_the_character_that_produced_it() -> None:
    """The fast map (translate, bisect among the characters that change length) against
    the plain definition: each source character folded on its own, whitespace dropped."""
    generator = random.Random(15)
    alphabet = [*"东城市，。１２３㎡½…abc]^\\-", "\u200b", " ", "\n", "\u3000", "\xa0"]
    for _ in range(3000):
        text = "".join(generator.choices(alphabet, k=generator.randint(0, 30)))
        expected_text, expected_sources = "", []
        for index, char in enumerate(text):
            folded = "".join(normalize_chars(char).split())
            expected_text += folded
            expected_sources += [index] * len(folded)
        squeezed = _Squeezed(text)
        assert squeezed.text == expected_text, repr(text)
        assert [squeezed.source_index(p) for p in range(len(expected_text))] == \
            expected_sources, repr(text)


def test_every_parsed_sentence_keeps_the_text_as_typed() -> None:
    sentences = parse_bulletin(BULLETIN).sentences()
    assert sentences
    for sentence in sentences:
        assert sentence.original is not None, sentence.text
        assert sentence.original in BULLETIN.replace("\u200b", "") or "\u200b" in sentence.original
        assert normalize_chars(sentence.original) == sentence.text
    [figure] = [s for s in sentences if "4560件" in s.text]
    assert figure.text == "全年共受理住房保障申请4560件,办结率达到98%;"
    assert figure.original == FIGURE_SENTENCE


async def test_bot_quotes_the_stored_original_byte_for_byte(bot: Any, engine: Engine) -> None:
    application, api = bot
    await feed(application, private_text(7, QUESTION))
    [sent] = api.sent
    stored = _stored_original(engine, "4560件")
    assert stored == FIGURE_SENTENCE
    assert f"原文：“{stored}”" in sent["text"]
    assert f"<b>{FIGURE}</b>" in sent["text"]


def test_cli_ask_and_json_quote_the_original(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, seeds: Path
) -> None:
    monkeypatch.setenv("DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("SEEDS_DIR", str(seeds))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(tmp_path)
    shown = runner.invoke(app, ["ask", QUESTION])
    assert shown.exit_code == 0, shown.output
    assert f"原文：“{FIGURE_SENTENCE}”\n" in shown.output
    answer = json.loads(runner.invoke(app, ["ask", "--json", QUESTION]).output)
    assert answer["sentence"] == FIGURE_SENTENCE
    assert answer["answer"] == f"{FIGURE} — {FIGURE_SENTENCE}"
    assert answer["figure"] == FIGURE and answer["value"] == 4560


def test_a_store_from_before_originals_upgrades_answers_and_gets_them_back(
    settings: Settings, seeds: Path
) -> None:
    Engine.open(settings).close()
    db = make_database(settings.resolved_database_url)
    with db.begin() as connection:  # the store as revision 0003 left it: no originals
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    upgrade(db)
    db.dispose()

    engine = Engine.open(settings)
    try:
        assert _stored_original(engine, "4560件") is None  # "，" may have been "," or "，"
        assert _stored_original(engine, "群众满意度") == "群众满意度明显提高。"  # nothing to fold
        old = engine.ask(QUESTION, log=False)
        assert old.value == 4560
        assert old.sentence == "全年共受理住房保障申请4560件,办结率达到98%;"  # as stored

        report = engine.ingest_paths(sorted(seeds.iterdir()))
        assert report.duplicates and not report.added
        assert _stored_original(engine, "4560件") == FIGURE_SENTENCE
        assert engine.ask(QUESTION, log=False).sentence == FIGURE_SENTENCE
    finally:
        engine.close()
