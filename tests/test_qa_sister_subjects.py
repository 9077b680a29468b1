"""A figure whose own clause names a sister of the asked thing measures that sister:
臀鳍 beside 背鳍, 雄性 beside 雌性, 龙烟铁路 inside 德龙烟铁路, 绥芬河站 beside 哈尔滨站.
The sentences are CMRC 2018 articles read from ../shared (CC BY-SA 4.0), never copied
here; each case quotes the sentence that decides it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from qa.extract import answer
from qa.question import analyze
from retrieval.types import BulletinRef, Hit
from service.engine import Engine
from service.settings import Settings
from tests.conftest import shared_path

ARTICLES = ("c0157.txt", "c0074.txt", "c0026.txt", "c0162.txt", "c0182.txt", "c0070.txt",
            "c0002.txt", "c0057.txt")


@pytest.fixture(scope="module")
def articles_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    data: Path = tmp_path_factory.mktemp("sisters")
    engine = Engine.open(Settings(  # type: ignore[call-arg]
        data_dir=data, database_url="", load_seeds=False, _env_file=None))
    engine.ingest_paths([shared_path("corpus", "cmrc2018-dev", name) for name in ARTICLES])
    yield engine
    engine.close()


@pytest.mark.parametrize(("question", "value", "deciding_sentence"), [
    ("短齿天竺鲷有多少枚背鳍硬棘？", 8, "背鳍硬棘8枚，软条9枚；臀鳍硬棘2枚、软条8枚。"),
    ("短齿天竺鲷有多少枚臀鳍硬棘？", 2, "背鳍硬棘8枚，软条9枚；臀鳍硬棘2枚、软条8枚。"),
    ("雌性红腹锉尾蛇体长约是多少？", 10,
     "雄性约有13英寸长，而雌性则普遍只有10英寸长。"),
    ("十五数字推盘的最优解至多有多少步？", 80,
     "十五数字推盘的最优解至多有80步；而八数字推盘的最优解至多有31步。"),
    ("横道河子站距离哈尔滨站多少公里？", 272, "距哈尔滨站272公里，绥芬河站276公里。"),
    ("色林错的湖水面积是多少平方公里？", 2391, "湖水面积2391平方公里，流域面积45530平方公里"),
    ("屈臣氏酒窖在香港设有多少家分店？", 28, "现时在香港共有28间分店，上海设有2间分店。"),
])
def test_the_sister_of_the_asked_thing_does_not_rival_it(
    articles_engine: Engine, question: str, value: float, deciding_sentence: str
) -> None:
    result = articles_engine.ask(question, log=False)
    assert result.value == pytest.approx(value), (deciding_sentence, result.answer)


def test_a_record_is_the_same_word_in_either_spelling(articles_engine: Engine) -> None:
    """穴蝰体长平均有30至50公分，最长纪录为70公分: 记录 asked, 纪录 written."""
    assert articles_engine.ask("穴蝰最长记录是多长？", log=False).value == pytest.approx(70)


PUZZLES = BulletinRef(id=1, title="数字推盘游戏", issuer=None, origin="c0026.txt",
                      published=None, year=None, region=None)
RAILWAY = BulletinRef(id=2, title="德龙烟铁路", issuer=None, origin="c0002.txt",
                      published=None, year=None, region=None)


def hit(text: str, bulletin: BulletinRef, lead: tuple[str, ...] = (), passage_id: int = 1) -> Hit:
    return Hit(passage_id=passage_id, bulletin=bulletin, text=text, section=None,
               paragraph=0, position=len(lead), score=1.0, lead=lead)


def test_a_shorter_name_inside_the_asked_name_is_another_thing() -> None:
    """德龙烟铁路: 龙烟铁路全长123公里 is one of its three lines, not the whole railway."""
    passage = hit("龙烟铁路全长123公里，西起大莱龙铁路龙口西站。", RAILWAY)
    assert answer(analyze("德龙烟铁路全长多少公里？"), [passage]).abstained


def test_the_documents_own_kind_of_thing_names_the_document_subject() -> None:
    """线路全长548公里 in 《德龙烟铁路》: 线路 is the railway itself, not a sister of 铁路."""
    passage = hit("线路全长548公里，设计时速每小时160公里。", RAILWAY)
    assert answer(analyze("德龙烟铁路全长多少公里？"), [passage]).value == pytest.approx(548)


def test_a_numeral_before_the_name_makes_another_puzzle() -> None:
    """而八数字推盘的最优解至多有31步 (after 十五数字推盘…80步) answers for 八 only."""
    alone = hit("而八数字推盘的最优解至多有31步。", PUZZLES,
                lead=("十五数字推盘的最优解至多有80步；",))
    assert answer(analyze("十五数字推盘的最优解至多有多少步？"), [alone]).abstained
    assert answer(analyze("八数字推盘的最优解至多有多少步？"), [alone]).value == 31


SEED = BulletinRef(id=3, title="高新区2017年打假工作情况", issuer=None, origin="seed.txt",
                   published=None, year=2017, region=None)


def test_handling_is_not_accepting() -> None:
    """Seed bulletin: 处理投诉举报174宗 counts complaints handled, not complaints received
    (受理); with the 受理 sentence missing, the question is not answered with it."""
    passage = hit("区市场监管局扎实开展食品药品安全监管工作，处理投诉举报174宗。", SEED)
    assert answer(analyze("2017年高新区受理了多少举报投诉?"), [passage]).abstained
    assert answer(analyze("2017年高新区处理了多少举报投诉?"), [passage]).value == 174
