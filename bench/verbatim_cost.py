"""What keeping each sentence's original text costs at ingest, over the shared corpora.

Parses every bulletin once, then times ``ParsedBulletin.sentences()`` without and with
the source text (finding each sentence back in it, ``ingest.verbatim``), best of a few
runs, and counts the sentences whose original differs from the normalised text or could
not be found. Run: ``.venv/bin/python bench/verbatim_cost.py [corpus folders…]``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from ingest.formats import to_text
from ingest.parse import EmptyBulletinError, ParsedBulletin, parse_bulletin

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DEFAULT = ["gov-work-reports", "provincial-reports-2026", "cmrc2018-dev"]
RUNS = 3


def _parsed(folder: Path) -> list[tuple[ParsedBulletin, str]]:
    out = []
    for path in sorted(folder.glob("*.txt")):
        text = to_text(path.read_bytes(), str(path))
        try:
            out.append((parse_bulletin(text), text))
        except EmptyBulletinError:
            continue
    return out


def _best_seconds(bulletins: list[tuple[ParsedBulletin, str]], with_source: bool) -> float:
    best = float("inf")
    for _ in range(RUNS):
        for bulletin, text in bulletins:
            bulletin.source = text if with_source else ""
        start = time.perf_counter()
        for bulletin, _ in bulletins:
            bulletin.sentences()
        best = min(best, time.perf_counter() - start)
    return best


def main(names: list[str]) -> None:
    print("| corpus | bulletins | MB chars | sentences | without (s) | with (s) | "
          "µs/char | differ | not found |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name in names:
        folder = Path(name) if Path(name).is_dir() else SHARED / name
        bulletins = _parsed(folder)
        chars = sum(len(text) for _, text in bulletins)
        without = _best_seconds(bulletins, with_source=False)
        with_source = _best_seconds(bulletins, with_source=True)
        sentences = [s for bulletin, _ in bulletins for s in bulletin.sentences()]
        differ = sum(s.original not in (None, s.text) for s in sentences)
        missing = sum(s.original is None for s in sentences)
        print(f"| {folder.name} | {len(bulletins)} | {chars / 1e6:.2f} | {len(sentences)} | "
              f"{without:.2f} | {with_source:.2f} | "
              f"{(with_source - without) / max(chars, 1) * 1e6:.2f} | {differ} | {missing} |")


if __name__ == "__main__":
    main(sys.argv[1:] or DEFAULT)
