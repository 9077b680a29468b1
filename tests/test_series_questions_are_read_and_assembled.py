"""Which questions become a series, a difference or an extreme, and how those are
assembled from single answers: never from a gap, never across units or kinds."""

from __future__ import annotations

import json
from datetime import date

import pytest

from qa.question import normalize_question
from qa.series import SeriesRequest, assemble, parse, trend_request
from qa.types import Answer, FigureStatus, SeriesPoint
from retrieval.types import BulletinRef
from tests.conftest import REPO, SHARED

TODAY = date(2026, 3, 1)


def read(question: str) -> SeriesRequest | None:
    return parse(normalize_question(question), TODAY)


def eval_questions() -> list[str]:
    files = [REPO / "tests" / "data" / "seed_qa.jsonl",
             *sorted((SHARED / "eval").glob("*.jsonl"))]
    return [json.loads(line)["question"] for path in files if path.exists()
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_single_figure_questions_are_not_series_and_ratios_are_tried_single_first() -> None:
    questions = [
        *eval_questions(),
        "2017年国内生产总值比上年增长多少？", "2013—2017年城镇新增就业累计多少？",
        "过去五年城镇新增就业年均多少？", "2018年城镇新增就业的目标是多少？",
    ]
    routed = {q: read(q) for q in questions}
    assert [q for q, request in routed.items() if request and request.verb != "倍"] == []
    # "是1997年的多少倍" is often stated in a report: the engine asks it as a single
    # question first and computes a ratio only when that abstains.
    assert [q for q, request in routed.items() if request] == [
        q for q in questions if q.startswith("2002年全国高等学校在校生人数是1997年")]


@pytest.mark.parametrize(("question", "years"), [
    ("2013—2024年城镇新增就业分别是多少？", tuple(range(2013, 2025))),
    ("2013年至2016年城镇新增就业分别是多少", (2013, 2014, 2015, 2016)),
    ("近五年城镇新增就业分别是多少?", (2021, 2022, 2023, 2024, 2025)),
    ("2016年、2017年和2019年城镇新增就业分别是多少", (2016, 2017, 2019)),
])
def test_series_questions_name_their_years_and_subject(
    question: str, years: tuple[int, ...]
) -> None:
    request = read(question)
    assert request is not None and request.kind == "series"
    assert (request.subject, request.years, request.statuses) == (
        "城镇新增就业", years, ("achieved",))


def test_targets_and_results_side_by_side_ask_both_statuses() -> None:
    request = read("2013—2024年城镇新增就业的目标和实际")
    assert request is not None and request.statuses == ("achieved", "planned")
    assert request.questions()[:2] == [(2013, "achieved", "2013年城镇新增就业是多少"),
                                        (2013, "planned", "2013年城镇新增就业的目标是多少")]


@pytest.mark.parametrize("question", ["2017年比2016年城镇新增就业多了多少",
                                      "2017年城镇新增就业比2016年增长了多少？"])
def test_difference_questions_subtract_the_earlier_year(question: str) -> None:
    request = read(question)
    assert request is not None and request.kind == "difference"
    assert (request.subject, request.later, request.earlier) == ("城镇新增就业", 2017, 2016)


def test_extreme_questions_without_years_run_over_every_year() -> None:
    request = read("粮食产量哪一年最高？")
    assert request is not None and request.kind == "extreme"
    assert (request.subject, request.all_years, request.highest) == ("粮食产量", True, True)
    low = read("2013—2024年城镇新增就业最少的是哪一年")
    assert low is not None and not low.highest and low.years[0] == 2013


def test_trend_subject_alone_runs_over_every_year() -> None:
    request = trend_request("城镇新增就业", TODAY)
    assert request is not None and request.all_years and request.subject == "城镇新增就业"
    ranged = trend_request("2013-2024 城镇新增就业", TODAY)
    assert ranged is not None and ranged.years == tuple(range(2013, 2025))


REF = BulletinRef(1, "报告", "国务院", "report.txt", None, 2018, None)


def figure(value: float, unit: str, raw: str, year: int,
           status: FigureStatus = "achieved") -> Answer:
    return Answer(question="q", answer=raw, abstained=False, figure=raw, value=value,
                  unit=unit, figure_year=year, status=status, citation=REF, sentence=raw,
                  approximate=raw.endswith("以上"))


def difference(later: Answer | None, earlier: Answer | None) -> Answer:
    request = read("2017年比2016年城镇新增就业多了多少")
    assert request is not None
    return assemble(request, "q", [SeriesPoint(2016, "achieved", earlier),
                                   SeriesPoint(2017, "achieved", later)])


def test_difference_is_written_in_the_figures_unit_with_the_change() -> None:
    result = difference(figure(13_510_000, "人", "1351万人", 2017),
                        figure(13_140_000, "人", "1314万人", 2016))
    assert result.figure == "2017年比2016年多37万人（增长2.8%）"
    assert result.value == 370_000 and result.unit == "人"


def test_a_decrease_says_less_and_a_rate_differs_in_points() -> None:
    fewer = difference(figure(11_860_000, "人", "1186万人", 2017),
                       figure(13_610_000, "人", "1361万人", 2016))
    assert fewer.figure == "2017年比2016年少175万人（下降12.9%）"
    rates = difference(figure(5.1, "%", "5.1%", 2017), figure(5.5, "%", "5.5%", 2016))
    assert rates.figure == "2017年比2016年低0.4个百分点"


def test_figures_of_different_units_or_kinds_are_not_subtracted() -> None:
    units = difference(figure(13_510_000, "人", "1351万人", 2017), figure(5.5, "%", "5.5%", 2016))
    assert units.abstained and units.value is None
    assert units.note == "两个数字单位不同（1351万人与5.5%），不能相减"
    kinds = difference(figure(13_510_000, "人", "1351万人", 2017),
                       figure(11_000_000, "人", "1100万人以上", 2016, "planned"))
    assert kinds.abstained and kinds.value is None and "预期目标" in (kinds.note or "")


def test_a_missing_year_is_never_filled_in() -> None:
    result = difference(figure(13_510_000, "人", "1351万人", 2017), None)
    assert result.abstained and result.value is None
    request = read("2016年、2017年和2019年城镇新增就业分别是多少")
    assert request is not None
    series = assemble(request, "q", [SeriesPoint(2016, "achieved", figure(1, "人", "1人", 2016)),
                                     SeriesPoint(2017, "achieved", None),
                                     SeriesPoint(2019, "achieved", None)])
    assert [p["value"] for p in series.to_json()["series"]] == [1, None, None]


def test_ratio_questions_divide_figures_of_one_unit() -> None:
    request = read("2017年城镇新增就业是2016年的多少倍？")
    assert request is not None and request.kind == "difference" and request.verb == "倍"
    points = [SeriesPoint(2016, "achieved", figure(10_000_000, "人", "1000万人", 2016)),
              SeriesPoint(2017, "achieved", figure(13_510_000, "人", "1351万人", 2017))]
    result = assemble(request, "q", points)
    assert (result.figure, result.value, result.unit) == ("2017年是2016年的1.35倍", 1.35, "倍")
    mixed = [points[0], SeriesPoint(2017, "achieved", figure(5.5, "%", "5.5%", 2017))]
    refused = assemble(request, "q", mixed)
    assert refused.abstained and refused.note == "两个数字单位不同（5.5%与1000万人），不能相比"
