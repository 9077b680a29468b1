"""Which figure of a sentence is which, and when it was measured: lists stated twice,
plans enumerated without a verb, streaks of years, increments, ranges of years and the
short sentences taken for a paragraph's topic. Each rule is proved on a sentence quoted
from the State Council work reports or the 2026 provincial reports (../shared/corpus)."""

from __future__ import annotations

import pytest

from qa.extract import answer
from qa.numbers import find_numbers
from qa.parallel import parallel_subjects
from qa.question import analyze
from retrieval.tokenizer import normalize
from tests.report_sentences import hit, province_report, report, timeframe_of

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


def test_a_new_subject_after_a_figure_and_a_dunhao_starts_a_clause() -> None:
    """河北 2026: ……从0.94万家增加到1.55万家、科技型中小企业达到2.8万家 — the 2.8万家 is the
    small tech firms', though only a 、 parts it from the high-tech firms; 重庆: 高速公路通车
    里程达到4771公里、“县县通高速”全面实现 — the next words name no place of the figure."""
    hebei = hit("研发费用加计扣除政策直达快享，科技特派团助力企业攻克技术难关，国家级高新技术企业从0.94万家增加到1.55万家、"
                "科技型中小企业达到2.8万家，全社会研发投入年均增长超10%。",
                bulletin=province_report("河北", "河北省", 311), section="一、“十四五”时期工作回顾")
    assert answer(analyze("十四五末河北国家级高新技术企业有多少家?"),
                  [hebei]).value == pytest.approx(15_500)
    chongqing = hit("高速公路通车里程达到4771公里、“县县通高速”全面实现，城市轨道交通运营线路增至14条、运营里程超过580公里，"
                    "中心城区累计建成“40桥24隧”、城市道路突破7000公里。",
                    bulletin=province_report("重庆", "重庆市", 312), section="一、“十四五”时期工作回顾")
    assert answer(analyze("十四五末重庆高速公路通车里程是多少?"), [chongqing]).value == 4771


def test_items_sharing_one_verb_stay_one_clause() -> None:
    """安徽 2026: 新增科技型中小企业7227家、高新技术企业3200家 — 新增 governs every item, so
    3200家 is the year's new firms, never their total."""
    passage = hit("科技型企业队伍不断壮大，新增科技型中小企业7227家、高新技术企业3200家、专精特新企业1565家。",
                  bulletin=province_report("安徽", "安徽省", 313), section=REVIEW)
    assert answer(analyze("2025年安徽高新技术企业有多少家?"), [passage]).abstained
    assert answer(analyze("2025年安徽新增高新技术企业多少家?"), [passage]).value == 3200


def test_a_frame_of_circumstance_is_no_modifier_of_the_subject() -> None:
    """重庆 2026: 外贸进出口在对美贸易下降超3成的情况下增长12% — 在…的情况下 modifies the verb;
    the figure is trade's growth."""
    passage = hit("制定外贸转型升级、内外贸一体化等政策，推进“百团千企”“渝企出海”“渝车出海”行动计划，外贸进出口在对美"
                  "贸易下降超3成的情况下增长12%。", bulletin=province_report("重庆", "重庆市", 314),
                  section=REVIEW)
    assert answer(analyze("2025年重庆外贸进出口增长了多少?"), [passage]).value == pytest.approx(12)


def test_how_much_a_fall_was_asks_a_rate() -> None:
    """福建 2026: 固定资产投资下降3.3% answers 下降了多少, as 增长了多少 takes a growth rate."""
    passage = hit("初步统计，2025年全省地区生产总值60199.45亿元、增长5%，地方一般公共预算收入3723.35亿元、增长3%，"
                  "社会消费品零售总额增长4.4%，固定资产投资下降3.3%，进出口下降5.4%，城镇居民、农村居民人均可支配收入"
                  "分别增长4.5%、5.7%，城镇调查失业率4.7%，居民消费价格与上年持平。",
                  bulletin=province_report("福建", "福建省", 315), section=REVIEW)
    assert answer(analyze("2025年福建固定资产投资下降了多少?"), [passage]).value == pytest.approx(3.3)


def test_a_budgets_figure_is_no_actual_spending() -> None:
    """1956 report: １９５６年国家预算规定国防费支出为６，１４１，３９１，０００元 is the year's
    budget; a question about what was actually spent (决算) is not answered by it."""
    passage = hit("１９５６年国家预算规定国防费支出为６，１４１，３９１，０００元，比上年国防费决算数减少了５．５２％。",
                  bulletin=report(1956, 316), section=None)
    assert answer(analyze("1956年国防费实际支出(决算数)是多少?"), [passage]).abstained
    planned = answer(analyze("1956年国家预算规定的国防费支出是多少?"), [passage])
    assert planned.value == 6_141_391_000 and planned.status == "planned"


def test_a_rate_of_another_kind_is_not_the_rate_asked() -> None:
    """浙江 2026: 和美乡村覆盖率达73% is villages' coverage; 森林覆盖率 is written nowhere near."""
    passage = hit("发展乡村特色产业，“土特产富”全产业链总产值达3420亿元，村集体经济经营性收入50万元以上的行政村占比达"
                  "68%，和美乡村覆盖率达73%。", bulletin=province_report("浙江", "浙江省", 317),
                  section="一、“十四五”时期工作回顾")
    assert answer(analyze("十四五末浙江森林覆盖率是多少?"), [passage]).abstained


def test_a_list_item_is_told_apart_by_the_words_inside_its_tokens() -> None:
    """宁夏 2026: 其中城镇、农村居民收入分别增长4.8%、5.9% — the first item is 城镇居民收入, not
    其中城镇; 新疆: 城乡居民人均可支配收入分别增长5.3%、7% gives the rural 7%."""
    text = normalize("全体居民人均可支配收入增长5.5%，居全国第五，其中城镇、农村居民收入分别增长4.8%、5.9%，"
                     "分别居全国第四、第八。")
    spans = find_numbers(text)
    items = parallel_subjects(text, spans)
    assert items[1].own == "城镇居民收入"
    xinjiang = hit("全年地区生产总值2.15万亿元、增长5.5%，规上工业增加值增长7.7%，固定资产投资增长7.2%，社会消费品零售总额"
                   "增长3.6%，外贸进出口总额增长19.9%，一般公共预算收入增长10.5%，城乡居民人均可支配收入分别增长5.3%、"
                   "7%，其中农村居民人均可支配收入首次突破2万元、达到20793元。",
                   bulletin=province_report("新疆", "新疆维吾尔自治区", 318), section=REVIEW)
    assert answer(analyze("2025年新疆农村居民人均可支配收入增长多少?"),
                  [xinjiang]).value == pytest.approx(7)
