"""A figure stated as a part of a whole (地方预算支出中，经济建设费为…; 总预备费…，占本年预算支出的…)
does not answer a question about the whole, and an abstention cites a figure of the other
status only when it is the asked thing's. Sentences from the 1956 State Council report,
which reviews the 1955 accounts and sets out the 1956 budget."""

from __future__ import annotations

import pytest

from qa.extract import answer
from qa.question import analyze
from tests.report_sentences import hit, province_report, report

REPORT_1956 = report(1956, 3)
BUDGET = "二、1956年的国家预算"


def test_a_part_after_its_whole_and_zhong_does_not_answer_the_whole() -> None:
    part = hit("地方预算支出中，经济建设费为２，８４９，４０５，０００元，占地方预算支出总数的３５．８４％，"
               "比上年增长５７．２７％；", bulletin=REPORT_1956, section=BUDGET)
    assert answer(analyze("1956年国家预算支出是多少？"), [part]).abstained
    asked_for_the_part = answer(analyze("1956年经济建设费是多少？"), [part])
    assert asked_for_the_part.value == pytest.approx(2_849_405_000)


def test_a_figure_whose_share_of_the_asked_whole_follows_is_a_part() -> None:
    reserve = hit("总预备费７９０，７０３，０００元，占本年预算支出的２．５７％。", bulletin=REPORT_1956,
                  section=BUDGET,
                  lead=("１９５６年国家预算规定债款支出７５９，２２７，０００元，占本年预算支出的２．４７％；",
                        "对外援助和其他支出６６９，３１５，０００元，占本年预算支出的２．１８％；"))
    assert answer(analyze("1956年国家预算支出是多少？"), [reserve]).abstained
    assert answer(analyze("1956年总预备费是多少？"), [reserve]).value == pytest.approx(790_703_000)


def test_an_abstention_cites_no_figure_of_another_thing_as_found_instead() -> None:
    """The minority regions' spending is an actual of 1956's budget year, but not the
    state budget's: asked for the planned whole, nothing is "只找到…实际数字"."""
    minorities = hit("对于少数民族地区，本年预算共支出７９１，４５９，０００元，比１９５５年增长３２．５６％。",
                     bulletin=REPORT_1956, section=BUDGET)
    result = answer(analyze("1956年国家预算支出计划是多少？"), [minorities])
    assert result.abstained and result.note is None


SHAANXI = province_report("陕西", "陕西省", 27)
JILIN = province_report("吉林", "吉林省", 7)
REVIEW_2025 = "一、2025年工作回顾"


def test_measures_joined_by_dun_share_the_first_ones_owner() -> None:
    """陕西 2026: 出口 after the 、 is the kiwi fruit's exports, and 8.5% is its output value,
    which names exports nowhere in its own clause."""
    kiwi = hit("延安苹果、汉中中药材入选国家级优势特色产业集群，猕猴桃综合产值增长8.5％、出口增长53.6％。",
               bulletin=SHAANXI, section=REVIEW_2025)
    assert answer(analyze("2025年陕西猕猴桃出口增长多少？"), [kiwi]).value == pytest.approx(53.6)
    assert answer(analyze("2025年陕西猕猴桃综合产值增长多少？"), [kiwi]).value == pytest.approx(8.5)


def test_large_firms_research_spending_is_not_the_whole_societys() -> None:
    """吉林 2026: the figure is 规上企业's; asked for 全社会, nothing in the report answers."""
    firms = hit("规上企业研发经费投入增长14.2%。", bulletin=JILIN, section=REVIEW_2025)
    assert answer(analyze("2025年吉林全社会研发投入增长多少？"), [firms]).abstained
    asked_for_firms = answer(analyze("2025年吉林规上企业研发经费投入增长多少？"), [firms])
    assert asked_for_firms.value == pytest.approx(14.2)


def test_a_question_joining_two_items_of_a_list_is_answered_by_neither() -> None:
    """2007 report: 科技、教育 asked together; 774亿元 is 科技's alone."""
    spending = hit("全年中央财政用于科技、教育、卫生和文化事业的支出分别为774亿元、536亿元、138亿元和"
                   "123亿元，比上年增长29.2%、39.4%、65.4%和23.9%。", bulletin=report(2007, 36),
                   section="一、2006年工作回顾")
    assert answer(analyze("2006年中央财政用于科技、教育支出是多少？"), [spending]).abstained
    assert answer(analyze("2006年中央财政用于科技支出是多少？"), [spending]).value == pytest.approx(774e8)
