"""An index this process has just saved is mapped back checking its manifest only; any
other load hashes every file, so a damaged file is still caught at start-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from retrieval import saved
from retrieval.index import PassageIndex

ROWS = [(1, ["高新区", "举报", "投诉"]), (2, ["农资", "门店", "检查"]), (3, ["冷库", "检查"])]


def test_only_the_full_load_hashes_the_files(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    PassageIndex.build(ROWS).save(folder)
    ids = folder / "ids.npy"
    data = ids.read_bytes()  # the middle passage id (little-endian int64) becomes 5
    ids.write_bytes(data[:-16] + (5).to_bytes(8, "little") + data[-8:])
    loaded = PassageIndex.load(folder, check_files=False)
    assert loaded is not None and list(loaded.ids) == [1, 5, 3]
    with pytest.raises(saved.Unusable, match=r"ids\.npy does not match its checksum"):
        PassageIndex.load(folder)


def test_a_damaged_manifest_is_refused_either_way(tmp_path: Path) -> None:
    folder = tmp_path / "index"
    PassageIndex.build(ROWS).save(folder)
    manifest = folder / saved.MANIFEST
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("3", "4"), encoding="utf-8")
    for check_files in (False, True):
        with pytest.raises(saved.Unusable):
            PassageIndex.load(folder, check_files=check_files)
