"""Saved searches and their alert state: which articles each one has already looked at."""

from __future__ import annotations

import json
import sqlite3

from archive.store.connection import Connection, utc_now


class SavedSearchExists(ValueError):
    """A saved search of that name is already kept."""


class SavedRows(Connection):
    """Saved searches by name, and the articles new to each since its last alert run.

    Articles are told apart by their id, given in the order they were first stored: a changed
    article keeps its id, so a re-saved article is never new again."""

    def add_saved_search(self, name: str, query: str, filters: dict) -> dict:
        """Keep `query` under `name`; articles stored from now on are its new hits."""
        with self.db:
            try:
                self._insert(
                    "saved_searches",
                    {
                        "name": name,
                        "query": query,
                        "filters": json.dumps(filters, ensure_ascii=False, sort_keys=True),
                        "created_at": utc_now(),
                        "alerted_upto": self.max_article_id(),
                    },
                )
            except sqlite3.IntegrityError as exc:
                raise SavedSearchExists(name) from exc
        return self.saved_search(name)

    def saved_searches(self) -> list[dict]:
        """Every saved search (name, query, filters, created_at, alerted_upto, last_alert_at), by name."""
        rows = self.db.execute("SELECT * FROM saved_searches ORDER BY name")
        return [_saved(row) for row in rows]

    def saved_search(self, name: str) -> dict | None:
        row = self.db.execute("SELECT * FROM saved_searches WHERE name = ?", (name,)).fetchone()
        return _saved(row) if row else None

    def remove_saved_search(self, name: str) -> bool:
        """Forget the saved search `name`; False when there was none."""
        with self.db:
            return self.db.execute("DELETE FROM saved_searches WHERE name = ?", (name,)).rowcount > 0

    def record_alert_run(self, name: str, alerted_upto: int) -> None:
        """The alert run has looked at every article up to id `alerted_upto` for `name` (never back)."""
        with self.db:
            self.db.execute(
                "UPDATE saved_searches SET alerted_upto = MAX(alerted_upto, ?), last_alert_at = ?"
                " WHERE name = ?",
                (alerted_upto, utc_now(), name),
            )

    def max_article_id(self, upto_seq: int | None = None) -> int:
        """The highest article id (0 for none); with `upto_seq`, among articles whose last change
        is at or before that change number (what an index written up to it holds)."""
        if upto_seq is None:
            return self.db.execute("SELECT COALESCE(MAX(id), 0) FROM articles").fetchone()[0]
        sql = "SELECT COALESCE(MAX(id), 0) FROM articles WHERE seq <= ?"
        return self.db.execute(sql, (upto_seq,)).fetchone()[0]

    def articles_after(self, article_id: int, upto_id: int | None = None) -> dict[str, int]:
        """{canonical URL: id} of the articles first stored after `article_id` (up to `upto_id`)."""
        sql, args = "SELECT canonical_url, id FROM articles WHERE id > ?", [article_id]
        if upto_id is not None:
            sql, args = sql + " AND id <= ?", [article_id, upto_id]
        return {row[0]: row[1] for row in self.db.execute(sql, args)}


def _saved(row: sqlite3.Row) -> dict:
    return {**dict(row), "filters": json.loads(row["filters"])}
