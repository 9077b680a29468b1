"""Plain Chinese numerals are read without cn2an, and exactly as cn2an reads them."""

from __future__ import annotations

import itertools
import warnings

import cn2an
import pytest

from qa.chinese_numerals import plain_chinese_integer

ALPHABET = "零〇一二两三四五六七八九十百千"


def cn2an_value(text: str) -> int | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return int(cn2an.cn2an(text, "smart"))
        except (ValueError, KeyError):
            return None


def test_every_numeral_up_to_three_characters_agrees_with_cn2an() -> None:
    read = 0
    for chars in itertools.chain.from_iterable(
        itertools.product(ALPHABET, repeat=n) for n in (1, 2, 3)
    ):
        text = "".join(chars)
        value = plain_chinese_integer(text)
        if value is not None:
            read += 1
            assert value == cn2an_value(text), text
    assert read > 1000  # the fast path covers the common forms, not a handful


@pytest.mark.parametrize(("text", "value"), [
    ("三千八百四十三", 3843), ("二〇一七", 2017), ("两千零一十七", 2017), ("十五", 15),
    ("一百零五", 105), ("三千零五十五", 3055), ("九千九百九十九", 9999), ("一千二百", 1200),
])
def test_long_positional_numerals_agree_with_cn2an(text: str, value: int) -> None:
    assert plain_chinese_integer(text) == value == cn2an_value(text)


@pytest.mark.parametrize("text", ["两百五", "一百十", "百", "十十", ""])
def test_colloquial_or_broken_forms_are_left_to_cn2an(text: str) -> None:
    assert plain_chinese_integer(text) is None
