"""The article store: one SQLite file holding articles, their earlier versions and the crawl runs."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from archive.articles import Article
from archive.extract.urls import canonicalize_url
from archive.store_schema import MIGRATIONS

logger = logging.getLogger(__name__)

# Ledger states a scheduled run does not fetch again (until --refresh).
SETTLED_STATES = ("gone", "redirected", "dropped", "off_topic")

ARTICLE_FIELDS = (
    "url",
    "canonical_url",
    "source",
    "lang",
    "title",
    "text",
    "author",
    "published",
    "fetched_at",
    "first_seen_at",
    "content_hash",
    "warc_file",
    "warc_offset",
    "warc_length",
    "published_time",
    "utc_offset",
    "dateline",
    "script",
    "images",
    "alternates",
)
_JSON_FIELDS = ("images", "alternates")

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class Store:
    """Articles by canonical URL; saving the same article twice stores it once."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # The crawler saves from Twisted's thread; only one thread uses a Store at a time.
        self.db = sqlite3.connect(self.path, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=ON")
        self._migrate()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.db:
                self.db.executescript(f"BEGIN; {script}; PRAGMA user_version = {number}; COMMIT;")

    # -- articles -----------------------------------------------------------------------------

    def save(self, article: Article, run_id: int | None = None) -> str:
        """Insert or update `article`; return NEW, CHANGED (old text kept as a version) or UNCHANGED."""
        content_hash = article.content_hash
        warc = article.warc
        warc_values = (warc.file, warc.offset, warc.length) if warc else (None, None, None)
        with self.db:
            row = self.db.execute(
                "SELECT * FROM articles WHERE canonical_url = ?", (article.canonical_url,)
            ).fetchone()
            if row is None:
                cursor = self.db.execute(
                    """INSERT INTO articles (url, canonical_url, source, lang, title, text, author,
                       published, fetched_at, first_seen_at, content_hash, warc_file, warc_offset,
                       warc_length, run_id, seq)
                       VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                    (
                        article.url,
                        article.canonical_url,
                        article.source,
                        article.lang,
                        article.title,
                        article.text,
                        article.author,
                        article.published,
                        article.fetched_at,
                        article.fetched_at,
                        content_hash,
                        *warc_values,
                        run_id,
                        self._next_seq(),
                    ),
                )
                self._save_details(cursor.lastrowid, article)
                return NEW
            self._save_details(row["id"], article)
            if row["content_hash"] == content_hash:
                return UNCHANGED
            self.db.execute(
                """INSERT INTO article_versions (article_id, title, text, published, fetched_at,
                   content_hash, warc_file, warc_offset, warc_length, lang, author, published_time,
                   utc_offset, dateline)
                   SELECT id, title, text, published, fetched_at, content_hash, warc_file,
                   warc_offset, warc_length, lang, author, published_time, utc_offset, dateline
                   FROM articles WHERE id = ?""",
                (row["id"],),
            )
            self.db.execute(
                """UPDATE articles SET url=?, lang=?, title=?, text=?, author=?, published=?,
                   fetched_at=?, content_hash=?, warc_file=?, warc_offset=?, warc_length=?,
                   run_id=?, seq=? WHERE id=?""",
                (
                    article.url,
                    article.lang,
                    article.title,
                    article.text,
                    article.author,
                    article.published,
                    article.fetched_at,
                    content_hash,
                    *warc_values,
                    run_id,
                    self._next_seq(),
                    row["id"],
                ),
            )
            self._save_details(row["id"], article)
            return CHANGED

    def _save_details(self, article_id: int, article: Article) -> None:
        """The citation details of `article` (issue 4's columns) onto row `article_id`."""
        self.db.execute(
            """UPDATE articles SET published_time=?, utc_offset=?, dateline=?, script=?, images=?,
               alternates=? WHERE id=?""",
            (
                article.published_time,
                article.utc_offset,
                article.dateline,
                article.script,
                json.dumps(article.images, ensure_ascii=False),
                json.dumps(article.alternates, ensure_ascii=False),
                article_id,
            ),
        )

    def replace_extraction(self, article_id: int, article: Article, version_id: int | None = None) -> None:
        """Overwrite what was extracted from the same fetch (re-extraction): no new version is made.

        With `version_id`, the earlier version of that id is rewritten instead of the article.
        """
        values = (
            article.lang,
            article.title,
            article.text,
            article.author,
            article.published,
            article.content_hash,
            article.published_time,
            article.utc_offset,
            article.dateline,
        )
        with self.db:
            if version_id is not None:
                self.db.execute(
                    """UPDATE article_versions SET lang=?, title=?, text=?, author=?, published=?,
                       content_hash=?, published_time=?, utc_offset=?, dateline=? WHERE id=?""",
                    (*values, version_id),
                )
                return
            self.db.execute(
                """UPDATE articles SET lang=?, title=?, text=?, author=?, published=?, content_hash=?,
                   published_time=?, utc_offset=?, dateline=?, seq=? WHERE id=?""",
                (*values, self._next_seq(), article_id),
            )
            self._save_details(article_id, article)

    def _next_seq(self) -> int:
        return self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]

    def known_urls(self, source: str) -> set[str]:
        """Canonical URLs of every article already stored for `source`."""
        rows = self.db.execute("SELECT canonical_url FROM articles WHERE source = ?", (source,))
        return {r[0] for r in rows}

    def get(self, url: str) -> dict | None:
        """The stored article at `url` (as fetched or in any non-canonical form), or None."""
        row = self.db.execute(
            "SELECT * FROM articles WHERE canonical_url = ? OR url = ?",
            (canonicalize_url(url), url),
        ).fetchone()
        return _article_dict(row) if row else None

    def get_many(self, canonical_urls: list[str]) -> dict[str, dict]:
        """Stored articles by canonical URL, for the URLs that exist."""
        found = {}
        for start in range(0, len(canonical_urls), 500):
            chunk = canonical_urls[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT * FROM articles WHERE canonical_url IN ({marks})", chunk):
                found[row["canonical_url"]] = _article_dict(row)
        return found

    def versions(self, url: str) -> list[dict]:
        """Earlier texts of the article at `url`, oldest first."""
        rows = self.db.execute(
            """SELECT v.* FROM article_versions v JOIN articles a ON a.id = v.article_id
               WHERE a.canonical_url = ? OR a.url = ? ORDER BY v.id""",
            (canonicalize_url(url), url),
        )
        return [dict(r) for r in rows]

    def iter_articles(self, since_seq: int = 0, batch_size: int = 500) -> Iterator[dict]:
        """Every article changed after `since_seq`, in change order, each with its `seq`."""
        last = since_seq
        while True:
            rows = self.db.execute(
                "SELECT * FROM articles WHERE seq > ? ORDER BY seq LIMIT ?", (last, batch_size)
            ).fetchall()
            if not rows:
                return
            for row in rows:
                yield {**_article_dict(row), "seq": row["seq"]}
            last = rows[-1]["seq"]

    def max_seq(self) -> int:
        return self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]

    def count(self, source: str | None = None) -> int:
        if source:
            sql, args = "SELECT COUNT(*) FROM articles WHERE source = ?", (source,)
        else:
            sql, args = "SELECT COUNT(*) FROM articles", ()
        return self.db.execute(sql, args).fetchone()[0]

    # -- runs ---------------------------------------------------------------------------------

    def start_run(self, sources: list[str], warc_file: str | None) -> int:
        with self.db:
            cursor = self.db.execute(
                "INSERT INTO runs (started_at, sources, warc_file) VALUES (?, ?, ?)",
                (utc_now(), json.dumps(sources), warc_file),
            )
        return cursor.lastrowid

    def finish_run(self, run_id: int, status: str, stats: dict) -> None:
        with self.db:
            self.db.execute(
                "UPDATE runs SET finished_at = ?, status = ?, stats = ? WHERE id = ?",
                (utc_now(), status, json.dumps(stats, ensure_ascii=False, sort_keys=True), run_id),
            )

    def runs(self, limit: int = 20) -> list[dict]:
        rows = self.db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,))
        return [{**dict(r), "stats": json.loads(r["stats"] or "{}")} for r in rows]

    def close_interrupted_runs(self) -> int:
        """Mark runs still 'running' as 'interrupted' (killed); call only while holding the run lock."""
        with self.db:
            cursor = self.db.execute(
                "UPDATE runs SET status = 'interrupted', finished_at = COALESCE(finished_at, ?) "
                "WHERE status = 'running'",
                (utc_now(),),
            )
        return cursor.rowcount

    # -- crawl ledger ---------------------------------------------------------------------------

    def note_url(self, source: str, url: str, state: str, reason: str = "", target: str = "") -> None:
        """Record that `url` gave no article this time, and why (attempts count up per state)."""
        with self.db:
            self.db.execute(
                """INSERT INTO crawl_ledger (canonical_url, source, state, reason, target, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT(canonical_url) DO UPDATE SET
                   attempts = CASE WHEN state = excluded.state THEN attempts + 1 ELSE 1 END,
                   state = excluded.state, reason = excluded.reason, target = excluded.target,
                   updated_at = excluded.updated_at""",
                (canonicalize_url(url), source, state, reason, target, utc_now()),
            )

    def forget_url(self, url: str) -> None:
        """Drop `url` from the ledger (it gave an article after all)."""
        with self.db:
            self.db.execute("DELETE FROM crawl_ledger WHERE canonical_url = ?", (canonicalize_url(url),))

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


def _article_dict(row: sqlite3.Row) -> dict:
    article = {name: row[name] for name in ARTICLE_FIELDS}
    for name in _JSON_FIELDS:
        article[name] = json.loads(article[name] or "[]")
    return article
