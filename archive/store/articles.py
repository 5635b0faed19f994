"""Articles in the store: one row per canonical URL, the mapping from Article to its columns."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterator

from archive.articles import Article
from archive.store.connection import canonical
from archive.store.versions import VersionRows

logger = logging.getLogger(__name__)

# The article as a reader sees it: every column but the store's bookkeeping (id, run_id, seq).
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
    "status",  # unchecked, unchanged, edited, moved, gone (archive.store.checks)
    "last_checked",
)
_JSON_FIELDS = ("images", "alternates")

# What re-extracting the same fetch may change (the columns an earlier version has too) ...
EXTRACTED = (
    "lang",
    "title",
    "text",
    "author",
    "published",
    "content_hash",
    "published_time",
    "utc_offset",
    "dateline",
)
# ... and the citation details (issue 4) written on every save, even of an unchanged text.
DETAILS = ("published_time", "utc_offset", "dateline", "script", "images", "alternates")
_POINTER = ("warc_file", "warc_offset", "warc_length")
# Set when an article is first stored and never changed by a later save.
_FIRST_SAVE_ONLY = ("canonical_url", "source")

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"


def article_columns(article: Article) -> dict:
    """The article's values by column of the `articles` table (all but first_seen_at and bookkeeping)."""
    warc = article.warc
    return {
        "url": article.url,
        "canonical_url": article.canonical_url,
        "source": article.source,
        "lang": article.lang,
        "title": article.title,
        "text": article.text,
        "author": article.author,
        "published": article.published,
        "fetched_at": article.fetched_at,
        "content_hash": article.content_hash,
        "warc_file": warc.file if warc else None,
        "warc_offset": warc.offset if warc else None,
        "warc_length": warc.length if warc else None,
        "published_time": article.published_time,
        "utc_offset": article.utc_offset,
        "dateline": article.dateline,
        "script": article.script,
        "images": json.dumps(article.images, ensure_ascii=False),
        "alternates": json.dumps(article.alternates, ensure_ascii=False),
    }


def _pick(values: dict, columns: tuple[str, ...]) -> dict:
    return {column: values[column] for column in columns}


def article_dict(row: sqlite3.Row) -> dict:
    """A row of `articles` as the reader's fields, its JSON lists decoded."""
    article = {name: row[name] for name in ARTICLE_FIELDS}
    for name in _JSON_FIELDS:
        try:
            article[name] = json.loads(article[name] or "[]")
        except ValueError:  # left as stored: a page must not fail over one bad column
            logger.warning("column %s of %s is not JSON", name, article["canonical_url"])
    return article


class ArticleRows(VersionRows):
    """Saving, re-extracting and reading articles (a changed text keeps the old one as a version)."""

    def save(self, article: Article, run_id: int | None = None) -> str:
        """Insert or update `article`; return NEW, CHANGED (old text kept as a version) or UNCHANGED."""
        values = article_columns(article)
        with self.db:
            self._lock_url(article.canonical_url)
            row = self.db.execute(
                "SELECT id, content_hash FROM articles WHERE canonical_url = ?", (article.canonical_url,)
            ).fetchone()
            if row is None:
                first = {"first_seen_at": article.fetched_at, "run_id": run_id, "seq": self._next_seq()}
                self._insert("articles", {**values, **first})
                return NEW
            if row["content_hash"] == values["content_hash"]:
                # The same text fetched again: its record in this run's WARC is the one kept, so a
                # refetch (crawl --refresh) mends a pointer into a torn or lost WARC file.
                kept = DETAILS + (_POINTER if values["warc_file"] else ())
                self._update("articles", row["id"], _pick(values, kept))
                return UNCHANGED
            self._keep_as_version(row["id"])
            changed = {k: v for k, v in values.items() if k not in _FIRST_SAVE_ONLY}
            edited = {"run_id": run_id, "seq": self._next_seq(), "status": "edited"}
            self._update("articles", row["id"], {**changed, **edited})
            return CHANGED

    def replace_extraction(self, article_id: int, article: Article, version_id: int | None = None) -> None:
        """Overwrite what was extracted from the same fetch (re-extraction): no new version is made.

        With `version_id`, the earlier version of that id is rewritten instead of the article.
        """
        values = article_columns(article)
        with self.db:
            if version_id is not None:
                self._update("article_versions", version_id, _pick(values, EXTRACTED))
                return
            rewritten = _pick(values, EXTRACTED) | _pick(values, DETAILS)
            self._update("articles", article_id, {**rewritten, "seq": self._next_seq()})

    def _next_seq(self) -> int:
        return self.db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]

    def known_urls(self, source: str) -> set[str]:
        """Canonical URLs of every article already stored for `source`."""
        rows = self.db.execute("SELECT canonical_url FROM articles WHERE source = ?", (source,))
        return {r[0] for r in rows}

    def get(self, url: str) -> dict | None:
        """The stored article at `url` (as fetched or in any non-canonical form), or None."""
        row = self._row_of(url)
        return article_dict(row) if row else None

    def _row_of(self, url: str) -> sqlite3.Row | None:
        return self.db.execute(
            "SELECT * FROM articles WHERE canonical_url = ? OR url = ? LIMIT 1",
            (canonical(url), url),
        ).fetchone()

    def get_many(self, canonical_urls: list[str]) -> dict[str, dict]:
        """Stored articles by canonical URL, for the URLs that exist."""
        rows = self._rows_in("SELECT * FROM articles WHERE canonical_url IN ({marks})", canonical_urls)
        return {row["canonical_url"]: article_dict(row) for row in rows}

    def texts(self, ids: list[int]) -> dict[int, str]:
        """{article id: its text} for the given ids."""
        rows = self._rows_in("SELECT id, text FROM articles WHERE id IN ({marks})", ids)
        return {row["id"]: row["text"] for row in rows}

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
                yield {**article_dict(row), "seq": row["seq"]}
            last = rows[-1]["seq"]

    def seqs_upto(self, upto_seq: int) -> list[int]:
        """The change numbers (seq) of the articles with seq <= `upto_seq`, in order."""
        # Only the seq column, from its index: cheap next to reading the articles.
        rows = self.db.execute("SELECT seq FROM articles WHERE seq <= ? ORDER BY seq", (upto_seq,))
        return [row[0] for row in rows]

    def max_seq(self) -> int:
        return self.db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0]

    def count(self, source: str | None = None) -> int:
        if source:
            sql, args = "SELECT COUNT(*) FROM articles WHERE source = ?", (source,)
        else:
            sql, args = "SELECT COUNT(*) FROM articles", ()
        return self.db.execute(sql, args).fetchone()[0]

    def sources(self) -> list[str]:
        """The names of the sources that have articles in the store, sorted."""
        return [r[0] for r in self.db.execute("SELECT DISTINCT source FROM articles ORDER BY source")]

    def article_rows(self, source: str | None = None) -> list[dict]:
        """Every column of every article (of `source`), ids included, by id: for re-extraction."""
        where, args = ("WHERE source = ?", (source,)) if source else ("", ())
        return [dict(r) for r in self.db.execute(f"SELECT * FROM articles {where} ORDER BY id", args)]
