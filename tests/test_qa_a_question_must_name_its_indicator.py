"""A question that says only how something changed (增长, 实际增长) names no indicator: every
figure of that year that grew would pass for its answer, so the bot asks which one."""

from __future__ import annotations

import pytest

from qa.extract import answer
from qa.question import analyze
from qa.render import NO_INDICATOR_NOTE
from tests.report_sentences import hit, report

# 2010 report, reviewing 2009.
RETAIL_2009 = hit("社会消费品零售总额实际增长16.9%，消费对经济增长的拉动作用明显增强。",
                  bulletin=report(2010, 33), section="一、2009年工作回顾")


@pytest.mark.parametrize("question", ["2009年实际增长多少？", "2009年增长了多少", "2009年是多少"])
def test_a_question_of_change_alone_is_asked_back(question: str) -> None:
    result = answer(analyze(question), [RETAIL_2009])
    assert result.abstained and result.value is None
    assert result.note == NO_INDICATOR_NOTE


def test_a_region_is_no_indicator() -> None:
    assert not analyze("2025年浙江增长多少").names_a_thing


def test_the_same_change_of_a_named_indicator_is_answered() -> None:
    result = answer(analyze("2009年社会消费品零售总额实际增长多少"), [RETAIL_2009])
    assert not result.abstained and result.value == pytest.approx(16.9)


def test_a_year_opening_a_question_without_nian_is_the_year_asked() -> None:
    """2024财政赤字规模目标: the year without its 年; 2000多人 is still a count."""
    deficit = hit("赤字率拟按3%安排，赤字规模4.06万亿元，比上年年初预算增加1800亿元。",
                  bulletin=report(2024, 50), section="二、2024年经济社会发展总体要求和政策取向")
    assert analyze("2024财政赤字规模目标是多少").years == (2024,)
    assert answer(analyze("2024财政赤字规模目标是多少"), [deficit]).value == pytest.approx(4.06e12)
    assert analyze("2000多人参加了吗").years == ()
