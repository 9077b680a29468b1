"""An indicator that reports give by kind as well as in total (trade, services,
manufacturing, firms, investment): a figure of one kind never answers for another, nor
for the total, nor the total for a kind. Each rule is proved on a sentence quoted from the
2026 provincial reports (../shared/corpus/provincial-reports-2026)."""

from __future__ import annotations

import pytest

from qa.extract import answer
from qa.question import analyze
from tests.report_sentences import hit, province_report

REVIEW = "一、2025年工作回顾"


def test_a_kind_of_trade_asked_is_not_answered_by_the_whole_trade() -> None:
    """上海 2026: 外贸进出口总额……增长5.6% is all trade, no 对东盟进出口 nor 服务贸易进出口;
    天津: 出口增长10.1% is all exports, no 机电产品出口; the whole still answers for itself."""
    shanghai = hit("外贸进出口总额达到4.51万亿元、增长5.6%，其中出口增长10.8%。",
                   bulletin=province_report("上海", "上海市", 201), section=REVIEW)
    assert answer(analyze("2025年上海对东盟进出口增长多少?"), [shanghai]).abstained
    assert answer(analyze("2025年上海服务贸易进出口总额是多少?"), [shanghai]).abstained
    assert answer(analyze("2025年上海进出口总额是多少?"), [shanghai]).value == 4.51e12
    tianjin = hit("出台促进外贸稳增长等措施，出口增长10.1%，跨境电商交易额增长28.1%。",
                  bulletin=province_report("天津", "天津市", 202), section=REVIEW)
    assert answer(analyze("2025年天津机电产品出口增长多少?"), [tianjin]).abstained
    assert answer(analyze("2025年天津出口增长多少?"), [tianjin]).value == pytest.approx(10.1)


def test_a_kind_named_in_a_list_answers_for_that_kind() -> None:
    """陕西 2026: 对中亚五国、东盟进出口分别增长37.2％、19％ — 东盟 is named, so 19% is the
    answer; 机电产品出口占比86％ is a share, no growth of those exports."""
    passage = hit("“新三样”、集成电路出口增长30.4％、30.1％，机电产品出口占比86％，对中亚五国、东盟进出口分别增长"
                  "37.2％、19％，全省进出口总值创历史新高，达到5379亿元、增长18.5％。",
                  bulletin=province_report("陕西", "陕西省", 203), section=REVIEW)
    assert answer(analyze("2025年陕西对东盟进出口增长多少?"), [passage]).value == pytest.approx(19)
    assert answer(analyze("2025年陕西机电产品出口增长多少?"), [passage]).abstained
    assert answer(analyze("2025年陕西机电产品出口占比是多少?"), [passage]).value == pytest.approx(86)


def test_exports_are_not_named_by_the_word_for_all_trade() -> None:
    """广西 2026: 外贸进出口增长8.4%，总额突破8000亿元 — 出口 written only inside 进出口 names
    no exports: the total is all trade."""
    passage = hit("外贸进出口增长8.4%，总额突破8000亿元、排西部第二。",
                  bulletin=province_report("广西", "广西壮族自治区", 204), section=REVIEW)
    assert answer(analyze("2025年广西出口总额是多少?"), [passage]).abstained
    assert answer(analyze("2025年广西进出口总额是多少?"), [passage]).value == 8e11


def test_a_kind_of_services_is_not_the_service_sector() -> None:
    """陕西 2026: 营利性服务业增加值增长6.9％ is one kind of services; 山东: 服务业增加值增长
    6.1% is all services, no 生产性服务业; 上海: 软件和信息服务业 is one item of a list."""
    shaanxi = hit("金融机构人民币存贷款余额分别增长6.9％、6.6％，营利性服务业增加值增长6.9％。",
                  bulletin=province_report("陕西", "陕西省", 205), section=REVIEW)
    assert answer(analyze("2025年陕西服务业增加值增长多少?"), [shaanxi]).abstained
    assert answer(analyze("2025年陕西营利性服务业增加值增长多少?"),
                  [shaanxi]).value == pytest.approx(6.9)
    shandong = hit("服务业增加值增长6.1%，高于全国0.7个百分点；",
                   bulletin=province_report("山东", "山东省", 206), section=REVIEW)
    assert answer(analyze("2025年山东生产性服务业增加值增长多少?"), [shandong]).abstained
    assert answer(analyze("2025年山东服务业增加值增长多少?"), [shandong]).value == pytest.approx(6.1)
    shanghai = hit("促进重点产业创新升级，新能源、高端装备等战略性新兴产业实现较快增长，金融业、软件和信息服务业"
                   "增加值分别增长9.7%、15.3%。", bulletin=province_report("上海", "上海市", 207),
                   section=REVIEW)
    assert answer(analyze("2025年上海服务业增加值增长多少?"), [shanghai]).abstained
    assert answer(analyze("2025年上海金融业增加值增长多少?"), [shanghai]).value == pytest.approx(9.7)


