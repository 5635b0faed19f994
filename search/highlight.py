"""The query's words marked in a whole article (its title and its text), as search marks a snippet."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from archive.settings import DataDir
from indexer.names import NAMES_FIELD
from search.indexed_fields import facet_value
from search.opening import evaluation_for, opened_searcher, understand_query
from search.snippets import matched_spans


@dataclass
class ArticleMarks:
    """(start, end) character spans of the title and of the text where the query matched."""

    title: list[tuple[int, int]] = field(default_factory=list)
    text: list[tuple[int, int]] = field(default_factory=list)


def article_marks(data_dir: DataDir | Path | str, query: str, article: dict) -> ArticleMarks:
    """Where `query` matched the stored `article` (a dict with canonical_url, lang, title, text):
    the word forms a snippet of it would mark, over the whole title and text. No spans when the
    query does not match the article or the index does not hold it.
    Raises QueryError for a malformed query, IndexMissingError when there is no index."""
    data_dir = DataDir.of(data_dir)
    with opened_searcher(data_dir) as searcher:
        understood = understand_query(data_dir, query, searcher, None, exact=False, aliases=True)
        docnum = searcher.document_number(canonical_url=article["canonical_url"])
        if docnum is None:
            return ArticleMarks()
        evaluation = evaluation_for(data_dir, searcher)
        evaluation.matches(understood.query)  # matched_terms reads the evaluated nodes
        terms = evaluation.matched_terms(understood.query, [docnum])[docnum]
        lang = facet_value(evaluation.docs, "lang", docnum)
        schema = searcher.schema
        marks = ArticleMarks()
        for part, kind in (("title", "title"), ("text", "text")):
            fields = [f"{kind}_{lang}", f"loose_{lang}", f"exact_{kind}"]
            matched = _field_terms(terms, understood.alias_terms, fields)
            text = article.get(part) or ""
            setattr(marks, part, matched_spans(schema, matched, fields, text) if matched and text else [])
        return marks


def _field_terms(terms: list, alias_terms: dict, fields: list[str]) -> dict[str, set[str]]:
    """{field: terms to mark} among `fields`, as search's snippets take them from a hit's terms."""
    matched: dict[str, set[str]] = {}
    for fieldname, term in terms:
        if fieldname == NAMES_FIELD:  # an alias group tagged at indexing: mark its names' words
            for name_field in fields:
                matched.setdefault(name_field, set()).update(alias_terms.get(name_field, ()))
        elif fieldname in fields:
            matched.setdefault(fieldname, set()).add(
                term.decode("utf-8") if isinstance(term, bytes) else term
            )
    return {name: found for name, found in matched.items() if found}
