"""The store on a PostgreSQL server: this package's SQLite statements said in PostgreSQL's words.

The store's modules write SQLite's SQL against `self.db`. On a server, `self.db` is a
`ServerConnection`, which answers the same calls (execute, executemany, `with db:` as a
transaction, rows read by name or position) and translates each statement once: `?` marks,
INSERT OR REPLACE, SQLite's one-row MAX and total(), the row id of an insert, and the schema's
column types. SQLite itself never goes through here.
"""

from __future__ import annotations

import re
import sqlite3
from functools import lru_cache

import psycopg
from psycopg import errors as pg_errors

# Tables whose rows have an `id` an INSERT hands back (what sqlite3's lastrowid gives).
ID_TABLES = frozenset({"runs", "articles", "article_versions", "saved_searches", "article_checks"})
# The key INSERT OR REPLACE replaces a row by, per table.
CONFLICT_KEYS = {
    "article_signatures": ("article_id",),
    "article_links": ("article_id", "target_id", "kind"),
    "sitemap_state": ("url",),
}
# Columns the store sorts by that may be NULL (sorted first, as SQLite does).
NULLABLE_SORT_KEYS = frozenset({"published", "last_checked", "finished_at"})
# Advisory locks, in PostgreSQL's two-number key space (URL locks use the one-number space,
# which the server keeps apart): the first number says the lock is ours.
_OURS = 0x61706B6E  # "apkn"
_MIGRATION_LOCK, _ARTICLE_WRITE_LOCK = 1, 2

_INSERT_OR_REPLACE = re.compile(r"INSERT\s+OR\s+REPLACE\s+INTO\s+(\w+)\s*\(([^)]*)\)", re.I)
_INSERT_OR_IGNORE = re.compile(r"INSERT\s+OR\s+IGNORE\s+INTO", re.I)
_INSERT_INTO = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.I)
_TWO_ARGUMENT_MAX = re.compile(r"\b(MAX|MIN)\(([^(),]+),([^(),]+)\)", re.I)
_TOTAL = re.compile(r"\btotal\(([^()]*(?:\([^()]*\))?[^()]*)\)", re.I)
_ORDER_BY = re.compile(r"\bORDER\s+BY\s+(.+?)(?=\s+LIMIT\b|\s*\)|\s*$)", re.I | re.S)
# A statement that writes an article row or takes the next change number (seq).
_ARTICLE_WRITE = re.compile(r"^\s*(INSERT\s+INTO|UPDATE)\s+articles\b|MAX\(seq\),\s*0\)\s*\+\s*1", re.I)


