"""search(): a query in, plain data out (hits with snippets); the CLI, web page and exports call it."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from archive.settings import DataDir
from archive.store import Store
from indexer.aliases import load_aliases
from indexer.index import FACETS, META_FILE, open_index
from indexer.names import NAMES_FIELD, indexed_group_ids, read_record
from search.evaluate import Evaluation, Matches, restrict_to, top_ranked
from search.filters import Filters
from search.query import QueryError, understand
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


def _check_sort(sort: str) -> None:
    if sort not in SORTS:
        raise QueryError(f"unknown sort {sort!r}", f"use one of: {', '.join(SORTS)}")


def search(
    data_dir: DataDir | Path | str,
    query: str,
    *,
    filters: Filters | None = None,
    sort: str = "relevance",
    limit: int = 10,
    offset: int = 0,
    exact: bool = False,
    aliases: bool = True,
    collapse_reposts: bool = True,
) -> SearchResult:
    """The hits for `query` ranked by `sort`, `limit` of them from `offset`, with the total count.

    `filters` keep to a language, a source, a date range; `exact` searches words as written (no
    lemmas, stems, other alphabets or aliases); `aliases`
    expands alias names (config/aliases.toml and the data folder's aliases.toml). Reposts are
    folded under the first copy, with a count, when the store links them.
    Raises QueryError for a malformed query, IndexMissingError when there is no index.
    """
    _check_sort(sort)
    data_dir = DataDir.of(data_dir)
    with _opened(data_dir) as searcher:
        understood = _understand(data_dir, query, searcher, filters, exact, aliases)
        evaluation = _evaluation(data_dir, searcher)
        found = _matches(evaluation, understood.query, filters)
        with Store.open_readonly(data_dir.store_path) as store:
            # Collapsing needs every hit; with no repost links in the store only the page is needed.
            collapse_reposts = collapse_reposts and store.has_reposts()
            order = _ranking(evaluation, found, sort, None if collapse_reposts else offset + limit)
            ranked = [_Ranked(searcher, int(found.ids[i]), float(found.scores[i])) for i in order]
            groups = _collapse(ranked, store) if collapse_reposts else [(h, []) for h in ranked]
            page = groups[offset : offset + limit]
            terms = evaluation.matched_terms(understood.query, [h.docnum for h, _ in page])
            articles = store.get_many([h["canonical_url"] for h, _ in page])
            hits = [
                _hit(
                    searcher.schema,
                    h,
                    terms[h.docnum],
                    understood.alias_terms,
                    articles.get(h["canonical_url"]),
                    copies,
                )
                for h, copies in page
            ]
            return SearchResult(
                query=query,
                total=len(groups) if collapse_reposts else len(found),
                hits=hits,
                understood=str(understood.query),
                facets=_facets(evaluation, found),
                explanation=understood.lines,
                aliases=understood.aliases,
                collapsed=len(ranked) - len(groups) if collapse_reposts else 0,
            )


class _Ranked:
    """A ranked document: its number, score and stored fields (read when first asked for)."""

    __slots__ = ("_fields", "docnum", "score", "searcher")

    def __init__(self, searcher, docnum: int, score: float):
        self.searcher = searcher
        self.docnum = docnum
        self.score = score
        self._fields: dict | None = None

    def fields(self) -> dict:
        if self._fields is None:
            self._fields = self.searcher.stored_fields(self.docnum)
        return self._fields

    def __getitem__(self, name: str):
        return self.fields()[name]

    def get(self, name: str, default=None):
        return self.fields().get(name, default)


def _matches(evaluation: Evaluation, q, filters: Filters | None) -> Matches:
    """What `q` matches among what `filters` let through (unscored, as Whoosh's filter= leaves
    scores alone)."""
    found = evaluation.matches(q)
    restrict = filters.restriction() if filters else None
    if restrict is not None:
        found = restrict_to(found, evaluation.matches(restrict).ids)
    return found


def _ranking(evaluation: Evaluation, found: Matches, sort: str, count: int | None) -> np.ndarray:
    """Indices into `found` of its first `count` (None: all) by score, ties by document number (as
    Whoosh's collector orders them), or newest first, ties by the later document number, undated
    articles last (Whoosh would put them first: its column gives them the largest key)."""
    if sort == "date":
        keys, has_date = evaluation.docs.published()
        dated_keys = np.where(has_date[found.ids], keys[found.ids], np.uint64(0))
        return top_ranked(dated_keys, found.ids, count, ties_descending=True)
    return top_ranked(found.scores, found.ids, count, ties_descending=False)


def _facets(evaluation: Evaluation, found: Matches) -> dict[str, dict[str, int]]:
    """{facet: {value: count}} over the matched documents, largest first."""
    facets = {}
    for name in FACETS:
        codes, names = evaluation.docs.facet(name)
        here = codes[found.ids]
        counts = np.bincount(here[here >= 0], minlength=len(names))
        facets[name] = _counts({names[i]: int(n) for i, n in enumerate(counts.tolist()) if n})
    return facets


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


@contextmanager
def _opened(data_dir: DataDir) -> Iterator:
    """The index's searcher (see _searcher); an OSError under it (files gone: the index was rebuilt
    or deleted) drops it, so that the next search opens the index afresh."""
    searcher = _searcher(data_dir.index_dir)
    try:
        yield searcher
    except OSError:
        _searchers().pop(data_dir.index_dir, None)
        raise


def _evaluation(data_dir: DataDir, searcher) -> Evaluation:
    """An evaluation on `searcher`, sharing posting and phrase caches with every thread's searcher of
    the same index generation (the web server runs each request in a thread of its own)."""
    state = _searchers()[data_dir.index_dir][0]
    return Evaluation(searcher, (str(data_dir.index_dir), state))


def _index_state(index_dir: Path) -> tuple | None:
    try:
        with os.scandir(index_dir) as entries:
            files = [e for e in entries if e.name.endswith(".toc") or e.name == META_FILE]
            return tuple(sorted((e.name, e.stat().st_ino, e.stat().st_mtime_ns) for e in files))
    except FileNotFoundError:
        return None


def _understand(data_dir: DataDir, query: str, searcher, filters: Filters | None, exact: bool, aliases: bool):
    """The query read against this index; a source the index holds no article of (in the filters or
    a source: field) is a FilterError naming the ones it holds, not a silent 0 hits."""
    sources = frozenset(searcher.reader().field_terms("source"))
    if filters:
        filters.check_source(sources)
    return understand(
        query,
        searcher.schema,
        filters.lang if filters else None,
        exact=exact,
        aliases=load_aliases(data_dir.root) if aliases else False,
        indexed_names=_indexed_names(data_dir.index_dir),
        sources=sources,
    )


_indexed_groups: dict[Path, tuple] = {}  # index folder -> (its state, the alias groups it indexed)


def _indexed_names(index_dir: Path) -> frozenset[str] | None:
    """The alias groups the index tagged in its names field (read once per index generation)."""
    state = _searchers()[index_dir][0]
    cached = _indexed_groups.get(index_dir)
    if cached is None or cached[0] != state:
        cached = _indexed_groups[index_dir] = (state, indexed_group_ids(read_record(index_dir)))
    return cached[1]


def _collapse(ranked: list, store: Store) -> list[tuple]:
    """(hit, [its reposts among the hits]) in rank order; the earliest copy stands for the story."""
    original_of = store.repost_originals(h["canonical_url"] for h in ranked)
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
    filters: Filters | None = None,
    sort: str = "date",
    with_text: bool = False,
    batch_size: int = 500,
    exact: bool = False,
    aliases: bool = True,
) -> Iterator[dict]:
    """Every hit of `query` (not a page of them) as the stored article's fields, streamed in batches."""
    _check_sort(sort)
    data_dir = DataDir.of(data_dir)
    with _opened(data_dir) as searcher:
        q = _understand(data_dir, query, searcher, filters, exact, aliases).query
        evaluation = _evaluation(data_dir, searcher)
        found = _matches(evaluation, q, filters)
        order = _ranking(evaluation, found, sort, None)
        with Store.open_readonly(data_dir.store_path) as store:
            for start in range(0, len(order), batch_size):
                batch = [searcher.stored_fields(int(found.ids[i])) for i in order[start : start + batch_size]]
                scores = found.scores[order[start : start + batch_size]].tolist()
                articles = store.get_many([h["canonical_url"] for h in batch])
                for fields, score in zip(batch, scores, strict=True):
                    article = articles.get(fields["canonical_url"])
                    if article is None:  # indexed, then removed from the store
                        continue
                    record = {**article, "score": round(score, 4) if sort == "relevance" else None}
                    if not with_text:
                        record.pop("text")
                    yield record


@contextmanager
def matching_docs(
    data_dir: DataDir | Path | str,
    query: str,
    *,
    filters: Filters | None = None,
) -> Iterator[tuple]:
    """(searcher, docnums) of every article `query` matches under the filters: ascending, nothing
    loaded, read the way search() reads the query (aliases included). For counting."""
    data_dir = DataDir.of(data_dir)
    with _opened(data_dir) as searcher:
        q = _understand(data_dir, query, searcher, filters, exact=False, aliases=True).query
        found = _matches(_evaluation(data_dir, searcher), q, filters)
        yield searcher, found.ids.tolist()


def _hit(schema, hit: _Ranked, terms: list, alias_terms: dict, article: dict | None, copies: list) -> Hit:
    text = article["text"] if article else ""
    lang = hit["lang"]
    matched: dict[str, set[str]] = {}
    fields = [f"text_{lang}", f"loose_{lang}", "exact_text"]
    for fieldname, term in terms:
        if fieldname == NAMES_FIELD:  # an alias group tagged at indexing: mark its names' words
            for name_field in fields:
                matched.setdefault(name_field, set()).update(alias_terms.get(name_field, ()))
        elif fieldname in fields:  # dates and IDs are matched too, as bytes that are not words
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
        score=round(hit.score, 4),
        snippet=snippet,
        reposts=len(copies),
        repost_urls=[c["url"] for c in copies],
    )


def _counts(groups: dict) -> dict[str, int]:
    """Facet counts, largest first; documents without the field are left out."""
    counted = {str(k): int(v) for k, v in groups.items() if k not in (None, "", b"")}
    return dict(sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))
