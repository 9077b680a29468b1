"""Follow-up questions in a chat: "那2018年呢?" after a full question becomes a full question.

Only the slot the fragment names is swapped (a year, a region, a relative year); anything
that already reads as a question of its own passes through unchanged.
"""

from __future__ import annotations

import re

from qa.question import normalize_question

_FRAGMENT = re.compile(
    r"^(?:那么?|那个|还有|再问一下)?(?P<slot>.{1,12}?)(?:的)?(?:呢|怎么样|如何)?[?？]?$"
)
_ASKS = re.compile(r"几|多少|多大|多远|多长|多久|哪|什么|谁|何|是否|吗")
_YEAR = re.compile(r"(?:1[89]|20)\d{2}年|今年|去年|前年|明年")
_REGION = re.compile(r"^\w{1,8}?(?:高新区|新区|开发区|自治区|省|市|区|县|镇|乡|州)$")
_REGION_IN = re.compile(r"\w{0,6}?(?:高新区|新区|开发区|自治区|省|市|区|县|镇|乡|州)")


def resolve_follow_up(previous_question: str | None, text: str) -> str:
    """The full question ``text`` stands for, given the question asked before it."""
    current = normalize_question(text)
    if not previous_question or _ASKS.search(current):
        return text
    fragment = _FRAGMENT.match(current)
    if fragment is None:
        return text
    slot = fragment.group("slot")
    previous = normalize_question(previous_question)
    if _YEAR.fullmatch(slot):
        return _swap_year(previous, slot)
    if _REGION.match(slot):
        return _swap_region(previous, slot)
    return text


def _swap_year(previous: str, year: str) -> str:
    if _YEAR.search(previous):
        return _YEAR.sub(year, previous, count=1)
    return year + previous


def _swap_region(previous: str, region: str) -> str:
    found = _REGION_IN.search(_YEAR.sub("", previous))
    if found:
        return previous.replace(found.group(), region, 1)
    year = _YEAR.match(previous)
    if year:
        return previous[: year.end()] + region + previous[year.end():]
    return region + previous
