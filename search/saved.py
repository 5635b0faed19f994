"""Saved searches and their new hits: what `apknews alerts` reports and the web page counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from archive.settings import DataDir
from archive.store import SavedSearchExists, Store
from indexer.index import IndexMeta, IndexMissingError
from search.engine import matching_docs
from search.filters import Filters
from search.snippets import lead
from search.syntax import QueryError

__all__ = [
    "NewHits",
    "SavedSearch",
    "SavedSearchError",
    "mark_alerted",
    "new_hit_counts",
    "new_hits",
    "remove_search",
    "save_search",
    "saved_searches",
]

# What an alert shows of each new article.
HIT_FIELDS = ("published", "source", "lang", "title", "url", "canonical_url", "first_seen_at")


class SavedSearchError(QueryError):
    """A saved search that cannot be made or found as asked (a name taken, a name unknown)."""


@dataclass(frozen=True)
class SavedSearch:
    """A query and its filters kept under a name; `alerted_upto` is the last article id an alert run
    looked at (articles are numbered as first stored: those after it are new)."""

    name: str
    query: str
    filters: Filters
    created_at: str
    alerted_upto: int
    last_alert_at: str | None = None

    @classmethod
    def from_row(cls, row: dict) -> SavedSearch:
        return cls(
            row["name"],
            row["query"],
            Filters.from_dict(row["filters"]),
            row["created_at"],
            row["alerted_upto"],
            row["last_alert_at"],
        )

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "query": self.query,
            "filters": self.filters.to_dict(),
            "created_at": self.created_at,
            "last_alert_at": self.last_alert_at,
        }


@dataclass
class NewHits:
    """The articles first stored since `search`'s last alert run that match it, newest first;
    `upto` is the article id an alert run that reports them has looked up to."""

    search: SavedSearch
    hits: list[dict] = field(default_factory=list)  # HIT_FIELDS and a snippet (the text's opening)
    upto: int = 0

    def to_dict(self) -> dict:
        return {**self.search.to_dict(), "new": len(self.hits), "hits": self.hits}


def save_search(data_dir: DataDir | Path | str, name: str, query: str, filters: Filters) -> SavedSearch:
    """Keep `query` under `name`, checked first against the index (a QueryError or FilterError for a
    query or source it cannot use); the articles stored from now on are its new hits."""
    data_dir = DataDir.of(data_dir)
    name = name.strip()
    if not name:
        raise SavedSearchError("a saved search needs a name", "e.g. apknews saved add taraz Тараз")
    with matching_docs(data_dir, query, filters=filters):
        pass
    with Store(data_dir.store_path) as store:
        try:
            row = store.add_saved_search(name, query, filters.to_dict())
        except SavedSearchExists:
            raise SavedSearchError(
                "a saved search named %(name)r exists",
                "remove it first: apknews saved remove %(name)s",
                name=name,
            ) from None
    return SavedSearch.from_row(row)


def saved_searches(data_dir: DataDir | Path | str) -> list[SavedSearch]:
    """Every saved search, by name (none when the archive is not there yet)."""
    data_dir = DataDir.of(data_dir)
    if not data_dir.store_path.exists():
        return []
    with Store.open_readonly(data_dir.store_path) as store:
        return [SavedSearch.from_row(row) for row in store.saved_searches()]


def remove_search(data_dir: DataDir | Path | str, name: str) -> None:
    """Forget the saved search `name`; SavedSearchError when there is none."""
    with Store(DataDir.of(data_dir).store_path) as store:
        if not store.remove_saved_search(name):
            known = ", ".join(row["name"] for row in store.saved_searches())
            hint = "saved searches: %(known)s" if known else "no search is saved"
            raise SavedSearchError("no saved search named %(name)r", hint, name=name, known=known)


def new_hits(data_dir: DataDir | Path | str, saved: SavedSearch) -> NewHits:
    """The articles first stored after `saved`'s last alert run that match it: only those the index
    holds (the others wait for the next run, after `apknews index`). Records nothing."""
    data_dir = DataDir.of(data_dir)
    meta = IndexMeta.read(data_dir.index_dir)
    if meta is None:
        raise IndexMissingError(f"no index in {data_dir.index_dir}: run `apknews index` first")
    with Store.open_readonly(data_dir.store_path) as store:
        indexed_upto = store.max_article_id(upto_seq=meta.last_seq)
        fresh = store.articles_after(saved.alerted_upto, upto_id=indexed_upto)
        upto = max(saved.alerted_upto, indexed_upto)
        if not fresh:
            return NewHits(saved, [], upto)
        with matching_docs(data_dir, saved.query, filters=saved.filters) as matched:
            searcher, docs = matched[0], set(matched[1])
            urls = [url for url in fresh if searcher.document_number(canonical_url=url) in docs]
        articles = store.get_many(urls)
    hits = [{**{k: a[k] for k in HIT_FIELDS}, "snippet": lead(a["text"])} for a in articles.values()]
    hits.sort(key=lambda h: (h["published"] or "", h["first_seen_at"], h["url"]), reverse=True)
    return NewHits(saved, hits, upto)


def mark_alerted(data_dir: DataDir | Path | str, reported: list[NewHits]) -> None:
    """Record that these new hits were reported: none of them, nor anything stored before them,
    is new again for its saved search."""
    with Store(DataDir.of(data_dir).store_path) as store:
        for item in reported:
            store.record_alert_run(item.search.name, item.upto)


def new_hit_counts(data_dir: DataDir | Path | str) -> list[tuple[SavedSearch, int]]:
    """Every saved search with how many new hits its next alert run would report (for the web page)."""
    return [(saved, len(new_hits(data_dir, saved).hits)) for saved in saved_searches(data_dir)]
