"""Number spans carry the value with its scale folded in, and skip dates, years, ordinals."""

from __future__ import annotations

import pytest

from qa.numbers import find_numbers


def spans(text: str, extra: tuple[str, ...] = ()) -> list[tuple[float, str, bool]]:
    return [(s.value, s.unit, s.approximate) for s in find_numbers(text, extra)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("共受理举报投诉3843宗", (3843, "宗", False)),
        ("挽回经济损失约650万余元", (6_500_000, "元", True)),
        ("检查相关商户200余户", (200, "户", True)),
        ("出动工作人员30多人次", (30, "人次", True)),
        ("财政收入1.2万亿元", (1.2e12, "元", False)),
        ("受理三千八百四十三宗", (3843, "宗", False)),
        ("补贴两万元", (20_000, "元", False)),
        ("总面积近5.6万平方米", (56_000, "平方米", True)),
        ("全长1,234.5米", (1234.5, "米", False)),
        ("增长5.2%", (5.2, "%", False)),
        ("城镇新增就业1200万人以上", (12_000_000, "人", True)),
        ("网上检查网站、网店152个次", (152, "个次", False)),
        ("可以追溯到6000年前", (6000, "年", False)),
    ],
)
def test_a_figure_reads_as_value_unit_and_approximation(
    text: str, expected: tuple[float, str, bool]
) -> None:
    assert spans(text) == [expected]


@pytest.mark.parametrize(
    "text",
    ["组织3•15大型活动", "组织3·15大型活动", "2017年,高新区", "第二次专项行动",
     "一是各级领导高度重视", "2009年4月28日上市"],
)
def test_dates_years_and_ordinals_are_no_quantities(text: str) -> None:
    assert spans(text) == []


def test_a_unit_only_the_question_names_is_found_when_asked_for() -> None:
    assert spans("继续开展5大专项行动") == []
    assert spans("继续开展5大专项行动", ("大",)) == [(5, "大", False)]


def test_a_composite_unit_does_not_swallow_the_next_word() -> None:
    assert spans("下辖的5个次级行政区") == [(5, "个", False)]


def test_a_range_is_one_approximate_figure_valued_at_its_lower_bound() -> None:
    found = find_numbers("国内生产总值增长6%-6.5%;")
    assert [(s.raw, s.value) for s in found] == [("6%-6.5%", 6.0)]
    assert spans("约70至80分钟") == [(70, "分钟", True)]
    assert spans("1.2-1.5万人") == [(12_000, "人", True)]


def test_a_vulgar_fraction_is_no_figure_of_its_denominator() -> None:
    """½ reaches extraction as 1⁄2 (NFKC, fraction slash): 增加½平方米 is not 2平方米."""
    from retrieval.tokenizer import normalize

    assert spans(normalize("比上年增加½平方米，新建住房１２００套")) == [(1200, "套", False)]


def test_square_metres_typed_as_one_character_stay_an_area() -> None:
    """㎡ and ㎢ fold to m2 and km2: an area, not 36.5 metres."""
    from retrieval.tokenizer import normalize

    assert spans(normalize("人均住房面积达到３６．５㎡，全市面积１６．８㎢")) == [
        (36.5, "m2", False), (16.8, "km2", False)]
