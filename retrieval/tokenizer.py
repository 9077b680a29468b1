"""Jieba tokens for BM25, shared by indexing and querying so both sides agree.

A private ``jieba.Tokenizer`` keeps our government-vocabulary dictionary from leaking
into (or being changed by) other users of the global jieba instance.

jieba and OpenCC are loaded on first use; ``retrieval.dictionary`` reads jieba's prefix
dictionary from a per-user cache, so a cold ``bulletin-bot ask`` stays under a second.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

from retrieval.dictionary import LazyFrequencies, load_tokenizer

if TYPE_CHECKING:
    import jieba
    from opencc import OpenCC

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_WORD = re.compile(r"\w", re.UNICODE)
# "几家" and "多少人次" must split so the question word never hides the unit.
_ASKING_PREFIX = re.compile(r"^(几|多少)(.+)$")
_ASKING_FIRST = frozenset("几多")

_lock = threading.Lock()
_JOIN = "\x00"  # between texts cut in one jieba call; never inside a run it cuts


def normalize(text: str) -> str:
    """Fold full-width forms and drop zero-width noise so equal text tokenizes equally."""
    return ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=1)
def _simplifier() -> OpenCC:
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional script to simplified, so 「盡到責任」 and 「尽到责任」 share tokens.

    OpenCC's pure-Python conversion costs about a third of tokenizing; most text has
    nothing it would change, and such text is returned as is (see ``_convertible``)."""
    marks = _convertible()
    if marks is None:
        return str(_simplifier().convert(text))
    if marks.isdisjoint(text):
        return text
    # OpenCC converts the pieces between its separators one by one; so do we, skipping
    # the pieces without a mark (a passage quoting one traditional name), and those
    # whose marks are only witnesses of keys the piece does not hold (得, 然, 口: of
    # 1,541 pieces with a mark in cmrc2018-dev, 14 change).
    simplifier = _simplifier()
    singles, phrases = _changing_keys()
    pieces = simplifier.split_chars_re.split(text)
    return "".join(piece if number % 2 or marks.isdisjoint(piece)
                   or (singles.isdisjoint(piece) and not any(p in piece for p in phrases))
                   else str(simplifier.convert(piece))
                   for number, piece in enumerate(pieces))


@lru_cache(maxsize=1)
def _convertible() -> frozenset[str] | None:
    """Characters without which OpenCC returns a text unchanged, or None if unknown.

    OpenCC replaces a matched dictionary key by its value (the first of several) and
    copies everything else, so only a key whose value differs (覆 → 覆 复 does not) can
    change a text, and only where the whole key occurs in it. One character of each such
    key (the key itself when it is a single character, else one already picked or its
    last) is therefore a witness: a text holding no witness holds no changing key, and
    converting it is the identity."""
    changing = _changing()
    if changing is None:
        return None
    marks = {key for key in changing if len(key) == 1}
    for key in changing:
        if not marks.intersection(key):
            marks.add(key[-1])
    return frozenset(marks)


@lru_cache(maxsize=1)
def _changing_keys() -> tuple[frozenset[str], tuple[str, ...]]:
    """The single characters OpenCC changes, and the longer keys it changes that hold
    none of them (瞭解, 反覆, 藉口 …): a piece holding neither holds no changing key,
    so converting it is the identity (``_convertible``'s reasoning, key by key)."""
    changing = _changing() or []
    singles = frozenset(key for key in changing if len(key) == 1)
    return singles, tuple(key for key in changing
                          if len(key) > 1 and singles.isdisjoint(key))


@lru_cache(maxsize=1)
def _changing() -> list[str] | None:
    """OpenCC's keys whose value differs from the key, or None for an unknown OpenCC."""
    try:
        groups = _simplifier()._dict_chain_data  # lists of (max len, min len, mapping)
        return [key for group in groups for _, _, mapping in group
                for key, value in mapping.items() if value.split(" ")[0] != key]
    except (AttributeError, TypeError, ValueError):  # another OpenCC: always convert
        return None


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    with _lock:
        return load_tokenizer()


def load_whole_dictionary() -> None:
    """Load jieba's whole dictionary now: a process about to fork tokenizing workers
    calls this, so they share it instead of each reading it again (a quarter second)."""
    frequencies = _tokenizer().FREQ
    if isinstance(frequencies, LazyFrequencies):
        frequencies.full()


def tokenize(text: str) -> list[str]:
    """Lower-cased simplified-script word tokens; punctuation and whitespace are dropped."""
    return _words(_tokenizer().cut(_prepared(text), HMM=True))[0]


def tokenize_batch(texts: list[str]) -> list[list[str]]:
    """``tokenize`` of each text, with one jieba call for them all.

    jieba cuts a text in runs of Chinese letters and digits, each on its own, and
    emits every other character as a token by itself; so texts joined by a character
    that no run contains (NUL) cut into exactly their own tokens, with NUL between them.
    This saves jieba's per-call cost, a sixth of the time on sentence-sized texts."""
    prepared = [_prepared(text) for text in texts]
    if any(_JOIN in text for text in prepared):
        return [tokenize(text) for text in texts]
    return _words(_tokenizer().cut(_JOIN.join(prepared), HMM=True), _JOIN)


def _prepared(text: str) -> str:
    return to_simplified(normalize(text)).lower()


def _words(pieces: Iterable[str], separator: str | None = None) -> list[list[str]]:
    """jieba's pieces without punctuation and whitespace, question words split off: one
    list, or a list per text where a ``separator`` piece ends each (in one pass over
    the pieces, which is what this costs)."""
    result: list[list[str]] = [[]]
    tokens = result[0]
    for token in pieces:
        # Most pieces are words of letters alone (isalnum: every character matches \w,
        # so the search would find one) and start with neither 几 nor 多: both regexes
        # skipped, a tenth of a worker's time.
        if token.isalnum() and token[0] not in _ASKING_FIRST:
            tokens.append(token)
            continue
        if token == separator:
            tokens = []
            result.append(tokens)
            continue
        if not _WORD.search(token):
            continue
        split = _ASKING_PREFIX.match(token)
        if split:
            tokens.extend(split.groups())
        else:
            tokens.append(token)
    return result


def subwords(token: str) -> list[str]:
    """Dictionary words of two or more characters inside a token (jieba's search mode),
    so a subscription to 安全 finds a bulletin whose text was cut as 安全监管."""
    if len(token) < 3:
        return []
    return [word for word in _tokenizer().cut_for_search(token, HMM=False)
            if word != token and len(word) >= 2 and _WORD.search(word)]
