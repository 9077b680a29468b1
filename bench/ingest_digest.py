"""Digests of what an ingest of ``../shared/corpus/cmrc2018-dev`` stores, to compare two
trees byte for byte: run it in each (``PYTHONPATH`` and the working directory set to the
tree) and diff the output. One SHA-256 per table over every row in id order (all columns
but ``ingested_at``, the clock), and one per file of the saved index (its manifest less
``built_at``).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from corpus import SHARED  # noqa: E402

from service.engine import Engine  # noqa: E402
from service.settings import Settings  # noqa: E402

CORPUS = SHARED / "corpus" / "cmrc2018-dev"


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        settings = Settings(  # type: ignore[call-arg]
            data_dir=Path(scratch), database_url="", load_seeds=False, _env_file=None
        )
        engine = Engine.open(settings)
        engine.ingest_paths([CORPUS])
        saved = Path(scratch) / "saved-index"
        engine._require_index().save(saved)
        digests = _tables(settings.resolved_database_url.removeprefix("sqlite:///"))
        digests |= _files(saved)
        engine.close()
    print(json.dumps(digests, indent=1, sort_keys=True))


def _tables(path: str) -> dict[str, object]:
    db = sqlite3.connect(path)
    digests: dict[str, object] = {}
    for table in ("bulletin", "passage"):
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")
                   if row[1] != "ingested_at"]
        digest, rows = hashlib.sha256(), 0
        for row in db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY id"):
            digest.update(repr(row).encode())
            rows += 1
        digests[table] = [rows, digest.hexdigest()]
    db.close()
    return digests


def _files(folder: Path) -> dict[str, object]:
    digests: dict[str, object] = {}
    for path in sorted(folder.iterdir()):
        data = path.read_bytes()
        if path.name == "manifest.json":
            body = json.loads(data)["body"]
            body.pop("built_at")
            data = json.dumps(body, sort_keys=True).encode()
        digests[f"index/{path.name}"] = hashlib.sha256(data).hexdigest()
    return digests


if __name__ == "__main__":
    main()
