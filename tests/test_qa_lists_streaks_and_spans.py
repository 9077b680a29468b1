"""Which figure of a sentence is which, and when it was measured: lists stated twice,
plans enumerated without a verb, streaks of years, increments, ranges of years and the
short sentences taken for a paragraph's topic. Each rule is proved on a sentence quoted
from the State Council work reports or the 2026 provincial reports (../shared/corpus)."""

from __future__ import annotations

import pytest

from qa.extract import answer
from qa.numbers import find_numbers
from qa.question import analyze
from retrieval.tokenizer import normalize
from tests.test_qa_rules_on_report_sentences import hit, province_report, report, timeframe_of

REVIEW = "一、2025年工作回顾"


def test_a_second_fenbie_takes_the_subjects_written_before_the_first() -> None:
    """上海 2026: 航空旅客和货邮吞吐量分别达到1.35亿人次、453.8万吨，分别增长8.3%、7.9% — the
    rates go to the two subjects, not to the clause and its level 453.8万吨; 上海机场 is
    written once for both."""
    passage = hit("罗泾港区改造二期启动建设，上海港集装箱吞吐量达到5506.3万标准箱、连续16年排名世界第一，"
                  "上海机场航空旅客和货邮吞吐量分别达到1.35亿人次、453.8万吨，分别增长8.3%、7.9%。",
                  bulletin=province_report("上海", "上海市", 301), section=REVIEW)
    assert answer(analyze("2025年上海机场货邮吞吐量增长了多少?"), [passage]).value == pytest.approx(7.9)
    assert answer(analyze("2025年上海机场航空旅客吞吐量增长了多少?"),
                  [passage]).value == pytest.approx(8.3)


def test_a_verbless_item_shares_the_plan_of_the_clause_before_it() -> None:
    """1958 report: 计划生产氮肥九十万六千吨，磷肥十九万六千吨 — 磷肥 has no verb of its own and is
    planned as much as 氮肥; a plan question about it takes its own figure, not the
    neighbour's."""
    passage = hit("计划生产氮肥九十万六千吨，磷肥十九万六千吨，分别比上一年增长百分之三十三点七和百分之六十三点九。",
                  bulletin=report(1958, 302), section=None)
    result = answer(analyze("1958年计划生产磷肥多少吨?"), [passage])
    assert result.value == 196_000 and result.status == "planned"


def test_a_clause_after_one_without_figures_keeps_its_own_status() -> None:
    """CMRC 余杭站: 南侧广场将包括……通道，广场面积约4.81万平方米 — the plan word belongs to the
    clause listing what the square holds, which states no figure; the area is measured."""
    passage = hit("余杭站南侧广场将包括地下汽车库、地上广场以及高铁站南北两侧地下通道，广场面积约4.81万平方米，"
                  "地下室面积约4.84万平方米。", bulletin=report(2017, 303), section=None)
    result = answer(analyze("广场面积有多少平方米?"), [passage])
    assert result.value == 48_100 and result.status == "achieved"


def test_a_streak_of_years_is_no_measurement() -> None:
    """北京 2026: 细颗粒物年均浓度连续五年稳定达标 counts years of a record; the concentration is
    27微克/立方米, a unit read as one."""
    streak = hit("细颗粒物年均浓度连续五年稳定达标，“北京蓝”成为常态；",
                 bulletin=province_report("北京", "北京市", 304), section=REVIEW, passage_id=1)
    level = hit("深入实施0.1微克攻坚行动，新能源汽车保有量超130万辆，绿色电力占比达36%，优良天数比例首次突破80%，"
                "细颗粒物年均浓度27微克/立方米、下降11.5%，创有监测记录以来最优水平。",
                bulletin=province_report("北京", "北京市", 304), section=REVIEW, passage_id=2)
    question = analyze("2025年北京细颗粒物年均浓度是多少?")
    assert answer(question, [streak]).abstained
    result = answer(question, [streak, level])
    assert (result.value, result.unit) == (27, "微克/立方米")
    assert answer(analyze("北京细颗粒物年均浓度连续几年稳定达标?"), [streak]).value == 5


def test_port_and_air_units_are_read() -> None:
    """上海 2026: 5506.3万标准箱 is a container count, not a bare number."""
    spans = find_numbers(normalize("上海港集装箱吞吐量达到5506.3万标准箱、连续16年排名世界第一"))
    assert (spans[0].value, spans[0].unit) == (55_063_000, "标准箱")


