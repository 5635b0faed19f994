"""Stories numbered and facet pairs made unique by sorting (matches.distinct) give what np.unique gave."""

from __future__ import annotations

import numpy as np

from search.matches import Matches
from search.stories import facet_counts, fold


def _matches(rng, documents: int, count: int) -> Matches:
    ids = np.sort(rng.choice(documents, size=count, replace=False)).astype(np.int64)
    return Matches(ids, rng.random(count))


def test_stories_are_numbered_as_np_unique_numbers_their_keys():
    rng = np.random.default_rng(7)
    documents = 5000
    # Most documents their own story, some reposts of a few originals, some of an unindexed one.
    keys = np.arange(documents, dtype=np.int64)
    reposts = rng.choice(documents, size=1500, replace=False)
    keys[reposts] = rng.choice([3, 17, 256, 4999, documents + 2], size=len(reposts))
    dates = (rng.integers(0, 10**6, documents).astype(np.uint64), rng.random(documents) < 0.9)
    found = _matches(rng, documents, 2000)
    folded = fold(found, keys, dates)
    expected = np.unique(keys[found.ids], return_inverse=True)[1].reshape(-1)
    assert folded.story.dtype == expected.dtype
    assert np.array_equal(folded.story, expected)
    assert len(folded) == len(np.unique(keys[found.ids]))


def test_a_facet_counts_each_story_once_as_np_unique_counted_it():
    rng = np.random.default_rng(11)
    documents, names = 3000, ["", "kk", "ru", "en", "inform"]
    keys = np.arange(documents, dtype=np.int64)
    keys[rng.choice(documents, size=1200, replace=False)] = rng.choice(40, size=1200)
    codes = rng.integers(-1, len(names), documents)
    dates = (np.zeros(documents, np.uint64), np.zeros(documents, bool))
    found = _matches(rng, documents, 1500)
    folded = fold(found, keys, dates)
    here = codes[found.ids]
    has = here >= 0
    pairs = np.unique(here[has].astype(np.int64) * len(folded) + folded.story[has])
    counts = np.bincount(pairs // len(folded), minlength=len(names))
    expected = {names[i]: int(c) for i, c in enumerate(counts) if c and names[i]}
    got = facet_counts(codes, names, folded, found)
    assert got == expected and list(got.values()) == sorted(got.values(), reverse=True)
