"""Rules about Chinese report text, each proved on a sentence quoted from the State Council
work reports (../shared/corpus/gov-work-reports): the year a figure measures, its status,
which figure of a list it is, and how numbers are written."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from qa.candidates import collect
from qa.extract import answer
from qa.numbers import find_numbers, years_in
from qa.parallel import parallel_subjects
from qa.question import analyze
from qa.status import figure_status
from qa.timeframe import figure_timeframe
from retrieval.tokenizer import normalize
from retrieval.types import BulletinRef, Hit
from service.engine import Engine
from service.evaluation import load_cases, run_cases, tally_by_kind
from service.settings import Settings
from tests.conftest import shared_path
from tests.report_sentences import hit, province_report, report, timeframe_of

# -- the year a figure measures -------------------------------------------------------

def test_comparison_words_are_not_dates() -> None:
    """2017 report: 比上年 names the base of the comparison; the figure is 2016's."""
    sentence = "工业增加值增长6%，比上年提高0.1个百分点。"
    assert timeframe_of(sentence, "0.1个百分点", "一、2016年工作回顾", 2017) == (2016, False)


def test_a_year_stated_in_an_earlier_sentence_of_the_paragraph_carries_over() -> None:
    """1956 report: the year is stated once (１９５５年……获得了丰收), the figure follows in
    the next sentence, and 比１９５４年 is only the comparison base."""
    lead = "由于雨水及时，１９５５年全国绝大部分地区的农业获得了丰收。"
    sentence = "粮食总产量达到３，６８０亿斤，完成年度计划的１０２％，比１９５４年增长９％。"
    assert timeframe_of(sentence, "３，６８０亿斤", None, 1956, lead) == (1955, False)
    assert timeframe_of(sentence, "９％", None, 1956, lead) == (1955, False)


def test_this_year_after_a_stated_year_is_that_year() -> None:
    """1956 report, the final accounts: １９５５年本年收入合计 is 1955's revenue and 上年结转
    the year before it; 本年 counts from the year under discussion, not from the report."""
    sentence = ("１９５５年国家决算的收支总数如下：１９５５年本年收入合计２７，２０３，３１９，０００元，"
                "加上上年结转收入３，１５４，６５７，０００元。")
    assert timeframe_of(sentence, "２７，２０３，３１９，０００元", None, 1956) == (1955, False)
    assert timeframe_of(sentence, "３，１５４，６５７，０００元", None, 1956) == (1954, False)


def test_a_rank_moved_from_last_year_is_a_comparison() -> None:
    """2005 report: 由上年居世界第四位上升为第三位 compares; the figures after it are 2004's."""
    sentence = ("2004年，进出口贸易总额1.15万亿美元，增长35.7%，由上年居世界第四位上升为第三位；"
                "城镇新增就业980万人，超过预期目标。")
    assert timeframe_of(sentence, "980万人", "一、2004年工作回顾", 2005) == (2004, False)


def test_years_written_in_chinese_numerals_are_read() -> None:
    """1959 report style: 一九五八年 is a year, not a count of 一千九百五十八 years."""
    assert years_in("一九五八年钢产量达到一千一百零八万吨") == [(0, 1958)]
    assert [s.raw for s in find_numbers("一九五八年钢产量达到一千一百零八万吨")] == ["一千一百零八万吨"]


def test_a_multi_year_review_is_a_span_that_no_single_year_question_takes() -> None:
    """2018 report, 过去五年工作回顾: 6800多万 is five years' total."""
    sentence = "脱贫攻坚取得决定性进展，贫困人口减少6800多万，易地扶贫搬迁830万人。"
    assert timeframe_of(sentence, "830万人", "一、过去五年工作回顾", 2018)[1] is True


# -- planned, achieved, hypothetical ---------------------------------------------------

def status_of(sentence: str, figure: str, section: str | None, year: int) -> str:
    text = normalize(sentence)
    span = next(s for s in find_numbers(text) if s.raw == normalize(figure))
    timeframe = figure_timeframe(text, span.number_start, section, year)
    return figure_status(text, span, section, timeframe, year)


def test_this_years_bounded_figures_in_a_plan_section_are_targets() -> None:
    """2019 report, 二、2019年经济社会发展总体要求和政策取向."""
    sentence = "城镇新增就业1100万人以上，城镇调查失业率5.5%左右，城镇登记失业率4.5%以内；"
    section = "二、2019年经济社会发展总体要求和政策取向"
    assert status_of(sentence, "1100万人以上", section, 2019) == "planned"
    assert status_of(sentence, "4.5%以内", section, 2019) == "planned"


def test_a_plan_opened_by_this_year_covers_the_whole_sentence() -> None:
    """2016 report: 今年……要分别下降2%，……分别下降3%: both are targets."""
    sentence = ("今年化学需氧量、氨氮排放量要分别下降2%，二氧化硫、氮氧化物排放量分别下降3%，"
                "重点地区细颗粒物（PM2.5）浓度继续下降。")
    assert status_of(sentence, "3%", None, 2016) == "planned"


def test_a_projection_is_not_a_result() -> None:
    """2022 report: 预计全年……，其中留抵退税约1.5万亿元 is a projection."""
    sentence = "预计全年退税减税约2.5万亿元，其中留抵退税约1.5万亿元，退税资金全部直达企业。"
    assert status_of(sentence, "约1.5万亿元", None, 2022) == "planned"


def test_last_years_results_in_a_review_are_achieved() -> None:
    """2017 report, 一、2016年工作回顾."""
    sentence = "国内生产总值达到74.4万亿元，增长6.7%，名列世界前茅。"
    assert status_of(sentence, "74.4万亿元", "一、2016年工作回顾", 2017) == "achieved"


def test_a_hypothetical_figure_is_never_an_answer() -> None:
    """1957 report: 如果人们用来买吃的，就需要增加六十亿斤粮食的供应."""
    assert status_of("如果人们用来买吃的，就需要增加六十亿斤粮食的供应。", "六十亿斤", None,
                     1957) == "hypothetical"


def test_a_plan_never_answers_a_question_about_what_happened() -> None:
    """The 2019 report gives only the 2019 target; the question asks what happened, so
    the answer abstains and says what it found."""
    report = BulletinRef(id=2, title="2019年中华人民共和国国务院政府工作报告", issuer=None,
                         origin="2019.txt", published=None, year=2019, region=None)
    passage = hit("城镇新增就业1100万人以上，城镇调查失业率5.5%左右，城镇登记失业率4.5%以内；",
                  section="二、2019年经济社会发展总体要求和政策取向", bulletin=report)
    result = answer(analyze("2019年城镇新增就业多少人?"), [passage])
    assert result.abstained
    assert result.note == "只找到2019年的预期目标：1100万人以上"
    planned = answer(analyze("2019年城镇新增就业的预期目标是多少?"), [passage])
    assert planned.answer is not None and planned.value == 11_000_000


# -- which figure of a list ------------------------------------------------------------

def subjects(sentence: str) -> dict[str, str]:
    text = normalize(sentence)
    spans = find_numbers(text)
    return {spans[i].raw: s.own for i, s in parallel_subjects(text, spans).items()}


def test_figures_pair_in_order_with_a_list_of_subjects() -> None:
    """2012 report: 城镇居民……和农村居民……实际增长8.4%和11.4%."""
    found = subjects("城镇新增就业1221万人，城镇居民人均可支配收入和农村居民人均纯收入实际增长"
                     "8.4%和11.4%。")
    assert found["8.4%"] == "城镇居民人均可支配收入"
    assert found["11.4%"].startswith("农村居民人均纯收入")


def test_fenbie_pairs_figures_with_the_figures_stated_before_it() -> None:
    """2005 report: 分别实际增长7.7%和6.8% refers back to 9422元 and 2936元."""
    found = subjects("城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，扣除价格因素，"
                     "分别实际增长7.7%和6.8%。")
    assert found == {"7.7%": "城镇居民人均可支配收入", "6.8%": "农村居民人均纯收入"}


def test_the_neighbour_in_a_parallel_list_is_rejected() -> None:
    """2017 report: 二氧化硫、氮氧化物排放量分别下降5.6%和4%: the question names 氮氧化物."""
    passage = hit("强化大气污染治理，二氧化硫、氮氧化物排放量分别下降5.6%和4%，"
                  "74个重点城市细颗粒物（PM2.5）平均浓度下降9.1%。",
                  section="一、2016年工作回顾")
    candidates = collect(analyze("2016年氮氧化物排放量下降了多少?"), [passage])
    by_figure = {c.span.raw: c for c in candidates}
    assert by_figure["5.6%"].rejected is not None
    assert by_figure["4%"].rejected is None
    assert answer(analyze("2016年氮氧化物排放量下降了多少?"), [passage]).value == 4


# -- numbers ---------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "raw", "value", "unit"), [
    # 1959 report: a compound numeral with its own 亿 and 万 is one number.
    ("超过原定计划四百二十七亿四千万元的百分之十五点三", "四百二十七亿四千万元", 42_740_000_000, "元"),
    ("超过原定计划四百二十七亿四千万元的百分之十五点三", "百分之十五点三", 15.3, "%"),
    # 1960 report.
    ("粮食产量达到三千四百九十六亿斤", "三千四百九十六亿斤", 349_600_000_000, "斤"),
    # 1954 report, traditional script.
    ("全國鐵路正線通車里程已達二萬一千七百公里", "二萬一千七百公里", 21_700, "公里"),
    # 1956 report: full-width digits with a full-width thousands comma.
    ("粮食总产量达到３，６８０亿斤", "3,680亿斤", 368_000_000_000, "斤"),
    # 1999 report: a middle dot as the decimal point.
    ("国有单位固定资产投资全年增长19·5％", "19·5%", 19.5, "%"),
    ("两千人", "两千人", 2000, "人"),
])
def test_numbers_are_read_as_written(sentence: str, raw: str, value: float, unit: str) -> None:
    spans = {s.raw: s for s in find_numbers(normalize(sentence))}
    assert spans[raw].value == pytest.approx(value) and spans[raw].unit == unit


def test_breaking_through_a_figure_is_a_lower_bound() -> None:
    """2025 report: 新能源汽车年产量突破1300万辆."""
    span = find_numbers("新能源汽车年产量突破1300万辆")[0]
    assert span.approximate and span.value == 13_000_000


def test_a_range_is_one_figure() -> None:
    """2019 report: 国内生产总值增长6%－6.5%."""
    spans = find_numbers(normalize("国内生产总值增长6%－6.5%"))
    assert len(spans) == 1 and spans[0].value == 6 and spans[0].approximate


def test_a_dotted_date_is_still_a_date() -> None:
    assert find_numbers("开展3·15消费者权益日活动") == []


# -- the whole path over the real reports ----------------------------------------------

def test_report_questions_meet_the_bar(gov_reports_engine: Engine) -> None:
    """Over gov_reports_dev.jsonl: at most one wrong, and no fewer right than measured."""
    cases = load_cases(shared_path("eval", "gov_reports_dev.jsonl"))
    results = list(run_cases(cases, lambda q: gov_reports_engine.ask(q, log=False)))
    totals = tally_by_kind(results)["all"]
    assert totals["wrong"] <= 1 and totals["correct"] >= 50, totals


@pytest.fixture(scope="module")
def gov_reports_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    corpus = shared_path("corpus", "gov-work-reports")
    data: Path = tmp_path_factory.mktemp("gov")
    engine = Engine.open(Settings(  # type: ignore[call-arg]
        data_dir=data, database_url="", load_seeds=False, _env_file=None))
    engine.ingest_paths([corpus])
    yield engine
    engine.close()


def test_a_clause_naming_its_own_subject_is_not_the_asked_subject() -> None:
    """1999 report: 全年增长19·5% continues 国有单位固定资产投资; 14·1% is 全社会's."""
    report = BulletinRef(id=3, title="1999年中华人民共和国国务院政府工作报告", issuer=None,
                         origin="1999.txt", published=None, year=1999, region=None)
    passage = hit("下半年国有单位固定资产投资增长显著加快，全年增长19·5％，"
                  "全社会固定资产投资增长14·1％。", bulletin=report,
                  section="一、1998年工作回顾和1999年工作的总体要求")
    result = answer(analyze("1998年国有单位固定资产投资全年增长多少?"), [passage])
    assert result.value == pytest.approx(19.5)


def test_a_compound_word_matches_its_parts_in_the_passage() -> None:
    """2008 report: 全国粮食连续四年增产，2007年产量达到50150万吨 answers 粮食产量."""
    report = BulletinRef(id=4, title="2008年中华人民共和国国务院政府工作报告", issuer=None,
                         origin="2008.txt", published=None, year=2008, region=None)
    passage = hit("全国粮食连续四年增产，2007年产量达到50150万吨。", bulletin=report,
                  section="一、过去五年政府工作回顾")
    assert answer(analyze("2007年全国粮食产量达到多少?"), [passage]).value == 501_500_000


