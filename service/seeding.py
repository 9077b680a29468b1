"""The seed bulletins an empty store starts with: shipped in the package, or a folder.

They are read through ``importlib.resources`` rather than a path beside the source, so a
wheel (or a zip) installed anywhere finds them; a folder named by ``SEEDS_DIR`` replaces
them for a deployment with seeds of its own.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from service.ingestion import TEXT_SUFFIXES, Document, IngestReport, read_documents

PACKAGE = "seeds"


def packaged_seeds() -> list[Document]:
    """Every seed bulletin in the ``seeds`` package, named ``seeds/<file>`` as in the repo."""
    files = sorted(resources.files(PACKAGE).iterdir(), key=lambda item: item.name)
    return [Document(f"{PACKAGE}/{item.name}", item.read_bytes())
            for item in files if _is_bulletin(item)]


def seed_documents(folder: Path | None, max_bytes: int) -> list[Document]:
    """The configured folder's bulletins, or the packaged ones when none is configured."""
    if folder is None:
        return packaged_seeds()
    return read_documents([folder], IngestReport(), max_bytes)


def _is_bulletin(item: Traversable) -> bool:
    suffix = Path(item.name).suffix.lower()
    return item.is_file() and suffix in TEXT_SUFFIXES and not item.name.startswith(("_", "."))
