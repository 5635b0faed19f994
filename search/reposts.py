"""Reposts among hits: which hit is a copy of which, read from the store's links when it has them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

_BATCH = 500


def originals(db: sqlite3.Connection, canonical_urls: Iterable[str]) -> dict[str, str]:
    """{canonical URL of a repost: canonical URL of its original (earliest copy)} for the given URLs.

    Reads the `article_links` table (kind 'repost') or a `repost_of` column (an id or a URL),
    whichever the store has; an empty dict when it has neither, so search degrades to no collapsing.
    """
    urls = list(dict.fromkeys(canonical_urls))
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    columns = {row[1] for row in db.execute("PRAGMA table_info(articles)")}
    found: dict[str, str] = {}
    for start in range(0, len(urls), _BATCH):
        batch = urls[start : start + _BATCH]
        marks = ",".join("?" * len(batch))
        if "article_links" in tables:
            rows = db.execute(
                f"""SELECT a.canonical_url, t.canonical_url FROM article_links l
                    JOIN articles a ON a.id = l.article_id JOIN articles t ON t.id = l.target_id
                    WHERE l.kind = 'repost' AND a.canonical_url IN ({marks})""",
                batch,
            )
            found.update({copy: original for copy, original in rows if copy != original})
        if "repost_of" in columns:
            rows = db.execute(
                f"""SELECT a.canonical_url, COALESCE(t.canonical_url, a.repost_of) FROM articles a
                    LEFT JOIN articles t ON t.id = a.repost_of OR t.canonical_url = a.repost_of
                    WHERE a.repost_of IS NOT NULL AND a.canonical_url IN ({marks})""",
                batch,
            )
            for copy, original in rows:
                if copy != original and copy not in found:
                    found[copy] = str(original)
    return found