def test_a_scaled_number_without_a_unit_counts_the_noun_before_it() -> None:
    """2018 report: 贫困人口减少6800多万 counts people though 人 is not written."""
    report = BulletinRef(id=5, title="2018年中华人民共和国国务院政府工作报告", issuer=None,
                         origin="2018.txt", published=None, year=2018, region=None)
    passage = hit("脱贫攻坚取得决定性进展，贫困人口减少6800多万，易地扶贫搬迁830万人，"
                  "贫困发生率由10.2%下降到3.1%。", bulletin=report,
                  section="一、过去五年工作回顾")
    result = answer(analyze("2018年政府工作报告说过去五年贫困人口减少了多少?"), [passage])
    assert result.value == 68_000_000 and result.unit == "人"


def test_a_level_question_is_never_answered_with_a_percentage() -> None:
    """1956 report: 粮食总产量达到3,680亿斤，完成年度计划的102%，比1954年增长9%."""
    report = BulletinRef(id=6, title="1956年中华人民共和国国务院政府工作报告", issuer=None,
                         origin="1956.txt", published=None, year=1956, region=None)
    passage = hit("粮食总产量达到３，６８０亿斤，完成年度计划的１０２％，比１９５４年增长９％。",
                  bulletin=report, lead=("由于雨水及时，１９５５年全国绝大部分地区的农业获得了丰收。",))
    candidates = collect(analyze("1956年政府工作报告中，1955年粮食总产量是多少?"), [passage])
    assert {c.span.unit for c in candidates} == {"斤"}


def test_traditional_script_text_answers_a_simplified_question() -> None:
    """1954 report, in traditional script."""
    report = BulletinRef(id=7, title="1954年中华人民共和国国务院政府工作报告", issuer=None,
                         origin="1954.txt", published=None, year=1954, region=None)
    passage = hit("鐵路正綫的通車里程一九四九年爲二萬一千七百公里；", bulletin=report)
    assert answer(analyze("1949年全国铁路正线通车里程是多少公里?"), [passage]).value == 21_700


def test_an_ordinal_name_must_match_the_passage() -> None:
    """1982 report: 第六个五年计划 is not 第一个五年计划."""
    report = BulletinRef(id=8, title="1982年中华人民共和国国务院政府工作报告", issuer=None,
                         origin="1982.txt", published=None, year=1982, region=None)
    passage = hit("第六个五年计划期间，全国基本建设投资总额计划安排二千三百亿元，"
                  "大体保持第五个五年计划期间的水平。", bulletin=report)
    assert answer(analyze("第一个五年计划安排的基本建设投资总额是多少?"), [passage]).abstained


def test_a_contracted_coordination_pairs_its_parts_in_order() -> None:
    """2015 report: 城乡低保标准分别提高9.97%和14.1%: 城镇 then 农村."""
    found = subjects("全面建立临时救助制度，城乡低保标准分别提高9.97%和14.1%。")
    assert found == {"9.97%": "城镇低保标准", "14.1%": "农村低保标准"}


def test_a_shared_head_is_distributed_over_short_items() -> None:
    """2008 report: 2007年中、高等职业教育在校生分别达到2000万人和861万人."""
    found = subjects("更加重视职业教育发展，2007年中、高等职业教育在校生分别达到2000万人和861万人。")
    assert found["2000万人"].startswith("中等职业教育")


def test_fenbie_takes_the_subject_list_of_the_clause_before_it() -> None:
    """2001 report: 农村…和城镇…，2000年分别达到2253元和6280元."""
    found = subjects("农村居民人均纯收入和城镇居民人均可支配收入，2000年分别达到2253元和6280元，"
                     "平均每年实际增长4.7%和5.7%。")
    assert found["6280元"] == "城镇居民人均可支配收入"


def test_a_clause_about_another_thing_does_not_answer() -> None:
    """2024 report: the 新三样 exports grew, not 货物进出口总额."""
    report = BulletinRef(id=9, title="2024年中华人民共和国国务院政府工作报告", issuer=None,
                         origin="2024.txt", published=None, year=2024, region=None)
    passage = hit("推动外贸稳规模、优结构，电动汽车、锂电池、光伏产品“新三样”出口增长近30%。",
                  bulletin=report, section="一、2023年工作回顾")
    assert answer(analyze("2023年货物进出口总额增长了多少?"), [passage]).abstained


def test_one_before_a_measure_word_is_an_article() -> None:
    """2013 report: 这是我们控制通货膨胀取得的一个重要成果."""
    report = BulletinRef(id=10, title="2013年中华人民共和国国务院政府工作报告", issuer=None,
                         origin="2013.txt", published=None, year=2013, region=None)
    passage = hit("去年居民消费价格涨幅回落到2.6%，这是我们控制通货膨胀取得的一个重要成果。",
                  bulletin=report)
    assert answer(analyze("2012年CPI涨了多少?"), [passage]).value == pytest.approx(2.6)


def test_a_review_heading_without_a_year_covers_the_year_before_the_report() -> None:
    """2004 report, 一、一年来工作回顾: 全国财政收入达到2.17万亿元 is 2003's."""
    assert timeframe_of("全国财政收入达到2.17万亿元，比上年增加2787亿元。", "2.17万亿元",
                        "一、一年来工作回顾", 2004) == (2003, False)


HAINAN = BulletinRef(id=20, title="2026年海南省政府工作报告", issuer=None, origin="hainan.txt",
                     published=None, year=2026, region="海南省")


def test_a_per_head_figure_never_answers_for_the_total() -> None:
    """2026 Hainan report: 2025年人均生产总值提升至7.6万元 is not the GDP."""
    passage = hit("全省地区生产总值连跨3个千亿级台阶，2025年人均生产总值提升至7.6万元。",
                  bulletin=HAINAN, section="一、“十四五”时期和2025年工作回顾")
    assert answer(analyze("2025年海南地区生产总值是多少?"), [passage]).abstained


def test_one_item_of_a_list_does_not_answer_for_the_whole() -> None:
    """2026 Hainan report: 城镇、农村居民人均可支配收入分别增长3.4%、5.2%: the question
    names neither, so neither figure answers it."""
    passage = hit("CPI微降0.1%，城镇调查失业率5.2%，城镇、农村居民人均可支配收入分别增长3.4%、5.2%。",
                  bulletin=HAINAN, lead=("2025年，全省经济运行稳中有进。",))
    assert answer(analyze("2025年海南居民人均可支配收入增长多少?"), [passage]).abstained
    rural = answer(analyze("2025年海南农村居民人均可支配收入增长多少?"), [passage])
    assert rural.value == pytest.approx(5.2)


def test_a_heading_of_five_years_and_one_year_dates_nothing_by_itself() -> None:
    """一、“十四五”时期和2025年工作回顾: an undated figure there may be five years' worth."""
    year, span = timeframe_of("地区生产总值突破3万亿元、年均增长4.7%。", "突破3万亿元",
                              "一、“十四五”时期和2025年工作回顾", 2026)
    assert span and year is None


def test_an_indicator_name_is_not_matched_by_one_of_its_words() -> None:
    """2026 Beijing report: 帮扶7.2万名就业困难人员实现就业 is not 城镇新增就业."""
    beijing = BulletinRef(id=21, title="2026年北京市政府工作报告", issuer=None, origin="bj.txt",
                          published=None, year=2026, region="北京市")
    passage = hit("完善就业优先政策，提供11.2万个高校毕业生就业岗位，精准帮扶7.2万名就业困难人员实现就业。",
                  bulletin=beijing, section="一、2025年工作回顾")
    assert answer(analyze("2025年北京城镇新增就业多少人?"), [passage]).abstained


JIANGSU = BulletinRef(id=22, title="2026年江苏省政府工作报告", issuer=None, origin="js.txt",
                      published=None, year=2026, region="江苏省")


def test_a_second_list_goes_on_about_the_first_lists_subjects() -> None:
    """2026 Jiangsu report: 城乡居民人均可支配收入分别达6.9万元、3.4万元，增长4.2%、5.3%."""
    found = subjects("城乡居民人均可支配收入分别达6.9万元、3.4万元，增长4.2%、5.3%。")
    assert found["4.2%"] == "城镇居民人均可支配收入"
    assert found["5.3%"] == "农村居民人均可支配收入"


def test_a_weak_figure_beside_a_strong_one_about_another_item_is_no_answer() -> None:
    """2026 Jiangsu report: the question names neither item of the list, and the only
    other figure (服务性消费支出占居民人均消费支出比重) is a much weaker match."""
    listed = hit("城乡居民人均可支配收入分别达6.9万元、3.4万元，增长4.2%、5.3%。",
                 bulletin=JIANGSU, lead=("刚刚过去的2025年，全省经济运行总体平稳。",), passage_id=1)
    other = hit("消费对经济增长贡献率提升至55%左右，服务性消费支出占居民人均消费支出比重达46.3%。",
                bulletin=JIANGSU, lead=("刚刚过去的2025年，全省经济运行总体平稳。",), passage_id=2)
    assert answer(analyze("2025年江苏居民人均可支配收入增长多少?"), [listed, other]).abstained


def test_an_urban_question_is_not_answered_with_all_residents_figure() -> None:
    """2026 Shanghai report: 居民人均可支配收入达到9.2万元、增长4.1% is not 城镇居民's."""
    shanghai = BulletinRef(id=23, title="2026年上海市政府工作报告", issuer=None, origin="sh.txt",
                           published=None, year=2026, region="上海市")
    passage = hit("居民人均可支配收入达到9.2万元、增长4.1%。", bulletin=shanghai,
                  section="一、2025年工作回顾")
    assert answer(analyze("2025年上海城镇居民人均可支配收入增长多少?"), [passage]).abstained
    assert answer(analyze("2025年上海居民人均可支配收入增长多少?"), [passage]).value == 4.1


def test_a_whole_year_average_is_one_years_figure() -> None:
    """2024 report: 城镇调查失业率平均为5.2% answers 2023年……全年平均."""
    report = BulletinRef(id=24, title="2024年中华人民共和国国务院政府工作报告", issuer=None,
                         origin="2024.txt", published=None, year=2024, region=None)
    passage = hit("城镇新增就业1244万人，城镇调查失业率平均为5.2%。", bulletin=report,
                  section="一、2023年工作回顾")
    assert answer(analyze("2023年城镇调查失业率全年平均是多少?"), [passage]).value == 5.2


def test_an_actual_figure_is_not_the_contracted_one() -> None:
    """1992 report: 协议金额１２０亿美元 is what was signed, 实际投资４３．７亿美元 what came in."""
    passage = hit("全年新增外商投资企业１．２万多家，外商直接投资协议金额１２０亿美元，"
                  "实际投资４３．７亿美元，签定了一大批大型对外合作项目。",
                  bulletin=report(1992, 20), section="一、1991年工作回顾")
    result = answer(analyze("1991年外商直接投资实际到位金额是多少?"), [passage])
    assert result.value == pytest.approx(4_370_000_000)


def test_an_aside_between_subject_and_verb_keeps_the_subject() -> None:
    """1999 report: 农村居民人均纯收入，考虑价格下降因素，比上年实际增长4·3％ is the rural
    income's growth, never the economy's."""
    passage = hit("农村居民人均纯收入，考虑价格下降因素，比上年实际增长4·3％，"
                  "城镇居民人均可支配收入实际增长5·8％。",
                  bulletin=report(1999, 21), section="一、1998年工作回顾")
    assert answer(analyze("1998年国内生产总值实际增长了多少?"), [passage]).abstained
    rural = answer(analyze("1998年农村居民人均纯收入实际增长了多少?"), [passage])
    assert rural.value == pytest.approx(4.3)


def test_a_change_amount_does_not_answer_for_the_level() -> None:
    """1988 report: 粮食总产量增加１０９亿公斤，达到４０２４亿公斤; the output is the second."""
    passage = hit("农村社会总产值增长１２．７％，粮食总产量增加１０９亿公斤，达到４０２４亿公斤。",
                  bulletin=report(1988, 22), section="一、1987年工作回顾")
    assert answer(analyze("1987年全国粮食总产量是多少?"), [passage]).value == 402_400_000_000
    grown = answer(analyze("1987年全国粮食总产量增加了多少?"), [passage])
    assert grown.value == 10_900_000_000


def test_the_sister_item_of_a_list_in_one_clause_is_not_the_asked_one() -> None:
    """2013 report: 共淘汰落后炼铁产能1.17亿吨、炼钢产能7800万吨 lists iron, then steel."""
    passage = hit("五年累计，共淘汰落后炼铁产能1.17亿吨、炼钢产能7800万吨、水泥产能7.75亿吨；",
                  bulletin=report(2013, 23), section="一、过去五年工作回顾")
    result = answer(analyze("2013年政府工作报告说五年来共淘汰落后炼钢产能多少?"), [passage])
    assert result.value == 78_000_000
    # 2010 report: the list names the kind after 的, and the question words it differently.
    passage = hit("关停小火电机组2617万千瓦，淘汰落后的炼钢产能1691万吨、炼铁产能2113万吨、"
                  "水泥产能7416万吨、焦炭产能1809万吨。", bulletin=report(2010, 31),
                  section="一、2009年工作回顾")
    assert answer(analyze("2009年淘汰了多少落后炼铁产能？"), [passage]).value == 21_130_000


