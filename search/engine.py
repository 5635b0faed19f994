"""search(): a query in, plain data out (hits with snippets); the CLI, web page and exports call it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np

from archive.settings import DataDir
from archive.store import Store
from indexer.names import NAMES_FIELD
from search.columns import DocArrays
from search.entity_facets import all_facets
from search.evaluate import Evaluation, Matches, restrict_to
from search.filters import Filters
from search.indexed_fields import IndexedFacts, facet_value, indexed_facts
from search.opening import evaluation_for, index_generation, opened_searcher, understand_query
from search.query import QueryError
from search.snippets import MARK, SNIPPET_CHARS, lead, snippet_for
from search.stories import ARTICLES, STORIES, Folded, fold, ranked, story_keys

__all__ = [
    "MARK",
    "SNIPPET_CHARS",
    "SORTS",
    "ARTICLES",
    "STORIES",
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
    published: str | None  # YYYY-MM-DD: the date the story is sorted by under sort "date"
    score: float  # the story's best-scored copy's (what relevance ranks it by)
    snippet: str
    reposts: int = 0  # its story's other copies among the hits, folded under it
    repost_urls: list[str] = field(default_factory=list)
    translations: list[dict] = field(default_factory=list)  # [{lang, url}]: the release in other languages
    status: str | None = None  # what re-checks found of its page (as `status:`); None: not in the store

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class SearchResult:
    """A page of hits. `total`, the facets and the hits count what `counts` says: STORIES (an
    article and its reposts once) or ARTICLES (every copy, reposts not folded); `total_articles`
    counts every matched copy either way."""

    query: str
    total: int
    hits: list[Hit]
    understood: str = ""  # the query as the engine read it, for the user to check
    # source/lang/year/person/org/region -> value -> stories with a matched copy of that value
    # (articles unfolded; the top 20 names): what the list holds once that filter is applied.
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    explanation: list[str] = field(default_factory=list)  # per word: lemmas, stems, keys, aliases
    aliases: list[str] = field(default_factory=list)  # "Астана → Астана | Нур-Султан | …"
    prefixes: list = field(default_factory=list)  # search.prefixes.PrefixNote: prefixes that lost words
    collapsed: int = 0  # copies folded under the one shown: total_articles - total
    total_articles: int = 0
    counts: str = STORIES

    def to_dict(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "total_articles": self.total_articles,
            "counts": self.counts,
            "hits": [h.to_dict() for h in self.hits],
            "understood": self.understood,
            "facets": self.facets,
            "explanation": self.explanation,
            "aliases": self.aliases,
            "prefixes": [note.to_dict() for note in self.prefixes],
            "collapsed": self.collapsed,
        }


def _check_sort(sort: str) -> None:
    if sort not in SORTS:
        raise QueryError("unknown sort %(sort)r", "use one of: %(sorts)s", sort=sort, sorts=", ".join(SORTS))


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
    expands alias names (config/aliases.toml and the data folder's aliases.toml). Reposts the
    store links are folded into stories (search.stories): one hit per story, its earliest matched
    copy shown and sorted by, the other copies counted under it; `collapse_reposts=False` gives
    every copy. Raises QueryError for a malformed query, IndexMissingError when there is no index.
    """
    _check_sort(sort)
    data_dir = DataDir.of(data_dir)
    with opened_searcher(data_dir) as searcher:
        understood = understand_query(data_dir, query, searcher, filters, exact, aliases)
        evaluation = evaluation_for(data_dir, searcher)
        found = _matches(evaluation, understood.query, filters)
        dates = evaluation.docs.published()
        with Store.open_readonly(data_dir.store_path) as store:
            keys = story_keys(searcher, store, index_generation(data_dir)) if collapse_reposts else None
            folded = fold(found, keys, dates)
            page = ranked(folded, found, sort, offset + limit, dates)[offset:]
            hits = _page_hits(searcher, store, evaluation, understood, found, folded, page)
            return SearchResult(
                query=query,
                total=len(folded),
                hits=hits,
                understood=str(understood.query),
                facets=all_facets(evaluation.docs, folded, found),
                explanation=understood.lines,
                aliases=understood.aliases,
                prefixes=understood.prefixes,
                collapsed=len(found) - len(folded),
                total_articles=len(found),
                counts=STORIES if collapse_reposts else ARTICLES,
            )


def _page_hits(searcher, store: Store, evaluation: Evaluation, understood, found, folded, page) -> list[Hit]:
    """The hits of a page of stories: each shown by its copy, with the other copies and the
    translations the store links to it."""
    shown = [int(found.ids[folded.shown[story]]) for story in page]
    terms = evaluation.matched_terms(understood.query, shown)
    fields = [searcher.stored_fields(docnum) for docnum in shown]
    articles = store.get_many([f["canonical_url"] for f in fields])
    hits = [
        _hit(
            searcher.schema,
            stored,
            indexed_facts(evaluation.docs, docnum),
            float(found.scores[folded.best[story]]),
            terms[docnum],
            understood.alias_terms,
            articles.get(stored["canonical_url"]),
            _copies(searcher, found, folded, story),
        )
        for story, docnum, stored in zip(page, shown, fields, strict=True)
    ]
    translations = store.translations_of(hit.canonical_url for hit in hits)
    for hit in hits:
        hit.translations = translations.get(hit.canonical_url, [])
    return hits


def _copies(searcher, found: Matches, folded: Folded, story: int) -> list[str]:
    """The URLs of the story's matched copies other than the one shown."""
    return [searcher.stored_fields(int(found.ids[m]))["url"] for m in folded.members(story)[1:]]


