"""A chat follow-up ("那2018年呢?") is rewritten into the full question it stands for."""

from __future__ import annotations

from qa.followup import read_follow_up, resolve_follow_up

PREVIOUS = "2017年高新区受理了多少举报投诉?"


def test_a_year_fragment_swaps_the_year() -> None:
    assert resolve_follow_up(PREVIOUS, "那2018年呢?") == "2018年高新区受理了多少举报投诉?"
    assert resolve_follow_up(PREVIOUS, "那2018年呢？") == "2018年高新区受理了多少举报投诉?"


def test_a_region_fragment_swaps_the_region() -> None:
    assert resolve_follow_up(PREVIOUS, "那香洲区呢?") == "2017年香洲区受理了多少举报投诉?"


def test_a_year_is_added_when_the_previous_question_had_none() -> None:
    previous = "高新区为消费者挽回了多少经济损失?"
    assert resolve_follow_up(previous, "2018年呢") == "2018年" + previous


def test_a_full_question_passes_through_unchanged() -> None:
    assert resolve_follow_up(PREVIOUS, "节前打假行动组织了几次?") == "节前打假行动组织了几次?"
    assert resolve_follow_up(None, "那2018年呢?") == "那2018年呢?"
    assert resolve_follow_up(PREVIOUS, "谢谢") == "谢谢"


EMPLOYMENT = "2023年城镇新增就业多少人？"


def test_a_region_without_suffix_is_found_in_the_gazetteer() -> None:
    assert resolve_follow_up(EMPLOYMENT, "那江苏呢") == "2023年江苏城镇新增就业多少人?"
    assert resolve_follow_up(EMPLOYMENT, "那上海呢") == "2023年上海城镇新增就业多少人?"
    asked = "陕西2025年粮食产量多少"
    assert resolve_follow_up(asked, "那江苏呢") == "江苏2025年粮食产量多少"


def test_a_region_with_suffix_never_replaces_a_word_like_chengzhen() -> None:
    """城镇 ends in 镇 but names no place: the region goes in beside it, not over it."""
    assert resolve_follow_up(EMPLOYMENT, "那江苏省呢?") == "2023年江苏省城镇新增就业多少人?"


def test_a_year_replaces_the_year_of_a_question_written_with_spaces() -> None:
    assert resolve_follow_up("2023 年 城镇新增就业 多少人", "那2024年呢") == "2024年城镇新增就业多少人"


def test_a_follow_up_nothing_resolves_is_marked_so_the_chat_asks_again() -> None:
    assert read_follow_up(None, "那江苏呢").unresolved
    assert read_follow_up(None, "那江苏省呢?").unresolved
    assert read_follow_up(EMPLOYMENT, "那这个呢").unresolved
    assert not read_follow_up(EMPLOYMENT, "好的，多谢！").unresolved
    assert not read_follow_up(None, EMPLOYMENT).unresolved