def test_a_kind_before_the_first_item_of_a_list_is_that_items_alone() -> None:
    """广西 2026: 规上高技术制造业、装备制造业增加值分别增长23.7%、16.5% — 高技术 qualifies
    the first item only, so the second is the equipment industry's."""
    passage = hit("规上高技术制造业、装备制造业增加值分别增长23.7%、16.5%，汽车用锂电池、太阳能电池、工业机器人产量"
                  "分别增长54.5%、43.1%、86.3%，新产业、新产品对工业增长贡献超50%。",
                  bulletin=province_report("广西", "广西壮族自治区", 208), section=REVIEW)
    assert answer(analyze("2025年广西装备制造业增加值增长多少?"), [passage]).value == pytest.approx(16.5)
    assert answer(analyze("2025年广西高技术制造业增加值增长多少?"),
                  [passage]).value == pytest.approx(23.7)


def test_firms_of_one_kind_asked_are_not_other_firms() -> None:
    """广东 2026: 上榜世界500强企业增至18家 counts the Fortune 500, no 高新技术企业."""
    passage = hit("新增境内外上市公司45家、总量达1224家，上榜世界500强企业增至18家。",
                  bulletin=province_report("广东", "广东省", 209), section=REVIEW)
    result = answer(analyze("2025年广东高新技术企业有多少家?"), [passage])
    assert result.abstained
    assert [row["rejected"] for row in result.explain if row["figure"] == "18家"] != [None]


def test_what_a_set_of_firms_did_is_theirs() -> None:
    """甘肃 2026: 省属企业完成产业类投资553.1亿元、研发投入133.5亿元，分别增长10.6%、10.3% —
    the provincial state firms' R&D, not the province's."""
    passage = hit("省属企业完成产业类投资553.1亿元、研发投入133.5亿元，分别增长10.6%、10.3%。",
                  bulletin=province_report("甘肃", "甘肃省", 210), section=REVIEW)
    assert answer(analyze("2025年甘肃研发经费投入增长多少?"), [passage]).abstained
    assert answer(analyze("2025年甘肃省属企业研发投入增长多少?"), [passage]).value == pytest.approx(10.3)


def test_a_word_inside_an_investments_name_makes_a_kind_of_it() -> None:
    """甘肃 2026: 工业技改投资增长33.6% is technical renovation, no 工业投资."""
    passage = hit("实施“三化”改造项目304个，工业技改投资增长33.6%、居全国第3位。",
                  bulletin=province_report("甘肃", "甘肃省", 211), section=REVIEW)
    assert answer(analyze("2025年甘肃工业投资增长多少?"), [passage]).abstained
    assert answer(analyze("2025年甘肃工业技改投资增长多少?"), [passage]).value == pytest.approx(33.6)


def test_an_export_volume_of_one_good_is_a_kind_of_exports() -> None:
    """黑龙江 2026: 蔬菜出口量增长30% (jieba: 蔬菜 + 出口量) is vegetables' exports only."""
    passage = hit("蔬菜出口量增长30%。", bulletin=province_report("黑龙江", "黑龙江省", 212),
                  section=REVIEW)
    assert answer(analyze("2025年黑龙江出口增长多少?"), [passage]).abstained
    assert answer(analyze("2025年黑龙江蔬菜出口量增长多少?"), [passage]).value == pytest.approx(30)


def test_a_figure_holding_only_a_modifier_of_the_question_measures_another_thing() -> None:
    """山东 2026: 工业机器人增长26.6% holds 工业, but 投资 is written nowhere near it."""
    passage = hit("高新技术产品产量大幅增长，集成电路圆片增长19.2%，锂电池增长103.1%，工业机器人增长26.6%，"
                  "新能源汽车超过110万辆。", bulletin=province_report("山东", "山东省", 213),
                  section=REVIEW)
    assert answer(analyze("2025年山东工业投资增长多少?"), [passage]).abstained
    assert answer(analyze("2025年山东工业机器人增长多少?"), [passage]).value == pytest.approx(26.6)
