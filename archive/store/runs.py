"""The run log and the crawl ledger: what each crawl did, which URLs gave no article and why."""

from __future__ import annotations

import json

from archive.store.connection import Connection, canonical, utc_now

# Ledger states a scheduled run does not fetch again (until --refresh).
SETTLED_STATES = ("gone", "redirected", "dropped", "off_topic")


class RunLog(Connection):
    """Crawl runs, the ledger of URLs that gave no article, and the sitemaps already read."""

    def start_run(self, sources: list[str], warc_file: str | None) -> int:
        with self.db:
            cursor = self.db.execute(
                "INSERT INTO runs (started_at, sources, warc_file) VALUES (?, ?, ?)",
                (utc_now(), json.dumps(sources), warc_file),
            )
        return cursor.lastrowid

    def set_run_warc_file(self, run_id: int, warc_file: str) -> None:
        """Name the WARC file of run `run_id` (known once the run has its id)."""
        with self.db:
            self.db.execute("UPDATE runs SET warc_file = ? WHERE id = ?", (warc_file, run_id))

    def record_run_stats(self, run_id: int, stats: dict) -> None:
        """Keep the stats of run `run_id` while it goes on (the sources that have finished so far)."""
        with self.db:
            self.db.execute(
                "UPDATE runs SET stats = ? WHERE id = ?",
                (json.dumps(stats, ensure_ascii=False, sort_keys=True), run_id),
            )

    def finish_run(self, run_id: int, status: str, stats: dict) -> None:
        with self.db:
            self.db.execute(
                "UPDATE runs SET finished_at = ?, status = ?, stats = ? WHERE id = ?",
                (utc_now(), status, json.dumps(stats, ensure_ascii=False, sort_keys=True), run_id),
            )

    def runs(self, limit: int = 20) -> list[dict]:
        rows = self.db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,))
        return [{**dict(r), "stats": json.loads(r["stats"] or "{}")} for r in rows]

    def run(self, run_id: int) -> dict | None:
        """Run `run_id` of the log (its stats read back), or None when there is no such run."""
        row = self.db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        return {**dict(row), "stats": json.loads(row["stats"] or "{}")} if row else None

    def close_interrupted_runs(self) -> int:
        """Mark runs still 'running' as 'interrupted' (killed); call only while holding the run lock."""
        with self.db:
            cursor = self.db.execute(
                "UPDATE runs SET status = 'interrupted', finished_at = COALESCE(finished_at, ?) "
                "WHERE status = 'running'",
                (utc_now(),),
            )
        return cursor.rowcount

    def note_url(self, source: str, url: str, state: str, reason: str = "", target: str = "") -> None:
        """Record that `url` gave no article this time, and why (attempts count up per state)."""
        with self.db:
            self.db.execute(
                """INSERT INTO crawl_ledger (canonical_url, source, state, reason, target, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT(canonical_url) DO UPDATE SET
                   attempts = CASE WHEN crawl_ledger.state = excluded.state
                                   THEN crawl_ledger.attempts + 1 ELSE 1 END,
                   state = excluded.state, reason = excluded.reason, target = excluded.target,
                   updated_at = excluded.updated_at""",
                (canonical(url), source, state, reason, target, utc_now()),
            )

    def forget_url(self, url: str) -> None:
        """Drop `url` from the ledger (it gave an article after all)."""
        with self.db:
            self.db.execute("DELETE FROM crawl_ledger WHERE canonical_url = ?", (canonical(url),))

    def settled_urls(self, source: str, max_attempts: int) -> set[str]:
        """URLs not worth fetching again: gone, redirected, not an article, or failed too often."""
        marks = ",".join("?" * len(SETTLED_STATES))
        rows = self.db.execute(
            f"""SELECT canonical_url FROM crawl_ledger WHERE source = ?
                AND (state IN ({marks}) OR (state = 'failed' AND attempts >= ?))""",
            (source, *SETTLED_STATES, max_attempts),
        )
        return {r[0] for r in rows}

    def failed_urls(self, source: str, max_attempts: int) -> list[str]:
        """URLs whose fetch failed (timeout, 5xx) fewer than `max_attempts` times: to try again."""
        rows = self.db.execute(
            "SELECT canonical_url FROM crawl_ledger WHERE source = ? AND state = 'failed' AND attempts < ?",
            (source, max_attempts),
        )
        return [r[0] for r in rows]

    def sitemap_lastmods(self, source: str) -> dict[str, str]:
        """{sitemap URL: its <lastmod> when a finished run last read it} of `source`."""
        rows = self.db.execute("SELECT url, lastmod FROM sitemap_state WHERE source = ?", (source,))
        return {r[0]: r[1] for r in rows}

    def save_sitemap_lastmods(self, source: str, lastmods: dict[str, str]) -> None:
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO sitemap_state (url, source, lastmod, read_at) VALUES (?, ?, ?, ?)",
                [(url, source, lastmod, utc_now()) for url, lastmod in lastmods.items()],
            )

    def ledger(self, source: str | None = None) -> list[dict]:
        """Every ledger entry (of `source`), for reports and tests."""
        sql, args = "SELECT * FROM crawl_ledger", ()
        if source:
            sql, args = sql + " WHERE source = ?", (source,)
        return [dict(r) for r in self.db.execute(sql + " ORDER BY canonical_url", args)]
