"""The store's connection: a SQLite file or a PostgreSQL server, opened for writing (schema brought
up to date) or read-only."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from archive.settings import STORE_SCHEMES, shown_address
from archive.store.schema import MIGRATIONS

# Rows asked for by a list of keys, this many keys per query (SQLite's limit on ? is 32,766).
CHUNK = 500


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class OutdatedStoreError(sqlite3.OperationalError):
    """A store opened read-only is at an older schema than this code reads (and may not upgrade it)."""


def is_server_store(location: Path | str) -> bool:
    """Whether `location` is a database server's address (postgresql://…), not a store file."""
    return str(location).startswith(STORE_SCHEMES)


class Connection:
    """One SQLite file; with `readonly`, opened with `mode=ro`, so nothing done through it can write.

    Given a postgresql:// address instead, the store is on that server (archive/store/postgres.py);
    read-only there is a session whose transactions are all read-only."""

    server = False

    def __init__(self, path: Path | str, readonly: bool = False):
        self.readonly = readonly
        if is_server_store(path):
            self._open_server(str(path))
            return
        self.path = Path(path)
        if readonly:
            self.db = _connect_readonly(self.path)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # The crawler saves from Twisted's thread; only one thread uses a Store at a time.
            self.db = sqlite3.connect(self.path, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
        self.db.row_factory = sqlite3.Row
        if readonly:
            self._check_version()
        else:
            self._migrate()

    @classmethod
    def open_readonly(cls, path: Path | str):
        """The store at `path` for reading only (the web page, search, `apknews show`)."""
        return cls(path, readonly=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _open_server(self, url: str) -> None:
        # Imported here: psycopg is for a store on a server only.
        from archive.store.postgres import ServerConnection

        self.server = True
        self.path = url
        self.db = ServerConnection(url, readonly=self.readonly)
        if self.readonly:
            self._check_version()
        else:
            self.db.migrate(MIGRATIONS)

    def _lock_url(self, canonical_url: str) -> None:
        """On a server, hold other processes' saves of `canonical_url` until this transaction ends
        (a SQLite file has one writer at a time already)."""
        if self.server:
            self.db.lock_url(canonical_url)

    def size_bytes(self) -> int:
        """Bytes the store takes: its file, or its database on the server."""
        if self.server:
            return self.db.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        return self.path.stat().st_size if self.path.is_file() else 0

    def _version(self) -> int:
        if self.server:
            return self.db.schema_version()
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self._version()
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.db:
                self.db.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")

    def _check_version(self) -> None:
        version = self._version()
        if version < len(MIGRATIONS):
            self.db.close()
            raise OutdatedStoreError(
                f"{shown_address(str(self.path))} has schema version {version} of {len(MIGRATIONS)}: "
                "run `apknews index` once to upgrade it"
            )

    def _insert(self, table: str, values: dict) -> int:
        """Insert `values` (column -> value, columns named by our code) into `table`; return the row id."""
        columns = ", ".join(values)
        marks = ", ".join("?" * len(values))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        return self.db.execute(sql, tuple(values.values())).lastrowid

    def _update(self, table: str, row_id: int, values: dict) -> None:
        """Set `values` (column -> value, columns named by our code) on row `row_id` of `table`."""
        assignments = ", ".join(f"{column} = ?" for column in values)
        self.db.execute(f"UPDATE {table} SET {assignments} WHERE id = ?", (*values.values(), row_id))

    def _rows_in(self, sql: str, keys: Iterable) -> Iterator[sqlite3.Row]:
        """The rows of `sql`, whose `{marks}` stands for a list of keys, asked for CHUNK keys at a time."""
        keys = list(keys)
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            yield from self.db.execute(sql.format(marks=",".join("?" * len(chunk))), chunk)


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A `mode=ro` connection to `path`; `immutable` where the store's -shm file cannot be made.

    A reader of a WAL store shares the writers' -shm file and makes it when there is none; on a
    read-only or full file system it cannot. No writer is at work then (a writer keeps its -shm
    file), so the store is read as the file it is.
    """
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    # The web page reads from the request's thread, one thread at a time.
    db = sqlite3.connect(uri, uri=True, check_same_thread=False)
    try:
        db.execute("PRAGMA user_version").fetchone()
        return db
    except sqlite3.OperationalError as exc:
        db.close()
        if not path.exists() or not _readable_as_the_file(path, exc):
            raise
    return sqlite3.connect(uri + "&immutable=1", uri=True, check_same_thread=False)


def _readable_as_the_file(path: Path, failure: sqlite3.OperationalError) -> bool:
    """True when the store file alone holds everything committed: no -shm file (no writer at
    work), or one that a full disk keeps from growing ("disk I/O error") beside an empty -wal
    (every transaction checkpointed into the file)."""
    shm, wal = path.with_name(path.name + "-shm"), path.with_name(path.name + "-wal")
    if not shm.exists():
        return True
    return "disk I/O error" in str(failure) and (not wal.exists() or wal.stat().st_size == 0)


def canonical(url: str) -> str:
    """`url` as the article's identity: archive.extract.urls.canonicalize_url."""
    # Imported here: importing the extract package brings trafilatura and lxml, ~300 ms that a
    # search reading the store never needs.
    from archive.extract.urls import canonicalize_url

    return canonicalize_url(url)
