"""Plain Chinese numerals (三千八百四十三, 二〇一七) to integers, without cn2an.

cn2an takes longer to import and set up (half a second: it compiles patterns for every
city name) than a whole question takes to answer, and bulletins write their numerals in
the plain positional form. Only what this reads exactly as cn2an's "smart" mode does is
read here (a test compares every numeral of up to four characters); colloquial or odd
forms (两百五, 一百十) return None and are left to cn2an.
"""

from __future__ import annotations

import re

_DIGIT_VALUES = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
                 "六": 6, "七": 7, "八": 8, "九": 9}
_POSITIONAL = re.compile(
    r"(?:(?P<thousands>[一二两三四五六七八九])千)?"
    r"(?:(?P<hundreds>[一二两三四五六七八九])百)?"
    r"(?P<zero>零)?"
    r"(?:(?P<tens>[一二三四五六七八九])?(?P<ten>十))?"
    r"(?P<ones>[一二三四五六七八九])?")


def plain_chinese_integer(text: str) -> int | None:
    """The value of a plain numeral below 10000, or None when it is not one."""
    if not text:
        return None
    if all(char in _DIGIT_VALUES for char in text):
        return int("".join(str(_DIGIT_VALUES[char]) for char in text))
    match = _POSITIONAL.fullmatch(text)
    if match is None or _irregular(match.groupdict()):
        return None
    return _positional_value(match.groupdict())


def _irregular(places: dict[str, str | None]) -> bool:
    """Forms cn2an reads by rules of its own: leave them to it."""
    big = places["thousands"] or places["hundreds"]
    if places["zero"] and not (big and (places["ten"] or places["ones"])):
        return True  # 零 stands only for a skipped place between two figures
    if big and places["ones"] and not places["ten"] and not places["zero"]:
        return True  # 两百五 is colloquial for 250
    if places["thousands"] and not places["hundreds"] and places["ten"] and not places["zero"]:
        return True  # 一千十 skips the hundreds without 零
    return bool(places["ten"] and not places["tens"] and big)  # 一百十


def _positional_value(places: dict[str, str | None]) -> int:
    value = 0
    for name, scale in (("thousands", 1000), ("hundreds", 100), ("tens", 10), ("ones", 1)):
        digit = places[name]
        if digit:
            value += _DIGIT_VALUES[digit] * scale
    if places["ten"] and not places["tens"]:
        value += 10  # 十五: a bare 十 is one ten
    return value