def test_a_short_sentence_stating_a_figure_is_no_topic_for_the_next() -> None:
    """黑龙江 2026: 蔬菜出口量增长30%。刺五加种植面积增长13.6%。 — the first is a result of its
    own; it does not make the planting area a figure of exports."""
    passage = hit("刺五加种植面积增长13.6%。", bulletin=province_report("黑龙江", "黑龙江省", 305),
                  section=REVIEW, lead=("（四）现代化大农业迈上新台阶。", "蔬菜出口量增长30%。"))
    assert answer(analyze("2025年黑龙江机电产品出口增长多少?"), [passage]).abstained
    assert answer(analyze("2025年黑龙江出口增长多少?"), [passage]).abstained


def test_a_clause_opening_with_xinzeng_counts_what_was_added() -> None:
    """2008 report: 新增铁路营运里程6100公里 is five years' new line, not the network's length;
    the range 1950年到2002年 the clause before compares with dates none of it."""
    lead = ("五年新增电力装机3.5亿千瓦，是1950年到2002年53年的总和；", "新增公路19.2万公里，其中高速公路2.8万公里；")
    passage = hit("新增铁路营运里程6100公里；", bulletin=report(2008, 306),
                  section="一、过去五年政府工作回顾", lead=lead)
    assert answer(analyze("截至2002年，全国铁路营运里程达到多少公里?"), [passage]).abstained
    assert answer(analyze("2002年新增铁路营运里程多少公里?"), [passage]).abstained
    assert timeframe_of("新增铁路营运里程6100公里；", "6100公里", "一、过去五年政府工作回顾", 2008,
                        "".join(lead)) == (None, True)


def test_a_range_of_years_written_with_nian_on_both_ends_is_a_span() -> None:
    """1978 report: 从一九七四年到一九七六年……财政收入四百亿元 is three years' loss, answered
    when the question asks those years, never for 1976 alone."""
    sentence = ("从一九七四年到一九七六年，由于“四人帮”的干扰破坏，全国大约损失工业总产值一千亿元，钢产量二千八百万吨，"
                "财政收入四百亿元，整个国民经济几乎到了崩溃的边缘。")
    assert timeframe_of(sentence, "四百亿元", "一、", 1978) == (None, True)
    passage = hit(sentence, bulletin=report(1978, 307), section=None)
    asked = answer(analyze("1974年到1976年，“四人帮”的干扰破坏使全国大约损失了多少财政收入?"), [passage])
    assert asked.value == 40_000_000_000
    assert answer(analyze("1976年财政收入是多少?"), [passage]).abstained


def test_the_year_before_a_word_is_not_glued_to_it() -> None:
    """2023 report: 带动固定资产投资增长5.1% answers 2022年全社会固定资产投资 though jieba cuts
    the question 2022 + 年全 + 社会, which read as a kind of investment."""
    assert "年全" not in analyze("2022年全社会固定资产投资增长多少?").keywords
    passage = hit("全年基础设施、制造业投资分别增长9.4%、9.1%，带动固定资产投资增长5.1%，一定程度弥补了消费收缩缺口。",
                  bulletin=report(2023, 308), section="一、过去一年和五年的工作回顾")
    assert answer(analyze("2022年全社会固定资产投资增长多少?"), [passage]).value == pytest.approx(5.1)


def test_a_start_before_jiangwei_is_not_the_years_figure() -> None:
    """1980 report: 积累率由1978年的36.5％，降为33.6％ — 36.5% is 1978's, where the fall
    started; 降为 opens a clause that goes on about 积累率, whose 1979 value is 33.6%."""
    passage = hit("积累率由1978年的36.5％，降为33.6％。", bulletin=report(1980, 309),
                  section="一、1979年国民经济计划执行情况")
    assert answer(analyze("1979年积累率是多少?"), [passage]).value == pytest.approx(33.6)


def test_a_level_reached_is_not_asked_as_a_rate() -> None:
    """河北 2026: 全省生产总值增长5.6% is a rate; “十四五”期间生产总值增长到多少 asks the level
    the economy reached, which no figure here gives."""
    passage = hit("全省生产总值增长5.6%，一般公共预算收入增长2%，规上工业增加值增长7.9%，固定资产投资增长6.1%，"
                  "社会消费品零售总额增长5.6%，主要经济指标增速高于全国平均水平，为全国大局作出河北贡献。",
                  bulletin=province_report("河北", "河北省", 310), section=REVIEW)
    assert answer(analyze("“十四五”期间河北生产总值增长到多少?"), [passage]).abstained
    assert answer(analyze("2025年河北生产总值增长多少?"), [passage]).value == pytest.approx(5.6)
