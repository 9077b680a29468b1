"""Reworded seed questions and work-report questions are answered right or not at all.

The paraphrases are written independently of the eval file's wording, so passing them
shows the rules are general rather than tuned to 27 questions.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from qa.types import Answer
from service.engine import Engine
from service.evaluation import EvalCase, judge
from tests.conftest import SEED, SHARED, engine_over


def case(question: str, answer: str, value: float, unit: str) -> dict:
    return {"question": question, "answer": answer, "value": value, "unit": unit}


def verdict(case: dict, got: Answer) -> str:
    """The verdict `bulletin-bot eval` gives: correct, wrong or abstained."""
    return judge(EvalCase(id=case["question"], question=case["question"],
                          expected=case["answer"], value=case.get("value"),
                          unit=case.get("unit"), kind=case.get("kind", "quantity")), got)


PARAPHRASES: list[dict] = [
    case("2017年高新区各打假部门一共受理了几宗举报投诉？", "3843宗", 3843, "宗"),
    case("高新区挽回消费者经济损失多少钱?", "约650万余元", 6_500_000, "元"),
    case("春节国庆等节日前检查了多少户商户？", "200余户", 200, "户"),
    case("食品药品领域处理投诉举报多少宗?", "174宗", 174, "宗"),
    case("食品药品安全监管立案查处了几宗案件?", "36宗", 36, "宗"),
    case("农资打假出动工作人员多少人次?", "30多人次", 30, "人次"),
    case("农资打假一共进行过几次农药专项检查？", "7次", 7, "次"),
    case("網絡打假查處了幾宗違法案件？", "3宗", 3, "宗"),
    case("知识产权专项整治中检查了多少家次文体旅游场所?", "760家次", 760, "家次"),
    case("非法六合彩宣传资料收缴了多少册？", "21册", 21, "册"),
    case("一共清理了多少处游商地摊?", "3处", 3, "处"),
    case("知识产权整治排查整治安全隐患几起?", "59起", 59, "起"),
    case("旅游购物商场被关停了几家?", "2家", 2, "家"),
    case("没收违法所得和罚款一共是多少元？", "1316元", 1316, "元"),
    case("网上检查网站网店多少个次？", "152个次", 152, "个次"),
    case("旅游购物商场专项打假检查了多少家次商场?", "100余家次", 100, "家次"),
    case("无证黑网吧取缔了几家？", "1家", 1, "家"),
    {"question": "高新区这篇打假通报由哪个单位供稿?", "answer": "高新区市场监管局",
     "kind": "issuer"},
]

# Questions the seed cannot answer: the right response is to abstain.
UNANSWERABLE = [
    "2018年高新区受理了多少举报投诉?",
    "高新区去年有多少家企业上市?",
    "深圳市受理了多少举报投诉?",
    "高新区市场监管局局长是谁?",
]

GOV_CASES: list[dict] = [
    case("2023年城镇新增就业多少人?", "1244万人", 12_440_000, "人"),
    case("2022年城镇新增就业多少人?", "1206万人", 12_060_000, "人"),
    case("2018年城镇新增就业多少人?", "1361万人", 13_610_000, "人"),
    case("2024年城镇新增就业多少人?", "1256万人", 12_560_000, "人"),
    {**case("2024年城镇新增就业的预期目标是多少人?", "1200万人以上", 12_000_000, "人"),
     "status": "planned"},
]


@pytest.fixture(scope="module")
def seed_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = engine_over(tmp_path_factory.mktemp("seed"), [SEED])
    yield engine
    engine.close()


@pytest.mark.parametrize("case", PARAPHRASES, ids=lambda case: case["question"])
def test_paraphrased_seed_questions_are_answered_right(seed_engine: Engine, case: dict) -> None:
    assert verdict(case, seed_engine.ask(case["question"], log=False)) == "correct"


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_questions_the_seed_cannot_answer_abstain(seed_engine: Engine, question: str) -> None:
    got = seed_engine.ask(question, log=False)
    assert got.abstained, got.answer
    assert got.passages


@pytest.fixture(scope="module")
def gov_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    reports = SHARED / "corpus" / "gov-work-reports"
    if not reports.is_dir():
        pytest.skip("the shared gov-work-reports corpus is not present next to the repo")
    engine = engine_over(tmp_path_factory.mktemp("gov"), [reports])
    yield engine
    engine.close()


@pytest.mark.parametrize("case", GOV_CASES, ids=lambda case: case["question"])
def test_work_report_figures_come_from_the_asked_year(gov_engine: Engine, case: dict) -> None:
    got = gov_engine.ask(case["question"], log=False)
    assert verdict(case, got) == "correct", got.answer
    assert got.status == case.get("status", "achieved")