def _matches(evaluation: Evaluation, q, filters: Filters | None) -> Matches:
    """What `q` matches among what `filters` let through (unscored, as Whoosh's filter= leaves
    scores alone)."""
    found = evaluation.matches(q)
    restrict = filters.restriction() if filters else None
    if restrict is not None:
        found = restrict_to(found, evaluation.matches(restrict).ids)
    return found


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
    collapse_reposts: bool = True,
    snippets: bool = False,
) -> Iterator[dict]:
    """Every hit of `query` (not a page of them) as the stored article's fields, streamed in batches:
    one per story, the copy search() shows, with `reposts` (how many other copies) and
    `repost_urls`; every copy (`reposts` 0) with `collapse_reposts=False`. With `snippets`, each
    has the `snippet` search() shows (exports)."""
    _check_sort(sort)
    data_dir = DataDir.of(data_dir)
    with opened_searcher(data_dir) as searcher:
        understood = understand_query(data_dir, query, searcher, filters, exact, aliases)
        q = understood.query
        evaluation = evaluation_for(data_dir, searcher)
        found = _matches(evaluation, q, filters)
        dates = evaluation.docs.published()
        with Store.open_readonly(data_dir.store_path) as store:
            keys = story_keys(searcher, store, index_generation(data_dir)) if collapse_reposts else None
            folded = fold(found, keys, dates)
            order = ranked(folded, found, sort, None, dates)
            for start in range(0, len(order), batch_size):
                batch = order[start : start + batch_size]
                shown = [int(found.ids[folded.shown[story]]) for story in batch]
                stored = [searcher.stored_fields(docnum) for docnum in shown]
                articles = store.get_many([f["canonical_url"] for f in stored])
                terms = evaluation.matched_terms(q, shown) if snippets else {}
                for story, docnum, fields in zip(batch, shown, stored, strict=True):
                    article = articles.get(fields["canonical_url"])
                    if article is None:  # indexed, then removed from the store
                        continue
                    if snippets:
                        text = article["text"]
                        lang = facet_value(evaluation.docs, "lang", docnum)
                        article["snippet"] = _snippet(
                            searcher.schema, lang, terms[docnum], understood.alias_terms, text
                        )
                    score = float(found.scores[folded.best[story]])
                    copies = _copies(searcher, found, folded, story)
                    record = {
                        **article,
                        "score": round(score, 4) if sort == "relevance" else None,
                        "reposts": len(copies),
                        "repost_urls": copies,
                    }
                    if not with_text:
                        record.pop("text")
                    yield record


class Matched(NamedTuple):
    """Every article a query matched: the searcher, their document numbers (ascending), the number
    of each one's story (equal numbers: one story; all different when not folded), what a count of
    them counts, and the index's per-document arrays (dates, facet values) to count them by."""

    searcher: object
    docs: np.ndarray
    stories: np.ndarray
    counts: str  # STORIES or ARTICLES
    arrays: DocArrays


@contextmanager
def matching_docs(
    data_dir: DataDir | Path | str,
    query: str,
    *,
    filters: Filters | None = None,
    collapse_reposts: bool = True,
) -> Iterator[Matched]:
    """The Matched articles of `query` under the filters, nothing loaded, read the way search() reads
    the query (aliases included), folded into the stories search() shows. For counting."""
    data_dir = DataDir.of(data_dir)
    with opened_searcher(data_dir) as searcher:
        q = understand_query(data_dir, query, searcher, filters, exact=False, aliases=True).query
        evaluation = evaluation_for(data_dir, searcher)
        found = _matches(evaluation, q, filters)
        with Store.open_readonly(data_dir.store_path) as store:
            keys = story_keys(searcher, store, index_generation(data_dir)) if collapse_reposts else None
        folded = fold(found, keys, evaluation.docs.published())
        counts = STORIES if collapse_reposts else ARTICLES
        yield Matched(searcher, found.ids, folded.story, counts, evaluation.docs)


def _hit(
    schema,
    stored: dict,
    facts: IndexedFacts,
    score: float,
    terms: list,
    alias_terms: dict,
    article: dict | None,
    copies: list,
) -> Hit:
    snippet = _snippet(schema, facts.lang, terms, alias_terms, article["text"] if article else "")
    return Hit(
        url=stored["url"],
        canonical_url=stored["canonical_url"],
        # The title is the store's (the index keeps none); an article indexed, then removed from
        # the store, is shown by its URL.
        title=article["title"] if article else stored["url"],
        source=facts.source,
        lang=facts.lang,
        published=facts.published,
        score=round(score, 4),
        snippet=snippet,
        reposts=len(copies),
        repost_urls=copies,
        status=article.get("status") if article else None,
    )


def _snippet(schema, lang: str, terms: list, alias_terms: dict, text: str) -> str:
    """The passages of `text` where the matched `terms` (field, term) are, marked."""
    matched: dict[str, set[str]] = {}
    fields = [f"text_{lang}", f"loose_{lang}", "exact_text"]
    for fieldname, term in terms:
        if fieldname == NAMES_FIELD:  # an alias group tagged at indexing: mark its names' words
            for name_field in fields:
                matched.setdefault(name_field, set()).update(alias_terms.get(name_field, ()))
        elif fieldname in fields:  # dates and IDs are matched too, as bytes that are not words
            text_term = term.decode("utf-8") if isinstance(term, bytes) else term
            matched.setdefault(fieldname, set()).add(text_term)
    return snippet_for(schema, matched, fields, text) if text else ""
