"""search(): a query in, plain data out (hits with snippets); the CLI, web page and exports call it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from whoosh import highlight, sorting

from apknews.settings import DataDir
from apknews.store import Store
from indexer.index import FACETS, open_index
from search.query import QueryError, make_filter, parse_query

SORTS = ("relevance", "date")
SNIPPET_CHARS = 220
MARK = "**"  # matched word forms in a snippet are wrapped in it: "в **Таразе** подписан"


@dataclass
class Hit:
    url: str
    canonical_url: str
    title: str
    source: str
    lang: str
    published: str | None  # YYYY-MM-DD
    score: float
    snippet: str

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    understood: str = ""  # the query as the engine read it, for the user to check
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # source/lang/year -> counts

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [h.to_dict() for h in self.hits],
            "understood": self.understood,
            "facets": self.facets,
        }


class _MarkFormatter(highlight.Formatter):
    between = " … "

    def format_token(self, text, token, replace=False):
        return f"{MARK}{highlight.get_text(text, token, replace)}{MARK}"


def _sort_args(sort: str) -> dict:
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}", f"use one of: {', '.join(SORTS)}")
    return {"sortedby": "published", "reverse": True} if sort == "date" else {}


def search(
    data_dir: DataDir | Path | str,
    query: str,
    *,
    lang: str | None = None,
    source: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    sort: str = "relevance",
    limit: int = 10,
    offset: int = 0,
) -> SearchResult:
    """The hits for `query` ranked by `sort`, `limit` of them from `offset`, with the total count.

    Raises QueryError for a malformed query, IndexMissingError when there is no index.
    """
    data_dir = data_dir if isinstance(data_dir, DataDir) else DataDir(Path(data_dir))
    ix = open_index(data_dir.index_dir)
    try:
        q = parse_query(query, ix.schema, lang)
        restrict = make_filter(lang, source, date_from, date_to)
        with ix.searcher() as searcher, Store(data_dir.store_path) as store:
            results = searcher.search(
                q,
                limit=offset + limit,
                filter=restrict,
                terms=True,
                groupedby={name: sorting.FieldFacet(name, maptype=sorting.Count) for name in FACETS},
                **_sort_args(sort),
            )
            results.fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=70)
            results.formatter = _MarkFormatter()
            page = list(results)[offset : offset + limit]
            articles = store.get_many([h["canonical_url"] for h in page])
            hits = [_hit(h, articles.get(h["canonical_url"])) for h in page]
            facets = {name: _counts(results.groups(name)) for name in FACETS}
            return SearchResult(query=query, total=len(results), hits=hits, understood=str(q), facets=facets)
    finally:
        ix.close()


def iter_hits(
    data_dir: DataDir | Path | str,
    query: str,
    *,
    lang: str | None = None,
    source: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    sort: str = "date",
    with_text: bool = False,
    batch_size: int = 500,
) -> Iterator[dict]:
    """Every hit of `query` (not a page of them) as the stored article's fields, streamed in batches."""
    data_dir = data_dir if isinstance(data_dir, DataDir) else DataDir(Path(data_dir))
    ix = open_index(data_dir.index_dir)
    try:
        q = parse_query(query, ix.schema, lang)
        restrict = make_filter(lang, source, date_from, date_to)
        with ix.searcher() as searcher, Store(data_dir.store_path) as store:
            results = searcher.search(q, limit=None, filter=restrict, **_sort_args(sort))
            for start in range(0, len(results), batch_size):
                batch = [results[i] for i in range(start, min(start + batch_size, len(results)))]
                articles = store.get_many([h["canonical_url"] for h in batch])
                for hit in batch:
                    article = articles.get(hit["canonical_url"])
                    if article is None:  # indexed, then removed from the store
                        continue
                    record = {**article, "score": round(hit.score or 0.0, 4)}
                    if not with_text:
                        record.pop("text")
                    yield record
    finally:
        ix.close()


def _hit(hit, article: dict | None) -> Hit:
    text = article["text"] if article else ""
    lang = hit["lang"]
    snippet = hit.highlights(f"text_{lang}", text=text, top=2) if text else ""
    if not snippet:
        snippet = _lead(text)
    published = hit.get("published")
    return Hit(
        url=hit["url"],
        canonical_url=hit["canonical_url"],
        title=hit["title"],
        source=hit["source"],
        lang=lang,
        published=published.date().isoformat() if published else None,
        score=round(hit.score or 0.0, 4),
        snippet=" ".join(snippet.split()),
    )


def _counts(groups: dict) -> dict[str, int]:
    """Facet counts, largest first; documents without the field are left out."""
    counted = {str(k): int(v) for k, v in groups.items() if k not in (None, "", b"")}
    return dict(sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))


def _lead(text: str) -> str:
    """The opening of `text` cut at a word boundary: the snippet when no word matched the body."""
    if len(text) <= SNIPPET_CHARS:
        return text
    return text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
