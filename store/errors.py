"""Database failures in words an operator can act on.

"Check DATABASE_URL and that the server is running" is right when the server is away,
and misleading when SQLite's disk is full or failing: each cause gets its own sentence.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

# (words in the driver's message, what to tell the operator), first match wins.
_CAUSES: list[tuple[tuple[str, ...], str]] = [
    (("database or disk is full", "no space left", "could not extend file"),
     "the disk holding the database is full; free some space and run the command again"),
    (("disk i/o error", "input/output error"),
     "the disk failed while reading or writing the database (I/O error); check the disk"),
    (("readonly database", "read-only file system"),
     "the database file or its folder is read-only; check its permissions"),
    (("database is locked",),
     "another process held the database locked for too long; try again"),
    (("unable to open database file",),
     "the SQLite file cannot be opened; check DATA_DIR or DATABASE_URL and that the folder "
     "exists and is writable"),
    (("file is not a database", "database disk image is malformed"),
     "the SQLite file is damaged or not a database; restore it from a backup"),
    (("connection refused", "could not connect", "could not translate host name",
      "server closed the connection", "terminating connection", "connection timeout",
      "timeout expired", "the database system is", "connection is closed", "no route to host",
      "not currently accepting connections", "consuming input failed", "ssl connection has been"),
     "cannot reach the database server; check DATABASE_URL and that the server is running"),
]


def describe(error: DBAPIError) -> str:
    """One sentence: what happened, then the driver's own words for the log."""
    detail = str(error.orig).strip().splitlines()[0] if error.orig is not None else str(error)
    lowered = detail.lower()
    if error.connection_invalidated:  # SQLAlchemy's own verdict: the connection was lost
        return f"{_CAUSES[-1][1]} ({detail})"
    for words, meaning in _CAUSES:
        if any(word in lowered for word in words):
            return f"{meaning} ({detail})"
    return f"the database reported an error ({detail})"


def unreachable(error: DBAPIError) -> bool:
    """Whether the server is away (worth "try again in a minute"), not the disk or data."""
    return describe(error).startswith("cannot reach")