def test_a_milestone_passed_is_not_the_figure_reached() -> None:
    """湖北 2026 report: 地区生产总值迈上6万亿元台阶，达到62661亿元."""
    hubei = BulletinRef(id=24, title="2026年湖北省政府工作报告", issuer=None,
                        origin="2026-湖北省.txt", published=None, year=2026, region="湖北省")
    passage = hit("经济规模稳步壮大，地区生产总值迈上6万亿元台阶，达到62661亿元。",
                  bulletin=hubei, section="一、“十四五”和2025年工作回顾")
    result = answer(analyze("湖北省“十四五”收官时地区生产总值达到多少?"), [passage])
    assert result.value == 6_266_100_000_000


def test_a_qualifier_inside_an_indicator_name_makes_another_indicator() -> None:
    """2025 report: 城镇调查失业率平均为5.1% is the surveyed rate; the registered rate
    (城镇登记失业率) is another indicator that report never states."""
    passage = hit("就业、物价总体平稳，城镇新增就业1256万人、城镇调查失业率平均为5.1%，"
                  "居民消费价格上涨0.2%。", bulletin=report(2025, 25), section="一、2024年工作回顾")
    assert answer(analyze("2024年城镇登记失业率是多少?"), [passage]).abstained
    assert answer(analyze("2024年城镇调查失业率是多少?"), [passage]).value == pytest.approx(5.1)


def test_a_total_or_an_amount_of_is_the_indicator_itself() -> None:
    """2024 report 粮食产量1.39万亿斤 answers 粮食总产量; 2025 report 可再生能源新增装机3.7亿千瓦
    answers 新增装机容量: 总- and -容量 only say "the total" and "the amount"."""
    grain = hit("粮食产量1.39万亿斤，再创历史新高。", bulletin=report(2024, 26),
                section="一、2023年工作回顾")
    assert answer(analyze("2023年我国粮食总产量有多少?"), [grain]).value == 1_390_000_000_000
    power = hit("可再生能源新增装机3.7亿千瓦。", bulletin=report(2025, 27),
                section="一、2024年工作回顾")
    result = answer(analyze("2024年可再生能源新增装机容量是多少?"), [power])
    assert result.value == 370_000_000


def test_two_years_named_together_are_a_span() -> None:
    """1980 report: 1978、1979两年共增产粮食4，900多万吨 is two years' gain, no one year's."""
    sentence = "这是在1978年粮食丰收的基础上实现的，1978、1979两年共增产粮食4，900多万吨。"
    assert timeframe_of(sentence, "4，900多万吨", "一、1979年工作回顾", 1980)[1] is True


def test_the_whole_of_a_contracted_pair_does_not_answer_for_one_part() -> None:
    """2012 report: 货物进出口总额……增长22.5％ is all trade; imports grew 24.9％."""
    passage = hit("全年货物进出口总额3.64万亿美元，增长22.5％，其中，出口增长20.3％，"
                  "进口增长24.9％，贸易顺差进一步下降。", bulletin=report(2012, 28),
                  section="一、2011年工作回顾")
    assert answer(analyze("2011年我国进口增长了多少?"), [passage]).value == pytest.approx(24.9)


def test_a_part_introduced_by_of_which_answers_only_for_that_part() -> None:
    """2014 report: 其中中央财政赤字9500亿元 is the central part of the 13500亿元 deficit."""
    passage = hit("今年拟安排财政赤字13500亿元，比上年增加1500亿元，其中中央财政赤字9500亿元，"
                  "由中央代地方发债4000亿元。", bulletin=report(2014, 29),
                  section="二、2014年工作总体部署")
    whole = answer(analyze("2014年拟安排的财政赤字是多少?"), [passage])
    assert whole.value == 1_350_000_000_000
    central = answer(analyze("2014年拟安排的中央财政赤字是多少?"), [passage])
    assert central.value == 950_000_000_000


def test_digits_spaced_apart_by_scraping_are_one_number() -> None:
    """1998 report as scraped: 1 9 9 7 年粮食产量达到4 9 2 5 0 万吨."""
    passage = hit("1 9 9 7 年粮食产量达到4 9 2 5 0 万吨，比五年前增加5 0 0 0 万吨，"
                  "粮食生产上了一个新的台阶。", bulletin=report(1998, 30),
                  section="一、过去五年的工作回顾")
    assert answer(analyze("1997年全国粮食产量是多少?"), [passage]).value == 492_500_000


def test_the_past_year_in_a_heading_of_a_year_and_a_span_is_that_year() -> None:
    """黑龙江 2026 report, under 一、2025年工作回顾和“十四五”时期发展成就: 一年来 speaks of
    one year, 2025, never of the report's own 2026."""
    lead = "2025年是“十四五”收官之年。一年来，在省委坚强领导下，全省上下牢记嘱托、感恩奋进。"
    sentence = ("全省地区生产总值增长4.2%，粮食总产量1640.06亿斤，城镇新增就业35.8万人，"
                "一般公共预算收入增长5.7%，全体居民人均可支配收入增长5.1%。")
    section = "一、2025年工作回顾和“十四五”时期发展成就"
    assert timeframe_of(sentence, "1640.06亿斤", section, 2026, lead) == (2025, False)
    assert timeframe_of(sentence, "1640.06亿斤", None, 2026, "一年来，全省上下感恩奋进。") == (
        2025, False)


def test_a_round_mark_passed_is_not_the_value_reached() -> None:
    """湖北 2026 report: 地方一般公共预算收入突破4000亿元、达到4211亿元."""
    hubei = BulletinRef(id=32, title="2026年湖北省政府工作报告", issuer=None,
                        origin="2026-湖北省.txt", published=None, year=2026, region="湖北省")
    passage = hit("税收持续增长，地方一般公共预算收入突破4000亿元、达到4211亿元，其中税收收入增长3%。",
                  bulletin=hubei, section="一、2025年工作回顾")
    result = answer(analyze("湖北2025年地方一般公共预算收入是多少？"), [passage])
    assert result.value == 421_100_000_000
    assert any(row["figure"] == "突破4000亿元" and row["rejected"] for row in result.explain or [])


def test_a_total_of_five_years_is_a_span() -> None:
    """浙江 2026 report: 五年累计使用外资846亿美元 is five years' total, no one year's."""
    sentence = "出口规模突破4万亿元，占全国份额从14%提升到15.5%，跃居全国第2位，五年累计使用外资846亿美元。"
    assert timeframe_of(sentence, "846亿美元", "一、2025年和“十四五”工作回顾", 2026)[1] is True


def test_a_new_level_reached_is_a_round_mark_not_the_output() -> None:
    """2025 report: 粮食产量首次跃上1.4万亿斤新台阶 says the output passed 1.4万亿斤."""
    passage = hit("主要表现在，产业升级有新进展，粮食产量首次跃上1.4万亿斤新台阶、亩产提升10.1斤；",
                  bulletin=report(2025, 33), section="一、2024年工作回顾")
    result = answer(analyze("2024年粮食产量是多少"), [passage])
    assert result.abstained, result.answer


def test_a_plan_opened_before_a_semicolon_covers_what_follows() -> None:
    """2019 report: 今年赤字率拟按2.8%安排……；财政赤字2.76万亿元，其中……地方财政赤字9300亿元
    are the budget's figures, stated as a plan."""
    sentence = ("今年赤字率拟按2.8%安排，比去年预算高0.2个百分点；财政赤字2.76万亿元，"
                "其中中央财政赤字1.83万亿元，地方财政赤字9300亿元。")
    text = normalize(sentence)
    cut = text.index("财政赤字2.76")
    passage = hit(text[cut:], bulletin=report(2019, 34), lead=(text[:cut],),
                  section="三、2019年政府工作任务")
    planned = answer(analyze("2019年预算安排的地方财政赤字是多少？"), [passage])
    assert planned.value == 930_000_000_000 and planned.status == "planned"
    asked = answer(analyze("2019年地方财政赤字是多少？"), [passage])  # a deficit is as arranged
    assert asked.value == 930_000_000_000 and asked.status == "planned"
    assert answer(analyze("2019年地方财政赤字实际是多少？"), [passage]).abstained


def test_a_year_inside_a_range_is_not_the_year_of_whole_year_words() -> None:
    """Under 一、2021—2025年工作回顾, 全年 names no one year of the five."""
    sentence = "全年粮食产量1.4万亿斤。"
    year, _ = timeframe_of(sentence, "1.4万亿斤", "一、2021—2025年工作回顾", 2026)
    assert year != 2021


def test_a_national_question_is_never_answered_from_a_provinces_report() -> None:
    """浙江 2026 report: 城镇新增就业115.8万人 is 浙江's, not the country's."""
    zhejiang = BulletinRef(id=35, title="2026年浙江省政府工作报告", issuer=None,
                           origin="2026-浙江省.txt", published=None, year=2026, region="浙江省")
    passage = hit("城镇新增就业115.8万人，城镇调查失业率4.6%。", bulletin=zhejiang,
                  section="一、2025年工作回顾")
    assert answer(analyze("2025年全国城镇新增就业多少人？"), [passage]).abstained
    assert answer(analyze("2025年浙江城镇新增就业多少人？"), [passage]).value == 1_158_000


def test_what_was_found_instead_is_of_the_asked_year() -> None:
    """1980 report: 进出口总额559亿元 is 1981's plan; asked about 2016, the bot says
    nothing of it, while asked about 1981 it says the plan is all it found."""
    passage = hit("对外贸易，进出口总额559亿元，比1980年预计增加42亿元。", bulletin=report(1980, 36),
                  section="二、关于1981年国民经济计划")
    other_year = answer(analyze("2016年货物进出口总额是多少"), [passage])
    assert other_year.abstained and not other_year.note
    same_year = answer(analyze("1981年进出口总额是多少"), [passage])
    assert same_year.abstained and same_year.note and "559亿元" in same_year.note


def test_a_place_glued_to_diqu_by_jieba_is_still_the_place() -> None:
    """jieba cuts 山东地区生产总值 as 山东地区 + 生产总值: the question names 山东 and asks
    for 地区生产总值; 和田地区 is a prefecture's own name and stays whole."""
    asked = analyze("2025年山东地区生产总值是多少")
    assert asked.regions == ("山东",)
    assert {"山东", "地区", "生产总值"} <= set(asked.query_tokens)
    assert analyze("2025年和田地区生产总值是多少").regions == ("和田地区",)


def test_a_level_after_its_own_growth_keeps_the_subject() -> None:
    """山东 2026 report: 地区生产总值增长5.5%、达到10.3万亿元，成为……第一个过10万亿元省份.
    The growth rate between subject and level is the same subject's, and 过10万亿元 is the
    round mark the level passed, not a rival figure about provinces."""
    shandong = province_report("山东", "山东省", 40)
    passage = replace(
        hit("地区生产总值增长5.5%、达到10.3万亿元，成为全国第三个、北方第一个过10万亿元省份。",
            bulletin=shandong, section="一、2025年及“十四五”时期工作回顾",
            lead=("（一）经济增长迈出坚实步伐。", "抓好国家政策落实，经济运行稳健向好、进中提质。")),
        earlier=("2025年是很不平凡的一年。全年主要目标任务顺利完成。",))
    result = answer(analyze("2025年山东地区生产总值是多少"), [passage])
    assert result.value == 10_300_000_000_000
    growth = answer(analyze("2025年山东地区生产总值增长多少"), [passage])
    assert growth.value == pytest.approx(5.5)


JIANGSU_2025 = ("各位代表，刚刚过去的2025年，在以习近平同志为核心的党中央坚强领导下，全省上下着力稳就业、"
                "稳企业、稳市场、稳预期，经济运行总体平稳、稳中有进，地区生产总值增长5.3%、增量保持全国第一，"
                "规上工业增加值、规上服务业营收分别增长6.5%和7%，社会消费品零售总额达4.64万亿元，"
                "进出口总额5.95万亿元、增长6%。")


def test_a_sister_of_a_one_word_indicator_measures_something_else() -> None:
    """江苏 2026 report: 进出口总额5.95万亿元、增长6% is trade's growth; 社会消费品零售总额 is
    stated only as a level, so its growth is not in the sentence. The question's 零售总额 is
    one jieba word, compared with 进出口总额 by the word they share (总额)."""
    jiangsu = province_report("江苏", "江苏省", 41)
    passage = hit(JIANGSU_2025, bulletin=jiangsu, section="一、“十四五”时期和2025年工作回顾")
    assert answer(analyze("2025年江苏社会消费品零售总额增长多少"), [passage]).abstained
    assert answer(analyze("2025年江苏进出口总额增长多少"), [passage]).value == pytest.approx(6)


def test_a_list_that_is_the_object_of_a_verb_starts_after_it() -> None:
    """江苏 2026 report: 消费品以旧换新带动限上新能源汽车、节能家电零售额分别增长21.2%、39.5%:
    the first item is 限上新能源汽车, not the trade-in programme (消费品以旧换新) that drove it."""
    jiangsu = province_report("江苏", "江苏省", 42)
    passage = hit("消费对经济增长贡献率提升至55%左右，服务性消费支出占居民人均消费支出比重达46.3%，"
                  "消费品以旧换新带动限上新能源汽车、节能家电零售额分别增长21.2%、39.5%。",
                  bulletin=jiangsu, section="一、2025年工作回顾")
    result = answer(analyze("2025年江苏社会消费品零售总额增长多少"), [passage])
    assert result.abstained
    assert any(row["figure"] == "21.2%" and "限上新能源汽车" in row["rejected"]
               for row in result.explain or [])


