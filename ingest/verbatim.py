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

from retrieval.tokenizer import normalize


def _squeezed(text: str) -> tuple[str, list[int]]:
    """``text`` normalised character by character with whitespace dropped, and for each
    character left the index of the source character it came from."""
    chars: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        for folded in normalize(char):
            if not folded.isspace():
                chars.append(folded)
                where.append(index)
    return "".join(chars), where


def normalize_chars(text: str) -> str:
    """NFKC applied one character at a time: equal to ``normalize`` except across a
    combining sequence, and the form ``originals`` checks its spans against."""
    return "".join(normalize(char) for char in text)


def _joined_lines(span: str) -> str:
    return "".join(line.strip() for line in span.splitlines())


def originals(source: str, sentences: list[str]) -> list[str | None]:
    """For each parsed sentence (in document order), its text as ``source`` writes it."""
    squeezed, where = _squeezed(source)
    found: list[str | None] = []
    cursor = 0
    for sentence in sentences:
        key = "".join(char for char in sentence if not char.isspace())
        start = squeezed.find(key, cursor) if key else -1
        if start < 0 and key:
            start = squeezed.find(key)  # out of order: a repeated or moved line
        if start < 0:
            found.append(None)
            continue
        end = start + len(key)
        span = _joined_lines(source[where[start]:where[end - 1] + 1])
        if normalize_chars(span) != sentence:
            found.append(None)
            continue
        found.append(span)
        cursor = end
    return found
