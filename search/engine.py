"""search(): a query in, plain data out (hits with snippets); the CLI, web page and exports call it."""

from __future__ import annotations

import bisect
import os
import threading
import weakref
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from whoosh import collectors, sorting

from apknews.settings import DataDir
from apknews.store import Store
from indexer.index import FACETS, META_FILE, open_index
from search import reposts
from search.aliases import load_aliases
from search.query import QueryError, make_filter, understand
from search.snippets import MARK, SNIPPET_CHARS, lead, snippet_for

__all__ = [
    "MARK",
    "SNIPPET_CHARS",
    "SORTS",
    "Hit",
    "SearchResult",
    "iter_hits",
    "lead",
    "matching_docs",
    "search",
]

SORTS = ("relevance", "date")


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
    reposts: int = 0  # copies of this article elsewhere among the hits, collapsed under it
    repost_urls: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit]
    understood: str = ""  # the query as the engine read it, for the user to check
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # source/lang/year -> counts
    explanation: list[str] = field(default_factory=list)  # per word: lemmas, stems, keys, aliases
    aliases: list[str] = field(default_factory=list)  # "Астана → Астана | Нур-Султан | …"
    collapsed: int = 0  # hits folded under an earlier copy (total counts each story once)

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "hits": [h.to_dict() for h in self.hits],
            "understood": self.understood,
            "facets": self.facets,
            "explanation": self.explanation,
            "aliases": self.aliases,
            "collapsed": self.collapsed,
        }


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
    exact: bool = False,
    aliases: bool = True,
    collapse_reposts: bool = True,
) -> SearchResult:
    """The hits for `query` ranked by `sort`, `limit` of them from `offset`, with the total count.

    `exact` searches words as written (no lemmas, stems, other alphabets or aliases); `aliases`
    expands alias names (config/aliases.toml and the data folder's aliases.toml). Reposts are
    folded under the first copy, with a count, when the store links them.
    Raises QueryError for a malformed query, IndexMissingError when there is no index.
    """
    data_dir = DataDir.of(data_dir)
    searcher = _searcher(data_dir.index_dir)
    try:
        understood = _understand(data_dir, query, searcher.schema, lang, exact, aliases)
        restrict = make_filter(lang, source, date_from, date_to)
        with Store(data_dir.store_path) as store:
            # Collapsing needs every hit; with no repost links in the store only the page is needed.
            collapse_reposts = collapse_reposts and _may_have_reposts(store)
            # Whoosh's own groupedby costs ~25 µs per matched document; noting the documents and
            # counting facets from columns read once per searcher costs ~1 µs (see _FacetCounter).
            # Every match is collected (limit=None, as groupedby did): a top-N collector skips some.
            counter = _FacetCounter(searcher.collector(limit=None, **_sort_args(sort)))
            collector = counter
            if restrict is not None:
                collector = collectors.FilterCollector(counter, allow=restrict)
            # needs_current as terms=True had it: prefix queries score their terms one by one then.
            searcher.search_with_collector(understood.query, collector, searcher.context(needs_current=True))
            results = collector.results()
            ranked = list(results) if collapse_reposts else results[: offset + limit]
            groups = _collapse(ranked, store) if collapse_reposts else [(h, []) for h in ranked]
            page = groups[offset : offset + limit]
            # What terms=True records for every match (~13 µs each), for the page's hits only.
            results.docterms = _matched_terms(searcher, understood.query, [h.docnum for h, _ in page])
            results.termdocs = {}
            articles = store.get_many([h["canonical_url"] for h, _ in page])
            hits = [_hit(searcher.schema, h, articles.get(h["canonical_url"]), copies) for h, copies in page]
            facets = counter.facets()
            total = len(groups) if collapse_reposts else len(counter.docs)
            return SearchResult(
                query=query,
                total=total,
                hits=hits,
                understood=str(understood.query),
                facets=facets,
                explanation=understood.lines,
                aliases=understood.aliases,
                collapsed=len(ranked) - len(groups) if collapse_reposts else 0,
            )
    except OSError:
        _searchers().pop(data_dir.index_dir, None)  # files gone under it: open afresh next time
        raise


