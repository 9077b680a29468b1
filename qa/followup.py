"""Follow-up questions in a chat: "那2018年呢?" after a full question becomes a full question.

Only the slot the fragment names is swapped (a year, or a region the gazetteer knows:
那江苏呢, 那上海市呢, 那香洲区呢); anything that already reads as a question of its own
passes through unchanged. A message shaped like a follow-up (那……呢) whose slot is
neither, or that has no question before it, is marked unresolved: the chat then asks for
the whole question instead of searching for "那江苏呢" and remembering it as a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.question import is_small_talk, normalize_question, question_tokens
from qa.regions import is_place_name, places_named

_LEAD = r"(?:那么?|那个|还有|再问一下)"
_FRAGMENT = re.compile(
    rf"^(?P<lead>{_LEAD})?(?P<slot>.{{1,12}}?)(?:的)?(?P<tail>呢|怎么样|如何)?[?？]?$"
)
_ASKS = re.compile(r"几|多少|多大|多远|多长|多久|哪|什么|谁|何|是否|吗")
_YEAR = re.compile(r"(?:1[89]|20)\d{2}年|今年|去年|前年|明年")
# Blanks between Chinese characters carry nothing ("2023 年 城镇新增就业 多少人"); they
# would keep "2023 年" from reading as a year.
_CJK = r"[\u4e00-\u9fff]"
_BLANK_BY_CJK = re.compile(rf"\s+(?={_CJK})|(?<={_CJK})\s+|(?<=\d)\s+(?=年)")


@dataclass(frozen=True)
class FollowUp:
    """What a message asks: ``question`` to answer, whether it was rewritten from the
    previous question (``resolved``), or reads as a follow-up nothing resolves."""

    question: str
    resolved: bool = False
    unresolved: bool = False


def read_follow_up(previous_question: str | None, text: str) -> FollowUp:
    """``text`` read against the question asked before it (None: nothing asked yet)."""
    current = normalize_question(text)
    if _ASKS.search(current) or is_small_talk(current):
        return FollowUp(text)
    fragment = _FRAGMENT.match(current)
    if fragment is None:
        return FollowUp(text)
    slot = fragment.group("slot")
    is_year, is_place = bool(_YEAR.fullmatch(slot)), is_place_name(slot)
    if previous_question and (is_year or is_place):
        previous = without_blanks(normalize_question(previous_question))
        swapped = _swap_year(previous, slot) if is_year else _swap_region(previous, slot)
        return FollowUp(swapped, resolved=True)
    if fragment.group("lead") or fragment.group("tail") or is_year or is_place:
        return FollowUp(text, unresolved=True)
    return FollowUp(text)


def resolve_follow_up(previous_question: str | None, text: str) -> str:
    """The full question ``text`` stands for, given the question asked before it."""
    return read_follow_up(previous_question, text).question


def without_blanks(text: str) -> str:
    """Blanks next to Chinese characters removed; those between Latin words kept."""
    return _BLANK_BY_CJK.sub("", text)


def _swap_year(previous: str, year: str) -> str:
    if _YEAR.search(previous):
        return _YEAR.sub(year, previous, count=1)
    return year + previous


def _swap_region(previous: str, region: str) -> str:
    """Replace the first place the previous question names (江苏, 高新区), else write the
    region after its year (or first)."""
    named = places_named(question_tokens(_YEAR.sub(" ", previous)))
    if named:
        return previous.replace(named[0], region, 1)
    year = _YEAR.match(previous)
    if year:
        return previous[: year.end()] + region + previous[year.end():]
    return region + previous


def with_region(question: str, region: str) -> str:
    """``question`` about ``region``: its place replaced, or the region written after its
    year (2025年粮食产量多少 → 2025年陕西省粮食产量多少)."""
    return _swap_region(without_blanks(normalize_question(question)), region)