def test_the_scale_of_the_asked_unit_is_not_a_thing_to_find() -> None:
    """2018 report: 进出口增长14.2%，实际使用外资1363亿美元. 多少亿美元 asks in 美元; 亿美元 is
    no word of the thing asked, so it cannot make 实际使用外资's figure answer for 进出口."""
    passage = hit("财政收入增长7.4%，扭转了增速放缓态势；进出口增长14.2%，实际使用外资1363亿美元、"
                  "创历史新高。", bulletin=report(2018, 43), lead=("刚刚过去的2017年。",))
    assert answer(analyze("2017年进出口总额是多少亿美元？"), [passage]).abstained
    assert answer(analyze("2017年实际使用外资多少亿美元？"), [passage]).value == 136_300_000_000


def test_a_city_writes_its_gdp_as_the_whole_citys_output() -> None:
    """上海 2026 report: 全市生产总值达到5.67万亿元、增长5.4% is Shanghai's GDP; a province
    writes 全省生产总值 (河北, 浙江) the same way."""
    shanghai = province_report("上海", "上海市", 44)
    passage = hit("全市生产总值达到5.67万亿元、增长5.4%，好于预期。", bulletin=shanghai,
                  section="一、2025年工作回顾")
    assert answer(analyze("2025年上海GDP增长多少"), [passage]).value == pytest.approx(5.4)


def test_a_synonym_inside_a_longer_name_is_another_indicator() -> None:
    """陕西 2026 report: 县域经济增长5.5％以上 is the counties' economy; 经济增长 stands for GDP
    growth only when nothing but the report's scope or a verb stands before it."""
    shaanxi = province_report("陕西", "陕西省", 45)
    passage = hit("分类推进县域经济特色化差异化发展，县域经济增长5.5％以上，主导产业产值突破1.5万亿元，"
                  "新增经济总量超200亿元县2个、达到29个。", bulletin=shaanxi, section="一、2025年工作回顾")
    assert answer(analyze("2025年陕西GDP增长多少"), [passage]).abstained


def test_a_good_named_by_one_character_is_another_item_of_a_plan_list() -> None:
    """1981 plan (1980 report): 钢产量3，500万吨 is steel's, not 水泥 (cement) asked by name; the
    list writes 水泥 apart, so the two are told apart though 钢 is one character."""
    passage = hit("原材料工业，钢产量3，500万吨，十种有色金属108万吨，水泥7，800万吨，化肥1，230万吨，"
                  "木材4，910万立方米。", bulletin=report(1980, 46),
                  section="二、1981年国民经济计划的任务和主要指标")
    result = answer(analyze("1981年计划水泥产量是多少？"), [passage])
    assert result.value == 78_000_000
    assert any(row["figure"] == "3,500万吨" and row["rejected"] for row in result.explain or [])


def test_a_deficit_naming_no_level_of_government_does_not_answer_for_the_local_share() -> None:
    """2015 report: 今年拟安排财政赤字1.62万亿元 is the whole; 地方财政赤字5000亿元 is stated in
    another sentence, so the whole never answers 地方财政赤字."""
    whole = hit("今年拟安排财政赤字1.62万亿元，比去年增加2700亿元，赤字率从去年的2.1%提高到2.3%。",
                bulletin=report(2015, 47), section="二、2015年工作总体部署")
    local = hit("其中，中央财政赤字1.12万亿元，增加1700亿元；地方财政赤字5000亿元，增加1000亿元。",
                bulletin=report(2015, 47), section="二、2015年工作总体部署", passage_id=2)
    assert answer(analyze("2015年拟安排的地方财政赤字是多少？"), [whole]).abstained
    assert answer(analyze("2015年拟安排的财政赤字是多少？"), [whole]).value == 1_620_000_000_000
    result = answer(analyze("2015年拟安排的地方财政赤字是多少？"), [whole, local])
    assert result.abstained or result.value == 500_000_000_000


def test_a_heading_of_a_year_and_a_span_does_not_make_a_figure_a_five_year_total() -> None:
    """西藏 2026 report, under 一、2025年和“十四五”时期工作回顾: 城镇新增就业5.1万人 is listed
    among the year's results (六是……); the heading alone cannot say it is five years' total."""
    tibet = province_report("西藏", "西藏自治区", 48)
    passage = hit("城镇新增就业5.1万人。", bulletin=tibet, section="一、2025年和“十四五”时期工作回顾",
                  lead=("六是笃行力行惠民生聚人心。", "投入187亿元办好“28+10”项民生实事。"))
    assert answer(analyze("十四五期间西藏城镇新增就业累计多少人？"), [passage]).abstained
    assert analyze("十四五期间西藏城镇新增就业累计多少人？").wants_span


SICHUAN_INDUSTRY = ("新培育6个国家级中小企业特色产业集群，六大优势产业、高技术制造业、绿色低碳优势产业增加值"
                    "分别增长6.8%、12.3%、7.8%，工业投资增长7.3%。")


def test_a_measure_written_once_after_a_list_belongs_to_every_item() -> None:
    """四川 2026 report: 六大优势产业、高技术制造业、绿色低碳优势产业增加值分别增长… — 增加值 is
    every item's, so sharing it does not make 7.8% the answer for 规上工业增加值."""
    sichuan = province_report("四川", "四川省", 49)
    passage = hit(SICHUAN_INDUSTRY, bulletin=sichuan, section="一、2025年工作回顾")
    result = answer(analyze("2025年四川规上工业增加值增长多少"), [passage])
    assert result.abstained
    assert any(row["figure"] == "7.8%" and row["rejected"] for row in result.explain or [])
    growth = answer(analyze("2025年四川高技术制造业增加值增长多少"), [passage])
    assert growth.value == pytest.approx(12.3)


def test_a_sector_measured_another_way_is_another_indicator() -> None:
    """四川 2026 report: 工业投资增长7.3% is industry's investment, not 工业增加值."""
    sichuan = province_report("四川", "四川省", 50)
    passage = hit(SICHUAN_INDUSTRY, bulletin=sichuan, section="一、2025年工作回顾")
    result = answer(analyze("2025年四川规上工业增加值增长多少"), [passage])
    assert not any(row["figure"] == "7.3%" and row["rejected"] is None
                   for row in result.explain or [])
    assert answer(analyze("2025年四川工业投资增长多少"), [passage]).value == pytest.approx(7.3)


@pytest.mark.parametrize(("province", "region", "sentence", "question", "figure"), [
    ("黑龙江", "黑龙江省", "激发首发经济、直播电商等有潜能消费，新设国际国内知名首店15家，网上零售额增长14.7%。",
     "2025年黑龙江社会消费品零售总额增长多少", "14.7%"),
    ("四川", "四川省", "深入开展优化环境“五个专项治理”，成立省民营经济发展促进中心，民间投资增长2.1%、"
     "高于全国8.5个百分点，民营经济增加值增长5.5%。", "2025年四川规上工业增加值增长多少", "5.5%"),
    ("福建", "福建省", "新增9家国家卓越级智能工厂、38家国家级5G工厂，规上高技术制造业对工业增长贡献率达36.5%，"
     "漳州入选国家中小企业数字化转型试点城市。", "2025年福建规上工业增加值增长多少", "36.5%"),
    ("北京", "北京市", "组建北京数据集团，数智北京创新中心投入运行，数字经济增加值增长8.7%。",
     "2025年北京规上工业增加值增长多少", "8.7%"),
])
def test_one_sectors_measure_does_not_answer_for_anothers(
    province: str, region: str, sentence: str, question: str, figure: str,
) -> None:
    """2026 provincial reports: 网上零售额 is not 社会消费品零售总额; 民营经济增加值 and
    数字经济增加值 are not 规上工业增加值; a 贡献率 to industrial growth is not that growth."""
    passage = hit(sentence, bulletin=province_report(province, region, 51),
                  section="一、2025年工作回顾")
    result = answer(analyze(question), [passage])
    assert result.abstained
    assert any(row["figure"] == figure and row["rejected"] for row in result.explain or [])


@pytest.mark.parametrize(("province", "region", "sentence", "question", "figure"), [
    ("四川", "四川省", "实现地区生产总值67665亿元，增长5.5%，总量和增速均居全国第5位；地方一般公共预算收入"
     "5853.9亿元，增长3.9%；城乡居民人均可支配收入分别增长4.4%、5.6%。",
     "2025年四川一般公共预算支出是多少", "5853.9亿元"),
    ("浙江", "浙江省", "培育壮大新兴产业，战略性新兴产业、高新技术产业增加值分别增长10%、7.9%，新能源汽车、"
     "集成电路、工业机器人产量分别增长49.8%、11.9%、36.4%。",
     "2025年浙江规模以上工业增加值增长多少", "36.4%"),
    ("湖北", "湖北省", "税收持续增长，地方一般公共预算收入突破4000亿元、达到4211亿元，其中税收收入增长3%，"
     "计算机通信、航空航天制造等新兴产业税收增长30%以上。",
     "2025年湖北规模以上工业增加值增长多少", "30%以上"),
    ("广西", "广西壮族自治区", "汽车用锂电池、太阳能电池、工业机器人产量分别增长54.5%、43.1%、86.3%，"
     "新产业、新产品对工业增长贡献超50%。", "2025年广西规模以上工业增加值增长多少", "超50%"),
    ("陕西", "陕西省", "入境游客增长1倍，国内游客人次、总花费增长5.6％、7.5％。",
     "2025年陕西第三产业增加值增长多少", "7.5%"),
])
def test_a_figure_measured_another_way_does_not_answer(
    province: str, region: str, sentence: str, question: str, figure: str,
) -> None:
    """2026 provincial reports: 收入 is not 支出; an item's 产量 or a sector's 税收 is not
    规模以上工业增加值 (and 以上 in 规模以上 is no word to find in 30%以上); a 贡献 is a
    share; a verb cut into a list item (总花费增长) names nothing asked."""
    passage = hit(sentence, bulletin=province_report(province, region, 52),
                  section="一、2025年工作回顾")
    result = answer(analyze(question), [passage])
    assert result.abstained
    assert any(row["figure"] == figure and row["rejected"] for row in result.explain or [])


def test_the_reports_own_scope_is_no_modifier_of_its_indicator() -> None:
    """浙江 2026 report: 全省生产总值增长5%—5.5% is the 地区生产总值 target asked."""
    passage = hit("综合考虑各方面因素，今年经济社会发展主要预期目标为：全省生产总值增长5%—5.5%，"
                  "在实际工作中努力争取更好结果；城镇调查失业率5%以内；居民消费价格涨幅2%左右。",
                  bulletin=province_report("浙江", "浙江省", 53), section="三、2026年重点工作")
    result = answer(analyze("2026年浙江地区生产总值预期增长多少"), [passage])
    assert result.figure is not None and "5%—5.5%" in result.figure


def test_months_of_a_year_are_not_the_year() -> None:
    """1980 report (given in August): 今年上半年……比去年同期增长18.5％ is half a year; but
    1999 report: 下半年……加快，全年增长19·5％ is the whole year's after all."""
    half = hit("今年上半年，社会商品零售总额又比去年同期增长18.5％。", bulletin=report(1980, 54),
               section="一、国民经济在调整、改革、整顿、提高中取得了新的进展")
    assert answer(analyze("1980年社会商品零售总额增长多少？"), [half]).abstained
    whole = hit("下半年国有单位固定资产投资增长显著加快，全年增长19·5％。", bulletin=report(1999, 55),
                section="一、1998年工作回顾")
    assert answer(analyze("1998年国有单位固定资产投资全年增长多少?"), [whole]).value == 19.5


def test_five_years_named_before_a_total_make_it_a_span() -> None:
    """2003 report: 五年全社会固定资产投资累计完成17.2万亿元 is five years' total."""
    sentence = "五年全社会固定资产投资累计完成17.2万亿元，特别是发行6600亿元长期建设国债。"
    lead = "2002年国内生产总值达到102398亿元。"
    assert timeframe_of(sentence, "17.2万亿元", None, 2003, lead)[1] is True


def test_a_share_of_gdp_is_not_gdp() -> None:
    """2013 report: 2012年占国内生产总值比例达到4% is education spending's share of GDP."""
    passage = hit("国家财政性教育经费支出五年累计7.79万亿元，年均增长21.58%，2012年占国内生产总值"
                  "比例达到4%。", bulletin=report(2013, 56), section="一、过去五年工作回顾")
    result = answer(analyze("2012年国内生产总值增长多少"), [passage])
    assert result.abstained
    assert any(row["figure"] == "4%" and row["rejected"] for row in result.explain or [])


