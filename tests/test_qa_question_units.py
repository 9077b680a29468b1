"""Question analysis finds the unit, year, region and kind a question asks about."""

from __future__ import annotations

import pytest

from qa.question import analyze


@pytest.mark.parametrize(
    ("question", "accepted", "refused"),
    [
        ("取缔了几家无证黑网吧?", ["家", "家次"], ["人", "元"]),
        ("农药案件罚款共多少钱?", ["元", "美元"], ["宗"]),
        ("组织了几次节前打假行动?", ["次"], ["人次"]),
        ("出动了多少人次?", ["人次"], ["次", "元"]),
        ("查处了几宗网络违法案件?", ["宗", "件", "起"], ["次"]),
        ("网上检查了多少个次网站?", ["个次"], ["次"]),
        ("检查了多少户商户?", ["户"], ["人"]),
        ("清理了几处游商地摊?", ["处"], ["家"]),
        ("收缴了多少册宣传资料?", ["册"], ["本"]),
        ("继续开展了几大专项行动?", ["大"], ["次"]),
        ("全长多少公里?", ["公里", "km"], ["米"]),
        ("一共投资多少亿元?", ["元"], ["亿"]),
        ("参赛的有多少人?", ["人", "名"], ["元"]),
        ("出动了多少检查人员?", ["人", "人次"], ["次"]),
        ("涉案罚没款是多少?", ["元"], ["宗"]),
        ("高新区为消费者挽回了多少经济损失?", ["元"], ["人"]),
        ("华北陆块面积达多少平方公里?", ["平方公里"], ["平方米"]),
    ],
)
def test_the_question_decides_which_units_may_answer(
    question: str, accepted: list[str], refused: list[str]
) -> None:
    units = analyze(question).units
    assert all(unit in units for unit in accepted), units
    assert not any(unit in units for unit in refused), units


def test_years_and_regions_become_constraints_not_search_words() -> None:
    analysis = analyze("2017年高新区受理了多少举报投诉?")
    assert analysis.years == (2017,)
    assert analysis.regions == ("高新区",)
    assert "2017" not in analysis.query_tokens
    assert "举报投诉" in analysis.keywords and "高新区" not in analysis.keywords


def test_traditional_script_is_read_as_simplified() -> None:
    analysis = analyze("高新區受理了多少舉報投訴？")
    assert analysis.text == "高新区受理了多少举报投诉?"
    assert "举报投诉" in analysis.query_tokens


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("这篇通报是哪个单位供稿的?", "issuer"),
        ("节前打假行动组织了几次?", "quantity"),
        ("无锡市辅仁中学创办于哪一年?", "date"),
        ("高新区的打假工作做得好吗", "other"),
    ],
)
def test_the_kind_of_answer_wanted_is_recognised(question: str, kind: str) -> None:
    assert analyze(question).kind == kind


def test_a_target_question_wants_a_planned_figure() -> None:
    assert analyze("2024年城镇新增就业的预期目标是多少?").wants_planned
    assert not analyze("2023年城镇新增就业多少人?").wants_planned
