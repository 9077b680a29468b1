"""An index saved by an older version (format 1: an .npz scorer and a meta.json, no
manifest) is rebuilt from the store on start-up, never read as the current format."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from retrieval import saved
from retrieval.index import PassageIndex
from service.engine import Engine
from service.settings import Settings

QUESTION = "2017年高新区受理了多少举报投诉?"


def test_an_old_format_index_is_rebuilt_on_open(settings: Settings) -> None:
    first = Engine.open(settings)
    folder = first.index_path
    count = first.stats().passages
    first.close()
    shutil.rmtree(folder)
    folder.mkdir()
    with open(folder / "bm25", "wb") as handle:  # what format 1 wrote, emptied
        np.savez(handle, format=np.array("bulletin-bot/bm25"), version=np.array(1),
                 indptr=np.zeros(1, np.int64))
    np.save(folder / "ids.npy", np.arange(count, dtype=np.int64))
    (folder / "meta.json").write_text(json.dumps({"format": 1, "built_at": 0.0}))
    with pytest.raises(saved.Unusable):
        PassageIndex.load(folder)

    reopened = Engine.open(settings)
    assert reopened.ask(QUESTION, log=False).value == 3843
    assert reopened.stats().indexed_passages == count
    rebuilt = PassageIndex.load(folder)
    assert rebuilt is not None and len(rebuilt) == count
    reopened.close()
