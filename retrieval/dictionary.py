"""jieba's prefix dictionary plus ours, built once and then read from this user's cache.

jieba builds its prefix dictionary (about half a million entries) from ``dict.txt`` in
seconds, and caches it with marshal in ``/tmp/jieba.cache``: a shared file that another
user can create first or replace. Here the finished dictionary (jieba's words and
``retrieval/userdict.txt``) is pickled into the user's own cache directory, which must be
owned by this user and closed to others before it is read; the file name carries jieba's
version and a hash of the user dictionary, so an upgrade or a new word rebuilds it.
Unpickling takes about a quarter of the time marshal takes for the same dict, which is
most of what a cold ``bulletin-bot ask`` waits for.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
import stat
import sys
import tempfile
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from platformdirs import user_cache_dir

if TYPE_CHECKING:
    import jieba

log = logging.getLogger(__name__)

FORMAT = 1  # bump when what is pickled changes


def cache_dir() -> Path:
    """The user's cache directory for Bulletin Bot (``XDG_CACHE_HOME`` on Linux)."""
    return Path(user_cache_dir("bulletin-bot", appauthor=False))


def load_tokenizer() -> jieba.Tokenizer:
    """A private jieba tokenizer with both dictionaries, from the cache when it is there."""
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    userdict = resources.files("retrieval").joinpath("userdict.txt").read_bytes()
    path = cache_dir() / f"jieba-{jieba.__version__}-{_digest(userdict)}.pickle"
    cached = _read(path)
    if cached is None:
        tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
        tokenizer.initialized = True  # what initialize() sets; it would read /tmp
        tokenizer.load_userdict(io.BytesIO(userdict))
        _write(path, (FORMAT, tokenizer.FREQ, tokenizer.total))
    else:
        tokenizer.FREQ, tokenizer.total = cached
        tokenizer.initialized = True
    return tokenizer


def _import_jieba() -> ModuleType:
    """jieba, imported without pkg_resources.

    jieba 0.42 imports pkg_resources only to open its own bundled files and falls back to
    plain ``open`` when that import fails; pkg_resources (deprecated) takes longer to
    import than jieba itself, so it is hidden for this one import unless already loaded.
    """
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import → ImportError
    try:
        import jieba

        return jieba
    finally:
        del sys.modules["pkg_resources"]


def _digest(data: bytes) -> str:
    return hashlib.sha256(FORMAT.to_bytes(2, "big") + data).hexdigest()[:16]


def _private(path: Path) -> bool:
    """Ours alone: owned by this user, writable by nobody else (pickle runs what it reads)."""
    info = path.stat()
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(path: Path) -> tuple[dict[str, int], int] | None:
    """The cached (prefix dictionary, total), or None when absent, foreign or unreadable."""
    try:
        if not (_private(path.parent) and _private(path)):
            log.warning("ignoring %s: not private to this user", path)
            return None
        with path.open("rb") as file:
            state: Any = pickle.load(file)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, ValueError) as error:
        log.warning("ignoring the jieba cache %s: %s", path, error)
        return None
    if not (isinstance(state, tuple) and len(state) == 3 and state[0] == FORMAT):
        return None
    return state[1], state[2]


def _write(path: Path, state: tuple[int, dict[str, int], int]) -> None:
    """Write beside the target and rename, so a reader never sees half a file."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as file:
            pickle.dump(state, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(file.name, path)
    except OSError as error:
        log.warning("cannot cache jieba's dictionary in %s (%s); it is rebuilt at each "
                    "start", path.parent, error)
