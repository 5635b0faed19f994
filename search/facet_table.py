"""Source, language, year and status counted together: one code per document for its four values.

Counting each facet apart reads four per-document arrays at every match (four gathers over 10^5-10^6
matches); the documents of an archive hold few distinct combinations of the four (sources × languages
× years × statuses in use), so each document is given its combination's number once per index
generation, a search counts the combinations of its matches, and each facet's counts are summed from
them.
"""

from __future__ import annotations

import numpy as np

from indexer.index import FACETS
from search.columns import DocArrays
from search.matches import Matches
from search.stories import Folded, named_counts

# Past this many possible combinations the facets are counted apart (a remapping array of them is
# made once per index generation: 8 bytes each).
MAX_COMBINATIONS = 1 << 22


def combined_facets(docs: DocArrays, folded: Folded, found: Matches) -> dict[str, dict[str, int]] | None:
    """{facet: {value: stories}} of FACETS as stories.facet_counts counts each, when every story is
    one article (else a story of copies with different values needs its pairs made unique: None)."""
    if len(folded) != len(found):
        return None
    table = _table(docs)
    if table is None:
        return None
    combination, fields = table
    counts = np.bincount(combination[found.ids], minlength=len(fields[0][0]))
    facets = {}
    for name, (codes, names) in zip(FACETS, fields, strict=True):
        # codes + 1: a document without the facet's value has code -1, counted in slot 0, left out.
        summed = np.bincount(codes + 1, weights=counts, minlength=len(names) + 1)[1:]
        facets[name] = named_counts(summed.astype(np.int64), names)
    return facets


def _table(docs: DocArrays):
    """(combination number per document, [(per combination the facet's code, the facet's names)
    per facet]), made once per index generation; None when too many combinations are possible."""
    key = ("facet combinations", FACETS)
    if key not in docs.loaded:
        docs.loaded[key] = _combinations(docs)
    return docs.loaded[key]


def _combinations(docs: DocArrays):
    facets = [docs.facet(name) for name in FACETS]
    sizes = [len(names) + 1 for _, names in facets]  # one more: no value
    if int(np.prod(sizes, dtype=np.float64)) > MAX_COMBINATIONS:
        return None
    # The narrowest integers that number every possible combination: fewer bytes per document to pass.
    possible = int(np.prod(sizes))
    dtype = np.int16 if possible <= np.iinfo(np.int16).max else np.int32
    combined = facets[0][0].astype(dtype)
    for (codes, _), size in zip(facets[1:], sizes[1:], strict=True):
        np.multiply(combined, size, out=combined)
        np.add(combined, codes, out=combined)
    combined += sum(int(np.prod(sizes[index + 1 :])) for index in range(len(sizes)))  # each code + 1
    present = np.zeros(possible, bool)
    present[combined] = True
    used = np.flatnonzero(present)  # the combinations some document holds, ascending
    number = (np.cumsum(present) - 1).astype(dtype)
    combination = number[combined]
    fields = []
    rest = used
    for (_, names), size in reversed(list(zip(facets, sizes, strict=True))):
        fields.append(((rest % size - 1).astype(np.int64), names))
        rest = rest // size
    fields.reverse()
    combination.flags.writeable = False
    for codes, _ in fields:
        codes.flags.writeable = False
    return combination, fields
