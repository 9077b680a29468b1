"""The seed bulletins come from the package (so a wheel has them), or from SEEDS_DIR."""

from __future__ import annotations

from pathlib import Path

from service.engine import Engine
from service.seeding import packaged_seeds
from service.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def test_packaged_seeds_are_the_repos_seed_files() -> None:
    repo_files = sorted(p.name for p in (REPO / "seeds").glob("*.txt"))
    documents = packaged_seeds()
    assert [d.origin for d in documents] == [f"seeds/{name}" for name in repo_files]
    assert documents[0].raw == (REPO / "seeds" / repo_files[0]).read_bytes()


def test_a_seeds_dir_replaces_the_packaged_seeds(settings: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "own-seeds"
    folder.mkdir()
    (folder / "one.txt").write_text("某市发布通报\n\n2019年,某市共检查餐饮单位88家。\n",
                                    encoding="utf-8")
    engine = Engine.open(settings.model_copy(update={"seeds_dir": folder}))
    try:
        assert [ref.title for ref in engine.latest(5)] == ["某市发布通报"]
    finally:
        engine.close()