def _sqlite_error(exc: psycopg.Error) -> sqlite3.Error:
    """The server's error as the DB-API error sqlite3 would raise: the store's callers catch
    sqlite3's classes, so that one `except` serves both engines."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, psycopg.IntegrityError):
        return sqlite3.IntegrityError(message)
    if isinstance(exc, pg_errors.ReadOnlySqlTransaction):
        return sqlite3.OperationalError(f"attempt to write a readonly database ({message})")
    if isinstance(exc, psycopg.OperationalError | psycopg.ProgrammingError | psycopg.InterfaceError):
        return sqlite3.OperationalError(message)
    return sqlite3.DatabaseError(message)


class Row(tuple):
    """A result row read by position or by column name, like sqlite3.Row; `dict(row)` works."""

    _index: dict[str, int] = {}

    def __getitem__(self, key):
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


# The Row class of each list of column names: the store asks a few dozen shapes of row over and
# over, and a class made per query (~6 CPU µs, then a cycle for the garbage collector) is waste.
_ROW_CLASSES: dict[tuple[str, ...], type[Row]] = {}
_ROW_CLASSES_KEPT = 512  # past this (ad hoc statements), start again


def _row_factory(cursor):
    if cursor.description is None:
        return tuple
    names = tuple(column.name for column in cursor.description)
    row_class = _ROW_CLASSES.get(names)
    if row_class is None:
        if len(_ROW_CLASSES) >= _ROW_CLASSES_KEPT:
            _ROW_CLASSES.clear()
        row_class = type("Row", (Row,), {"_index": {name: n for n, name in enumerate(names)}})
        _ROW_CLASSES[names] = row_class
    return row_class


class Inserted:
    """What an INSERT answers: the id of the row it made (sqlite3's cursor.lastrowid)."""

    def __init__(self, lastrowid: int | None, rowcount: int):
        self.lastrowid, self.rowcount = lastrowid, rowcount


@lru_cache(maxsize=512)
def translate(sql: str, with_params: bool = True) -> tuple[str, bool, bool]:
    """(PostgreSQL statement, whether it returns the new row's id, whether it writes an article
    row or takes a change number) for one of the store's SQLite statements."""
    if with_params:
        sql = sql.replace("%", "%%").replace("?", "%s")
    replace = _INSERT_OR_REPLACE.search(sql)
    if replace:
        table, columns = replace.group(1), [c.strip() for c in replace.group(2).split(",")]
        keys = CONFLICT_KEYS[table]
        updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c not in keys)
        sql = _INSERT_OR_REPLACE.sub(lambda m: f"INSERT INTO {m.group(1)} ({m.group(2)})", sql)
        sql += f" ON CONFLICT ({', '.join(keys)}) DO " + (f"UPDATE SET {updates}" if updates else "NOTHING")
    elif _INSERT_OR_IGNORE.search(sql):
        sql = _INSERT_OR_IGNORE.sub("INSERT INTO", sql) + " ON CONFLICT DO NOTHING"
    sql = _TWO_ARGUMENT_MAX.sub(
        lambda m: f"{'GREATEST' if m[1].upper() == 'MAX' else 'LEAST'}({m[2]},{m[3]})", sql
    )
    sql = _TOTAL.sub(r"CAST(COALESCE(SUM(\1), 0) AS DOUBLE PRECISION)", sql)  # a float, as total() is
    sql = _ORDER_BY.sub(lambda m: "ORDER BY " + ", ".join(map(_nulls_as_sqlite, m[1].split(","))), sql)
    insert = _INSERT_INTO.match(sql)
    returns_id = bool(insert and insert.group(1) in ID_TABLES and "RETURNING" not in sql.upper())
    if returns_id:
        sql += " RETURNING id"
    return sql, returns_id, bool(_ARTICLE_WRITE.search(sql))


def _nulls_as_sqlite(term: str) -> str:
    """An ORDER BY term with SQLite's place for NULL (the smallest value; PostgreSQL's is the
    largest), for the columns the store sorts by that may be NULL (the others keep their index
    order: `ORDER BY seq NULLS FIRST` could not read the seq index in order)."""
    term = term.strip()
    column = term.split()[0].rpartition(".")[2]
    if column not in NULLABLE_SORT_KEYS or "NULLS" in term.upper():
        return term
    return f"{term} NULLS LAST" if term.upper().endswith(" DESC") else f"{term} NULLS FIRST"


