"""The article store: one SQLite file holding articles, their earlier versions, links and the crawl runs.

All of the project's SQL lives in this package; everyone else calls `Store`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.store.articles import ARTICLE_FIELDS, CHANGED, NEW, UNCHANGED, ArticleRows, article_dict
from archive.store.checks import CheckRows
from archive.store.connection import OutdatedStoreError, utc_now
from archive.store.entities import EntityRows
from archive.store.links import REPOST, TRANSLATION, LinkRows
from archive.store.runs import SETTLED_STATES, RunLog
from archive.store.saved import SavedRows, SavedSearchExists

__all__ = [
    "ARTICLE_FIELDS",
    "CHANGED",
    "NEW",
    "REPOST",
    "SETTLED_STATES",
    "TRANSLATION",
    "UNCHANGED",
    "OutdatedStoreError",
    "SavedSearchExists",
    "Store",
    "StoredArticle",
    "utc_now",
]


@dataclass
class StoredArticle:
    """An article as the article page and `apknews show` present it."""

    article: dict  # ARTICLE_FIELDS, JSON lists decoded
    versions: list[dict] = field(default_factory=list)  # earlier texts, oldest first
    # {"repost_of": [...], "reposted_as": [...], "translations": [...]}, each a list of linked articles
    links: dict[str, list[dict]] = field(default_factory=dict)
    checks: list[dict] = field(default_factory=list)  # re-checks of its page, oldest first


class Store(ArticleRows, CheckRows, EntityRows, LinkRows, RunLog, SavedRows):
    """Articles by canonical URL; saving the same article twice stores it once.

    `Store(path)` opens for writing and brings the schema up to date; `Store.open_readonly(path)`
    opens with SQLite's `mode=ro`, so a reader (the web page, search) cannot change the archive.
    """

    def read_article(self, url: str) -> StoredArticle | None:
        """The article at `url` (any variant of it) with its earlier versions and its links, or None."""
        row = self._row_of(url)
        if row is None:
            return None
        return StoredArticle(
            article=article_dict(row),
            versions=self.versions(row["canonical_url"]),
            links=self.links_of(row["id"]),
            checks=self.checks_of(row["canonical_url"]),
        )
