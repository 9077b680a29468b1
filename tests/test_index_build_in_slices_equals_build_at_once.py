"""Building the passage index slice by slice must not change a single score."""

from __future__ import annotations

import random

import numpy as np
import pytest

from retrieval import index as index_module
from retrieval.index import PassageIndex


def _rows(count: int) -> list[tuple[int, list[str]]]:
    rng = random.Random(3)
    words = [f"词{n}" for n in range(60)]
    return [(10 + 2 * n, rng.choices(words, k=rng.randint(1, 12))) for n in range(count)]


@pytest.mark.parametrize("slice_size", [1, 7, 100, 1000])
def test_scores_and_ids_match_a_single_slice(
    monkeypatch: pytest.MonkeyPatch, slice_size: int
) -> None:
    rows = _rows(301)
    whole = PassageIndex.build(rows)
    monkeypatch.setattr(index_module, "BUILD_SLICE", slice_size)
    sliced = PassageIndex.build(rows)
    assert np.array_equal(whole.ids, sliced.ids)
    for query in (["词1"], ["词2", "词3", "词2"], ["词59", "没有"]):
        assert np.array_equal(whole.scorer.get_scores(query), sliced.scorer.get_scores(query))
        assert whole.search(query, 10) == sliced.search(query, 10)


def test_an_empty_store_builds_an_empty_index() -> None:
    empty = PassageIndex.build([])
    assert len(empty) == 0
    assert empty.search(["词1"], 5) == []
