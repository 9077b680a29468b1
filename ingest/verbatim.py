"""Each sentence as the bulletin wrote it, found back in the text it was parsed from.

Parsing works on normalised text (NFKC folds ，→, and ３→3, ZERO WIDTH SPACE goes), so
tokens and figures match however a page typed them. Journalists copy the quotes the bot
shows, though, so a quote must be the bulletin's own characters. Rather than carry two
texts through every parsing rule, each parsed sentence is located again in the source:
the source is normalised one character at a time, remembering which source character
every normalised character came from, so a match in the normalised text maps back to a
source span exactly, even where NFKC changes lengths (㎡ → m2, … → ..., ½ → 1⁄2).

Whitespace is left out of the matching on both sides: parsing strips lines and joins the
lines a page broke mid-sentence, so a sentence may span a line break of the source. The
original is that span with each line stripped and the lines joined, as parsing joined
them. A sentence not found, or whose span does not normalise back to it exactly (a
combining accent that NFKC composes across characters, a furniture line dropped between
two joined halves), gets no original: the normalised text is then all there is.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from retrieval.tokenizer import normalize


class _Squeezed:
    """``text`` normalised character by character with whitespace dropped, and the way
    back from a position in it to the source character it came from.

    Both are built at C speed (``str.translate``, ``re.finditer``): only the characters
    that do not fold to exactly one character (whitespace, ㎡, …) shift positions, so
    only they are recorded, and a position maps back by bisecting among them. What each
    character folds to is worked out once per process (``_Folds``), not per text."""

    def __init__(self, text: str) -> None:
        self.folding = _FOLDING  # for str.translate: normalize_chars at C speed
        self.text = text.translate(_SQUEEZING)  # learns every character met first
        self._at: list[int] = []  # squeezed position where an odd character's output starts
        self._source: list[int] = []  # its index in the source
        self._width: list[int] = []  # how many squeezed characters it became (0: dropped)
        shift = 0
        for match in _odd_characters().finditer(text):
            width = len(_SQUEEZING[ord(match.group())])
            self._at.append(match.start() + shift)
            self._source.append(match.start())
            self._width.append(width)
            shift += width - 1

    def source_index(self, position: int) -> int:
        """The source index of the character that produced squeezed ``position``."""
        found = bisect_right(self._at, position) - 1  # the last odd character before it
        if found < 0:
            return position
        at, source, width = self._at[found], self._source[found], self._width[found]
        if position < at + width:
            return source
        return source + 1 + (position - at - width)


class _Folds(dict[int, str]):
    """A ``str.translate`` table that holds every character met so far, those that do not
    change too: a character the table lacks costs translate a KeyError raised and caught,
    several times a lookup's cost, and most characters never change. A character met for
    the first time is worked out (``_learn``) by the lookup that misses it."""

    def __missing__(self, code: int) -> str:
        _learn(chr(code))
        return self[code]


# What each character met so far folds to under NFKC (``_FOLDING``), that with whitespace
# dropped (``_SQUEEZING``), and which of them do not become exactly one character
# (``_ODD``). Both tables get a character's entry before ``_ODD`` can list it.
_FOLDING = _Folds()
_SQUEEZING = _Folds()
_ODD: set[str] = set()


def _learn(char: str) -> None:
    folded = _folded(char)
    squeezed = "".join(folded.split())
    dict.__setitem__(_FOLDING, ord(char), folded)
    dict.__setitem__(_SQUEEZING, ord(char), squeezed)
    if len(squeezed) != 1:
        _ODD.add(char)


def _odd_characters() -> re.Pattern[str]:
    """A pattern matching any character of ``_ODD``, compiled again when it grows."""
    odd = frozenset(_ODD)
    return _odd_pattern(odd)


@lru_cache(maxsize=64)
def _odd_pattern(odd: frozenset[str]) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(''.join(sorted(odd)))}]" if odd else "(?!)")


def normalize_chars(text: str) -> str:
    """NFKC applied one character at a time: equal to ``normalize`` except across a
    combining sequence, and the form ``originals`` checks its spans against."""
    return "".join(_folded(char) for char in text)


@lru_cache(maxsize=8192)
def _folded(char: str) -> str:
    return normalize(char)


def _joined_lines(span: str) -> str:
    return "".join(line.strip() for line in span.splitlines())


def originals(source: str, sentences: list[str]) -> list[str | None]:
    """For each parsed sentence (in document order), its text as ``source`` writes it."""
    squeezed = _Squeezed(source)
    found: list[str | None] = []
    cursor = 0
    for sentence in sentences:
        key = "".join(sentence.split())  # str.split() splits where isspace() holds
        start = squeezed.text.find(key, cursor) if key else -1
        if start < 0 and key:
            start = squeezed.text.find(key)  # out of order: a repeated or moved line
        if start < 0:
            found.append(None)
            continue
        end = start + len(key)
        first, last = squeezed.source_index(start), squeezed.source_index(end - 1)
        span = _joined_lines(source[first:last + 1])
        if span.translate(squeezed.folding) != sentence:  # normalize_chars(span)
            found.append(None)
            continue
        found.append(span)
        cursor = end
    return found
