"""A chat follow-up ("那2018年呢?") is rewritten into the full question it stands for."""

from __future__ import annotations

from qa.followup import resolve_follow_up

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
