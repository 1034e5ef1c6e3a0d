"""A throwaway PostgreSQL server for the tests and the `server` benchmark.

Debian's `postgresql` package puts `initdb` and `pg_ctl` in /usr/lib/postgresql/<version>/bin
(not on PATH); that folder is searched after PATH. PostgreSQL refuses to run as root, so when the
tests run as root (CI containers) the server runs as the `postgres` user (made by the Debian
package) or else `nobody`. It listens only on a unix socket in its own temporary folder, on a free
port number, with trust authentication: nothing outside this machine can reach it.

Also a pytest plugin (listed in tests/conftest.py): the session fixture `pg_server`, and `pg_url`,
a fresh empty database per test. Both skip, saying why, when PostgreSQL or psycopg is missing.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

SUPERUSER = "konseptikone"
DEBIAN_PATTERN = "/usr/lib/postgresql/*/bin/initdb"


def find_bin_dir() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else the newest Debian install."""
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    versions = sorted(glob.glob(DEBIAN_PATTERN),
                      key=lambda p: int(Path(p).parent.parent.name)
                      if Path(p).parent.parent.name.isdigit() else 0)
    return Path(versions[-1]).parent if versions else None


def missing() -> str | None:
    """Why a test server cannot be started here, or None when it can."""
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401
    except ImportError:
        return "psycopg / psycopg_pool are not installed (pip install -e '.[test]')"
    if find_bin_dir() is None:
        return ("PostgreSQL's initdb/pg_ctl not found on PATH or in /usr/lib/postgresql/*/bin "
                "(apt-get install postgresql)")
    if os.geteuid() == 0 and _run_as() is None:
        return "running as root and neither a 'postgres' nor a 'nobody' user exists"
    return None


def _run_as() -> pwd.struct_passwd | None:
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class TempPostgres:
    """initdb into a temporary folder and pg_ctl start; `stop()` removes everything."""

    def __init__(self, max_connections: int = 200) -> None:
        reason = missing()
        if reason:
            raise RuntimeError(reason)
        self.bin_dir = find_bin_dir()
        self.folder = Path(tempfile.mkdtemp(prefix="konseptikone-pg-"))
        self.data = self.folder / "data"
        self.port = free_port()
        self._user = _run_as() if os.geteuid() == 0 else None
        self._numbers = itertools.count(1)
        if self._user is not None:
            os.chown(self.folder, self._user.pw_uid, self._user.pw_gid)
        self._pg("initdb", "-D", str(self.data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                 "--locale=C.UTF-8", "--no-sync")
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses='' "
                   f"-c max_connections={max_connections} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        self._pg("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"),
                 "-o", options, "-w", "-t", "60", "start")

    def _pg(self, program: str, *args: str) -> None:
        command = [str(self.bin_dir / program), *args]
        if self._user is not None:
            command = ["setpriv", f"--reuid={self._user.pw_uid}", f"--regid={self._user.pw_gid}",
                       "--clear-groups", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120,
                                cwd=self.folder)
        if result.returncode != 0:
            log_file = self.folder / "server.log"
            server_log = log_file.read_text(errors="replace")[-2000:] if log_file.exists() else ""
            raise RuntimeError(f"{program} failed: {result.stderr[-2000:]}\n{server_log}")

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return (f"postgresql://{quote(user)}@/{quote(database)}"
                f"?host={quote(str(self.folder))}&port={self.port}")

    def new_database(self, prefix: str = "t") -> str:
        """A fresh empty database; its URL."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(self._numbers)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[TempPostgres]:
    reason = missing()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    server = TempPostgres()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: TempPostgres) -> str:
    return pg_server.new_database()
