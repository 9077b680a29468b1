"""The seed bulletin splits into title, body, issuer and the headline list kept apart."""

from __future__ import annotations

import pytest

from ingest.parse import EmptyBulletinError, parse_bulletin
from tests.conftest import SEED, shared_path


def test_seed_title_issuer_year_and_region() -> None:
    bulletin = parse_bulletin(SEED.read_text(encoding="utf-8"))
    assert bulletin.title == "高新区落实打假责任为打造质量标准高地保驾护航"
    assert bulletin.issuer == "高新区市场监管局"
    assert bulletin.year == 2017
    assert bulletin.region == "珠海市高新区"


def test_seed_body_ends_at_attribution_and_headlines_stay_apart() -> None:
    bulletin = parse_bulletin(SEED.read_text(encoding="utf-8"))
    assert len(bulletin.paragraphs) == 6
    assert bulletin.body.endswith("净化了文化市场。")
    assert "供稿" not in bulletin.body
    assert len(bulletin.related_titles) == 20
    assert bulletin.related_titles[0] == "桦甸市长刘慧军视察四月份重点新开工项目"
    assert "罚款5000元" not in bulletin.body
    assert all("5000元" not in s.text for s in bulletin.sentences())


def test_sentences_keep_their_paragraph() -> None:
    sentences = parse_bulletin(SEED.read_text(encoding="utf-8")).sentences()
    figure = next(s for s in sentences if "3843宗" in s.text)
    assert figure.text == (
        "2017年,各打假职能部门共受理举报投诉3843宗,为消费者挽回经济损失约650万余元。"
    )
    assert figure.paragraph == 4


def test_work_report_drops_licence_and_reads_date_sections_and_source() -> None:
    bulletin = parse_bulletin(shared_path("corpus", "gov-work-reports", "2024.txt").read_text())
    assert bulletin.title == "2024年中华人民共和国国务院政府工作报告"
    assert bulletin.issuer == "国务院"
    assert bulletin.url and bulletin.url.startswith("https://zh.wikisource.org/")
    assert bulletin.published is not None and bulletin.published.isoformat() == "2024-03-05"
    assert "Public domain" not in bulletin.body and "著作权法" not in bulletin.body
    sections = {s.section for s in bulletin.sentences()}
    assert "一、2023年工作回顾" in sections


def test_zero_width_noise_is_removed() -> None:
    bulletin = parse_bulletin("标题\u200b一\n\n正文\u200b里有数字3宗。\n")
    assert bulletin.title == "标题一"
    assert bulletin.body == "正文里有数字3宗。"


@pytest.mark.parametrize("text", ["", "\n\n", "只有标题\n"])
def test_text_without_body_is_rejected(text: str) -> None:
    with pytest.raises(EmptyBulletinError):
        parse_bulletin(text)
