"""Extraction answers with the right figure and its context, or abstains and shows passages."""

from __future__ import annotations

from datetime import date

from qa.extract import answer
from qa.question import analyze
from qa.types import Answer
from retrieval.types import BulletinRef, Hit

SEED = BulletinRef(id=1, title="高新区落实打假责任为打造质量标准高地保驾护航",
                   issuer="高新区市场监管局", origin="seeds/x.txt", published=None, year=2017,
                   region="珠海市高新区")
REPORT_2023 = BulletinRef(id=2, title="2023年政府工作报告", issuer="国务院", origin="2023.txt",
                          published=date(2023, 3, 5), year=2023, region=None)
REPORT_2024 = BulletinRef(id=3, title="2024年政府工作报告", issuer="国务院", origin="2024.txt",
                          published=date(2024, 3, 5), year=2024, region=None)


def hit(bulletin: BulletinRef, text: str, section: str | None = None, score: float = 10.0,
        position: int = 0) -> Hit:
    return Hit(passage_id=hash((bulletin.id, text)), bulletin=bulletin, text=text,
               section=section, paragraph=1, position=position, score=score)


COMPLAINTS = hit(
    SEED, "2017年,各打假职能部门共受理举报投诉3843宗,为消费者挽回经济损失约650万余元。"
)
OTHER = hit(SEED, "组织节前打假行动3次,检查相关商户200余户,确保消费安全。", score=4.0)


def ask(question: str, hits: list[Hit]) -> Answer:
    return answer(analyze(question), hits)


def test_a_quantity_is_answered_with_value_unit_sentence_and_citation() -> None:
    got = ask("2017年高新区受理了多少举报投诉?", [COMPLAINTS, OTHER])
    assert not got.abstained
    assert got.answer == f"3843宗 — {COMPLAINTS.text}"
    assert (got.value, got.unit, got.approximate) == (3843, "宗", False)
    assert got.citation == SEED and got.sentence == COMPLAINTS.text
    assert (got.status, got.figure_year) == ("achieved", 2017)
    assert got.passages[0] == COMPLAINTS


def test_money_keeps_its_approximation_and_folded_scale() -> None:
    got = ask("高新区为消费者挽回了多少经济损失?", [COMPLAINTS, OTHER])
    assert (got.value, got.unit, got.approximate) == (6_500_000, "元", True)
    assert got.answer is not None and got.answer.startswith("约650万余元 — ")


def test_a_question_about_another_year_abstains_with_passages() -> None:
    got = ask("2018年高新区受理了多少举报投诉?", [COMPLAINTS, OTHER])
    assert got.abstained and got.answer is None and got.value is None
    assert got.passages == [COMPLAINTS, OTHER]


def test_a_question_about_another_region_abstains() -> None:
    assert ask("深圳市受理了多少举报投诉?", [COMPLAINTS, OTHER]).abstained


def test_two_different_figures_that_fit_equally_abstain() -> None:
    hits = [hit(SEED, "开展专项检查,检查商户200户。"), hit(SEED, "开展专项检查,检查商户300户。")]
    assert ask("检查了多少户商户?", hits).abstained


def test_a_question_that_wants_no_number_abstains() -> None:
    assert ask("高新区的打假工作做得好吗", [COMPLAINTS]).abstained


def test_a_target_is_answered_as_planned() -> None:
    target = hit(REPORT_2024, "城镇新增就业1200万人以上,城镇调查失业率5.5%左右;",
                 section="二、2024年经济社会发展总体要求和政策取向")
    got = ask("2024年城镇新增就业的预期目标是多少人?", [target])
    assert (got.value, got.unit, got.status, got.figure_year) == (12_000_000, "人", "planned", 2024)
    assert got.answer is not None and got.answer.startswith("预期目标：1200万人以上 — ")


def test_last_years_result_comes_from_the_next_report_not_the_old_target() -> None:
    old_target = hit(REPORT_2023, "城镇新增就业1200万人左右,城镇调查失业率5.5%左右;",
                     section="二、对今年政府工作的建议", score=12.0)
    result = hit(REPORT_2024, "城镇新增就业1244万人,城镇调查失业率平均为5.2%。",
                 section="一、2023年工作回顾", score=9.0)
    got = ask("2023年城镇新增就业多少人?", [old_target, result])
    assert (got.value, got.status, got.citation) == (12_440_000, "achieved", REPORT_2024)


def test_a_single_year_question_never_gets_a_multi_year_total() -> None:
    total = hit(REPORT_2023, "城镇新增就业年均1270多万人。", section="一、过去一年和五年工作回顾")
    assert ask("2022年城镇新增就业多少人?", [total]).abstained


def test_the_issuer_comes_from_the_best_matching_bulletin() -> None:
    got = ask("这篇通报是哪个单位供稿的?", [COMPLAINTS, OTHER])
    assert got.answer == f"高新区市场监管局 — 《{SEED.title}》"
    assert got.citation == SEED
