"""A PostgreSQL server of the test's own: ``initdb`` in a temporary folder, its own port
on 127.0.0.1, stopped and deleted afterwards.

Tests that stop or restart a server use this one, never the shared server at
127.0.0.1:5432 that other tests (and other people) are using. The binaries come from the
Debian packages (/usr/lib/postgresql/*/bin). PostgreSQL refuses to run as root, so as
root the server runs as the ``postgres`` system user (through ``runuser``).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

SYSTEM_USER = "postgres"
START_SECONDS = 60


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian layout), if any."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                   key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0)
    return found[-1].parent if found else None


@dataclass
class PrivateServer:
    bin: Path
    data: Path
    port: int
    as_user: str | None  # run the server's commands as this user (when we are root)

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    @property
    def libpq(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        argv = [str(self.bin / command[0]), *command[1:]]
        if self.as_user:
            argv = ["runuser", "-u", self.as_user, "--", *argv]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=START_SECONDS,
                              check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{command[0]} failed: {done.stderr.strip() or done.stdout}")

    def start(self) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                   "-c unix_socket_directories='' -c fsync=off")
        self._run("pg_ctl", "-D", str(self.data / "db"), "-l", str(self.data / "log"),
                  "-o", options, "-w", "-t", str(START_SECONDS), "start")
        self.wait_until_ready()

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data / "db"), "-m", "fast", "-w", "stop")

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                with psycopg.connect(self.libpq, connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def private_server() -> Iterator[PrivateServer]:
    """A running server of our own; a skip when the PostgreSQL packages are missing."""
    folder = binaries()
    if folder is None:
        pytest.skip("no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install "
                    "postgresql)")
    as_user = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam(SYSTEM_USER)
        except KeyError:
            pytest.skip(f"running as root and there is no {SYSTEM_USER!r} user to run "
                        "PostgreSQL as")
        as_user = SYSTEM_USER
    # Not under pytest's tmp_path: its parents are private to root, and the server's
    # user must reach its data folder.
    data = Path(tempfile.mkdtemp(prefix="bulletin-pg-"))
    if as_user:
        os.chown(data, owner.pw_uid, owner.pw_gid)
    server = PrivateServer(folder, data, _free_port(), as_user)
    try:
        server._run("initdb", "-D", str(data / "db"), "-U", "postgres", "--auth=trust",
                    "--no-sync", "-E", "UTF8", "--locale=C")
        server.start()
        yield server
    finally:
        with contextlib.suppress(RuntimeError):  # never started, or stopped by the test
            server.stop()
        shutil.rmtree(data, ignore_errors=True)
