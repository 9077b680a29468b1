"""Realistic benchmark corpora from the shared Chinese text, at any size, quickly.

Tokenising a million passages with jieba would take longer than the benchmark itself,
so the real sentences are tokenised once and passages are recombined from their token
lists: one to three random sentences each, like the sentence windows the bot indexes.
Queries are three to five content words of a real sentence, as a question would have.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

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


def recombine(sentences: list[list[str]], size: int, seed: int = 0) -> list[list[str]]:
    """``size`` passages, each one to three random tokenised sentences joined."""
    rng = random.Random(seed)
    pick = rng.choices
    return [
        [token for sentence in pick(sentences, k=rng.randint(1, 3)) for token in sentence]
        for _ in range(size)
    ]


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