_COMMENT = re.compile(r"--[^\n]*")
_SCHEMA_TYPES = [
    (re.compile(r"\bINTEGER PRIMARY KEY\b"), "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    # Text compared and sorted by code point, as SQLite does, whatever the server's locale.
    (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'),
]


def translate_schema(script: str) -> str:
    """A migration of archive/store/schema.py in PostgreSQL's column types."""
    script = _COMMENT.sub("", script)
    for pattern, replacement in _SCHEMA_TYPES:
        script = pattern.sub(replacement, script)
    return script


class ServerConnection:
    """A psycopg connection that answers the calls the store makes of sqlite3's."""

    def __init__(self, url: str, readonly: bool = False):
        # Commits as SQLite's WAL with synchronous=NORMAL makes them: never torn, but the last
        # ones may be lost to a power cut (not to a crash of ours) — a crawl refetches what it
        # lacks. Waiting for the disk at each article's commit would cost ~4 ms a save here.
        setting = "-c default_transaction_read_only=on" if readonly else "-c synchronous_commit=off"
        options = {"options": setting}
        try:
            self.pg = psycopg.connect(url, autocommit=True, row_factory=_row_factory, **options)
        except psycopg.Error as exc:
            raise _sqlite_error(exc) from None
        self.row_factory = None  # set by the store as for sqlite3; rows here are always `Row`
        self._transactions: list = []
        self._article_lock_held = False

    def execute(self, sql: str, params=None):
        statement, returns_id, writes_article = translate(sql, params is not None)
        try:
            if writes_article and self._transactions and not self._article_lock_held:
                self._lock_article_writes()
            cursor = self.pg.execute(statement, params)
            if returns_id:
                return Inserted(cursor.fetchone()[0], cursor.rowcount)
            return cursor
        except psycopg.Error as exc:
            raise _sqlite_error(exc) from exc

    def executemany(self, sql: str, rows) -> None:
        statement, _returns_id, writes_article = translate(sql, True)
        statement = statement.removesuffix(" RETURNING id")
        try:
            if writes_article and self._transactions and not self._article_lock_held:
                self._lock_article_writes()
            with self.pg.cursor() as cursor:
                cursor.executemany(statement, list(rows))
        except psycopg.Error as exc:
            raise _sqlite_error(exc) from exc

    def _lock_article_writes(self) -> None:
        """Write article rows one transaction at a time, as SQLite does: a change number (seq) is
        MAX(seq) + 1, and the incremental index reads everything past its mark, so numbers must
        become visible in the order they are taken (a later one committed before an earlier would
        be read, marked, and the earlier never read). Held to the transaction's end; every such
        transaction takes it before its first article row lock, so two cannot wait on each other."""
        self.pg.execute("SELECT pg_advisory_xact_lock(%s, %s)", (_OURS, _ARTICLE_WRITE_LOCK))
        self._article_lock_held = True

    def lock_url(self, canonical_url: str) -> None:
        """Hold saves of `canonical_url` in other processes until this transaction ends: a save
        reads the stored row, then inserts it or keeps its text as a version; two at once would
        both insert, or both keep the same old text and lose one new one."""
        try:
            self.pg.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (canonical_url,))
        except psycopg.Error as exc:
            raise _sqlite_error(exc) from exc

    def __enter__(self):
        try:  # a lost connection fails here first: said as sqlite3 would, so the crawl stops on it
            transaction = self.pg.transaction()
            transaction.__enter__()
        except psycopg.Error as exc:
            raise _sqlite_error(exc) from exc
        self._transactions.append(transaction)
        return self

    def __exit__(self, *exc) -> None:
        transaction = self._transactions.pop()
        if not self._transactions:
            self._article_lock_held = False
        try:
            transaction.__exit__(*exc)
        except psycopg.Error as error:
            raise _sqlite_error(error) from error

    def commit(self) -> None:
        """Nothing to do: outside `with db:` every statement commits by itself (autocommit)."""

    def close(self) -> None:
        self.pg.close()

    # The schema's version, kept in a one-row table (SQLite keeps it in PRAGMA user_version).

    def schema_version(self) -> int:
        found = self.execute("SELECT to_regclass('store_schema')").fetchone()[0]
        if found is None:
            return 0
        row = self.execute("SELECT version FROM store_schema").fetchone()
        return row[0] if row else 0

    def migrate(self, migrations: list[str]) -> None:
        """Apply the migrations past the store's version in one transaction with the new version;
        a process that finds another migrating waits for it, then reads the version again."""
        if self.schema_version() >= len(migrations):
            return
        with self:
            self.execute("SELECT pg_advisory_xact_lock(?, ?)", (_OURS, _MIGRATION_LOCK))
            self.execute("CREATE TABLE IF NOT EXISTS store_schema (version BIGINT NOT NULL)")
            version = self.schema_version()
            for number, script in enumerate(migrations[version:], start=version + 1):
                self.execute(translate_schema(script))
                self.execute("DELETE FROM store_schema")
                self.execute("INSERT INTO store_schema (version) VALUES (?)", (number,))
