"""One file of named numpy arrays that opens by memory-mapping, not by reading.

The index's postings run to hundreds of megabytes at a million passages; reading them
(or unzipping an ``.npz``) costs seconds and their full size in RAM, while mapping
them costs milliseconds and only the pages queries touch. The layout is a fixed magic,
a JSON header (kind, version, metadata, and each array's dtype, shape and offset),
then the arrays, each aligned to 64 bytes. Every file-format detail lives here.
"""

from __future__ import annotations

import json
import mmap
import struct
from pathlib import Path
from typing import Any

import numpy as np

MAGIC = b"BBOT-ARR"
_ALIGN = 64
_LENGTH = struct.Struct("<Q")


class FormatError(ValueError):
    """The file is not of the expected kind and version (or is not ours at all)."""


def write_arrays(
    path: str | Path, kind: str, version: int, meta: dict[str, Any], arrays: dict[str, np.ndarray]
) -> None:
    """Write ``arrays`` and ``meta`` to exactly ``path``."""
    layout: dict[str, dict[str, Any]] = {}
    offset = 0
    for name, array in arrays.items():
        layout[name] = {"dtype": array.dtype.str, "shape": list(array.shape), "offset": offset}
        offset = _aligned(offset + array.nbytes)
    header = json.dumps(
        {"kind": kind, "version": version, "meta": meta, "arrays": layout}
    ).encode("utf-8")
    start = _aligned(len(MAGIC) + _LENGTH.size + len(header))
    with open(path, "wb") as handle:
        handle.write(MAGIC + _LENGTH.pack(len(header)) + header)
        for name, array in arrays.items():
            handle.seek(start + layout[name]["offset"])
            # The array's own buffer, not a copy: at ten million passages ``tobytes``
            # would hold a second 1.5 GB of document ids while writing them.
            handle.write(np.ascontiguousarray(array).reshape(-1).view(np.uint8).data)
        handle.truncate(start + offset)


def read_arrays(
    path: str | Path, kind: str, version: int
) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """The metadata and read-only arrays memory-mapped from ``path``.

    FormatError when the file is another kind, another version, or not ours."""
    with open(path, "rb") as handle:
        prefix = handle.read(len(MAGIC) + _LENGTH.size)
        if len(prefix) < len(MAGIC) + _LENGTH.size or not prefix.startswith(MAGIC):
            raise FormatError(f"{path} is not a {kind} file")
        (length,) = _LENGTH.unpack(prefix[len(MAGIC) :])
        try:
            header = json.loads(handle.read(length).decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise FormatError(f"{path} has a damaged header") from error
        if header.get("kind") != kind or header.get("version") != version:
            raise FormatError(f"{path} is not a {kind} file of version {version}")
        buffer = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    start = _aligned(len(MAGIC) + _LENGTH.size + length)
    arrays = {name: _view(buffer, start, spec) for name, spec in header["arrays"].items()}
    return header["meta"], arrays


def _view(buffer: mmap.mmap, start: int, spec: dict[str, Any]) -> np.ndarray:
    dtype = np.dtype(spec["dtype"])
    shape = tuple(spec["shape"])
    count = int(np.prod(shape, dtype=np.int64))
    if count == 0:
        return np.zeros(shape, dtype)
    offset = start + int(spec["offset"])
    if offset + count * dtype.itemsize > len(buffer):
        raise FormatError("the file is shorter than its header says")
    return np.frombuffer(buffer, dtype=dtype, count=count, offset=offset).reshape(shape)


def _aligned(offset: int) -> int:
    return -(-offset // _ALIGN) * _ALIGN