def _may_have_reposts(store: Store) -> bool:
    """Whether the store links any article as a repost (where search/reposts.py looks for links)."""
    tables = {row[0] for row in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    links = "SELECT 1 FROM article_links WHERE kind = 'repost' LIMIT 1"
    if "article_links" in tables and store.db.execute(links).fetchone():
        return True
    columns = {row[1] for row in store.db.execute("PRAGMA table_info(articles)")}
    return "repost_of" in columns and bool(
        store.db.execute("SELECT 1 FROM articles WHERE repost_of IS NOT NULL LIMIT 1").fetchone()
    )


def _matched_terms(searcher, q, docnums: list[int]) -> dict[int, list]:
    """{docnum: [(fieldname, term), ...]} as Whoosh's TermsCollector records them, for `docnums`."""
    found: dict[int, list] = {}
    wanted = sorted(set(docnums))
    for subsearcher, offset in searcher.leaf_searchers():
        end = offset + subsearcher.doc_count_all()
        here = [d - offset for d in wanted if offset <= d < end]
        if not here:
            continue
        matcher = q.matcher(subsearcher, context=searcher.context(needs_current=True))
        term_matchers = list(matcher.term_matchers())
        for docnum in here:
            if matcher.is_active() and matcher.id() < docnum:
                matcher.skip_to(docnum)
            if not matcher.is_active():
                break
            if matcher.id() == docnum:
                terms = [tm.term() for tm in term_matchers if tm.is_active() and tm.id() == docnum]
                found[docnum + offset] = terms
    return found


class _FacetCounter(collectors.WrappingCollector):
    """Notes every matched (and allowed) document, then lets the child rank it; counts the facets."""

    def prepare(self, top_searcher, q, context) -> None:
        super().prepare(top_searcher, q, context)
        self.searcher = top_searcher
        self.docs: list[int] = []

    def collect(self, sub_docnum: int):
        self.docs.append(sub_docnum + self.offset)
        return self.child.collect(sub_docnum)

    def facets(self) -> dict[str, dict[str, int]]:
        """{facet: {value: count}} over the noted documents, largest first (as _counts)."""
        if len(self.docs) < FACET_COLUMNS_MIN_HITS and self.searcher not in _facet_columns:
            names = _facet_names(self.searcher, self.docs)
        else:
            codes, combos = _facet_codes(self.searcher)
            per_combo = Counter(map(codes.__getitem__, self.docs))
            names = [(combos[code], count) for code, count in per_combo.items()]
        counts: dict[str, Counter] = {name: Counter() for name in FACETS}
        for values, count in names:
            for name, value in zip(FACETS, values, strict=True):
                counts[name][value] += count
        return {name: _counts(counts[name]) for name in FACETS}


# Reading a facet column for every document once takes ~1 s at 100k: worth it for big result
# sets (and then for every search on that searcher), not for a one-off rare word on the CLI.
FACET_COLUMNS_MIN_HITS = 5000
_facet_columns: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _leaf_categorizers(searcher):
    categorizers = [sorting.FieldFacet(name).categorizer(searcher) for name in FACETS]
    for subsearcher, offset in searcher.leaf_searchers():
        for categorizer in categorizers:
            categorizer.set_searcher(subsearcher, offset)
        yield subsearcher, offset, categorizers


def _values(categorizers, segment_docnum: int) -> tuple:
    return tuple(c.key_to_name(c.key_for(None, segment_docnum)) for c in categorizers)


def _facet_names(searcher, docs: list[int]) -> list[tuple[tuple, int]]:
    ordered = sorted(docs)
    names, start = [], 0
    for subsearcher, offset, categorizers in _leaf_categorizers(searcher):
        end = bisect.bisect_left(ordered, offset + subsearcher.reader().doc_count_all())
        names.extend((_values(categorizers, d - offset), 1) for d in ordered[start:end])
        start = end
    return names


def _facet_codes(searcher) -> tuple[list[int], list[tuple]]:
    """Per document (global number) a code of its facet values, and the values of each code."""
    cached = _facet_columns.get(searcher)
    if cached is None:
        combos: dict[tuple, int] = {}
        codes: list[int] = []
        for subsearcher, _offset, categorizers in _leaf_categorizers(searcher):
            for docnum in range(subsearcher.reader().doc_count_all()):
                codes.append(combos.setdefault(_values(categorizers, docnum), len(combos)))
        cached = _facet_columns[searcher] = (codes, list(combos))
    return cached


_local = threading.local()


def _searchers() -> dict:
    return _local.__dict__.setdefault("searchers", {})


def _searcher(index_dir: Path):
    """An open searcher of the index, kept per thread and reused until update_index writes to it.

    Opening costs more than many searches (TOC and schema read, segment files opened, facet
    columns loaded afresh); the identity of the TOC and meta files tells when it has changed.
    """
    state = _index_state(index_dir)
    cached = _searchers().get(index_dir)
    if cached is not None:
        if cached[0] == state:
            return cached[1]
        cached[1].close()
        del _searchers()[index_dir]
    searcher = open_index(index_dir).searcher()
    _searchers()[index_dir] = (state, searcher)
    return searcher


def _index_state(index_dir: Path) -> tuple | None:
    try:
        with os.scandir(index_dir) as entries:
            files = [e for e in entries if e.name.endswith(".toc") or e.name == META_FILE]
            return tuple(sorted((e.name, e.stat().st_ino, e.stat().st_mtime_ns) for e in files))
    except FileNotFoundError:
        return None


def _understand(data_dir: DataDir, query: str, schema, lang, exact: bool, aliases: bool):
    return understand(
        query, schema, lang, exact=exact, aliases=load_aliases(data_dir.root) if aliases else False
    )


def _collapse(ranked: list, store: Store) -> list[tuple]:
    """(hit, [its reposts among the hits]) in rank order; the earliest copy stands for the story."""
    original_of = reposts.originals(store.db, (h["canonical_url"] for h in ranked))
    if not original_of:
        return [(h, []) for h in ranked]
    groups: dict[str, list] = {}
    for hit in ranked:
        url = hit["canonical_url"]
        groups.setdefault(original_of.get(url, url), []).append(hit)
    collapsed = []
    for members in groups.values():  # dicts keep insertion order: the best-ranked copy's place
        first = min(members, key=lambda h: (h.get("published") is None, h.get("published") or 0))
        collapsed.append((first, [m for m in members if m is not first]))
    return collapsed


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
    exact: bool = False,
    aliases: bool = True,
) -> Iterator[dict]:
    """Every hit of `query` (not a page of them) as the stored article's fields, streamed in batches."""
    data_dir = DataDir.of(data_dir)
    searcher = _searcher(data_dir.index_dir)
    try:
        q = _understand(data_dir, query, searcher.schema, lang, exact, aliases).query
        restrict = make_filter(lang, source, date_from, date_to)
        with Store(data_dir.store_path) as store:
            results = searcher.search(q, limit=None, filter=restrict, **_sort_args(sort))
            for start in range(0, len(results), batch_size):
                batch = [results[i] for i in range(start, min(start + batch_size, len(results)))]
                articles = store.get_many([h["canonical_url"] for h in batch])
                for hit in batch:
                    article = articles.get(hit["canonical_url"])
                    if article is None:  # indexed, then removed from the store
                        continue
                    # Sorted by date, Whoosh reports the sort key (a date as a huge integer) as score.
                    score = round(hit.score or 0.0, 4) if sort == "relevance" else None
                    record = {**article, "score": score}
                    if not with_text:
                        record.pop("text")
                    yield record
    except OSError:
        _searchers().pop(data_dir.index_dir, None)  # files gone under it: open afresh next time
        raise


