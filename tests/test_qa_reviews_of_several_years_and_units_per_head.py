"""A review of several years (过去五年, “十四五”时期) states levels reached at its end and
changes over all of it: the level reached (增加到121万亿元) is its last year's, the change
(下降27.5%) is no single year's. Units say what is measured: 元/人 is no sum of money,
千瓦小时 no power, and a capacity (生产能力) no output."""

from __future__ import annotations

from dataclasses import replace

import pytest

from qa.extract import answer
from qa.numbers import find_numbers
from qa.question import analyze
from retrieval.tokenizer import normalize
from retrieval.types import Hit
from tests.report_sentences import hit, province_report, report

REPORT_2023 = report(2023, 48)
ONE_AND_FIVE_YEARS = "一、过去一年和五年工作回顾"
FIVE_YEARS_OPEN = ("过去五年极不寻常、极不平凡。",)


def five_year_item(sentence: str, *lead: str) -> Hit:
    """A sentence of the five-year part of the 2023 report's review, which follows the
    paragraph opening 过去五年 under a heading of one year and five."""
    return replace(hit(sentence, bulletin=REPORT_2023, section=ONE_AND_FIVE_YEARS, lead=lead),
                   earlier=FIVE_YEARS_OPEN)


def test_the_level_a_five_year_review_reached_is_its_last_years() -> None:
    gdp = five_year_item("国内生产总值增加到121万亿元，五年年均增长5.2%，十年增加近70万亿元、"
                         "年均增长6.2%，在高基数基础上实现了中高速增长、迈向高质量发展。",
                         "——经济发展再上新台阶。")
    result = answer(analyze("2022年国内生产总值是多少？"), [gdp])
    assert result.value == pytest.approx(121e12) and result.figure_year == 2022


def test_a_change_over_five_years_is_no_single_years_under_a_heading_of_both() -> None:
    pm25 = five_year_item("地级及以上城市细颗粒物（PM2.5）平均浓度下降27.5%，重污染天数下降超过五成，"
                          "全国地表水优良水体比例由67.9%上升到87.9%。", "——生态环境明显改善。",
                          "单位国内生产总值能耗下降8.1%、二氧化碳排放下降14.1%。")
    assert answer(analyze("2022年PM2.5平均浓度下降多少？"), [pm25]).abstained


def test_a_questions_span_of_years_is_not_part_of_its_indicator() -> None:
    assert analyze("2018年到2022年货物进出口总额年均增长多少？").indicator == "货物进出口总额年均增长"


def test_an_amount_per_head_is_not_an_amount() -> None:
    """上海 2026: 42万元/人 is labour productivity, never a 生产总值 in 元."""
    span = find_numbers("全员劳动生产率提高到42万元/人以上")[0]
    assert span.unit == "元/人"
    sentence = ("全市生产总值从4.16万亿元增加到5.67万亿元，成为全国首个经济总量突破5万亿元的城市，"
                "跻身全球城市前五位，人均地区生产总值达到3.2万美元，全员劳动生产率提高到42万元/人以上，"
                "单位生产总值能耗累计下降14%。")
    shanghai = hit(sentence, bulletin=province_report("上海", "上海市", 9),
                   section="二、关于《上海市国民经济和社会发展第十五个五年规划纲要（草案）》的说明",
                   lead=("“十四五”时期，上海发展历程极不寻常、极不平凡。", "这五年，综合经济实力再攀新高峰。"))
    gdp = answer(analyze("2025年上海地区生产总值是多少？"), [shanghai])
    assert all(row["rejected"] or row["figure"] != "42万元/人以上" for row in gdp.explain)
    productivity = answer(analyze("2025年上海全员劳动生产率是多少？"), [shanghai])
    assert (productivity.value, productivity.unit) == (pytest.approx(420_000), "元/人")


def test_kilowatt_hours_are_read_whole() -> None:
    """1987 report: 发电量达到４４５５亿千瓦小时 is energy, not 4455亿千瓦 of capacity."""
    spans = find_numbers(normalize("钢产量达到５２０５万吨，比上年增长１１．２％；发电量达到４４５５亿千瓦小时，"))
    assert [s.unit for s in spans] == ["吨", "%", "千瓦小时"]


def test_a_capacity_is_not_an_output() -> None:
    """2018 report, 过去五年工作回顾: 粮食生产能力 is what the land could yield."""
    capacity = hit("粮食生产能力达到1.2万亿斤。", bulletin=report(2018, 43), section="一、过去五年工作回顾")
    assert answer(analyze("2017年粮食产量是多少？"), [capacity]).abstained
    assert answer(analyze("2017年粮食生产能力是多少？"), [capacity]).value == pytest.approx(1.2e12)


def test_a_unit_written_in_words_is_reported_in_its_usual_form() -> None:
    """四川 2026 writes 28.5微克每立方米; the figure is 28.5 微克/立方米, and a question asking
    in either spelling takes it."""
    pm25 = hit("筑牢长江黄河上游生态屏障，PM2.5平均浓度降至28.5微克每立方米，创有监测记录以来最好水平，"
               "203个地表水国考断面水质优良率达100%，土壤环境质量保持稳定。",
               bulletin=province_report("四川", "四川省", 23), section="一、2025年工作回顾")
    for question in ("2025年四川PM2.5平均浓度降到了多少？", "2025年四川PM2.5平均浓度是多少微克每立方米？"):
        result = answer(analyze(question), [pm25])
        assert (result.value, result.unit) == (pytest.approx(28.5), "微克/立方米")


def test_visitors_from_abroad_are_not_all_visitors() -> None:
    """新疆 2026 gives all visitors; asked for 入境游客, it has no answer."""
    visitors = hit("全年接待游客3.23亿人次、游客花费3700亿元，分别增长8%、8.4%，新疆成为更多国内外游客"
                   "向往的“诗和远方”。", bulletin=province_report("新疆", "新疆维吾尔自治区", 31),
                   section="一、2025年工作回顾")
    assert answer(analyze("2025年新疆接待入境游客多少人次？"), [visitors]).abstained
    assert answer(analyze("2025年新疆接待游客多少人次？"), [visitors]).value == pytest.approx(3.23e8)