def test_this_years_figures_in_a_work_report_are_plans() -> None:
    """1992 report (given in March): 今年全国固定资产投资总规模为5700亿元 is a plan, and so is
    社会商品零售总额增长百分之十二点三 in the paragraph that opens with 今年计划要求; 2013 report:
    把居民消费价格涨幅控制在3.5%左右 in the section of this year's targets is a target."""
    plan = hit("今年全国固定资产投资总规模为5700亿元。", bulletin=report(1992, 57),
               section="二、抓紧有利时机，加快经济发展")
    assert answer(analyze("1992年全社会固定资产投资是多少"), [plan]).abstained
    assert answer(analyze("1992年计划固定资产投资总规模是多少"), [plan]).value == 570_000_000_000
    retail = hit("社会商品零售总额增长百分之十二点三，货币发行和新增信贷规模与去年大体持平。",
                 bulletin=report(1992, 57), section="二、抓紧有利时机，加快经济发展",
                 lead=("今年计划要求，在保持社会总需求与总供给基本平衡的基础上，国民生产总值增长百分之六。",))
    assert answer(analyze("1992年社会商品零售总额增长多少"), [retail]).abstained
    prices = hit("把居民消费价格涨幅控制在3.5%左右，是充分考虑各方面因素后作出的选择。",
                 bulletin=report(2013, 58), section="二、今年经济社会发展的总体要求、主要预期目标和宏观经济政策",
                 lead=("关于物价总水平。", "去年居民消费价格上涨2.6%。"))
    assert answer(analyze("2012年居民消费价格上涨多少"), [prices]).abstained


def test_a_plain_review_heading_is_of_the_year_before_the_report() -> None:
    """吉林 2026 report, under 一、工作回顾: 粮食总产量达到871.6亿斤 is 2025's."""
    sentence = "深入实施“千亿斤粮食”产能建设工程，粮食总产量达到871.6亿斤，稳居全国第4位。"
    assert timeframe_of(sentence, "871.6亿斤", "一、工作回顾", 2026) == (2025, False)


def test_words_of_the_question_inside_a_modifier_do_not_name_the_measured_thing() -> None:
    """吉林 2026 report: 省内有进出口实绩的企业数量增长7% counts firms trading abroad."""
    jilin = province_report("吉林", "吉林省", 59)
    passage = hit("省内有进出口实绩的企业数量增长7%。", bulletin=jilin, section="一、2025年工作回顾")
    result = answer(analyze("2025年吉林进出口增长多少"), [passage])
    assert result.abstained
    assert any(row["figure"] == "7%" and row["rejected"] for row in result.explain or [])


REVIEW_OF_BOTH = "一、2025年和“十四五”时期工作回顾"


@pytest.mark.parametrize(("province", "region", "sentence", "question", "figure"), [
    ("山东", "山东省", "一般公共预算收入累计完成3.7万亿元，5年增长18.7%。",
     "十四五期间山东一般公共预算收入年均增长多少", "18.7%"),
    ("河南", "河南省", "脱贫地区农民收入年均增长7.9%，71.3万监测对象稳定消除返贫致贫风险。",
     "十四五期间河南地区生产总值年均增长多少", "7.9%"),
    ("海南", "海南省", "税收占一般公共预算收入比重超75%，一般公共预算支出增长31.3%。",
     "十四五期间海南一般公共预算收入年均增长多少", "31.3%"),
    ("山西", "山西省", "全面完成过渡期巩固衔接各项任务，脱贫县农村居民人均可支配收入年均增长8.8%。",
     "十四五期间山西居民人均可支配收入年均增长多少", "8.8%"),
])
def test_a_five_year_question_is_not_answered_by_another_measure_or_a_total_growth(
    province: str, region: str, sentence: str, question: str, figure: str,
) -> None:
    """2026 provincial reports: 5年增长18.7% is five years' growth, not the yearly average;
    十四五期间 and 年均 are words of time, not of the thing (脱贫地区农民收入 is no GDP); 支出
    is not 收入; 脱贫县农村居民's income is not all residents'."""
    passage = hit(sentence, bulletin=province_report(province, region, 60), section=REVIEW_OF_BOTH,
                  lead=("过去五年，我们砥砺奋进。",))
    result = answer(analyze(question), [passage])
    assert result.abstained
    assert any(row["figure"] == figure and row["rejected"] for row in result.explain or [])


def test_a_yearly_average_after_a_level_keeps_the_subject() -> None:
    """宁夏 2026 report: 地方一般公共预算收入突破500亿元，年均增长5.2% — 年均增长 opens a clause
    without a subject of its own."""
    passage = hit("地方一般公共预算收入突破500亿元，年均增长5.2%。",
                  bulletin=province_report("宁夏", "宁夏回族自治区", 61),
                  section="一、2025年工作总结和“十四五”发展成就", lead=("过去五年，我们砥砺奋进。",))
    result = answer(analyze("十四五期间宁夏一般公共预算收入年均增长多少"), [passage])
    assert result.value == pytest.approx(5.2)


def test_the_coming_five_year_period_sets_goals_and_the_past_one_reports() -> None:
    """江西 2026 report, under 二、“十五五”时期发展的主要考虑: 其中地区生产总值年均增长5%左右 is a
    goal; 广西 2026 report, under 二、“十四五”时期发展成就和“十五五”时期主要目标任务: a paragraph
    opening 过去五年 reports 地区生产总值年均增长4.8%."""
    jiangxi = hit("其中地区生产总值年均增长5%左右，有利于缩小江西与全国平均水平的差距。",
                  bulletin=province_report("江西", "江西省", 62), section="二、“十五五”时期发展的主要考虑")
    assert answer(analyze("十四五期间江西地区生产总值年均增长多少"), [jiangxi]).abstained
    goal = answer(analyze("十五五时期江西地区生产总值年均增长目标是多少"), [jiangxi])
    assert goal.status == "planned" and goal.value == pytest.approx(5)
    guangxi = hit("经济实力实现新跨越，地区生产总值年均增长4.8%，2025年总量比2020年增加超7400亿元。",
                  bulletin=province_report("广西", "广西壮族自治区", 63),
                  section="二、“十四五”时期发展成就和“十五五”时期主要目标任务",
                  lead=("过去五年，我们牢记习近平总书记殷切嘱托，勇担历史使命。",))
    result = answer(analyze("十四五期间广西地区生产总值年均增长多少"), [guangxi])
    assert result.value == pytest.approx(4.8)


def test_where_a_change_started_is_not_where_it_got_to() -> None:
    """西藏 2026 report: 城乡居民人均可支配收入从2021年的46503元和16935元分别提高到58794元和
    23184元 — the urban figure reached is 58794元; 46503元 is where it started."""
    passage = hit("实施“十大民生工程”，民生投入累计超过1万亿元，城乡居民人均可支配收入从2021年的46503元和"
                  "16935元分别提高到58794元和23184元，各族群众获得感成色更足。",
                  bulletin=province_report("西藏", "西藏自治区", 64),
                  section="一、2025年和“十四五”时期工作回顾", lead=("这五年，我们砥砺奋进。",))
    result = answer(analyze("西藏城镇居民人均可支配收入提高到多少元?"), [passage])
    assert result.value == 58794
    assert answer(analyze("西藏农村居民人均可支配收入提高到多少元?"), [passage]).value == 23184


def test_a_kind_given_its_own_figure_just_before_is_told_apart() -> None:
    """2003 report: 其中高速公路由4771公里增加到2.52万公里, then 铁路营运里程由65969公里增加到
    71500公里 — the railway's length never answers for the expressways'."""
    roads = hit("公路通车里程由1997年的123万公里增加到2002年的176万公里，其中高速公路由4771公里增加到"
                "2.52万公里，从居世界第三十九位跃升到第二位。", bulletin=report(2003, 65),
                section="一、过去五年政府工作的回顾")
    rails = hit("铁路营运里程由65969公里增加到71500公里；", bulletin=report(2003, 65),
                section="一、过去五年政府工作的回顾", passage_id=2,
                lead=("公路通车里程由1997年的123万公里增加到2002年的176万公里，其中高速公路由4771公里增加到"
                      "2.52万公里，从居世界第三十九位跃升到第二位。",))
    result = answer(analyze("2003年政府工作报告说高速公路里程增加到了多少?"), [roads, rails])
    assert result.value == 25_200
    alone = answer(analyze("2003年政府工作报告说高速公路里程增加到了多少?"), [rails])
    assert alone.abstained


def test_goals_listed_after_a_paragraph_announcing_the_coming_period_are_plans() -> None:
    """甘肃 2026 report: “十五五”时期，要努力实现以下目标任务：, then 一是……全省地区生产总值年均
    增长5%以上 — a goal for 2026—2030, though its heading is not numbered and not read."""
    passage = replace(
        hit("全省地区生产总值年均增长5%以上。", bulletin=province_report("甘肃", "甘肃省", 66),
            lead=("一是高质量发展水平明显提升。", "持续盘活存量、培育增量、增强能量、提高质量、做大总量。")),
        earlier=("“十五五”时期是我国基本实现社会主义现代化夯实基础、全面发力的关键时期。",
                 "“十五五”时期，要努力实现以下目标任务："))
    assert answer(analyze("十四五期间甘肃地区生产总值年均增长多少"), [passage]).abstained
    goal = answer(analyze("十五五时期甘肃地区生产总值年均增长目标是多少"), [passage])
    assert goal.status == "planned" and goal.value == pytest.approx(5)


def test_a_places_economic_growth_is_its_gdp_growth_not_a_sectors() -> None:
    """吉林 2026 report, under 一、工作回顾: 铁路货物发送量增长14.9% is no answer to 吉林经济增长,
    地区生产总值增长5% is; 湖南 2026 report: 数字经济核心产业增加值增长9%以上 is one sector's
    growth (jieba cuts 经济增长 into 经济 + 增长, and 经济 alone matched 数字经济)."""
    jilin = province_report("吉林", "吉林省", 67)
    freight = hit("先行指标稳中提质，全社会用电量突破1000亿千瓦时，铁路货物发送量增长14.9%。",
                  bulletin=jilin, section="一、工作回顾")
    gdp = hit("我们牢记嘱托、感恩奋进、顶压前行，地区生产总值增长5%，一般公共预算收入增长13.3%，"
              "一产增加值增幅高于全国0.7个百分点，规上工业增加值增幅居全国第7位，社会消费品零售总额"
              "增幅高于全国0.2个百分点，发展韧性明显增强，创新动能日益提升，重点改革持续深化，"
              "民生保障更加有力。", bulletin=jilin, section="一、工作回顾", passage_id=2)
    assert answer(analyze("2025年吉林经济增长多少?"), [freight]).abstained
    assert answer(analyze("2025年吉林经济增长多少?"), [freight, gdp]).value == pytest.approx(5)
    digital = hit("深入实施“人工智能+”行动，围绕5大领域部署推进“五个十大”任务，数字经济核心产业增加值"
                  "增长9%以上。", bulletin=province_report("湖南", "湖南省", 68),
                  section="一、2025年和“十四五”时期工作回顾")
    assert answer(analyze("2025年湖南经济增长多少?"), [digital]).abstained
    assert "经济" in analyze("2025年湖南数字经济增长多少?").keywords  # a sector stays one
    assert answer(analyze("2025年吉林铁路货物发送量增长多少?"), [freight, gdp]).value == pytest.approx(14.9)


def test_a_rate_compared_with_a_year_long_before_is_no_years_growth() -> None:
    """2008 report: 2007年，国内生产总值达到24.66万亿元，比2002年增长65.5% — five years'
    growth, no answer to how much the economy grew in 2007; a question naming 2002 asks it."""
    passage = hit("2007年，国内生产总值达到24.66万亿元，比2002年增长65.5%，年均增长10.6%，从世界第六位"
                  "上升到第四位；全国财政收入达到5.13万亿元，增长1.71倍；外汇储备超过1.52万亿美元。",
                  bulletin=report(2008, 69), section="一、 过去五年工作回顾")
    assert answer(analyze("2007年国内生产总值增长多少?"), [passage]).abstained
    assert answer(analyze("2007年经济增长多少?"), [passage]).abstained
    since = answer(analyze("2007年国内生产总值比2002年增长多少?"), [passage])
    assert since.value == pytest.approx(65.5)


def test_since_a_year_long_before_the_report_is_a_span() -> None:
    """2003 report: 1998年以来，国有企业下岗职工达2700多万人 counts five years, not 1998; in the
    2026 reports 2025年以来 is the year under review."""
    sentence = "1998年以来，国有企业下岗职工达2700多万人，90%以上进入再就业服务中心，先后有1800多万人通过多种渠道和方式实现了再就业。"
    assert timeframe_of(sentence, "2700多万人", "一、过去五年政府工作的回顾", 2003) == (None, True)
    passage = hit(sentence, bulletin=report(2003, 70), section="一、过去五年政府工作的回顾")
    assert answer(analyze("1998年全国国有企业下岗职工有多少人?"), [passage]).abstained
    assert timeframe_of("2025年以来，新增就业42.3万人。", "42.3万人", None, 2026) == (2025, False)


def test_quan_nian_is_the_whole_of_the_year_just_named() -> None:
    """1980 report: 机械工业1979年计划任务不足……全年总产值比上年增长8.1％ is 1979's; 甘肃 2026
    report: 刚刚过去的2025年，……顺利完成全年目标任务 dates the paragraph's figures 2025."""
    machinery = "机械工业1979年计划任务不足，实行按需生产，自找门路，打开了销路，全年总产值比上年增长8.1％，出口额增长30.8％。"
    assert timeframe_of(machinery, "8.1％", "一、国民经济在调整、改革、整顿、提高中取得了新的进展",
                        1980) == (1979, False)
    lead = ("刚刚过去的2025年，全省上下坚决贯彻党中央、国务院决策部署，按照省委工作要求，致力建设“七地一屏一"
            "通道”，顶压前行、迎难而上，顺利完成全年目标任务，实现“十四五”圆满收官。经济运行稳中有进。")
    sentence = "加力落实宏观政策，扎实做好“四稳”工作，地区生产总值增长5.8%，增速居全国第2位；"
    assert timeframe_of(sentence, "5.8%", None, 2026, lead) == (2025, False)


