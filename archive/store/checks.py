"""Re-checks of archived articles: which to fetch again next, each finding, and the article's status."""

from __future__ import annotations

from collections.abc import Iterable

from archive.store.connection import Connection, canonical, utc_now

# What a re-check finds. Unreachable (a timeout, a 5xx, a refused connection) says nothing of the
# article: it is kept for the next pass and never makes an article gone.
UNCHANGED, EDITED, MOVED, GONE, UNREACHABLE = "unchanged", "edited", "moved", "gone", "unreachable"
OUTCOMES = (UNCHANGED, EDITED, MOVED, GONE, UNREACHABLE)
# An article's status, what a reader filters by (`status:gone`): never checked, or what the checks
# and crawls found. "edited" stays once the source changed the text: its versions are kept.
UNCHECKED = "unchecked"
STATUSES = (UNCHECKED, UNCHANGED, EDITED, MOVED, GONE)
# Checks in a row that got no answer before the article goes to the back of the queue anyway, so
# that a page that never answers does not take a place in every run's sample.
RETRY_UNREACHABLE = 3

_CANDIDATE_COLUMNS = "id, url, canonical_url, source, lang, title, status, last_checked, failed_checks"


class CheckRows(Connection):
    """The articles due for a re-check, the checks made, and the status they leave."""

    def articles_to_check(
        self, sources: Iterable[str], checked_before: str | None = None, limit: int | None = None
    ) -> list[dict]:
        """Articles of `sources` never checked or last checked before `checked_before` (ISO UTC),
        the longest unchecked first (never checked first of all), at most `limit`."""
        names = list(sources)
        if not names:
            return []
        marks = ",".join("?" * len(names))
        where = f"source IN ({marks})"
        args: list = list(names)
        if checked_before is not None:
            where += " AND (last_checked IS NULL OR last_checked < ?)"
            args.append(checked_before)
        sql = (
            f"SELECT {_CANDIDATE_COLUMNS} FROM articles WHERE {where}"
            " ORDER BY last_checked IS NOT NULL, last_checked, id"
        )
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return [dict(row) for row in self.db.execute(sql, args)]

    def record_check(
        self,
        article_id: int,
        outcome: str,
        run_id: int | None = None,
        http_status: int | None = None,
        version_id: int | None = None,
        target_url: str | None = None,
        detail: str | None = None,
    ) -> str:
        """Keep one check of article `article_id` and set its status; return the status.

        A change of status moves the article's seq, so the incremental index takes it up.
        """
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown re-check outcome {outcome!r}")
        now = utc_now()
        with self.db:
            row = self.db.execute(
                "SELECT status, failed_checks FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            self._insert(
                "article_checks",
                {
                    "article_id": article_id,
                    "run_id": run_id,
                    "checked_at": now,
                    "outcome": outcome,
                    "http_status": http_status,
                    "version_id": version_id,
                    "target_url": target_url,
                    "detail": detail,
                },
            )
            changes = self._after_check(article_id, outcome, row["status"], row["failed_checks"], now)
            if changes.get("status", row["status"]) != row["status"]:
                changes["seq"] = self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[
                    0
                ]
            self._update("articles", article_id, changes)
        return changes.get("status", row["status"])

    def _after_check(self, article_id: int, outcome: str, status: str, failed: int, now: str) -> dict:
        """The article's columns after a check with `outcome`."""
        if outcome == UNREACHABLE:
            # Asked again first thing next run, unless it has not answered for a while.
            failed += 1
            return {"failed_checks": failed, **({"last_checked": now} if failed >= RETRY_UNREACHABLE else {})}
        if outcome == UNCHANGED:
            kept = self.db.execute(
                "SELECT 1 FROM article_versions WHERE article_id = ? LIMIT 1", (article_id,)
            ).fetchone()
            outcome = EDITED if kept else UNCHANGED
        return {"status": outcome, "last_checked": now, "failed_checks": 0}

    def latest_version_id(self, article_id: int) -> int | None:
        """The id of the article's most recent earlier version (the text the last edit replaced)."""
        row = self.db.execute(
            "SELECT MAX(id) FROM article_versions WHERE article_id = ?", (article_id,)
        ).fetchone()
        return row[0]

    def checks_of(self, url: str) -> list[dict]:
        """Every check of the article at `url` (any variant of it), oldest first."""
        rows = self.db.execute(
            """SELECT c.run_id, c.checked_at, c.outcome, c.http_status, c.version_id, c.target_url, c.detail
               FROM article_checks c JOIN articles a ON a.id = c.article_id
               WHERE a.canonical_url = ? OR a.url = ? ORDER BY c.id""",
            (canonical(url), url),
        )
        return [dict(row) for row in rows]

    def run_checks(self, run_id: int) -> list[dict]:
        """The checks of run `run_id`, each with its article's URL and source, in order."""
        rows = self.db.execute(
            """SELECT c.*, a.canonical_url, a.source FROM article_checks c
               JOIN articles a ON a.id = c.article_id WHERE c.run_id = ? ORDER BY c.id""",
            (run_id,),
        )
        return [dict(row) for row in rows]

    def version_counts(self, canonical_urls: Iterable[str]) -> dict[str, int]:
        """{canonical URL: versions of its text, the current one included} for the URLs stored."""
        rows = self._rows_in(
            """SELECT a.canonical_url, 1 + (SELECT COUNT(*) FROM article_versions v WHERE v.article_id = a.id)
               FROM articles a WHERE a.canonical_url IN ({marks})""",
            canonical_urls,
        )
        return {row[0]: row[1] for row in rows}
