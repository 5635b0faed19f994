"""Earlier versions of articles: the text a re-crawl replaced, with the fetch it came from."""

from __future__ import annotations

from archive.store.connection import Connection, canonical

# The columns of `articles` an earlier version keeps (copied before the article is updated).
VERSION_COLUMNS = (
    "title",
    "text",
    "published",
    "fetched_at",
    "content_hash",
    "warc_file",
    "warc_offset",
    "warc_length",
    "lang",
    "author",
    "published_time",
    "utc_offset",
    "dateline",
)
# Bookkeeping of the store, of no use to a reader.
_HIDDEN = ("id", "article_id")


class VersionRows(Connection):
    """Keeping and reading earlier versions."""

    def _keep_as_version(self, article_id: int) -> None:
        """Copy the stored text of `article_id`, as it is before an update, to its earlier versions."""
        columns = ", ".join(VERSION_COLUMNS)
        self.db.execute(
            f"INSERT INTO article_versions (article_id, {columns})"
            f" SELECT id, {columns} FROM articles WHERE id = ?",
            (article_id,),
        )

    def versions(self, url: str) -> list[dict]:
        """Earlier texts of the article at `url` (any variant of it), oldest first."""
        rows = self.db.execute(
            """SELECT v.* FROM article_versions v JOIN articles a ON a.id = v.article_id
               WHERE a.canonical_url = ? OR a.url = ? ORDER BY v.id""",
            (canonical(url), url),
        )
        return [{k: row[k] for k in row.keys() if k not in _HIDDEN} for row in rows]  # noqa: SIM118 (Row)

    def version_rows(self, source: str | None = None) -> list[dict]:
        """Every earlier version (of `source`'s articles) with its ids, its article's source and URL
        (`article_url`), by id: for re-extraction."""
        where, args = ("WHERE a.source = ?", (source,)) if source else ("", ())
        rows = self.db.execute(
            f"""SELECT v.*, a.source, a.url AS article_url FROM article_versions v
                JOIN articles a ON a.id = v.article_id {where} ORDER BY v.id""",
            args,
        )
        return [dict(r) for r in rows]
