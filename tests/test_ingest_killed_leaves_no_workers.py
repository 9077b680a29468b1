"""kill -9 of ``bulletin-bot ingest`` while its workers tokenise leaves no process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import REPO

PARAGRAPH = "2017年,高新区市场监管局组织节前打假行动3次,检查相关商户200余户,确保消费安全。"


def _children(pid: int) -> set[int]:
    """Live (not zombie) processes whose parent is ``pid``, from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _corpus(folder: Path, files: int = 60, paragraphs: int = 200) -> Path:
    folder.mkdir()
    for n in range(files):
        body = "\n\n".join(f"{PARAGRAPH}(第{n}篇第{p}段)" for p in range(paragraphs))
        (folder / f"b{n}.txt").write_text(f"高新区通报第{n}号\n\n{body}\n", encoding="utf-8")
    return folder


def test_killing_ingest_while_it_tokenises_leaves_no_worker(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus")
    env = {**os.environ, "DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": "",
           "LOAD_SEEDS": "false"}
    ingest = subprocess.Popen([sys.executable, "-m", "cli.main", "ingest", str(corpus)],
                              cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2 and ingest.poll() is None:
            assert time.monotonic() < deadline, "ingest never started its workers"
            workers |= _children(ingest.pid)
            time.sleep(0.05)
        assert workers, "ingest finished before its workers were seen; make the corpus larger"
        os.kill(ingest.pid, signal.SIGKILL)
        ingest.wait(timeout=30)
        deadline = time.monotonic() + 15
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [pid for pid in workers if _alive(pid)] == []
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait()
        for pid in workers:  # a failed run must not leave them behind either
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
