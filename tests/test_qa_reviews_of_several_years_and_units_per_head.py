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
    """上海 2026: 全员劳动生产率提高到42万元/人以上 is labour productivity; no question asking
    for a 生产总值 in 元 takes it."""
    span = find_numbers("全员劳动生产率提高到42万元/人以上")[0]
    assert (span.value, span.unit) == (pytest.approx(420_000), "元/人")
    assert span.unit not in analyze("2025年上海地区生产总值是多少？").units


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


@pytest.mark.parametrize(("sentence", "section", "year"), [
    ("非化石能源占一次能源消费比重提高到11.4%，单位国内生产总值能耗和二氧化碳排放分别降低16%和17%，"
     "主要污染物排放总量减少8%至10%，森林蓄积量增加6亿立方米，森林覆盖率达到21.66%。",
     "二、“十二五”时期的主要目标和任务", 2011),
    ("今后五年，单位国内生产总值用水量、能耗、二氧化碳排放量分别下降23%、15%、18%，森林覆盖率达到"
     "23.04%，能源资源开发利用效率大幅提高，生态环境质量总体改善。",
     "二、“十三五”时期主要目标任务和重大举措", 2016),
])
def test_a_level_the_coming_five_years_are_to_reach_is_no_past_years(
        sentence: str, section: str, year: int) -> None:
    """The five years a report plans end later: their 达到 is a goal, never the level of
    the year before the report."""
    plan = hit(sentence, bulletin=report(year, year - 1960), section=section)
    assert answer(analyze(f"{year - 1}年森林覆盖率是多少？"), [plan]).abstained


def test_a_count_reached_in_a_review_may_be_the_years_sum() -> None:
    """2013 report, 过去五年工作回顾: 留学回国人员达到54万人 may count five years' returns; 达到
    dates only an amount (财政收入达到…亿元) to the review's last year."""
    returns = replace(hit("以高层次、高技能人才为重点，加强各类人才队伍建设，专业技术人才、高技能人才分别增加"
                          "860万人和880万人，留学回国人员达到54万人。", bulletin=report(2013, 44),
                          section="一、过去五年工作回顾"), earlier=("五年来的主要工作及特点：",))
    assert answer(analyze("2012年留学回国人员是多少？"), [returns]).abstained


def test_large_firms_industry_is_not_all_industry() -> None:
    """湖南 2026, 十四五 review: 工业增加值提升到1.6万亿元 is all industry's, not 规上's."""
    industry = hit("形成了一批万亿级、千亿级优势产业，农产品加工业营收超1万亿元，工业增加值提升到1.6万亿元，"
                   "服务业增加值提升到3万亿元，银行业资产总额突破11万亿元。",
                   bulletin=province_report("湖南", "湖南省", 18), section="一、2025年和“十四五”时期工作回顾")
    assert answer(analyze("2025年湖南规上工业增加值是多少？"), [industry]).abstained
    assert answer(analyze("2025年湖南工业增加值是多少？"), [industry]).value == pytest.approx(1.6e12)


def test_trade_is_counted_in_money() -> None:
    """江西 2026: 对外贸易扩大至228个国家和地区 counts partners; 外贸进出口是多少 asks an amount."""
    partners = hit("对内对外双向开放深层次推进，累计清理妨碍统一市场和公平竞争政策措施2793件，复制推广自贸区"
                   "改革试点经验267项，出口通关效率稳居中部地区第1，7家企业上榜全球国际承包商250强、数量居全国"
                   "第2，对外贸易扩大至228个国家和地区，江西的国际“朋友圈”越来越大。",
                   bulletin=province_report("江西", "江西省", 14), section="一、2025年工作及“十四五”时期发展回顾")
    assert answer(analyze("2025年江西外贸进出口是多少？"), [partners]).abstained


def five_years_of(region: str, name: str, number: int, section: str, sentence: str) -> Hit:
    """A sentence of a 2026 provincial report's 十四五 review, read as its last year's."""
    return hit(sentence, bulletin=province_report(name, region, number), section=section)


def test_a_measure_of_another_kind_does_not_answer_a_kind_asked() -> None:
    """山西 and 重庆 2026: all power capacity is no 新能源装机, a waste rate no 美丽河湖建成率."""
    power = five_years_of("山西省", "山西", 4, "一、“十四五”时期工作回顾",
                          "电力装机容量达到1.64亿千瓦，晋电外送24个省份、规模居全国前列。")
    assert answer(analyze("2025年山西新能源装机容量是多少？"), [power]).abstained
    assert answer(analyze("2025年山西电力装机容量是多少？"), [power]).value == pytest.approx(1.64e8)
    waste = five_years_of("重庆市", "重庆", 22, "一、2025年和“十四五”时期工作回顾",
                          "统筹治废治塑，建成“无废城市细胞”5000多个，一般固体废弃物综合利用率达到74.1%，"
                          "城市原生生活垃圾实现零填埋。")
    assert answer(analyze("2025年重庆美丽河湖建成率是多少？"), [waste]).abstained


