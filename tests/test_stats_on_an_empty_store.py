"""An empty store has an empty index, built just now, not an index from 1970."""

from __future__ import annotations

from service.engine import Engine
from service.settings import Settings


def test_an_empty_store_reports_a_fresh_empty_index(settings: Settings) -> None:
    engine = Engine.open(settings.model_copy(update={"load_seeds": False}))
    try:
        stats = engine.stats()
    finally:
        engine.close()
    assert (stats.bulletins, stats.passages, stats.indexed_passages) == (0, 0, 0)
    assert stats.index_built_at > 0
    assert stats.index_age_seconds < 600
