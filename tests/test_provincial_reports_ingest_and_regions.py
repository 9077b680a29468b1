"""The 31 provincial work reports of 2026, scraped from real pages, ingest with their whole
body and their province; a question naming a province is answered from that province's
report or abstained on, and never from another province's or from a national report."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.page import is_furniture
from ingest.parse import parse_bulletin
from qa.regions import gazetteer, short_names
from qa.types import Answer
from service.engine import Engine
from service.settings import Settings
from tests.conftest import shared_path

# Page debris as the scraped files carry it; none may survive as a passage.
_DEBRIS = re.compile(r"^(?:下载|打印|全屏|收藏)$|【字[号体]|您的位置|当前位置|阅读量|^来源[:：]|^时间[:：]"
                     r"|记者\s*\S{1,4}\s*摄$|^相关报道|扫一扫在手机")
# Subjects every report has, asked in words of the asker, not copied from any one file.
_SUBJECTS = (
    "{y}年{p}城镇新增就业多少人?",
    "{p}{y}年的地区生产总值是多少?",
    "{y}年{p}粮食产量是多少?",
    "{p}{y}年一般公共预算收入多少亿元?",
    "{p}{y}年社会消费品零售总额增长了多少?",
)


def _reports() -> list[Path]:
    return sorted(shared_path("corpus", "provincial-reports-2026").glob("*.txt"))


def _province(path: Path) -> str:
    return path.stem.split("-", 1)[1]


def _open_engine(folder: Path, data_dir: Path) -> Engine:
    engine = Engine.open(Settings(  # type: ignore[call-arg]
        data_dir=data_dir, database_url="", load_seeds=False, _env_file=None))
    engine.ingest_paths([folder])
    return engine


@pytest.fixture(scope="module")
def provincial(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    folder = shared_path("corpus", "provincial-reports-2026")
    engine = _open_engine(folder, tmp_path_factory.mktemp("provincial"))
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    folder = shared_path("corpus", "gov-work-reports")
    engine = _open_engine(folder, tmp_path_factory.mktemp("national"))
    yield engine
    engine.close()


def test_every_report_keeps_its_whole_body_its_province_and_no_page_debris() -> None:
    reports = _reports()
    assert len(reports) == 31
    for path in reports:
        raw = path.read_text(encoding="utf-8")
        bulletin = parse_bulletin(raw)
        assert bulletin.region == _province(path), path.name
        # The body is the report: most of the file, not a header's 60 characters.
        assert len(bulletin.body) > 0.9 * (len(raw) - 2000), path.name
        for sentence in bulletin.sentences():
            assert not is_furniture(sentence.text), (path.name, sentence.text)
            assert not _DEBRIS.search(sentence.text), (path.name, sentence.text)


def _names(province: str) -> list[str]:
    """The full name and the short one (江苏省, 江苏)."""
    return [province, *short_names(gazetteer().lookup(province)[0])]


def _asked(engine: Engine, province: str) -> Iterator[tuple[str, Answer]]:
    for name in _names(province):
        for template in _SUBJECTS:
            for year in (2025, 2026):
                question = template.format(y=year, p=name)
                yield question, engine.ask(question, log=False)


def test_a_province_question_is_answered_only_from_that_provinces_report(
    provincial: Engine,
) -> None:
    answered = 0
    for path in _reports():
        province = _province(path)
        for question, got in _asked(provincial, province):
            if got.abstained:
                continue
            answered += 1
            assert got.citation is not None
            assert got.citation.region == province, (question, got.citation.title, got.answer)
    assert answered >= 31  # answering, not only abstaining


def test_a_city_the_province_report_does_not_mention_abstains(provincial: Engine) -> None:
    for path in _reports()[:8]:
        province = gazetteer().lookup(_province(path))[0]
        body = parse_bulletin(path.read_text(encoding="utf-8")).body
        absent = [city for city in gazetteer().places
                  if city.level == "city" and city.lies_in(province)
                  and not any(name in body for name in [city.name, *short_names(city)])]
        for city in absent[:2]:
            for question in (f"2025年{city.name}城镇新增就业多少人?",
                             f"{city.name}2025年地区生产总值是多少?"):
                got = provincial.ask(question, log=False)
                assert got.abstained, (question, got.answer)


def test_a_province_question_over_the_national_reports_abstains(national: Engine) -> None:
    for province in ("江苏省", "广东省", "内蒙古自治区", "广西壮族自治区", "新疆维吾尔自治区", "四川省"):
        for question, got in _asked(national, province):
            assert got.abstained, (question, got.answer)
    for question in ("2018年江苏城镇新增就业多少人?", "2016年广东地区生产总值是多少?",
                     "2019年新疆粮食产量是多少?"):
        got = national.ask(question, log=False)
        assert got.abstained, (question, got.answer)


def test_the_named_provinces_passages_are_judged_before_the_others_fill_the_list(
    provincial: Engine,
) -> None:
    """All 31 reports speak of 2025; 云南's 完成地区生产总值32765亿元 ranks 100th or so by BM25,
    behind other provinces' passages that the region rules drop anyway, so it must be among
    the passages judged for a question naming 云南."""
    assert provincial.ask("2025年云南地区生产总值是多少？", log=False).value == 3_276_500_000_000
    assert provincial.ask("河南省2025年粮食产量多少？", log=False).value == 135_097_000_000


def test_a_years_account_opened_paragraphs_before_still_dates_its_figures(provincial: Engine) -> None:
    """山西's 一、“十四五”时期工作回顾 turns to one year six paragraphs before 城镇新增就业47.3万人
    (刚刚过去的2025年，……): the figure is 2025's, not the five years' total."""
    assert provincial.ask("2025年山西城镇新增就业多少人?", log=False).value == 473_000
    assert provincial.ask("十四五期间山西城镇新增就业累计多少人?", log=False).value != 473_000
