"""Read-only access to the store for the article page: an article, its versions, reposts and translations."""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from urllib.parse import quote

from archive.articles import WarcPointer
from archive.extract.urls import canonicalize_url
from archive.settings import DataDir
from archive.warc import ArchivedResponse, read_response

logger = logging.getLogger(__name__)

# Internal bookkeeping of the store, of no use to a reader.
_HIDDEN = {"id", "seq", "run_id"}
# Columns holding JSON lists (pictures, language links): decoded for the page.
_JSON_COLUMNS = ("images", "alternates")


class ArticleReader:
    """Opens the store read-only (`mode=ro`): no page of the web app can change the archive."""

    def __init__(self, data_dir: DataDir):
        self.data_dir = data_dir
        uri = f"file:{quote(str(data_dir.store_path.resolve()))}?mode=ro"
        self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.tables = {row[0] for row in self.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ArticleReader:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _row(self, url: str) -> sqlite3.Row | None:
        return self.db.execute(
            "SELECT * FROM articles WHERE canonical_url = ? OR url = ? LIMIT 1", (canonicalize_url(url), url)
        ).fetchone()

    def article(self, url: str) -> dict | None:
        """The stored article at `url` (any variant of it), every column but the bookkeeping, or None."""
        row = self._row(url)
        return _public(row) if row else None

    def versions(self, url: str) -> list[dict]:
        """Earlier texts of the article, oldest first."""
        rows = self.db.execute(
            """SELECT v.* FROM article_versions v JOIN articles a ON a.id = v.article_id
               WHERE a.canonical_url = ? ORDER BY v.id""",
            (canonicalize_url(url),),
        )
        hidden = ("id", "article_id")
        return [{k: row[k] for k in row.keys() if k not in hidden} for row in rows]  # noqa: SIM118 (Row)

    def related(self, url: str) -> dict[str, list[dict]]:
        """The article's links in the store, when it has them: {"repost_of": [...], "reposted_as": [...],
        "translations": [...]}, empty kinds left out; {} for a store without links."""
        row = self._row(url)
        if row is None or "article_links" not in self.tables:
            return {}
        try:
            from archive.links import links_of
        except ImportError:  # the links module is optional for the page
            return {}
        # links_of only reads through `.db`, which this read-only reader has.
        return {kind: items for kind, items in links_of(self, row["id"]).items() if items}

    def sources(self) -> list[str]:
        return [r[0] for r in self.db.execute("SELECT DISTINCT source FROM articles ORDER BY source")]

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def archived_response(self, article: dict) -> ArchivedResponse | None:
        """The page as fetched, read from its WARC record; None when the article has no record."""
        if not article.get("warc_file") or article.get("warc_offset") is None:
            return None
        root = self.data_dir.root.resolve()
        if not (root / article["warc_file"]).resolve().is_relative_to(root):
            logger.warning("WARC path outside the data dir ignored: %s", article["warc_file"])
            return None
        pointer = WarcPointer(article["warc_file"], article["warc_offset"], article["warc_length"] or 0)
        return read_response(Path(root), pointer)


def _public(row: sqlite3.Row) -> dict:
    # sqlite3.Row iterates over values: its keys() are the column names.
    article = {k: row[k] for k in row.keys() if k not in _HIDDEN}  # noqa: SIM118
    for name in _JSON_COLUMNS:
        if isinstance(article.get(name), str):
            try:
                article[name] = json.loads(article[name])
            except ValueError:
                logger.warning("column %s of %s is not JSON", name, article.get("canonical_url"))
    return article
