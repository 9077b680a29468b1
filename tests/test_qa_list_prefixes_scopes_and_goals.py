"""Rules found by reviewing this session's changes against question grids over the reports
(../shared/corpus): words a list writes once for every item, a scope or purpose that owns
a figure, a goal named after its figures, words that only compare, and 年均浓度. Each test
quotes the real sentence; several guard against wrong figures an earlier form of these
rules gave."""

from __future__ import annotations

import pytest

from qa.clauses import clause_bounds
from qa.extract import answer
from qa.numbers import find_numbers
from qa.question import analyze
from retrieval.tokenizer import normalize
from tests.report_sentences import hit, province_report, report, timeframe_of

REVIEW = "一、2025年工作回顾"


def test_words_written_once_before_a_list_belong_to_every_item() -> None:
    """2016 report: 单位国内生产总值用水量、能耗、二氧化碳排放量分别下降23%、15%、18% —
    单位国内生产总值 is every item's, so 能耗 is 15%, and 能耗 does not take the rest of
    二氧化碳排放量."""
    passage = hit("今后五年，单位国内生产总值用水量、能耗、二氧化碳排放量分别下降23%、15%、18%，森林覆盖率达到"
                  "23.04%，能源资源开发利用效率大幅提高，生态环境质量总体改善。",
                  bulletin=report(2016, 401), section="二、“十三五”时期主要目标任务和重大举措")
    asked = answer(analyze("“十三五”规划提出今后五年单位国内生产总值能耗下降多少的目标?"), [passage])
    assert asked.value == pytest.approx(15)
    water = answer(analyze("“十三五”规划提出今后五年单位国内生产总值用水量下降多少的目标?"), [passage])
    assert water.value == pytest.approx(23)


def test_a_first_item_that_is_a_word_of_its_own_is_no_shared_prefix() -> None:
    """海南 2026: 地表水、近岸海域水质优良比例分别达96.9%、99.7%; 吉林: 国家级、部级创新平台
    分别达到22家、182家 — the second item's figure never answers for the first."""
    hainan = hit("空气质量优良天数比例98.8%，PM2.5浓度11.8微克/立方米，地表水、近岸海域水质优良比例分别达"
                 "96.9%、99.7%。", bulletin=province_report("海南", "海南省", 402), section=REVIEW)
    assert answer(analyze("2025年海南地表水水质优良比例是多少?"), [hainan]).value != pytest.approx(99.7)
    jilin = hit("完成新建、重组11家全国重点实验室，国家级、部级创新平台分别达到22家、182家。",
                bulletin=province_report("吉林", "吉林省", 403), section=REVIEW)
    assert answer(analyze("2025年吉林国家级创新平台有多少家?"), [jilin]).value != 182


def test_a_society_wide_question_needs_its_own_indicator() -> None:
    """1982 report: 社会商品零售总额，一九八一年比一九八○年增长百分之九点八 holds 社会, but no
    全社会用电量 (jieba cuts 全社会 as 全 + 社会, and 2022年全社会 as 2022 + 年全 + 社会)."""
    passage = hit("社会商品零售总额，一九八一年比一九八○年增长百分之九点八，一九八二年预计比一九八一年增长百分之八点九，"
                  "两年平均每年递增百分之九点四。", bulletin=report(1982, 404),
                  section="一、一九八一年国民经济情况")
    assert answer(analyze("1981年全社会用电量增长多少?"), [passage]).abstained
    assert "全社会" in analyze("2022年全社会固定资产投资增长多少?").keywords


def test_words_of_comparison_name_no_indicator() -> None:
    """2000 report: 外贸出口……比上年增长6.1% shares 比上年 with the question, not GDP."""
    passage = hit("外贸出口从7月份开始大幅度回升，全年达到1949亿美元，比上年增长6．1％。",
                  bulletin=report(2000, 405), section="一、1999年工作回顾")
    assert answer(analyze("1999年国内生产总值比上年增长多少?"), [passage]).abstained


def test_money_asked_must_be_written() -> None:
    """重庆 2026: 入境旅游人次增长68.2% counts visitors, no 旅游花费."""
    passage = hit("推出“雄奇山水 新韵重庆”文旅宣传品牌，创新“跟着美食去旅行”“跟着演艺去旅行”等新模式，培育“重庆之夜”"
                  "交响音乐会等新业态，无人机灯光秀成为城市文旅爆款IP，全年接待游客突破5亿人次，入境旅游人次增长68.2%。",
                  bulletin=province_report("重庆", "重庆市", 406), section=REVIEW)
    assert answer(analyze("2025年重庆旅游花费增长多少?"), [passage]).abstained


