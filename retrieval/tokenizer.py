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
from functools import lru_cache
from typing import TYPE_CHECKING

from retrieval.dictionary import load_tokenizer

if TYPE_CHECKING:
    import jieba
    from opencc import OpenCC

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_WORD = re.compile(r"\w", re.UNICODE)
# "几家" and "多少人次" must split so the question word never hides the unit.
_ASKING_PREFIX = re.compile(r"^(几|多少)(.+)$")

_lock = threading.Lock()


def normalize(text: str) -> str:
    """Fold full-width forms and drop zero-width noise so equal text tokenizes equally."""
    return ZERO_WIDTH.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=1)
def _simplifier() -> OpenCC:
    from opencc import OpenCC

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional script to simplified, so 「盡到責任」 and 「尽到责任」 share tokens."""
    return str(_simplifier().convert(text))


@lru_cache(maxsize=1)
def _tokenizer() -> jieba.Tokenizer:
    with _lock:
        return load_tokenizer()


def tokenize(text: str) -> list[str]:
    """Lower-cased simplified-script word tokens; punctuation and whitespace are dropped."""
    tokens: list[str] = []
    for token in _tokenizer().lcut(to_simplified(normalize(text)).lower(), HMM=True):
        if not _WORD.search(token):
            continue
        split = _ASKING_PREFIX.match(token)
        if split:
            tokens.extend(split.groups())
        else:
            tokens.append(token)
    return tokens


def subwords(token: str) -> list[str]:
    """Dictionary words of two or more characters inside a token (jieba's search mode),
    so a subscription to 安全 finds a bulletin whose text was cut as 安全监管."""
    if len(token) < 3:
        return []
    return [word for word in _tokenizer().cut_for_search(token, HMM=False)
            if word != token and len(word) >= 2 and _WORD.search(word)]
