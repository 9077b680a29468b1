"""Realistic benchmark corpora from the shared Chinese text, at any size, quickly.

Tokenising a million passages with jieba would take longer than the benchmark itself,
so the real sentences are tokenised once and passages are recombined from their token
lists: one to three random sentences each, like the sentence windows the bot indexes.
A passage is held as the numbers of its sentences (``Recombined``) and its token list
made only when a slice of passages is built: ten million passages as Python lists
would hold 400 million references, more than 4 GB, before any index is built.
Queries are three to five content words of a real sentence, as a question would have.
"""

from __future__ import annotations

import random
import re
from array import array
from dataclasses import dataclass
from itertools import chain, pairwise
from pathlib import Path

import numpy as np

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SOURCES = (SHARED / "corpus" / "gov-work-reports", SHARED / "corpus" / "cmrc2018-dev")
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Frequent function words a person would not type as a search term.
_STOP = frozenset(
    [
        "我们",
        "他们",
        "以及",
        "进行",
        "一个",
        "这个",
        "已经",
        "没有",
        "可以",
        "还是",
        "就是",
        "因为",
        "所以",
        "但是",
    ]
)


def real_sentences(min_chars: int = 8) -> list[str]:
    """Every sentence of the shared corpora that is long enough to carry a fact."""
    sentences: list[str] = []
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            sentences.extend(s.strip() for s in _SENTENCE_END.split(text))
    return [s for s in sentences if len(s) >= min_chars]


@dataclass(frozen=True)
class Recombined:
    """Passage ``i`` is the sentences ``picks[offsets[i]:offsets[i + 1]]`` joined."""

    sentences: list[list[str]]
    picks: np.ndarray  # int32 sentence numbers
    offsets: np.ndarray  # int64, one more than the passages

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def tokens(self, start: int, stop: int) -> list[list[str]]:
        """Token lists of passages ``start:stop``."""
        bounds = self.offsets[start : stop + 1].tolist()
        picks = self.picks[bounds[0] : bounds[-1]].tolist()
        first = bounds[0]
        sentences = self.sentences
        return [list(chain.from_iterable([sentences[p] for p in picks[a - first : b - first]]))
                for a, b in pairwise(bounds)]

    def token_count(self) -> int:
        lengths = np.fromiter(map(len, self.sentences), dtype=np.int64, count=len(self.sentences))
        return int(lengths[self.picks].sum())


def recombined(sentences: list[list[str]], size: int, seed: int = 0) -> Recombined:
    """``size`` passages, each one to three random tokenised sentences joined. ``choices``
    over the sentence numbers draws what it drew over the sentences themselves, so these
    are the passages the benchmark has always recombined for a seed."""
    rng = random.Random(seed)
    pick, draw = rng.choices, rng.randint
    numbers = range(len(sentences))
    picks, counts = array("i"), array("q")
    for _ in range(size):
        k = draw(1, 3)
        counts.append(k)
        picks.extend(pick(numbers, k=k))
    offsets = np.zeros(size + 1, dtype=np.int64)
    np.cumsum(np.frombuffer(counts, dtype=np.int64), out=offsets[1:])
    return Recombined(sentences, np.frombuffer(picks, dtype=np.int32), offsets)


def recombine(sentences: list[list[str]], size: int, seed: int = 0) -> list[list[str]]:
    """``size`` passages, each one to three random tokenised sentences joined."""
    return recombined(sentences, size, seed).tokens(0, size)


def queries(sentences: list[list[str]], count: int, seed: int = 1) -> list[list[str]]:
    """``count`` queries of three to five distinct content words of one real sentence."""
    rng = random.Random(seed)
    found: list[list[str]] = []
    while len(found) < count:
        words = list(dict.fromkeys(t for t in rng.choice(sentences) if _is_content(t)))
        if len(words) >= 3:
            found.append(rng.sample(words, k=min(len(words), rng.randint(3, 5))))
    return found


def _is_content(token: str) -> bool:
    return len(token) >= 2 and bool(_CJK.search(token)) and token not in _STOP
