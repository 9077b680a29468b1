"""An index saved by an older version (format 1: an .npz) is rebuilt from the store on
start-up, never read as if it were the new memory-mapped format."""

from __future__ import annotations

import json

import numpy as np

from retrieval.index import PassageIndex
from service.engine import Engine
from service.settings import Settings

QUESTION = "2017年高新区受理了多少举报投诉?"


def test_an_old_format_index_is_rebuilt_on_open(settings: Settings) -> None:
    first = Engine.open(settings)
    folder = first.index_path
    count = first.stats().passages
    first.close()
    with open(folder / "bm25", "wb") as handle:  # what format 1 wrote, emptied
        np.savez(handle, format=np.array("bulletin-bot/bm25"), version=np.array(1),
                 indptr=np.zeros(1, np.int64))
    meta = json.loads((folder / "meta.json").read_text())
    (folder / "meta.json").write_text(json.dumps(meta | {"format": 1}))
    assert PassageIndex.load(folder) is None

    reopened = Engine.open(settings)
    assert reopened.ask(QUESTION, log=False).value == 3843
    assert reopened.stats().indexed_passages == count
    saved = PassageIndex.load(folder)
    assert saved is not None and len(saved) == count
    reopened.close()
