"""The tokenizer's shortcuts change no token: text OpenCC would leave alone skips it,
and texts cut in one jieba call come out as if each were cut alone."""

from __future__ import annotations

import pytest
from opencc import OpenCC

import retrieval.tokenizer as tokenizer
from retrieval.tokenizer import _convertible, to_simplified, tokenize, tokenize_batch
from tests.conftest import SEED, shared_path


def _passages() -> list[str]:
    """Every line of the CMRC corpus (the ingest bench's), and the seed bulletin's."""
    folder = shared_path("corpus", "cmrc2018-dev")
    lines = [line for path in sorted(folder.glob("*.txt"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    return lines + SEED.read_text(encoding="utf-8").splitlines()


def test_skipping_opencc_gives_what_opencc_gives_on_the_corpus() -> None:
    opencc = OpenCC("t2s")
    passages = _passages()
    assert [to_simplified(p) for p in passages] == [opencc.convert(p) for p in passages]
    assert any(opencc.convert(p) != p for p in passages)  # some lines are converted


def test_every_key_that_opencc_changes_is_still_converted() -> None:
    opencc = OpenCC("t2s")
    keys = [key for group in opencc._dict_chain_data for _, _, mapping in group
            for key, value in mapping.items() if value != key]
    assert len(keys) > 4000
    for key in keys:
        text = f"今年{key}工作"
        assert to_simplified(text) == opencc.convert(text), key
    marks = _convertible()
    assert marks is not None and "的" not in marks and "年" not in marks


def test_a_witness_without_its_key_skips_opencc(monkeypatch: pytest.MonkeyPatch) -> None:
    """得 and 然 are witnesses of 衹得 and 瞭然; text holding them and no changing key
    is returned as is, without OpenCC; with the key it is converted."""
    opencc = OpenCC("t2s")
    converted: list[str] = []

    class Watched:
        split_chars_re = opencc.split_chars_re

        def convert(self, piece: str) -> str:
            converted.append(piece)
            return str(opencc.convert(piece))

    _convertible(), tokenizer._changing_keys()  # worked out from the real OpenCC first
    monkeypatch.setattr(tokenizer, "_simplifier", lambda: Watched())
    assert to_simplified("取得显著成效，当然") == "取得显著成效，当然"
    assert converted == []
    assert to_simplified("衹得如此，一目瞭然") == opencc.convert("衹得如此，一目瞭然")
    assert converted


def test_traditional_script_still_folds_to_simplified() -> None:
    assert tokenize("為消費者挽回經濟損失") == tokenize("为消费者挽回经济损失")


def test_one_jieba_call_for_many_texts_cuts_each_as_alone() -> None:
    passages = [*_passages()[:3000], "", "  ", "\r", "\n只有一行\r\n", "節前打假行動組織了幾次?"]
    assert tokenize_batch(passages) == [tokenize(p) for p in passages]


def test_a_text_holding_the_joining_character_is_cut_alone() -> None:
    texts = ["高新区\x00受理举报", "投诉3843宗"]
    assert tokenize_batch(texts) == [tokenize(t) for t in texts]
