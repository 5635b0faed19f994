"""A search's facets: source, language and year, and the people, organisations and regions its hits name.

An article names many people, so an entity facet is counted from (document, name) pairs, read once per
index generation from the postings of the names field; a story counts under a name when one of its
matched copies names it, as under a source: what the facet's link (the filter person=…) leads to.
"""

from __future__ import annotations

import numpy as np

from archive.entities import ORG, PERSON, REGION
from indexer.entity_fields import KEY_FIELDS, NAME_FIELDS
from indexer.index import FACETS
from indexer.whoosh_format import read_postings
from search.columns import DocArrays
from search.facet_table import combined_facets
from search.matches import Matches, distinct
from search.stories import Folded, facet_counts

TOP_ENTITIES = 20
# The entity facets by the filter each one's values lead to (person=…, org=…, region=…).
ENTITY_FACETS = {KEY_FIELDS[kind]: NAME_FIELDS[kind] for kind in (PERSON, ORG, REGION)}


def all_facets(docs: DocArrays, folded: Folded, found: Matches, top: int = TOP_ENTITIES) -> dict:
    """{facet: {value: stories}} of the matches: every source, language and year; the `top` people,
    organisations and regions, largest first."""
    facets = combined_facets(docs, folded, found)
    if facets is None:
        facets = {name: facet_counts(*docs.facet(name), folded, found) for name in FACETS}
    for name, fieldname in ENTITY_FACETS.items():
        facets[name] = entity_counts(docs, fieldname, folded, found, top)
    return facets


def entity_counts(
    docs: DocArrays, fieldname: str, folded: Folded, found: Matches, top: int | None = TOP_ENTITIES
) -> dict[str, int]:
    """{name: stories with a matched copy naming it} of the names field `fieldname`, the `top` ones
    (None: all), largest first, equal counts by name."""
    pair_docs, pair_codes, names = name_pairs(docs, fieldname)
    if not len(found) or not len(pair_docs):
        return {}
    if len(folded) == len(found):  # every story one article: each matched pair counts once
        # A mask of the matches (1 byte a document) is all it takes to pick their pairs.
        matched = np.zeros(docs.count, bool)
        matched[found.ids] = True
        counts = np.bincount(pair_codes[matched[pair_docs]], minlength=len(names))
    else:
        position = np.full(docs.count, -1, np.int64)
        position[found.ids] = np.arange(len(found))
        matched = position[pair_docs]
        keep = matched >= 0
        codes, matches = pair_codes[keep], matched[keep]
        # Only a story of several copies can name a name twice: its pairs are made unique, the
        # others (most of them) counted as they are.
        sizes = np.diff(folded.starts)
        shared = sizes[folded.story[matches]] > 1
        counts = np.bincount(codes[~shared], minlength=len(names))
        stories = folded.story[matches[shared]].astype(np.int64)
        pairs = distinct(codes[shared].astype(np.int64) * len(folded) + stories)
        counts += np.bincount(pairs // len(folded), minlength=len(names))
    order = sorted(np.flatnonzero(counts).tolist(), key=lambda i: (-int(counts[i]), names[i]))
    return {names[i]: int(counts[i]) for i in order[:top]}


def name_pairs(docs: DocArrays, fieldname: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(document numbers, index into the names, names): one pair per document naming a name in
    `fieldname`, deleted documents left out; loaded once into the arrays the index's searchers share."""
    key = ("name pairs", fieldname)
    loaded = docs.loaded.get(key)
    if loaded is None:
        loaded = _read_pairs(docs, fieldname)
        for array in loaded[:2]:
            array.flags.writeable = False
        docs.loaded[key] = loaded
    return loaded


def _read_pairs(docs: DocArrays, fieldname: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    searcher = docs.searcher
    if fieldname not in searcher.schema:
        return np.zeros(0, np.int64), np.zeros(0, np.int32), []
    kept = docs.kept_terms(fieldname)  # as each segment kept them when written, if all did
    if kept is not None:
        return kept
    doc_parts, code_parts, names = [], [], []
    for btext in searcher.reader().lexicon(fieldname):
        for reader, offset in docs.segments:
            postings = read_postings(reader, fieldname, btext, with_values=False)
            if postings is not None and len(postings.ids):
                doc_parts.append(postings.ids.astype(np.int64) + offset)
                code_parts.append(np.full(len(postings.ids), len(names), np.int32))
        names.append(btext.decode("utf-8"))
    if not doc_parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int32), names
    return np.concatenate(doc_parts), np.concatenate(code_parts), names
