"""Scraped pages break sentences across lines; parsing joins them again. The lines are
quoted from the State Council reports as scraped from Wikisource."""

from __future__ import annotations

from ingest.parse import parse_bulletin
from retrieval.tokenizer import normalize


def paragraphs(text: str) -> list[str]:
    return parse_bulletin(text).paragraphs


def test_a_number_split_from_its_unit_by_a_blank_line_is_one_sentence() -> None:
    """2017 report: 国内生产总值达到74.4 / (blank) / 万亿元，增长6.7%."""
    text = ("2017年政府工作报告\n\n一、2016年工作回顾\n\n"
            "过去一年，我国发展面临国内外诸多矛盾叠加、风险隐患交汇的严峻挑战。国内生产总值达到74.4\n\n"
            "万亿元，增长6.7%，名列世界前茅。\n")
    sentences = [s.text for s in parse_bulletin(text).sentences()]
    assert normalize("国内生产总值达到74.4万亿元，增长6.7%，名列世界前茅。") in sentences


def test_a_book_title_link_on_its_own_line_rejoins_its_sentence() -> None:
    """1999 report: 认真贯彻《 / 证券法 / 》，规范和发展证券市场."""
    text = ("1999年政府工作报告\n\n"
            "依法规范和维护金融秩序。促进其他商业银行和城乡信用社在改革中稳步发展。认真贯彻《\n"
            "证券法\n》，规范和发展证券市场。\n")
    assert paragraphs(text) == [normalize(
        "依法规范和维护金融秩序。促进其他商业银行和城乡信用社在改革中稳步发展。"
        "认真贯彻《证券法》，规范和发展证券市场。")]


def test_a_subscript_on_its_own_line_stays_in_its_word() -> None:
    """2017 report: 稳健的货币政策灵活适度，广义货币M / 2 / 增长11.3%."""
    text = ("2017年政府工作报告\n\n"
            "扩大地方政府存量债务置换规模，降低利息负担约4000亿元。稳健的货币政策灵活适度，广义货币M\n"
            "2\n增长11.3%，低于13%左右的预期目标。\n")
    assert paragraphs(text) == [normalize(
        "扩大地方政府存量债务置换规模，降低利息负担约4000亿元。稳健的货币政策灵活适度，"
        "广义货币M2增长11.3%，低于13%左右的预期目标。")]


def test_a_lone_number_after_a_finished_paragraph_is_a_page_number() -> None:
    text = ("2017年政府工作报告\n\n"
            "扩大地方政府存量债务置换规模，降低利息负担约4000亿元，稳健的货币政策灵活适度。\n"
            "12\n各位代表：\n")
    assert paragraphs(text) == [
        normalize("扩大地方政府存量债务置换规模，降低利息负担约4000亿元，稳健的货币政策灵活适度。"),
        normalize("各位代表：")]


def test_short_header_lines_stay_apart() -> None:
    text = "2017年政府工作报告\n\n国务院总理\n李克强\n\n各位代表：\n"
    assert paragraphs(text) == ["国务院总理", "李克强", normalize("各位代表：")]
