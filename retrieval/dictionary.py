"""jieba's prefix dictionary plus ours, built once and then read from this user's cache.

jieba builds its prefix dictionary (about half a million entries) from ``dict.txt`` in
seconds, and caches it with marshal in ``/tmp/jieba.cache``: a shared file that another
user can create first or replace. Here the finished dictionary (jieba's words and
``retrieval/userdict.txt``) is pickled into the user's own cache directory, which must be
owned by this user and closed to others before it is read; the file name carries jieba's
version and a hash of the user dictionary, so an upgrade or a new word rebuilds it.

A cold ``bulletin-bot ask`` tokenizes one question: a hundred-odd lookups, while loading
the whole dictionary costs a quarter of a second even unpickled (a quarter of marshal's
time). So the tokenizer starts on ``LazyFrequencies``, which answers lookups from an
SQLite copy of the same dictionary beside the pickle, and after ``EAGER_AFTER`` lookups
(a process that ingests or indexes) loads the pickle and hands jieba the plain dict.
With the whole dictionary in hand, the tokenizer finds its routes through jieba-next's
compiled prefix dictionary where that is installed (``retrieval.route``).
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import pickle
import sqlite3
import stat
import sys
import tempfile
import threading
from collections.abc import Iterator, MutableMapping
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from platformdirs import user_cache_dir

from retrieval import route

if TYPE_CHECKING:
    import jieba

log = logging.getLogger(__name__)

FORMAT = 2  # bump when what is cached changes
# Lookups answered from SQLite before the whole dictionary is loaded: a question needs a
# few hundred, a bulletin thousands.
EAGER_AFTER = 5_000


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
    lookup = path.with_suffix(".sqlite")
    total = _read_total(lookup) if _usable(path) else None
    if total is not None:
        tokenizer.FREQ, tokenizer.total = LazyFrequencies(tokenizer, path, lookup), total
        tokenizer.initialized = True
        return tokenizer
    tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    tokenizer.initialized = True  # what initialize() sets; it would read /tmp
    tokenizer.load_userdict(io.BytesIO(userdict))
    _write(path, (FORMAT, tokenizer.FREQ, tokenizer.total))
    _write_lookup(lookup, tokenizer.FREQ, tokenizer.total)
    route.attach(tokenizer)
    return tokenizer


class LazyFrequencies(MutableMapping[str, int]):
    """jieba's FREQ, read word by word from SQLite until it is worth loading it whole.

    jieba only asks ``in``, ``[]`` and ``get`` while cutting; anything else (and the
    ``EAGER_AFTER``-th lookup) loads the pickled dict and puts it in the tokenizer's
    ``FREQ``, so from then on jieba reads a plain dict at full speed.
    """

    def __init__(self, tokenizer: jieba.Tokenizer, pickled: Path, lookup: Path) -> None:
        self._tokenizer = tokenizer
        self._pickled = pickled
        self._lookup = lookup
        self._db = self._connect()
        self._lock = threading.Lock()
        self._seen: dict[str, int | None] = {}
        self._full: dict[str, int] | None = None

    def _connect(self) -> sqlite3.Connection:
        """Read-only; remembers the process, as a forked worker needs its own connection."""
        self._pid = os.getpid()
        uri = f"file:{self._lookup}?mode=ro"
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    def get(self, word: str, default: Any = None) -> Any:
        found = self._find(word)
        return default if found is None else found

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._find(word) is not None

    def __getitem__(self, word: str) -> int:
        found = self._find(word)
        if found is None:
            raise KeyError(word)
        return found

    def __setitem__(self, word: str, freq: int) -> None:
        self.full()[word] = freq

    def __delitem__(self, word: str) -> None:
        del self.full()[word]

    def __iter__(self) -> Iterator[str]:
        return iter(self.full())

    def __len__(self) -> int:
        return len(self.full())

    def _find(self, word: str) -> int | None:
        if self._full is not None:
            return self._full.get(word)
        with self._lock:
            if word in self._seen:
                return self._seen[word]
            if len(self._seen) < EAGER_AFTER:
                if self._pid != os.getpid():
                    self._db = self._connect()
                row = self._db.execute("SELECT freq FROM freq WHERE word = ?", (word,)).fetchone()
                self._seen[word] = None if row is None else int(row[0])
                return self._seen[word]
        return self.full().get(word)

    def full(self) -> dict[str, int]:
        """The whole dictionary, loaded once; jieba gets it as its FREQ from now on."""
        with self._lock:
            if self._full is None:
                state = _read(self._pickled)
                if state is None:
                    raise RuntimeError(f"the jieba cache {self._pickled} went away; restart")
                self._full = state[0]
                self._tokenizer.FREQ = self._full
                self._db.close()
                route.attach(self._tokenizer)  # the whole dictionary: compiled routes
            return self._full


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


def _usable(path: Path) -> bool:
    try:
        return _private(path.parent) and _private(path)
    except OSError:
        return False


def _read_total(lookup: Path) -> int | None:
    """The dictionary's total from the SQLite copy, or None when it is missing or foreign."""
    if not _usable(lookup):
        return None
    try:
        db = sqlite3.connect(f"file:{lookup}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'total'").fetchone()
        finally:
            db.close()
    except sqlite3.Error as error:
        log.warning("ignoring the jieba cache %s: %s", lookup, error)
        return None
    return None if row is None else int(row[0])


def _write_lookup(path: Path, freq: dict[str, int], total: int) -> None:
    """The SQLite copy: written beside the target, renamed into place when complete."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as file:
            scratch = file.name
        db = sqlite3.connect(scratch)
        try:
            db.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, freq INTEGER) WITHOUT ROWID")
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER)")
            db.executemany("INSERT INTO freq VALUES (?, ?)", freq.items())
            db.execute("INSERT INTO meta VALUES ('total', ?)", (total,))
            db.commit()
        finally:
            db.close()
        os.replace(scratch, path)
    except (OSError, sqlite3.Error) as error:
        log.warning("cannot write the jieba lookup cache %s (%s)", path, error)


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
