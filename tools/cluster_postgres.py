"""`make run-cluster`'s PostgreSQL: a cluster of its own in a data folder, from Debian's packages.

The data folder is created once (initdb) and kept, so bookings survive a restart; the
server listens on loopback only, with password (SCRAM) authentication and a password
generated at the first start and kept beside the data folder, readable by its owner only.
PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.

It is started before the supervisor (`pg_ctl start -w` returns once it accepts
connections) because the scheduling service and the outbox worker need their databases
to exist when they start, and the supervisor starts every program at once.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psycopg2
from psycopg2 import sql

BIN_PATTERN = "/usr/lib/postgresql/*/bin"
START_TIMEOUT_S = 60
USER = "clinic"
DATABASES = ("scheduling", "outbox")
"""One database per service, so either can move to its own server later."""


class PostgresError(RuntimeError):
    """PostgreSQL is missing or could not be started."""


def find_bin_dir(pattern: str = BIN_PATTERN) -> Path:
    """The newest PostgreSQL server bin directory with initdb and pg_ctl."""

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in path.parent.name.split(".") if part.isdigit())

    candidates = [
        Path(found)
        for found in glob.glob(pattern)
        if (Path(found) / "initdb").exists() and (Path(found) / "pg_ctl").exists()
    ]
    if not candidates:
        raise PostgresError(
            f"PostgreSQL server binaries not found ({pattern}/initdb). "
            "`make run-cluster` installs them (Debian package postgresql)."
        )
    return max(candidates, key=version)


@dataclass(frozen=True)
class Postgres:
    """A running cluster on loopback: SQLAlchemy URLs for its databases."""

    port: int
    password: str = field(repr=False)
    host: str = "127.0.0.1"

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of `database` as the clinic user."""
        secret = quote(self.password, safe="")
        return f"postgresql+psycopg2://{USER}:{secret}@{self.host}:{self.port}/{database}"


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], what: str, log: Path | None = None) -> None:
    result = subprocess.run(
        _as_owner(command), capture_output=True, text=True, timeout=120, check=False
    )
    if result.returncode != 0:
        tail = log.read_text(errors="replace")[-3000:] if log and log.exists() else ""
        raise PostgresError(f"{what} failed ({result.returncode}): {result.stderr}\n{tail}")


def _password(state_dir: Path) -> str:
    """The clinic user's password: generated once, kept in a file only its owner reads."""
    path = state_dir / "postgres-password"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    password = secrets.token_urlsafe(24)
    path.touch(mode=0o600)
    path.write_text(password, encoding="utf-8")
    return password


def _initdb(bin_dir: Path, data: Path, password: str) -> None:
    data.mkdir(mode=0o700)
    if os.geteuid() == 0:
        shutil.chown(data, user="postgres", group="postgres")
    # initdb reads the superuser's password from a file; the server user must read it.
    with tempfile.NamedTemporaryFile("w", prefix="pg-pw-", delete=False) as handle:
        handle.write(password)
    try:
        if os.geteuid() == 0:
            shutil.chown(handle.name, user="postgres", group="postgres")
        _run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                USER,
                f"--pwfile={handle.name}",
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C",
            ],
            "initdb",
        )
    finally:
        os.unlink(handle.name)


def _create_databases(postgres: Postgres) -> None:
    connection = psycopg2.connect(
        dbname="postgres",
        user=USER,
        password=postgres.password,
        host=postgres.host,
        port=postgres.port,
        connect_timeout=10,
    )
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            for name in DATABASES:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
                if cursor.fetchone() is None:
                    cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()


@contextmanager
def running_postgres(state_dir: Path, port: int) -> Iterator[Postgres]:
    """PostgreSQL on 127.0.0.1:`port` with its data in `state_dir`/postgres; stopped on exit."""
    bin_dir = find_bin_dir()
    state_dir.mkdir(parents=True, exist_ok=True)
    data, log = state_dir / "postgres", state_dir / "postgres.log"
    password = _password(state_dir)
    if not (data / "PG_VERSION").exists():
        _initdb(bin_dir, data, password)
    if os.geteuid() == 0:
        log.touch()
        shutil.chown(log, user="postgres", group="postgres")
    # No unix socket: every client connects over loopback TCP, with the password.
    options = f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
    pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w"]
    _run([*pg_ctl, "-t", str(START_TIMEOUT_S), "-o", options, "start"], "pg_ctl start", log)
    try:
        postgres = Postgres(port=port, password=password)
        _create_databases(postgres)
        yield postgres
    finally:
        subprocess.run(
            _as_owner([*pg_ctl, "-m", "fast", "stop"]),
            capture_output=True,
            timeout=120,
            check=False,
        )
