"""Reworded seed questions and work-report questions are answered right or not at all.

The paraphrases are written independently of the eval file's wording, so passing them
shows the rules are general rather than tuned to 27 questions.
"""

from __future__ import annotations

import pytest
from qa_harness import SHARED, Corpus, corpus_for, verdict


def case(question: str, answer: str, value: float, unit: str) -> dict:
    return {"question": question, "answer": answer, "value": value, "unit": unit}


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
def seed_corpus() -> Corpus:
    return corpus_for("seed")


@pytest.mark.parametrize("case", PARAPHRASES, ids=lambda case: case["question"])
def test_paraphrased_seed_questions_are_answered_right(seed_corpus: Corpus, case: dict) -> None:
    assert verdict(case, seed_corpus.ask(case["question"])) == "correct"


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_questions_the_seed_cannot_answer_abstain(seed_corpus: Corpus, question: str) -> None:
    got = seed_corpus.ask(question)
    assert got.abstained, got.answer
    assert got.passages


@pytest.fixture(scope="module")
def gov_corpus() -> Corpus:
    if not (SHARED / "corpus" / "gov-work-reports").is_dir():
        pytest.skip("the shared gov-work-reports corpus is not present next to the repo")
    return corpus_for("gov")


@pytest.mark.parametrize("case", GOV_CASES, ids=lambda case: case["question"])
def test_work_report_figures_come_from_the_asked_year(gov_corpus: Corpus, case: dict) -> None:
    got = gov_corpus.ask(case["question"])
    assert verdict(case, got) == "correct", got.answer
    assert got.status == case.get("status", "achieved")
