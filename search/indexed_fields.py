"""A document's language, source and date as the index holds them: its facet postings and date column."""

from __future__ import annotations

from typing import NamedTuple

from whoosh.util.times import long_to_datetime

from search.columns import DocArrays


class IndexedFacts(NamedTuple):
    lang: str
    source: str
    published: str | None  # YYYY-MM-DD; None when the article has no date


def indexed_facts(docs: DocArrays, docnum: int) -> IndexedFacts:
    """The facts of document `docnum`, from the arrays search loads for facets and date sorts (the
    index keeps no stored copy of them: the store has the article)."""
    return IndexedFacts(
        facet_value(docs, "lang", docnum), facet_value(docs, "source", docnum), _date(docs, docnum)
    )


def facet_value(docs: DocArrays, fieldname: str, docnum: int) -> str:
    """The document's value of the ID field `fieldname` (its facet code); "" when it has none."""
    codes, names = docs.facet(fieldname)
    code = int(codes[docnum])
    return names[code] if code >= 0 else ""


def _date(docs: DocArrays, docnum: int) -> str | None:
    keys, has_date = docs.published()
    if not has_date[docnum]:
        return None
    return long_to_datetime(int(keys[docnum])).date().isoformat()
