"""tokenize_many gives tokenize's output, in order, whether run in a pool or in-process."""

from __future__ import annotations

import pytest

import retrieval.parallel as parallel
from retrieval.parallel import tokenize_many
from retrieval.tokenizer import tokenize

TEXTS = [
    "2017年,高新区各打假职能部门共受理举报投诉3843宗。",
    "為消費者挽回經濟損失約650萬余元",
    "",
    "开展专项联合打假行动4次,出动执法人员1200余人次。",
] * 9


def test_in_process_matches_tokenize() -> None:
    assert tokenize_many(TEXTS[:5], progress=True) == [tokenize(t) for t in TEXTS[:5]]


def test_process_pool_keeps_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "IN_PROCESS_LIMIT", 4)
    monkeypatch.setattr(parallel, "CHUNK_SIZE", 5)
    texts = [f"{i}号{text}" for i, text in enumerate(TEXTS)]
    assert tokenize_many(texts, workers=2) == [tokenize(t) for t in texts]