def test_industry_and_farming_together_is_no_answer_for_farming() -> None:
    """1959 report: 一九五八年我国工农业总产值达到了二千零五十亿元 is industry and farming
    together; 农业总产值达到了八百八十亿元 is farming's."""
    section = "一、第一个五年计划时期内和第二个五年计划的第一年——一九五八年的伟大成就"
    whole = hit("一九五八年我国工农业总产值达到了二千零五十亿元，比一九五七年的一千二百四十一亿元增长百分之六十五。",
                bulletin=report(1959, 71), section=section)
    farming = hit("农业总产值达到了八百八十亿元，比一九五七年的五百三十七亿元增长了百分之六十四；粮食、棉花、烤烟"
                  "等产品的产量，也都比一九五七年增长一倍以上。", bulletin=report(1959, 71), section=section,
                  passage_id=2, lead=(whole.text,))
    assert answer(analyze("1958年农业总产值是多少?"), [whole]).abstained
    assert answer(analyze("1958年农业总产值是多少?"), [whole, farming]).value == 88_000_000_000
    assert answer(analyze("1958年工农业总产值是多少?"), [whole]).value == 205_000_000_000


def test_a_five_year_question_is_answered_from_the_report_after_those_five_years() -> None:
    """1998—2002 asked: the 2000 report's 增加铁路新线1423公里、复线643公里 came too early and
    the 2011 report's 五年建成铁路新线1.6万公里 reviews 2006—2010; the 2003 report's
    五年建成新线5944公里，复线4603公里 is the answer (五年建成 is a span)."""
    early = hit("已建成的主要有：加固大江大河大湖堤防近6100公里；新增公路通车里程1．2万公里，其中高速公路3358"
                "公里；增加铁路新线1423公里、复线643公里；", bulletin=report(2000, 72),
                section="一、1999年国内工作回顾", lead=("两年来通过财政向银行发行2100亿元长期国债，带动4200多亿元银行贷款和自筹资金，用于增加基础"
                      "设施投资，共建设5100多个项目。",))
    late = hit("基础设施建设明显加快，五年建成铁路新线1.6万公里，新增公路63.9万公里，其中高速公路3.3万公里，"
               "新建、改扩建机场33个，新建和加固堤防1.7万公里。", bulletin=report(2011, 73),
               section="一、“十一五”时期国民经济和社会发展的回顾", passage_id=2)
    answered = hit("五年建成新线5944公里，复线4603公里，电气化线路5704公里。", bulletin=report(2003, 74),
                   section="一、过去五年政府工作的回顾", passage_id=3)
    question = analyze("1998年到2002年五年间建成铁路复线多少公里?")
    assert answer(question, [early, late]).abstained
    assert answer(question, [early, late, answered]).value == 4603
    assert timeframe_of(answered.text, "5944公里", None, 2003) == (None, True)


def test_a_clause_continuing_a_named_subject_measures_that_subject() -> None:
    """2008 report: 国内生产总值达到24.66万亿元，比2002年增长65.5%，年均增长10.6% — the yearly
    average is GDP's, no answer to how fast revenue grew."""
    passage = hit("2007年，国内生产总值达到24.66万亿元，比2002年增长65.5%，年均增长10.6%，从世界第六位"
                  "上升到第四位；", bulletin=report(2008, 75), section="一、 过去五年工作回顾")
    assert answer(analyze("2003-2007年财政收入年均增长多少?"), [passage]).abstained
    assert answer(analyze("2003-2007年国内生产总值年均增长多少?"), [passage]).value == pytest.approx(10.6)


def test_what_a_norm_requires_is_no_result() -> None:
    """1960 report: 按照纲要要求的水平计算，全国粮食总产量应该有七千二百亿斤到七千五百亿斤 is what
    the programme asks for, not the 1959 harvest."""
    passage = hit("但是按照纲要要求的水平计算，全国粮食总产量应该有七千二百亿斤到七千五百亿斤，还要在一九五九年粮食"
                  "总产量的基础上，再增加一千八百亿斤以上，即增长三分之一以上。", bulletin=report(1960, 76),
                  lead=("全国粮食总产量，在过去四年中共增加了一千九百零五亿斤，即从一九五五年的三千四百九十六亿斤，"
                        "增加到了一九五九年的五千四百零一亿斤。",))
    assert all(row["figure"] != "七千二百亿斤" or row["rejected"]
               for row in answer(analyze("1959年全国粮食总产量是多少?"), [passage]).explain or [])


def test_every_figure_after_a_norms_requirement_is_no_result() -> None:
    """1960 report: the range's far end (到七千五百亿斤) and the increase still needed (再增加一千八
    百亿斤以上) belong to the same requirement as 应该有七千二百亿斤; none is 1959's harvest."""
    passage = hit("但是按照纲要要求的水平计算，全国粮食总产量应该有七千二百亿斤到七千五百亿斤，还要在一九五九年粮食"
                  "总产量的基础上，再增加一千八百亿斤以上，即增长三分之一以上。", bulletin=report(1960, 76))
    rows = _rejections("1959年粮食增加了多少?", passage)
    assert rows["一千八百亿斤以上"] == "假设情形中的数字"
    rows = _rejections("1959年全国粮食总产量是多少?", passage)
    assert rows["七千五百亿斤"] == "假设情形中的数字"


def test_a_figure_restated_at_new_prices_is_a_result() -> None:
    """1959 report: 这样，一九五七年的工农业总产值就应当是一千二百四十一亿元 restates 1957's output
    at 1957 prices; 应当是 here follows from a recomputation, no norm."""
    passage = hit("这样，一九五七年的工农业总产值就应当是一千二百四十一亿元，工业和手工业总产值是七百零四亿元，"
                  "农业总产值是五百三十七亿元。", bulletin=report(1959, 75))
    assert answer(analyze("1957年工农业总产值是多少?"), [passage]).value == 124_100_000_000


def test_growth_since_a_year_named_at_the_sentence_start_spans_those_years() -> None:
    """1983 report: 一九八二年同一九七八年相比，社会商品零售总额……增长百分之六十四点八 is four
    years' growth, not 1982's."""
    passage = hit("一九八二年同一九七八年相比，社会商品零售总额由一千五百五十九亿元增加到二千五百七十亿元，增长百分之"
                  "六十四点八，平均每年增加二百五十三亿元，比一九七八年前的二十六年平均每年增加四十九亿元，高出四倍多。",
                  bulletin=report(1983, 77))
    assert answer(analyze("1982年社会消费品零售总额增长多少?"), [passage]).abstained
    since = answer(analyze("1982年社会商品零售总额比1978年增长多少?"), [passage])
    assert since.value == pytest.approx(64.8)


def test_where_a_change_ended_is_no_amount_of_change() -> None:
    """2003 report: 农村贫困人口由4960万人减少到2820万人 — 2820万人 remain, the reduction is
    not stated; 1995 report: 固定资产投资增长幅度由上年的百分之五十八点六回落到百分之二十七点八 —
    58.6% is where the slowdown started."""
    poverty = hit("农村贫困人口由4960万人减少到2820万人。", bulletin=report(2003, 78),
                  section="一、过去五年政府工作的回顾")
    assert answer(analyze("1998-2002年农村贫困人口减少多少?"), [poverty]).abstained
    assert answer(analyze("1998-2002年农村贫困人口减少到多少?"), [poverty]).value == 28_200_000
    investment = hit("固定资产投资增长幅度由上年的百分之五十八点六回落到百分之二十七点八，增长过快的势头初步得到遏制，"
                     "投资结构有所改善。", bulletin=report(1995, 79), section="一、１９９４年国内工作的回顾")
    result = answer(analyze("1994年全社会固定资产投资增长多少?"), [investment])
    assert result.abstained or result.value == pytest.approx(27.8)
    assert any(row["figure"] == "百分之五十八点六" and row["rejected"] for row in result.explain or [])


GANSU_REVIEW = ("刚刚过去的2025年，全省上下坚决贯彻党中央、国务院决策部署，按照省委工作要求，致力建设“七地一屏一"
                "通道”，顶压前行、迎难而上，顺利完成全年目标任务，实现“十四五”圆满收官。")


def test_a_fall_does_not_answer_how_much_something_grew() -> None:
    """福建 2026 report: 固定资产投资下降3.3% is no growth of 3.3%."""
    passage = hit("初步统计，2025年全省地区生产总值60199.45亿元、增长5%，地方一般公共预算收入3723.35亿元、增长3%，"
                  "社会消费品零售总额增长4.4%，固定资产投资下降3.3%，进出口下降5.4%，城镇居民、农村居民人均可支配"
                  "收入分别增长4.5%、5.7%，城镇调查失业率4.7%，居民消费价格与上年持平。",
                  bulletin=province_report("福建", "福建省", 80),
                  section="一、一年接着一年干，新福建建设持续取得新进展新成效")
    result = answer(analyze("2025年福建固定资产投资增长多少?"), [passage])
    assert result.abstained
    assert any(row["figure"] == "3.3%" and row["rejected"] for row in result.explain or [])


def test_a_total_with_a_part_left_out_is_not_the_total() -> None:
    """甘肃 2026 report: 扣除房地产开发投资后，固定资产投资增长2.7% leaves real estate out."""
    passage = hit("扣除房地产开发投资后，固定资产投资增长2.7%。", bulletin=province_report("甘肃", "甘肃省", 81),
                  lead=(GANSU_REVIEW,))
    assert answer(analyze("2025年甘肃固定资产投资增长多少?"), [passage]).abstained
    left_out = answer(analyze("2025年甘肃扣除房地产开发投资后固定资产投资增长多少?"), [passage])
    assert left_out.value == pytest.approx(2.7)


def test_a_sentence_naming_another_indicator_is_not_about_the_one_before_it() -> None:
    """甘肃 2026 report: after 扣除房地产开发投资后，固定资产投资增长2.7%。 comes 社会消费品零售总额
    增长2.5% — the short sentence before it is no heading that makes it an investment figure."""
    passage = hit("实施消费品以旧换新行动，开展促消费活动2.9万场次，社会消费品零售总额增长2.5%。",
                  bulletin=province_report("甘肃", "甘肃省", 82),
                  lead=(GANSU_REVIEW, "扣除房地产开发投资后，固定资产投资增长2.7%。"))
    result = answer(analyze("2025年甘肃固定资产投资增长多少?"), [passage])
    assert result.abstained
    assert answer(analyze("2025年甘肃社会消费品零售总额增长多少?"), [passage]).value == pytest.approx(2.5)


def test_an_item_holding_only_part_of_the_asked_name_is_another_indicator() -> None:
    """甘肃 2026 report: 省属企业完成产业类投资553.1亿元……分别增长10.6% holds 投资 but is no
    固定资产投资."""
    passage = hit("省属企业完成产业类投资553.1亿元、研发投入133.5亿元，分别增长10.6%、10.3%。",
                  bulletin=province_report("甘肃", "甘肃省", 83), lead=(GANSU_REVIEW,))
    assert answer(analyze("2025年甘肃固定资产投资增长多少?"), [passage]).abstained
    assert answer(analyze("2025年甘肃省属企业产业类投资增长多少?"), [passage]).value == pytest.approx(10.6)


def in_mixed_review(text: str, bulletin: BulletinRef, lead: tuple[str, ...] = ()) -> Hit:
    """A passage of a 2026 provincial report under 一、2025年工作回顾和“十四五”时期发展成就,
    a heading of one year and a span, whose section opens 2025年是“十四五”收官之年 (黑龙江)."""
    return replace(hit(text, bulletin=bulletin, section="一、2025年工作回顾和“十四五”时期发展成就",
                       lead=lead), earlier=("2025年是“十四五”收官之年。",))


def test_a_word_inside_an_indicators_name_makes_a_kind_of_it() -> None:
    """黑龙江 2026 report: 规上装备工业增加值增长8.4% is the equipment industry's, not all
    规上工业's."""
    passage = in_mixed_review(
        "规上装备工业增加值增长8.4%。", province_report("黑龙江", "黑龙江省", 84),
        lead=("传统产业持续优化升级，千企技改、制造业数字化转型、工业绿色化发展等专项行动深入实施，工业技改"
              "投资、制造业技改投资增速分别高于全国12.7个、12个百分点。",))
    result = answer(analyze("2025年黑龙江规上工业增加值增长多少?"), [passage])
    assert any(row["figure"] == "8.4%" and "装备" in str(row["rejected"])
               for row in result.explain or [])
    kind = answer(analyze("2025年黑龙江规上装备工业增加值增长多少?"), [passage])
    assert all(row["figure"] != "8.4%" or not str(row["rejected"]).startswith("这个数字说的是")
               for row in kind.explain or [])


