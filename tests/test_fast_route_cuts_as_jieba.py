"""jieba-next's compiled route (retrieval.route) cuts every report line exactly as jieba.

The tokenizer takes only the best route through each run's word graph from jieba-next,
so the check is jieba's whole cut (every piece, punctuation and whitespace included) of
every line of the shared reports, prepared as tokenizing prepares it, with the route
from jieba-next against the same tokenizer with jieba's own route.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from retrieval import route
from retrieval.dictionary import LazyFrequencies, load_tokenizer
from retrieval.tokenizer import _JOIN, _prepared
from tests.conftest import shared_path

pytest.importorskip("jieba_next.jieba_next_rust")


@pytest.fixture(scope="module")
def tokenizers() -> tuple[object, object]:
    """Ours with jieba-next's route, and a plain jieba tokenizer on the same dictionary."""
    import jieba

    fast = load_tokenizer()
    if isinstance(fast.FREQ, LazyFrequencies):
        fast.FREQ.full()  # the whole dictionary: the route is attached here
    assert "calc" in vars(fast) and "get_DAG" in vars(fast), "jieba-next's route not attached"
    plain = jieba.Tokenizer()
    plain.FREQ, plain.total, plain.initialized = fast.FREQ, fast.total, True
    return fast, plain


def report_lines() -> Iterator[str]:
    for corpus in ("gov-work-reports", "provincial-reports-2026"):
        for path in sorted(shared_path("corpus", corpus).rglob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    yield _prepared(line)


def test_every_report_line_is_cut_into_the_same_pieces(tokenizers: tuple) -> None:
    fast, plain = tokenizers
    lines = list(report_lines())
    assert len(lines) > 10_000
    differing = [line for line in lines
                 if list(fast.cut(line, HMM=True)) != list(plain.cut(line, HMM=True))]
    assert differing == []
    # as the workers cut them: many texts joined by NUL in one call
    joined = _JOIN.join(lines[:2_000])
    assert list(fast.cut(joined, HMM=True)) == list(plain.cut(joined, HMM=True))


def test_the_other_cuts_are_jiebas_too(tokenizers: tuple) -> None:
    """Search mode and the HMM-less cut go through the same route; cut_all reads the
    word graph itself, which is then built as jieba builds it."""
    fast, plain = tokenizers
    lines = list(report_lines())[:300]
    for line in lines:
        assert list(fast.cut(line, HMM=False)) == list(plain.cut(line, HMM=False))
        assert list(fast.cut_for_search(line, HMM=False)) == list(
            plain.cut_for_search(line, HMM=False))
        assert list(fast.cut(line, cut_all=True)) == list(plain.cut(line, cut_all=True))


def test_without_jieba_next_the_tokenizer_keeps_jiebas_route(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = {"安全": 5, "安": 0}, 5, True
    monkeypatch.setitem(sys.modules, "jieba_next", None)  # import → ImportError
    monkeypatch.delitem(sys.modules, "jieba_next.jieba_next_rust", raising=False)
    assert route.attach(tokenizer) is False
    assert "calc" not in vars(tokenizer)


def test_a_dictionary_it_cannot_hold_is_left_to_jieba() -> None:
    """jieba-next's trie keeps 12 words starting at one character; jieba keeps all."""
    import jieba

    chain = "一二三四五六七八九十甲乙丙丁"
    frequencies = {chain[:end]: 3 for end in range(1, len(chain) + 1)}
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = frequencies, 42, True
    assert route.attach(tokenizer) is False
    frequencies = {chain[:end]: 3 if end in (1, 14) else 0 for end in range(1, 15)}
    tokenizer.FREQ = frequencies
    assert route.attach(tokenizer) is True
    assert list(tokenizer.cut(chain + "乙")) == [chain, "乙"]


def test_a_dictionary_changed_afterwards_gets_jiebas_route() -> None:
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ = {"安": 3, "安全": 5, "生": 3, "生产": 4, "安全生": 0, "安全生产": 0}
    tokenizer.total, tokenizer.initialized = 15, True
    assert route.attach(tokenizer) is True
    assert list(tokenizer.cut("安全生产", HMM=False)) == ["安全", "生产"]
    tokenizer.FREQ = dict(tokenizer.FREQ, 安全生产=50)
    tokenizer.total += 50
    assert list(tokenizer.cut("安全生产", HMM=False)) == ["安全生产"]
