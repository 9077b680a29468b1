"""Series and differences over the real State Council work reports (../shared).

Every point must be what the single question for its year answers, stated in the report
it cites; a year no report states is listed, never filled in. The expected figures were
read in the reports themselves: each year's result is in the next year's report review.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from retrieval.tokenizer import normalize
from service.engine import Engine
from tests.conftest import SHARED, engine_over

REPORTS = SHARED / "corpus" / "gov-work-reports"
# 城镇新增就业 (万人) as each year's result is written in the following year's report.
EMPLOYMENT = {2013: 1310, 2014: 1322, 2015: 1312, 2016: 1314, 2017: 1351, 2018: 1361,
              2020: 1186, 2021: 1269, 2022: 1206, 2023: 1244, 2024: 1256}
# No 2020 report is in the corpus, so nothing reviews 2019.
NOT_STATED = [2019]


@pytest.fixture(scope="module")
def gov_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    if not REPORTS.is_dir():
        pytest.skip(f"{REPORTS} is not available (the shared corpus sits beside the repo)")
    engine = engine_over(tmp_path_factory.mktemp("gov"), [REPORTS])
    yield engine
    engine.close()


def report_text(year: int) -> str:
    return normalize((REPORTS / f"{year}.txt").read_text(encoding="utf-8")).replace(" ", "")


def test_employment_series_gives_each_stated_year_cited_and_lists_the_missing(
    gov_engine: Engine,
) -> None:
    result = gov_engine.ask("2013—2024年城镇新增就业分别是多少？", log=False)
    assert result.kind == "series" and not result.abstained
    points = {p.year: p for p in result.series or ()}
    assert sorted(points) == list(range(2013, 2025))
    found = {year: p.found for year, p in points.items() if p.found is not None}
    assert {year: answer.value for year, answer in found.items()} == {
        year: value * 10_000 for year, value in EMPLOYMENT.items()}
    assert [year for year, p in points.items() if p.missing] == NOT_STATED
    for year, answer in found.items():
        assert answer.unit == "人" and answer.status == "achieved" and answer.figure_year == year
        assert answer.citation is not None and answer.sentence is not None
        cited = answer.citation.year
        assert cited == year + 1, f"{year} cited to the {cited} report"
        text = report_text(cited)
        assert normalize(answer.sentence).replace(" ", "") in text
        assert f"城镇新增就业{EMPLOYMENT[year]}万人" in text


def test_each_series_point_is_the_single_questions_answer(gov_engine: Engine) -> None:
    series = gov_engine.ask("2013—2024年城镇新增就业分别是多少？", log=False)
    for point in series.series or ():
        single = gov_engine.ask(f"{point.year}年城镇新增就业是多少", log=False)
        if point.found is None:
            assert single.abstained or single.figure_year != point.year
        else:
            assert (single.value, single.sentence) == (point.found.value, point.found.sentence)


def test_difference_gives_both_cited_figures_and_the_difference_in_their_unit(
    gov_engine: Engine,
) -> None:
    result = gov_engine.ask("2017年比2016年城镇新增就业多了多少", log=False)
    assert result.kind == "difference" and not result.abstained
    assert result.figure == "2017年比2016年多37万人（增长2.8%）"
    assert result.value == 370_000 and result.unit == "人"
    later, earlier = result.series or ()
    assert (later.year, earlier.year) == (2017, 2016)
    assert later.found and later.found.citation and later.found.citation.year == 2018
    assert earlier.found and earlier.found.citation and earlier.found.citation.year == 2017


def test_difference_with_a_year_no_report_states_is_refused(gov_engine: Engine) -> None:
    result = gov_engine.ask("2019年比2018年城镇新增就业多了多少", log=False)
    assert result.abstained and result.value is None
    assert result.note == "未找到2019年的城镇新增就业，无法相减"


def test_a_stated_ratio_is_answered_as_written_and_a_missing_one_is_computed(
    gov_engine: Engine,
) -> None:
    stated = gov_engine.ask("2002年全国高等学校在校生人数是1997年的多少倍?", log=False)
    assert (stated.kind, stated.value, stated.unit, stated.series) == ("quantity", 2.3, "倍", None)
    computed = gov_engine.ask("2017年城镇新增就业是2016年的多少倍？", log=False)
    assert computed.kind == "difference" and computed.figure == "2017年是2016年的1.03倍"
    assert [p.found.value for p in computed.series or () if p.found] == [13_510_000, 13_140_000]


def test_extreme_names_the_year_and_the_years_compared(gov_engine: Engine) -> None:
    result = gov_engine.ask("2013—2024年城镇新增就业哪一年最低？", log=False)
    assert result.kind == "extreme" and result.figure_year == 2020
    assert result.figure == "2020年最低：1186万人（在2013—2018、2020—2024年找到的数字中比较）"


def test_ask_json_carries_the_series(gov_engine: Engine, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from cli import main

    monkeypatch.setattr(main, "open_engine", lambda settings=None: gov_engine)
    output = CliRunner().invoke(main.app, ["ask", "--json", "2016年、2017年和2019年城镇新增就业分别是多少"])
    assert output.exit_code == 0, output.output
    series = json.loads(output.output)["series"]
    assert [(p["year"], p["value"], p["unit"], p["status"]) for p in series] == [
        (2016, 13_140_000, "人", "achieved"), (2017, 13_510_000, "人", "achieved"),
        (2019, None, None, "achieved")]
    assert series[0]["citation"]["title"] == "2017年中华人民共和国国务院政府工作报告"
    assert series[2]["citation"] is None


def test_trend_command_writes_a_chart_and_prints_the_cited_values(
    gov_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cli import main

    monkeypatch.setattr(main, "open_engine", lambda settings=None: gov_engine)
    chart = tmp_path / "chart.png"
    output = CliRunner().invoke(main.app, ["trend", "2013-2024年城镇新增就业", "--out", str(chart)])
    assert output.exit_code == 0, output.output
    assert chart.read_bytes().startswith(b"\x89PNG")
    for year, value in EMPLOYMENT.items():
        assert f"{year}年：{value}万人 —《{year + 1}年中华人民共和国国务院政府工作报告》" in output.output
    assert "未找到数字：2019年" in output.output
