"""A figure's year comes from its sentence, then its section, then its bulletin."""

from __future__ import annotations

from qa.timeframe import Timeframe, figure_timeframe


def year_of(
    sentence: str, figure: str, section: str | None, bulletin_year: int | None
) -> Timeframe:
    return figure_timeframe(sentence, sentence.index(figure), section, bulletin_year)


def test_an_explicit_year_before_the_figure_wins() -> None:
    sentence = "2017年,各打假职能部门共受理举报投诉3843宗"
    assert year_of(sentence, "3843", None, 2018) == Timeframe(2017)


def test_a_review_section_dates_an_undated_figure() -> None:
    assert year_of("城镇新增就业1244万人", "1244", "一、2023年工作回顾", 2024) == Timeframe(2023)


def test_relative_words_resolve_against_the_bulletin_year() -> None:
    assert year_of("今年来共组织专项行动4次", "4次", None, 2017) == Timeframe(2017)
    assert year_of("去年城镇新增就业1206万人", "1206", None, 2023) == Timeframe(2022)


def test_whole_year_follows_the_section_it_stands_in() -> None:
    sentence = "全年国内生产总值增长3%,城镇新增就业1206万人"
    assert year_of(sentence, "1206", "一、过去一年和五年工作回顾", 2023) == Timeframe(2022)


def test_multi_year_totals_and_averages_are_spans() -> None:
    assert year_of("城镇新增就业年均1270多万人", "1270", None, 2023).span
    assert year_of("城镇新增就业6600万人以上", "6600", "一、过去五年工作回顾", 2018).span
    assert year_of("2012—2017年累计新增就业6000万人", "6000", None, 2018).span


def test_an_undated_figure_takes_the_bulletin_year() -> None:
    assert year_of("检查相关商户200余户", "200", None, 2017) == Timeframe(2017)
    assert year_of("全长364.6公里", "364", None, None) == Timeframe(None)