@contextmanager
def matching_docs(
    data_dir: DataDir | Path | str,
    query: str,
    *,
    lang: str | None = None,
    source: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> Iterator[tuple]:
    """(searcher, docnums) of every article `query` matches under the filters: unscored, nothing
    loaded, read the way search() reads the query (aliases included). For counting."""
    data_dir = DataDir.of(data_dir)
    searcher = _searcher(data_dir.index_dir)
    try:
        q = _understand(data_dir, query, searcher.schema, lang, exact=False, aliases=True).query
        restrict = make_filter(lang, source, date_from, date_to)
        results = searcher.search(q, limit=None, filter=restrict, scored=False)
        yield searcher, results.docs()
    except OSError:
        _searchers().pop(data_dir.index_dir, None)  # files gone under it: open afresh next time
        raise


def _hit(schema, hit, article: dict | None, copies: list) -> Hit:
    text = article["text"] if article else ""
    lang = hit["lang"]
    matched: dict[str, set[str]] = {}
    fields = [f"text_{lang}", f"loose_{lang}", "exact_text"]
    for fieldname, term in hit.matched_terms():
        if fieldname in fields:  # dates and IDs are matched too, as bytes that are not words
            text_term = term.decode("utf-8") if isinstance(term, bytes) else term
            matched.setdefault(fieldname, set()).add(text_term)
    snippet = snippet_for(schema, matched, fields, text) if text else ""
    published = hit.get("published")
    return Hit(
        url=hit["url"],
        canonical_url=hit["canonical_url"],
        title=hit["title"],
        source=hit["source"],
        lang=lang,
        published=published.date().isoformat() if published else None,
        score=round(hit.score or 0.0, 4),
        snippet=snippet,
        reposts=len(copies),
        repost_urls=[c["url"] for c in copies],
    )


def _counts(groups: dict) -> dict[str, int]:
    """Facet counts, largest first; documents without the field are left out."""
    counted = {str(k): int(v) for k, v in groups.items() if k not in (None, "", b"")}
    return dict(sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))
