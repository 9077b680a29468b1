"""Files of a saved index: written durably, described by a checksummed manifest, and
verified before a byte of them is parsed.

A truncated, emptied or bit-flipped file must never reach the zip/npy readers (their
errors take every command down) nor, worse, load fine and give wrong passages. So each
file's SHA-256 goes into ``manifest.json``, which carries a checksum of itself, and
loading compares them first. Files and folders are fsynced before the rename that
publishes them, so a crash or power cut leaves the old index or the new one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"


class Unusable(Exception):
    """A saved index that is there but cannot be trusted; the message says why."""


def digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _body_digest(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def fsync_path(path: Path) -> None:
    """Flush a file's or a folder's entry to disk (folders: so renames survive a crash)."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_manifest(folder: Path, meta: dict[str, Any]) -> None:
    """Checksum every file already in ``folder``, write the manifest, fsync it all."""
    files = sorted(p for p in folder.iterdir() if p.name != MANIFEST)
    for path in files:
        fsync_path(path)
    body = {**meta, "files": {path.name: digest(path) for path in files}}
    text = json.dumps({"body": body, "sha256": _body_digest(body)}, sort_keys=True)
    manifest = folder / MANIFEST
    with manifest.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    fsync_path(folder)


def verified_meta(folder: Path, *, check_files: bool = True) -> dict[str, Any] | None:
    """The manifest's fields once every file matches its checksum; None when there is
    no saved index at all; ``Unusable`` when one is there but does not verify.

    ``check_files=False`` checks the manifest only: for an index this process has just
    written and fsynced, where hashing its files again (at a million passages, 156 MB)
    would only take CPU from the questions answered meanwhile."""
    manifest = folder / MANIFEST
    if not folder.exists():
        return None
    try:
        document = json.loads(manifest.read_text(encoding="utf-8"))
        body, expected = document["body"], document["sha256"]
    except FileNotFoundError as error:
        raise Unusable("it has no manifest (an older format, or an interrupted write)") from error
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise Unusable(f"its manifest is unreadable ({type(error).__name__})") from error
    if not isinstance(body, dict) or _body_digest(body) != expected:
        raise Unusable("its manifest does not match its own checksum")
    for name, sha in dict(body.get("files", {}) if check_files else {}).items():
        try:
            actual = digest(folder / name)
        except OSError as error:
            raise Unusable(f"{name} is missing ({type(error).__name__})") from error
        if actual != sha:
            raise Unusable(f"{name} does not match its checksum (truncated or changed)")
    return body


def publish(staging: Path, target: Path) -> None:
    """Swap ``staging`` in as ``target``: the old folder is renamed aside, then removed."""
    old = target.with_name(f"{target.name}.old.{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    fsync_path(target.parent)
    shutil.rmtree(old, ignore_errors=True)


def staging_for(target: Path) -> Path:
    """A folder of this process's own beside ``target`` (two processes may save at once)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f"{target.name}.tmp.{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    return staging


def remove_leftovers(target: Path) -> list[Path]:
    """Delete ``.tmp``/``.old`` folders beside ``target`` left by processes that died
    mid-save (ours, or any whose process id is no longer running)."""
    removed = []
    for path in target.parent.glob(f"{target.name}.*"):
        kind, _, owner = path.name[len(target.name) + 1:].partition(".")
        if kind not in ("tmp", "old") or (owner.isdigit() and _alive(int(owner))):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # not saving now, since we are the one cleaning up
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