def test_a_figure_per_ten_thousand_people_is_no_count() -> None:
    """山西 2026: 5G基站万人拥有量33.7座 is a density, not how many stations."""
    passage = hit("5G基站万人拥有量33.7座，综合算力指数全国排名第八，数字经济核心产业增加值预计增长10%，中国算力大会"
                  "在我省成功举办。", bulletin=province_report("山西", "山西省", 407), section=REVIEW)
    assert answer(analyze("2025年山西新增5G基站多少?"), [passage]).abstained


def test_a_range_from_a_years_end_is_a_span() -> None:
    """1987 report: 把１９８４年末至１９８５年一度出现的经济过热……调整过来 does not date the
    1986 figures after it as 1985's."""
    lead = "在经济领域，过去一年里取得的最重要的成绩，就是把１９８４年末至１９８５年一度出现的经济过热现象初步调整过来。"
    year, _ = timeframe_of("钢产量达到５２０５万吨，比上年增长１１．２％；", "５２０５万吨", "一、当前国内形势和基本任务",
                           1987, lead)
    assert year != 1985


def test_figures_a_clause_calls_a_goal_are_planned() -> None:
    """2007 report: 没有实现年初确定的单位国内生产总值能耗降低4%左右……的目标 — 4% was the goal;
    what happened is not this figure."""
    passage = hit("但是，全国没有实现年初确定的单位国内生产总值能耗降低4%左右、主要污染物排放总量减少2%的目标。",
                  bulletin=report(2007, 408), section="一、2006年工作回顾")
    assert answer(analyze("2006年单位国内生产总值能耗降低多少?"), [passage]).abstained


def test_an_item_measuring_another_thing_is_no_answer() -> None:
    """山西 2026: 规上制造业、工业战略性新兴产业增加值年均分别增长7%、6.8% — neither is all
    规上工业."""
    passage = hit("规上制造业、工业战略性新兴产业增加值年均分别增长7%、6.8%。",
                  bulletin=province_report("山西", "山西省", 409), section="一、“十四五”时期工作回顾")
    assert answer(analyze("2025年山西规上工业增加值年均增长多少?"), [passage]).abstained


def test_a_measure_of_the_same_subject_after_a_dunhao_stays_its_clause() -> None:
    """内蒙古 2026: 自治区国资委监管企业营收增长5.9%、利润增长5.5% — 利润 is the state firms';
    广西: 力争新增……80家、人形机器人产量突破5000台 — 力争 plans both."""
    text = normalize("自治区国资委监管企业营收增长5.9%、利润增长5.5%。")
    profit = find_numbers(text)[1]
    assert clause_bounds(text, profit)[0] == 0
    neimeng = hit("自治区国资委监管企业营收增长5.9%、利润增长5.5%。",
                  bulletin=province_report("内蒙古", "内蒙古自治区", 410), section=REVIEW)
    assert answer(analyze("2025年内蒙古工业企业利润增长多少?"), [neimeng]).abstained
    guangxi = hit("推动企业数字化转型，加快工业互联网与AI融合，强化工业智能算力供给，推出人工智能标志性产品30个，力争新增"
                  "自治区级智能工厂和数字化车间80家、人形机器人产量突破5000台。",
                  bulletin=province_report("广西", "广西壮族自治区", 411), section="三、2026年主要任务")
    assert answer(analyze("2026年广西人形机器人产量是多少?"), [guangxi]).status != "achieved"


def test_a_scope_or_a_purpose_owns_its_figures() -> None:
    """1956 report: 对于少数民族地区，本年预算共支出791,459,000元 is those regions'; 用于轻工业
    的支出为974,979,000元 is light industry's."""
    regions = hit("对于少数民族地区，本年预算共支出７９１，４５９，０００元，比１９５５年增长３２．５６％。",
                  bulletin=report(1956, 412), section=None, passage_id=1)
    light = hit("其中，用于电力、煤炭、原油、冶金、化工、机械制造等重工业的支出为７，５６９，１０３，０００元，占工业支出总数的"
                "８８．５９％，比上年实际增长４２．０８％；用于轻工业的支出为９７４，９７９，０００元，占工业支出总数的"
                "１１．４１％，比上年实际增长８６．１４％。", bulletin=report(1956, 412), section=None,
                passage_id=2)
    question = analyze("1956年国家预算支出是多少?")
    assert answer(question, [regions]).abstained
    assert answer(question, [light]).abstained
    assert answer(analyze("1956年用于轻工业的支出是多少?"), [light]).value == 974_979_000