def test_what_a_counted_set_of_projects_completed_is_theirs() -> None:
    """黑龙江 2026 report: 1000个省级重点产业项目完成投资1865.7亿元、增长4% is those projects'
    investment, not the province's 固定资产投资."""
    passage = in_mixed_review(
        "产业项目建设年活动深入实施，1000个省级重点产业项目完成投资1865.7亿元、增长4%，243个重点项目建成投产。",
        province_report("黑龙江", "黑龙江省", 85))
    result = answer(analyze("2025年黑龙江固定资产投资增长多少?"), [passage])
    assert any(row["figure"] == "4%" and "重点产业项目" in str(row["rejected"])
               for row in result.explain or [])


def _rejections(question: str, passage: Hit) -> dict[str, str | None]:
    result = answer(analyze(question), [passage])
    assert result.abstained
    return {row["figure"]: row["rejected"] for row in result.explain or []}


def test_a_figure_for_each_year_is_no_five_year_total() -> None:
    """湖北 2026 report: 城镇新增就业每年超过90万人 is a yearly figure, not the 十四五 total."""
    passage = hit("千方百计促进就业，城镇新增就业每年超过90万人，吸引高校毕业生就业创业每年超过40万人，零就业家庭"
                  "实现动态清零。", bulletin=province_report("湖北", "湖北省", 86),
                  section="一、“十四五”时期和2025年工作回顾")
    assert _rejections("十四五期间湖北城镇新增就业累计多少人?", passage)["超过90万人"] == "是平均数"


def test_net_income_is_no_disposable_income() -> None:
    """西藏 2026 report: 脱贫人口人均纯收入增长12.1% is no 居民人均可支配收入."""
    passage = hit("扎实开展防止返贫致贫常态化监测，脱贫人口人均纯收入增长12.1%。",
                  bulletin=province_report("西藏", "西藏自治区", 87),
                  section="一、2025年和“十四五”时期工作回顾", lead=("一年来，我们重点做了以下工作。",))
    assert "可支配" in str(_rejections("2025年西藏居民人均可支配收入增长多少?", passage)["12.1%"])


LIAONING_YEAR = "一年来，全省上下牢记嘱托、砥砺奋进，坚持以习近平新时代中国特色社会主义思想为指导，"
HAINAN_YEAR = "刚刚过去的2025年，是“十四五”收官之年，也是海南自由贸易港封关运作、扩大开放之年。"


def test_exports_alone_or_a_kind_of_trade_are_no_answer_for_trade() -> None:
    """辽宁 2026 report: 外贸出口总额增长8% is exports only; 海南: 服务进出口总额增长22.1% is
    trade in services; 黑龙江: 跨境电商进出口增长61.6% is cross-border e-commerce."""
    exports = hit("外贸出口总额增长8%。", bulletin=province_report("辽宁", "辽宁省", 88),
                  section="一、2025年和“十四五”时期工作回顾", lead=(LIAONING_YEAR,))
    assert "出口" in str(_rejections("2025年辽宁外贸进出口增长多少?", exports)["8%"])
    services = hit("地区生产总值增长4%，规上工业增加值增长9.9%，社会消费品零售总额增长5%，服务进出口总额增长22.1%，"
                   "实际使用外资增长19.9%，实际对外投资增长20.7%，多项指标增速居全国前列。",
                   bulletin=province_report("海南", "海南省", 89),
                   section="一、2025年和“十四五”时期工作回顾", lead=(HAINAN_YEAR,))
    assert "服务进出口" in str(_rejections("2025年海南外贸进出口增长多少?", services)["22.1%"])
    online = in_mixed_review("外贸新业态积极发展，跨境电商进出口增长61.6%。",
                             province_report("黑龙江", "黑龙江省", 90))
    assert "进出口" in str(_rejections("2025年黑龙江外贸进出口增长多少?", online)["61.6%"])


def test_a_gap_to_the_national_rate_is_no_growth_rate() -> None:
    """黑龙江 2026 report: 对俄进出口增速高于全国8.4个百分点 compares with the country."""
    passage = in_mixed_review("第九届中俄博览会成功举办，对俄进出口增速高于全国8.4个百分点。",
                              province_report("黑龙江", "黑龙江省", 91))
    rejected = _rejections("2025年黑龙江外贸进出口增长多少?", passage)["8.4个百分点"]
    assert rejected == "是与别处相比的差距"


def test_points_above_any_benchmark_are_a_gap_not_a_growth_rate() -> None:
    """安徽 2026 report: 规上民营工业增加值增速高于全部规上工业2.3个百分点 compares with all
    industry, 湖南's 快于经济增速1个百分点 with the economy: the benchmark need not be 全国."""
    passage = in_mixed_review("认真贯彻民营经济促进法，向民间资本推介重大项目投资总额居全国第3位，"
                              "规上民营工业增加值增速高于全部规上工业2.3个百分点。",
                              province_report("安徽", "安徽省", 92))
    rejected = _rejections("2025年安徽规上民营工业增加值增速是多少?", passage)["2.3个百分点"]
    assert rejected == "是与别处相比的差距"


def test_the_zeng_in_zengjiazhi_asks_for_no_change() -> None:
    """四川 2026 report: 民营经济增加值是多少 asks a level; the 增 inside 增加值 asks for no rate
    (增长5.5%) and makes 工业增加值提升到1.6万亿元 (湖南 2026) no "level reached" for a change."""
    growth = in_mixed_review("成立省民营经济发展促进中心，民间投资增长2.1%、高于全国8.5个百分点，"
                             "民营经济增加值增长5.5%。", province_report("四川", "四川省", 93))
    assert answer(analyze("2025年四川民营经济增加值是多少?"), [growth]).abstained
    level = hit("工业增加值提升到1.6万亿元。", bulletin=province_report("湖南", "湖南省", 94),
                section="一、2025年工作回顾")
    result = answer(analyze("2025年湖南工业增加值是多少?"), [level])
    assert all(row["rejected"] != "是变化后达到的水平，问的是变化量" for row in result.explain or [])


def test_growth_over_a_base_year_answers_the_span_from_the_year_after() -> None:
    """2008 report: 2007年……比2002年增长65.5% is the growth of 2003-2007, the span asked."""
    passage = hit("2007年，国内生产总值达到24.66万亿元，比2002年增长65.5%，年均增长10.6%。",
                  bulletin=report(2008, 81), section="一、过去五年工作回顾")
    assert answer(analyze("2003-2007年国内生产总值增长多少?"), [passage]).value == pytest.approx(65.5)
    assert answer(analyze("2007年国内生产总值增长多少?"), [passage]).abstained


def test_only_a_paragraphs_first_sentence_dates_what_follows_it() -> None:
    """2008 report, under 一、 过去五年工作回顾: ——经济跨上新台阶。2007年，国内生产总值…… does
    not make a later paragraph's 五年全国新增城镇就业5100万人 a 2007 figure; 甘肃's
    刚刚过去的2025年，…… still dates the paragraphs after it."""
    earlier = ("——经济跨上新台阶。2007年，国内生产总值达到24.66万亿元，比2002年增长65.5%，年均增长10.6%，"
               "从世界第六位上升到第四位；全国财政收入达到5.13万亿元，增长1.71倍；外汇储备超过1.52万亿美元。",)
    sentence = normalize("五年全国新增城镇就业5100万人。")
    found = figure_timeframe(sentence, sentence.index("5100"), "一、 过去五年工作回顾", 2008,
                             normalize("——人民生活显著改善。"), earlier)
    assert found.span and found.year is None
    opening = figure_timeframe(normalize("城镇新增就业31.7万人。"), 6, "“十四五”时期工作回顾", 2026,
                               "", (normalize(GANSU_REVIEW),))
    assert opening.year == 2025


def test_the_kind_asked_must_be_named_near_the_figure() -> None:
    """1994 report: 粮食总产量４５６４亿公斤 is no 棉花产量 (棉花 is named, but of another
    clause) and no 原油产量; 1980 report: 1979年商业部门收购商品总额1，992亿元 is no 出口总额."""
    harvest = hit("除棉花和糖料减产外，主要农产品产量都有显著增加，粮食总产量４５６４亿公斤，达到历史最高水平。",
                  bulletin=report(1994, 92), section="一、１９９３年国内工作的回顾和１９９４年工作的基本方针",
                  lead=("国民经济快速增长。", "在１９９２年快速增长的基础上，１９９３年我国经济继续蓬勃发展。"))
    assert answer(analyze("1993年粮食产量是多少?"), [harvest]).value == 456_400_000_000
    assert _rejections("1993年原油产量是多少?", harvest)["4564亿公斤"] == "没有提到原油"
    assert "粮食总产量" in str(_rejections("1993年棉花产量是多少?", harvest)["4564亿公斤"])
    purchases = hit("1979年商业部门收购商品总额1，992亿元，比上年增长14.5％；", bulletin=report(1980, 93),
                    section="一、国民经济在调整、改革、整顿、提高中取得了新的进展")
    assert _rejections("1979年出口总额是多少?", purchases)["1,992亿元"] == "没有提到出口"


def test_a_quota_set_beforehand_is_a_target() -> None:
    """1958 report: 原定的煤炭产量的指标是二百八十五万吨 is the quota a mine was given."""
    sentence = normalize("拿北京京西矿务局来说，国家经济委员会和煤炭工业部给他们原定的煤炭产量的指标是二百八十五万吨，"
                         "比上年增长百分之二十一，就已经认为是比较先进的了。")
    span = next(s for s in find_numbers(sentence) if s.raw == "二百八十五万吨")
    assert figure_status(sentence, span, None, figure_timeframe(sentence, span.start, None, 1958),
                         1958) == "planned"


def test_an_intensity_is_a_share_of_gdp_not_an_amount_or_a_growth() -> None:
    """广东 2026 report: 预计全社会研发投入5350亿元、增长4.9%，研发投入强度达3.6% — the
    intensity asked is 3.6%; 吉林: 规上企业研发经费投入增长14.2% is no intensity."""
    guangdong = replace(
        hit("加快建设大湾区国际科技创新中心、综合性国家科学中心，预计全社会研发投入5350亿元、增长4.9%，"
            "研发投入强度达3.6%，发明专利有效量、高价值发明专利拥有量、PCT国际专利申请量、中国专利奖获奖数均"
            "居全国首位，“深圳—香港—广州”创新集群跃居全球首位。",
            bulletin=province_report("广东", "广东省", 94), section="一、2025年和“十四五”时期工作回顾"),
        earlier=("2025年是中国式现代化进程中具有重要意义的一年，", "三是加快推进科技创新和产业创新深度融合。"))
    assert answer(analyze("2025年广东省研发投入强度预计达到多少?"), [guangdong]).value == pytest.approx(3.6)
    jilin = hit("规上企业研发经费投入增长14.2%。", bulletin=province_report("吉林", "吉林省", 95),
                section="一、工作回顾")
    assert "强度" in str(_rejections("2025年吉林研发经费投入强度是多少?", jilin)["14.2%"])


def test_a_size_in_a_products_name_is_no_amount() -> None:
    """陕西 2026 report: 芯业时代8英寸半导体……等项目投产 grades a product; it is no 新能源汽车产量."""
    passage = hit("芯业时代8英寸半导体、比亚迪新能源汽车动力电池、弗迪12吉瓦时动力电池扩产、华天科技芯片技改等项目投产，"
                  "单晶硅片、重卡变速器产量、钛材加工量保持领先，汽车产业增加值增长20.2％。",
                  bulletin=province_report("陕西", "陕西省", 96), section="一、2025年工作回顾")
    assert _rejections("2025年陕西省新能源汽车产量是多少?", passage)["8英寸"] == "是名称里的规格"


def test_an_abbreviated_sector_stays_one_word() -> None:
    """吉林 2026 report: 高技术制造业增加值增长13% is no 一产增加值 — jieba cuts 一产 into 一 + 产,
    and the lone 产 matched any 产量 or 产业."""
    assert "一产" in analyze("2025年吉林一产增加值增长多少?").keywords
    passage = hit("高技术制造业增加值增长13%。", bulletin=province_report("吉林", "吉林省", 97),
                  section="一、工作回顾")
    assert answer(analyze("2025年吉林一产增加值增长多少?"), [passage]).abstained
    assert answer(analyze("2025年吉林高技术制造业增加值增长多少?"), [passage]).value == pytest.approx(13)


def test_a_numbered_sector_in_a_shared_list_is_that_sector() -> None:
    """广西 2026 report: 一、二、三产业增加值分别增长4.2%、5%、5.4% gives each 产业 its own
    figure, and 宁夏's 一产、二产、三产增加值 writes 第一产业 as 一产: the list tells them apart,
    so the clause's shared 产业增加值 is no other thing than the one asked."""
    guangxi = hit("一、二、三产业增加值分别增长4.2%、5%、5.4%。",
                  bulletin=province_report("广西", "广西壮族自治区", 98), section="一、2025年工作回顾")
    assert answer(analyze("2025年广西第二产业增加值增长了多少?"), [guangxi]).value == pytest.approx(5)
    assert answer(analyze("2025年广西第三产业增加值增长多少?"), [guangxi]).value == pytest.approx(5.4)
    ningxia = hit("一产、二产、三产增加值分别增长6%、5.2%、5.2%，分别居全国第二、第七、第九。",
                  bulletin=province_report("宁夏", "宁夏回族自治区", 99), section="一、2025年工作回顾")
    assert answer(analyze("2025年宁夏第一产业增加值增长了多少?"), [ningxia]).value == pytest.approx(6)


