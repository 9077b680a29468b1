"""The domain's synonyms and abbreviations, one table used by retrieval and matching alike.

A user asks about GDP or 外资; the reports say 国内生产总值 and 实际使用外资. The table is
data (qa/synonyms.txt), so adding a word is an edit to a text file, not to code.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

_MATCH_ONLY = "~"


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Each word → every word of every group it belongs to (itself first); and each word →
    the forms marked ~ in its groups, matched in passages but never searched."""
    text = resources.files("qa").joinpath("synonyms.txt").read_text(encoding="utf-8")
    members: dict[str, list[str]] = {}
    written: dict[str, list[str]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        group = [w.lower() for w in line.split() if not w.startswith(_MATCH_ONLY)]
        extra = [w[len(_MATCH_ONLY):].lower() for w in line.split() if w.startswith(_MATCH_ONLY)]
        for word in group:
            known = members.setdefault(word, [word])
            known.extend(other for other in group if other not in known)
            written.setdefault(word, []).extend(extra)
    return ({word: tuple(found) for word, found in members.items()},
            {word: tuple(found) for word, found in written.items() if found})


def _groups() -> dict[str, tuple[str, ...]]:
    return _table()[0]


def variants(word: str) -> tuple[str, ...]:
    """``word`` and the words that mean the same in these documents (itself first)."""
    return _groups().get(word.lower(), (word,))


# 总产量 is 产量 totalled, 装机容量 the 装机 measured: the passage may write only the core.
_TOTAL_PREFIX = "总"
_MEASURE_SUFFIXES = ("容量", "数量", "总量", "总额", "规模")


def matching_forms(word: str) -> tuple[str, ...]:
    """The forms a passage may write ``word`` in: its synonyms, and without a prefix or
    suffix that only says "the total" or "the amount of" (总产量 → 产量, 装机容量 → 装机)."""
    forms = list(variants(word))
    forms.extend(_table()[1].get(word.lower(), ()))
    if word.startswith(_TOTAL_PREFIX) and len(word) >= 3:
        forms.append(word[len(_TOTAL_PREFIX):])
    for suffix in _MEASURE_SUFFIXES:
        if word.endswith(suffix) and len(word) >= len(suffix) + 2:
            forms.append(word[: -len(suffix)])
    return tuple(dict.fromkeys(forms))


def canonical_terms(text: str) -> list[str]:
    """Table words found in ``text``, longest first and without overlaps, so a question
    written with an abbreviation also searches the documents' own term."""
    lowered = text.lower()
    found: list[tuple[int, int, str]] = []
    for word in sorted(_groups(), key=len, reverse=True):
        start = lowered.find(word)
        while start >= 0:
            end = start + len(word)
            if not any(s < end and start < e for s, e, _ in found):
                found.append((start, end, word))
            start = lowered.find(word, end)
    return [word for _, _, word in sorted(found)]