def test_an_annual_mean_concentration_is_the_years_own() -> None:
    """上海 2026: PM2.5年均浓度为26.3微克/立方米、下降7.4% answers for 2025; 年均浓度 is a
    year's mean, not an average over years."""
    passage = hit("PM2.5年均浓度为26.3微克/立方米、下降7.4%，新增公园127座，提前建成千座公园城市，累计达到1100座，"
                  "89.4%的公园实现24小时开放。",
                  bulletin=province_report("上海", "上海市", 413), section=REVIEW)
    assert answer(analyze("2025年上海PM2.5年均浓度下降多少?"), [passage]).value == pytest.approx(7.4)
    assert not analyze("2025年上海PM2.5年均浓度是多少?").wants_average


def test_cheng_inside_a_name_asks_no_rate() -> None:
    """浙江 2026: 集成电路……产量分别增长……11.9% is a growth rate; 集成电路产量是多少 asks the
    output (成 of 集成 is no 几成), which the report does not give."""
    passage = hit("培育壮大新兴产业，战略性新兴产业、高新技术产业增加值分别增长10%、7.9%，新能源汽车、集成电路、工业机器人"
                  "产量分别增长49.8%、11.9%、36.4%。", bulletin=province_report("浙江", "浙江省", 414),
                  section=REVIEW)
    assert not analyze("2025年浙江集成电路产量是多少?").wants_rate
    assert answer(analyze("2025年浙江集成电路产量是多少?"), [passage]).abstained


def test_two_things_joined_before_one_total_are_no_answer_for_one() -> None:
    """1959 report: 工业和手工业总产值是七百零四亿元 is both together; 手工业总产值 alone is not
    given here."""
    passage = hit("这样，一九五七年的工农业总产值就应当是一千二百四十一亿元，工业和手工业总产值是七百零四亿元，农业总产值是"
                  "五百三十七亿元。", bulletin=report(1959, 415), section=None)
    assert answer(analyze("一九五七年全国手工业总产值实际达到多少?"), [passage]).abstained
    assert answer(analyze("一九五七年工业和手工业总产值是多少?"),
                  [passage]).value == 70_400_000_000


def test_a_cause_between_a_subject_and_its_change_is_an_aside() -> None:
    """1956 report: １９５５年全国铁路运输的货物周转量，由于不合理运输的减少，比１９５４年只增长了
    ５％ — 由于… is an aside; the 5% is the railway's."""
    passage = hit("１９５５年全国铁路运输的货物周转量，由于不合理运输的减少，比１９５４年只增长了５％。",
                  bulletin=report(1956, 416), section=None)
    assert answer(analyze("1955年铁路货物周转量比上年增长多少?"), [passage]).value == pytest.approx(5)


def test_the_subject_after_a_dunhao_owns_its_figure_and_no_more() -> None:
    """宁夏 2026: 新能源投资增长70%、装机规模增长38% — the 70% clause ends at the 、, so 装机规模
    asked takes 38% and 新能源投资 70%; a growth is no share (新能源投资占比)."""
    passage = hit("出台构建新型能源体系实施意见，新能源投资增长70%、装机规模增长38%，利用率达94.5%、连续5年保持西北第一，"
                  "建成8个绿电园区项目，成为全国首个“绿电自足”省区。",
                  bulletin=province_report("宁夏", "宁夏回族自治区", 417), section=REVIEW)
    assert answer(analyze("2025年宁夏装机规模增长多少?"), [passage]).value == pytest.approx(38)
    assert answer(analyze("2025年宁夏新能源投资增长多少?"), [passage]).value == pytest.approx(70)
    assert answer(analyze("2025年宁夏新能源装机规模占比是多少?"), [passage]).abstained


def test_a_share_of_another_kind_is_not_the_share_asked() -> None:
    """浙江 2026: 村集体经济经营性收入50万元以上的行政村占比达68% is villages', no 产业项目数
    占比 (jieba cuts 占比 as 占 + 比)."""
    passage = hit("发展乡村特色产业，“土特产富”全产业链总产值达3420亿元，村集体经济经营性收入50万元以上的行政村占比达"
                  "68%，和美乡村覆盖率达73%。", bulletin=province_report("浙江", "浙江省", 418),
                  section=REVIEW)
    assert answer(analyze("2025年浙江产业项目数占比是多少?"), [passage]).abstained