def test_the_bare_noun_of_an_indicator_does_not_tell_list_items_apart() -> None:
    """天津 2026 report: the zones' 利用外资、投资分别增长45%、20% — 投资 ends the name
    固定资产投资 but is no name of it; the list does not make 20% the city's investment."""
    passage = hit("稳步推进国家级经开区改革，完善“管委会＋公司”运营模式，建立健全招商引资、要素保障等机制，"
                  "利用外资、投资分别增长45%、20%。",
                  bulletin=province_report("天津", "天津市", 100), section="一、2025年工作回顾")
    assert answer(analyze("2025年天津固定资产投资增长多少?"), [passage]).abstained
    assert answer(analyze("2025年天津实际使用外资增长多少?"), [passage]).abstained  # the zones'


def test_exports_of_a_kind_are_not_the_exports_asked() -> None:
    """上海 2026 report: “新三样”产品出口增长17.4% is the new-energy trio's exports; the city's
    are in 外贸进出口总额……，其中出口增长10.8%. 湖南's “新三样”出口增长88% is no 出口 either."""
    shanghai = province_report("上海", "上海市", 101)
    kind = hit("制定实施、动态优化稳外贸系列政策，加强运力、金融保险、法律、会展、知识产权等全方位服务保障，"
               "出台全国首个化妆品产业海关支持措施，促进外贸企业拓内销，推动中间品贸易、国际分拨加快发展，"
               "支持跨境电商全链路发展，“新三样”产品出口增长17.4%。",
               bulletin=shanghai, section="一、2025年工作回顾", passage_id=1)
    whole = hit("外贸进出口总额达到4.51万亿元、增长5.6%，其中出口增长10.8%。",
                bulletin=shanghai, section="一、2025年工作回顾", passage_id=2)
    assert answer(analyze("2025年上海出口增长了多少?"), [kind, whole]).value == pytest.approx(10.8)
    hunan = hit("内外贸一体化发展稳步推进，贸易网络覆盖全球，“新三样”出口增长88%，长沙获批中欧班列国家集结中心，"
                "怀化国际陆港开行东盟货运班列突破1200列，三一重工、中联重科海外营收占比达到60%左右。",
                bulletin=province_report("湖南", "湖南省", 102), section="一、2025年工作回顾")
    assert answer(analyze("2025年湖南出口增长多少?"), [hunan]).abstained
    assert answer(analyze("2025年湖南“新三样”出口增长多少?"), [hunan]).value == pytest.approx(88)


def test_coordinated_items_share_all_the_words_after_their_common_ending() -> None:
    """福建 2026 report: 城镇居民、农村居民人均可支配收入分别增长4.5%、5.7% — 城镇居民 shares
    人均可支配收入 (what follows 居民 in the last item), so the urban figure is 4.5%; read as
    城镇居民收入 it lost to the rural item, which alone wrote 人均可支配."""
    passage = hit("初步统计，2025年全省地区生产总值60199.45亿元、增长5%，地方一般公共预算收入3723.35亿元、增长3%，"
                  "社会消费品零售总额增长4.4%，固定资产投资下降3.3%，进出口下降5.4%，城镇居民、农村居民人均可支配收入"
                  "分别增长4.5%、5.7%，城镇调查失业率4.7%，居民消费价格与上年持平。",
                  bulletin=province_report("福建", "福建省", 103), section="一、2025年工作回顾")
    assert answer(analyze("2025年福建城镇居民人均可支配收入增长多少?"),
                  [passage]).value == pytest.approx(4.5)
    assert answer(analyze("2025年福建农村居民人均可支配收入增长多少?"),
                  [passage]).value == pytest.approx(5.7)


def test_two_kinds_of_one_sector_are_two_sectors() -> None:
    """吉林 2026 report: 高技术制造业增加值增长13% is no 装备制造业增加值, though the report never
    writes 装备制造业 near it; 浙江's 17个重点传统制造业增加值增长5.3% is neither."""
    jilin = hit("高技术制造业增加值增长13%。", bulletin=province_report("吉林", "吉林省", 104),
                section="一、工作回顾")
    assert answer(analyze("2025年吉林装备制造业增加值增长多少?"), [jilin]).abstained
    assert answer(analyze("2025年吉林高技术制造业增加值增长多少?"), [jilin]).value == pytest.approx(13)
    zhejiang = hit("改造提升传统产业，17个重点传统制造业增加值增长5.3%，绍兴黄酒、金华火腿、西湖龙井茶3个历史经典产业"
                   "入围国家培育名单。", bulletin=province_report("浙江", "浙江省", 105),
                   section="一、2025年工作回顾")
    assert answer(analyze("2025年浙江高技术制造业增加值增长多少?"), [zhejiang]).abstained


def test_a_start_dated_by_its_own_year_answers_that_year_and_only_the_start() -> None:
    """山西 2026 report: 人均GDP从2020年的5.2万元提高到2025年的7.4万元 — 5.2万元 is 2020's level;
    西藏: 城乡居民人均可支配收入从2021年的46503元和16935元分别提高到58794元和23184元 — 从2021年
    dates the starting values, not 58794元, where the change ended."""
    shanxi = hit("人均GDP从2020年的5.2万元提高到2025年的7.4万元。",
                 bulletin=province_report("山西", "山西省", 106), section="一、“十四五”时期工作回顾",
                 lead=("——经济运行稳中有进。", "地区生产总值超过2.5万亿元、年均增长5%。"))
    assert answer(analyze("2020年山西人均GDP是多少?"), [shanxi]).value == 52_000
    assert answer(analyze("2025年山西人均GDP是多少?"), [shanxi]).value == 74_000
    xizang = hit("实施“十大民生工程”，民生投入累计超过1万亿元，城乡居民人均可支配收入从2021年的46503元和16935元"
                 "分别提高到58794元和23184元，各族群众获得感成色更足、幸福感更可持续、安全感更有保障。",
                 bulletin=province_report("西藏", "西藏自治区", 107), section="一、“十四五”时期工作回顾")
    assert answer(analyze("2021年西藏城镇居民人均可支配收入是多少?"), [xizang]).value == 46_503
    assert answer(analyze("2021年西藏农村居民人均可支配收入是多少?"), [xizang]).value == 16_935
    # asked where it got to since that year, the start is never the answer
    assert answer(analyze("2020年以来山西人均GDP提高到多少?"), [shanxi]).value != 52_000
    assert answer(analyze("2021年以来西藏城镇居民人均可支配收入提高到多少?"), [xizang]).value != 46_503


def test_a_budgets_deficit_is_known_as_arranged() -> None:
    """2025 report: 今年赤字率拟按4%左右安排……赤字规模5.66万亿元 — the year's deficit is the
    one arranged; a question about what it actually came to is not answered by the plan."""
    passage = hit("今年赤字率拟按4%左右安排、比上年提高1个百分点，赤字规模5.66万亿元、比上年增加1.6万亿元。",
                  bulletin=report(2025, 110), section="二、2025年经济社会发展总体要求和政策取向")
    deficit = answer(analyze("2025年赤字规模是多少?"), [passage])
    assert deficit.value == 5_660_000_000_000 and deficit.status == "planned"
    assert answer(analyze("2025年赤字率是多少?"), [passage]).value == pytest.approx(4)
    assert answer(analyze("2025年实际赤字规模是多少?"), [passage]).abstained


def test_a_list_item_written_apart_from_its_head_is_still_that_item() -> None:
    """吉林 2026 report: 食品、石化、医药、信息等产业增加值分别增长7.5%、11.5%、17.4%、7.3% — the
    question's 医药产业 is one token, the list writes 医药 apart from 产业."""
    passage = hit("强化工业支撑，大力纾困盘活“双停”企业，以丰补歉，食品、石化、医药、信息等产业增加值分别增长"
                  "7.5%、11.5%、17.4%、7.3%。", bulletin=province_report("吉林", "吉林省", 111),
                  section="一、工作回顾")
    assert answer(analyze("2025年吉林医药产业增加值增长多少?"), [passage]).value == pytest.approx(17.4)
    assert answer(analyze("2025年吉林数字产业增加值增长多少?"), [passage]).abstained


def test_deposits_and_loans_contracted_are_two_items() -> None:
    """陕西 2026 report: 金融机构人民币存贷款余额分别增长6.9％、6.6％ — 存贷款 is 存款 then 贷款."""
    passage = hit("金融机构人民币存贷款余额分别增长6.9％、6.6％，营利性服务业增加值增长6.9％。",
                  bulletin=province_report("陕西", "陕西省", 112), section="一、2025年工作回顾")
    assert answer(analyze("2025年陕西金融机构人民币贷款余额增长多少?"),
                  [passage]).value == pytest.approx(6.6)
    assert answer(analyze("2025年陕西人民币存款余额增长多少?"), [passage]).value == pytest.approx(6.9)


def test_a_zones_figure_is_not_the_provinces() -> None:
    """广西 2026 report: 沿边临港产业园区工业投资增长11.7% is the parks' investment."""
    passage = hit("设立中国—东盟产业合作区协同发展区，沿边临港产业园区工业投资增长11.7%。",
                  bulletin=province_report("广西", "广西壮族自治区", 113), section="一、2025年工作回顾")
    assert answer(analyze("2025年广西工业投资增长多少?"), [passage]).abstained
    assert answer(analyze("2025年广西沿边临港产业园区工业投资增长多少?"),
                  [passage]).value == pytest.approx(11.7)


def test_a_kind_asked_that_no_sentence_writes_is_not_answered_by_the_whole() -> None:
    """浙江 2026 report: 服务业增加值增长5.8%，软件和信息技术服务业增加值增长9.6% — 现代服务业 is
    written nowhere, so neither the whole (5.8%) nor the other kind (9.6%) answers it; the
    other kind rejected as strong as the whole is the sign."""
    passage = hit("服务业增加值增长5.8%，软件和信息技术服务业增加值增长9.6%，金融业增加值增长7.9%。",
                  bulletin=province_report("浙江", "浙江省", 114), section="一、2025年工作回顾")
    assert answer(analyze("2025年浙江现代服务业增加值增长多少?"), [passage]).abstained


def test_a_bare_table_noun_in_a_list_item_names_no_indicator() -> None:
    """浙江 2026 report: 新增工业用地支持民间投资项目比重……84.6% holds 投资 (the bare end of
    固定资产投资) and 工业, but is no 工业技改投资."""
    passage = hit("专项产业基金、新增能耗、新增工业用地支持民间投资项目比重分别为99.3%、93.8%、84.6%，"
                  "民间项目投资增长4.6%。",
                  bulletin=province_report("浙江", "浙江省", 115), section="一、2025年工作回顾")
    assert answer(analyze("2025年浙江工业技改投资增长多少?"), [passage]).abstained


def test_a_qualifier_of_another_list_item_is_not_this_items() -> None:
    """2005 report: 城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，扣除价格因素，分别实际
    增长7.7%和6.8% — 农村 is the second item's, so the urban 7.7% never answers a rural
    question, and the rural 纯收入 no 可支配收入 question."""
    passage = hit("城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，扣除价格因素，分别实际增长7.7%和6.8%。",
                  bulletin=report(2005, 116), section="一、过去一年工作回顾")
    assert answer(analyze("2004年农村居民人均可支配收入增长多少?"), [passage]).abstained
    assert answer(analyze("2004年农村居民人均纯收入增长多少?"), [passage]).value == pytest.approx(6.8)


def test_a_clause_that_is_only_a_change_pairs_its_figures_like_fenbie() -> None:
    """2009 report: 城镇居民人均可支配收入15781元，农村居民人均纯收入4761元，实际增长8.4%和8% —
    without 分别 the two rates still go to the two incomes in order."""
    passage = hit("城镇居民人均可支配收入15781元，农村居民人均纯收入4761元，实际增长8.4%和8%。",
                  bulletin=report(2009, 117), section="一、2008年工作回顾")
    assert answer(analyze("2008年农村居民人均纯收入增长多少?"), [passage]).value == pytest.approx(8)
    assert answer(analyze("2008年城镇居民人均可支配收入增长多少?"),
                  [passage]).value == pytest.approx(8.4)


def test_spending_is_counted_in_money_though_its_spenders_are_people() -> None:
    """新疆 2026 report: 全年接待游客3.23亿人次、游客花费3700亿元 — 游客花费 asks money: the
    noun nearest the question word (花费), not the people who spend (游客), sets the unit."""
    passage = hit("全年接待游客3.23亿人次、游客花费3700亿元，分别增长8%、8.4%，新疆成为更多国内外游客向往的“诗和远方”。",
                  bulletin=province_report("新疆", "新疆维吾尔自治区", 118), section="一、2025年工作回顾")
    assert answer(analyze("2025年新疆游客花费是多少?"), [passage]).value == 370_000_000_000
    assert answer(analyze("2025年新疆接待游客多少人次?"), [passage]).value == 323_000_000
