"""The passage index: a BM25 scorer plus the passage id of every scored document.

It is persisted beside the database and knows the highest passage id it covers, so
start-up loads it instead of rebuilding, and new passages join it without a rebuild.
"""

from __future__ import annotations

import shutil
import time
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import numpy as np

from retrieval import saved
from retrieval.bm25 import BM25Index

# 1: the BM25 file was an .npz. 2: a memory-mapped file (retrieval.arrayfile), ids mapped
# too. 3: a manifest with checksums (retrieval/saved.py) replaces meta.json.
_FORMAT = 3
Row = tuple[int, list[str]]
# Passages whose token lists are held at once while building: as Python strings a
# passage costs kilobytes, so 25k of them is already a few hundred MB.
BUILD_SLICE = 25_000


@dataclass(frozen=True)
class IndexedPassage:
    """A scored document mapped back to the passage it came from."""

    passage_id: int
    score: float


class PassageIndex:
    """BM25 over passages; document ``i`` of the scorer is passage ``ids[i]``."""

    def __init__(self, scorer: BM25Index, ids: np.ndarray, built_at: float) -> None:
        self.scorer = scorer
        self.ids = ids
        self.built_at = built_at

    @classmethod
    def build(cls, rows: Iterable[Row]) -> PassageIndex:
        """Build in slices, so only one slice of token lists is ever held in memory:
        at a million passages the lists would cost gigabytes, the index a few hundred MB.
        Passage ids are kept as 8-byte machine integers, not Python ints (36 bytes each)."""
        ids = array("q")

        def slices() -> Iterator[list[list[str]]]:
            for chunk in _batched(rows, BUILD_SLICE):
                ids.extend(passage_id for passage_id, _ in chunk)
                yield [tokens for _, tokens in chunk]

        scorer = BM25Index.from_token_slices(slices())
        return cls.ready(scorer, np.frombuffer(ids, dtype=np.int64).copy(), time.time())

    @classmethod
    def ready(cls, scorer: BM25Index, ids: np.ndarray, built_at: float) -> PassageIndex:
        """An index whose idf and impacts are derived now, so no question pays for them."""
        scorer.prepare()
        return cls(scorer, ids, built_at)

    @property
    def max_passage_id(self) -> int:
        return int(self.ids[-1]) if len(self.ids) else 0

    def __len__(self) -> int:
        return len(self.ids)

    def extended(self, rows: Iterable[Row]) -> PassageIndex | None:
        """A new index with the passages above ``max_passage_id`` appended, or None.

        This index is left untouched and can go on answering while the new one is
        built: at a million passages appending costs a couple of seconds, because
        every new passage changes idf and the average length everywhere."""
        after = self.max_passage_id  # read once: a numpy scalar per row added up
        new = [(pid, tokens) for pid, tokens in rows if pid > after]
        if not new:
            return None
        scorer = self.scorer.copy()
        scorer.add([tokens for _, tokens in new])
        ids = np.concatenate([self.ids, np.asarray([pid for pid, _ in new], np.int64)])
        return PassageIndex.ready(scorer, ids, self.built_at)

    def search(self, query_tokens: list[str], k: int) -> list[IndexedPassage]:
        if not len(self.ids) or not query_tokens:
            return []
        return [
            IndexedPassage(int(self.ids[doc]), float(score))
            for doc, score in self.scorer.top_k(query_tokens, k)
            if score != 0
        ]

    def save(self, directory: Path) -> None:
        """Write to a folder of our own beside ``directory``, checksum and fsync every
        file, then rename: a crash leaves the old index or the new one, never half."""
        staging = saved.staging_for(directory)
        try:
            self.scorer.save(staging / "bm25")
            np.save(staging / "ids.npy", self.ids)
            saved.write_manifest(staging, {"format": _FORMAT, "built_at": self.built_at,
                                           "count": len(self.ids),
                                           "max_passage_id": self.max_passage_id})
            saved.publish(staging, directory)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise

    @classmethod
    def load(cls, directory: Path, *, check_files: bool = True) -> PassageIndex | None:
        """The saved index, or None when there is none; ``saved.Unusable`` (with the
        reason) when one is there but fails its checksums or does not parse.
        ``check_files`` as in ``saved.verified_meta``."""
        meta = saved.verified_meta(directory, check_files=check_files)
        if meta is None:
            return None
        if meta.get("format") != _FORMAT:
            raise saved.Unusable(f"it is of format {meta.get('format')}, not {_FORMAT}")
        try:
            ids = np.load(directory / "ids.npy", mmap_mode="r", allow_pickle=False)
            scorer = BM25Index.load(directory / "bm25")
        except Exception as error:  # verified yet unreadable: a bug or a tampered manifest
            raise saved.Unusable(f"it does not parse ({type(error).__name__})") from error
        index = cls(scorer, ids, float(meta["built_at"]))
        if len(ids) != meta.get("count") or len(scorer) != len(ids) or (
                index.max_passage_id != meta.get("max_passage_id")):
            raise saved.Unusable("its parts disagree on how many passages it holds")
        scorer.prepare()
        return index


def _batched(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk
