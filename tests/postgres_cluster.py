"""A throwaway PostgreSQL cluster for the tests: Debian's server binaries, initdb into a temporary
folder, listening on a free loopback port, stopped and removed when the tests are done."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

# Stands for the engine in test ids: tests/test_store*.py run once per engine.
ENGINES = ("sqlite", "postgresql")


class ClusterUnavailable(RuntimeError):
    """No PostgreSQL server could be started here (the reason says why)."""


def server_bindir() -> Path:
    """The folder of initdb and pg_ctl: `pg_config --bindir`, else Debian's newest
    /usr/lib/postgresql/<version>/bin (pg_config may belong to another install than the server)."""
    candidates = []
    if shutil.which("pg_config"):
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False)
        candidates.append(found.stdout.strip())
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    candidates += reversed(debian)
    for folder in candidates:
        if folder and (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    raise ClusterUnavailable("no PostgreSQL server binaries (Debian package postgresql)")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    """One PostgreSQL server of our own; `url(name)` addresses a database of it."""

    def __init__(self, folder: Path | None = None, durable: bool = False):
        self.durable = durable  # fsync and full page writes on, as a real server has them (bench figures)
        self.bindir = server_bindir()
        # initdb refuses to run as root: then the server runs as Debian's `postgres` user, in a
        # folder of its own under /tmp (pytest's temporary folders are root's alone, mode 0700).
        self.as_root = os.geteuid() == 0
        if self.as_root or folder is None:
            folder = Path(tempfile.mkdtemp(prefix="apknews-pg-"))
        self.folder = folder
        self.data = self.folder / "data"
        self.port = _free_port()
        self.user = "apknews"
        if self.as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        self._databases = 0

    def _run(self, *command: str, timeout: int = 120) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        return subprocess.run(
            [*prefix, *command], capture_output=True, text=True, timeout=timeout, check=False, cwd=self.folder
        )

    def start(self) -> Cluster:
        made = self._run(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", self.user, "--auth=trust",
            "--no-locale", "--encoding=UTF8", "--no-sync",
        )  # fmt: skip
        if made.returncode != 0:
            raise ClusterUnavailable(f"initdb failed: {made.stderr.strip()[-300:]}")
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
        options += " -c max_connections=200"
        if not self.durable:  # a test's cluster is thrown away: nothing to keep through a crash
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        started = self._run(
            str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "server.log"),
            "-o", options, "-w", "-t", "60", "start",
        )  # fmt: skip
        if started.returncode != 0:
            log = (self.folder / "server.log").read_text(errors="replace") if self.as_root else ""
            raise ClusterUnavailable(f"pg_ctl start failed: {started.stderr.strip()[-300:]} {log[-300:]}")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """The address of a new, empty database of this cluster."""
        import psycopg

        self._databases += 1
        name = f"store_{self._databases}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_cluster(tmp_path_factory):
    """One PostgreSQL cluster for the whole test session (each test takes a new database of it),
    in the session's temporary folder (as root: in a folder of /tmp the `postgres` user owns)."""
    try:
        cluster = Cluster(tmp_path_factory.mktemp("postgresql")).start()
    except (ClusterUnavailable, OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"PostgreSQL cannot start here: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture(params=ENGINES)
def store_location(request, tmp_path):
    """Where a test's store lives, once per engine: a SQLite file in the test's folder, or a new
    database of the session's PostgreSQL cluster (its postgresql:// address)."""
    if request.param == "sqlite":
        return tmp_path / "a.sqlite3"
    return request.getfixturevalue("postgres_cluster").new_database()
