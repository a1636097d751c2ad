"""A throwaway PostgreSQL cluster for tests, from Debian's server packages.

The cluster lives in a fresh directory under /tmp, listens only on a unix socket in
that directory (named after a free port), runs as the `postgres` user when the tests
run as root (PostgreSQL refuses to run as root), trusts local connections, and is
stopped and deleted at the end. Durability is switched off: it only has to be fast.

Missing binaries are an error, never a skip: `make test` installs them, and a
silently skipped database test would hide a broken booking path.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg2

from tools.stack import free_ports

BIN_PATTERN = "/usr/lib/postgresql/*/bin"
START_TIMEOUT_S = 30
FAST_INIT = ("--no-sync", "--encoding=UTF8", "--locale=C")


class PostgresUnavailableError(RuntimeError):
    """PostgreSQL could not be found or started."""


def find_bin_dir(pattern: str = BIN_PATTERN) -> Path:
    """The newest PostgreSQL server bin directory with initdb and pg_ctl."""
    candidates = [
        Path(found)
        for found in glob.glob(pattern)
        if (Path(found) / "initdb").exists() and (Path(found) / "pg_ctl").exists()
    ]
    if not candidates:
        raise PostgresUnavailableError(
            f"PostgreSQL server binaries not found (looked for {pattern}/initdb and pg_ctl). "
            "Install them with: apt-get update && apt-get install -y postgresql"
        )

    def version(path: Path) -> tuple[int, ...]:
        digits = path.parent.name.split(".")
        return tuple(int(part) for part in digits if part.isdigit())

    return max(candidates, key=version)


@dataclass
class PostgresCluster:
    """A running cluster: where its socket is, and a way to make fresh databases."""

    root: Path
    socket_dir: Path
    port: int
    _names: Iterator[int]

    def url(self, database: str) -> str:
        """A SQLAlchemy URL for `database`, over the unix socket, as user postgres."""
        return f"postgresql+psycopg2://postgres@/{database}?host={self.socket_dir}&port={self.port}"

    def create_database(self) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        name = f"clinic_test_{next(self._names)}"
        connection = psycopg2.connect(
            dbname="postgres", user="postgres", host=str(self.socket_dir), port=self.port
        )
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(f"CREATE DATABASE {name}")
        finally:
            connection.close()
        return self.url(name)


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], what: str, log: Path | None = None) -> None:
    result = subprocess.run(
        _as_postgres(command), capture_output=True, text=True, timeout=60, check=False
    )
    if result.returncode != 0:
        server_log = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
        raise PostgresUnavailableError(
            f"{what} failed with code {result.returncode}:\n{result.stdout}\n{result.stderr}\n"
            f"{server_log}"
        )


@contextmanager
def running_postgres() -> Iterator[PostgresCluster]:
    """Start a cluster in a new temporary directory; stop and delete it afterwards."""
    bin_dir = find_bin_dir()
    # Not pytest's tmp_path: its parent is private to root, and the server runs as postgres.
    root = Path(tempfile.mkdtemp(prefix="clinic-pg-"))
    data, socket_dir, log = root / "data", root / "socket", root / "server.log"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        for path in (root, socket_dir):
            shutil.chown(path, user="postgres", group="postgres")
    port = free_ports(1)[0]
    started = False
    try:
        _run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                *FAST_INIT,
            ],
            "initdb",
        )
        options = (
            f"-k {socket_dir} -p {port} -c listen_addresses='' -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        command = [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w"]
        _run([*command, "-t", str(START_TIMEOUT_S), "-o", options, "start"], "pg_ctl start", log)
        started = True
        yield PostgresCluster(root, socket_dir, port, itertools.count(1))
    finally:
        if started:
            subprocess.run(
                _as_postgres(
                    [str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]
                ),
                capture_output=True,
                timeout=60,
                check=False,
            )
        shutil.rmtree(root, ignore_errors=True)