def test_a_quoted_name_before_a_figure_is_a_category_of_its_own() -> None:
    """安徽 2026: 专精特新“小巨人”企业 are a few of the 专精特新中小企业."""
    giants = five_years_of("安徽省", "安徽", 12, "一、2025年工作和“十四五”发展回顾",
                           "科技型中小企业数增长4.9倍、从全国第13位升至第5位，高新技术企业数增长1.7倍、"
                           "从全国第10位升至第8位，专精特新“小巨人”企业从80户增加到810户。")
    assert answer(analyze("2025年安徽专精特新中小企业是多少？"), [giants]).abstained
    assert answer(analyze("2025年安徽专精特新小巨人企业是多少？"), [giants]).value == 810


def test_a_clause_opening_with_its_years_is_a_span() -> None:
    """1998 report: 五年铁路正线铺轨总里程 is laid over five years, never 1997's."""
    track = replace(hit("运输邮电业迅速发展，五年铁路正线铺轨总里程1 1 3 4 4 公里，高速公路增加4 0 8 3 公里，"
                        "电话交换机总容量达到1 ．1 亿门。", bulletin=report(1998, 23),
                        section="一、关于过去五年的政府工作"),
                    lead=("1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元，按可比价格计算，平均每年增长1 1 ％。",))
    assert answer(analyze("1997年铁路营业里程是多少？"), [track]).abstained


REPORT_2021 = report(2021, 49)
PAST_AND_PLANNED = "二、“十三五”时期发展成就和“十四五”时期主要目标任务"


def test_a_section_of_both_reviews_only_in_paragraphs_that_look_back() -> None:
    """2021 report: the 十三五 paragraph opens 过去五年 and its 增加到 is 2020's level; the
    十四五 paragraphs' 提高到65% is a goal for 2025."""
    gdp = replace(hit("经济运行总体平稳，经济结构持续优化，国内生产总值从不到70万亿元增加到超过100万亿元。",
                      bulletin=REPORT_2021, section=PAST_AND_PLANNED,
                      lead=("过去五年，我国经济社会发展取得新的历史性成就。",)),
                  earlier=("在肯定成绩的同时，我们也清醒看到面临的困难和挑战。",))
    assert answer(analyze("2020年国内生产总值是多少？"), [gdp]).value == pytest.approx(1e14)
    towns = replace(hit("深入推进以人为核心的新型城镇化战略，加快农业转移人口市民化，常住人口城镇化率提高到65%，"
                        "发展壮大城市群和都市圈，推进以县城为重要载体的城镇化建设，实施城市更新行动，完善住房市场"
                        "体系和住房保障体系，提升城镇化发展质量。", bulletin=REPORT_2021, section=PAST_AND_PLANNED,
                        lead=("——全面推进乡村振兴，完善新型城镇化战略。",)),
                    earlier=("“十四五”时期是开启全面建设社会主义现代化国家新征程的第一个五年。",))
    assert answer(analyze("2020年城镇化率是多少？"), [towns]).abstained


def test_a_heading_about_the_past_five_years_is_a_review() -> None:
    """1998 report, 一、关于过去五年的政府工作: reserves 增加到1399亿美元 stood so at the end of 1997."""
    reserves = replace(hit("国家外汇储备由1 9 4 亿美元增加到1 3 9 9 亿美元，对我国发展对外经济合作，抵御国际金融"
                           "风波的冲击，发挥了重要作用。", bulletin=report(1998, 23),
                           section="一、关于过去五年的政府工作"),
                       earlier=("过去的五年，经济发展保持良好势头，国家经济实力显著增强。",))
    assert answer(analyze("1997年外汇储备是多少？"), [reserves]).value == pytest.approx(1399e8)


def test_a_question_naming_a_report_without_gongzuo_reads_from_it() -> None:
    """2018年报告中，去年的…: 去年 counts from the 2018 report, so 2017 is asked."""
    asked = analyze("2018年报告中，去年的城镇新增就业是多少？")
    assert (asked.years, asked.report_year, asked.indicator) == ((2017,), 2018, "城镇新增就业")


def test_a_part_named_after_a_figure_names_nothing_for_it() -> None:
    """2016 report: 12.1万公里 is all railways; 高速铁路 is named for the part after 其中."""
    rail = hit("铁路营业里程达到12.1万公里，其中高速铁路超过1.9万公里，占世界60%以上。",
               bulletin=report(2016, 46), section="一、2015年工作回顾",
               lead=("2015年是“十二五”收官之年。", "过去五年，我国发展成就举世瞩目。"))
    assert answer(analyze("2015年高速铁路运营里程是多少？"), [rail]).abstained
    assert answer(analyze("2015年铁路营业里程是多少？"), [rail]).value == pytest.approx(1.21e5)
