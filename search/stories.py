"""Stories: an article and its reposts, counted once and shown by one copy, the earliest.

The store links each repost to the earliest copy of its text (archive/links). A search folds the
articles it matched into stories: a story is the matched copies of one text, shown by the earliest
dated one among them, ranked by that copy's date (sort by date) or by its best-scored copy
(relevance). Filters apply to articles before folding, so a story counts under a facet value
(a year, a language, a source) when one of its matched copies has that value: exactly the stories
the list shows once the facet's filter is applied.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from search.matches import Matches, top_ranked

STORIES, ARTICLES = "stories", "articles"  # what a count counts: folded, or every copy

_local = threading.local()  # index folder -> ((index generation, links state), story keys)


def story_keys(searcher, store, generation: tuple) -> np.ndarray | None:
    """Per document of the index (global number), the key of its story: its original's number for a
    linked repost (a number past the last document when the original is not indexed), else its own
    number. None when the store links no reposts. Kept per index generation and state of the links."""
    links_state = store.repost_state()
    if not links_state[0]:
        return None
    cache = _local.__dict__.setdefault("keys", {})
    state = (generation, links_state)
    cached = cache.get(generation[0])
    if cached is None or cached[0] != state:
        cached = cache[generation[0]] = (state, _keys(searcher, store.repost_pairs()))
    return cached[1]


def _keys(searcher, pairs: list[tuple[str, str]]) -> np.ndarray:
    count = searcher.doc_count_all()
    keys = np.arange(count, dtype=np.int64)
    unindexed: dict[str, int] = {}
    for copy, original in pairs:
        copy_number = searcher.document_number(canonical_url=copy)
        if copy_number is None:
            continue
        original_number = searcher.document_number(canonical_url=original)
        if original_number is None:
            original_number = count + unindexed.setdefault(original, len(unindexed))
        keys[copy_number] = original_number
    for _ in range(8):  # a copy of a copy (links are made to the earliest copy, but not trusted to)
        inside = keys < count
        followed = np.where(inside, keys[np.where(inside, keys, 0)], keys)
        if np.array_equal(followed, keys):
            break
        keys = followed
    keys.flags.writeable = False
    return keys


@dataclass(frozen=True)
class Folded:
    """Matches (indices into a Matches) grouped into stories numbered 0..len-1."""

    story: np.ndarray  # per match, its story's number
    shown: np.ndarray  # per story, the match that stands for it: the earliest dated copy
    best: np.ndarray  # per story, its best-scored match
    by_story: np.ndarray  # the matches ordered by story, each story's earliest copy first
    starts: np.ndarray  # where each story begins in by_story (one more entry than stories)

    def __len__(self) -> int:
        return len(self.shown)

    def members(self, number: int) -> np.ndarray:
        """The story's matches, the one shown first."""
        return self.by_story[self.starts[number] : self.starts[number + 1]]


def fold(found: Matches, keys: np.ndarray | None, dates: tuple[np.ndarray, np.ndarray]) -> Folded:
    """`found` folded by story `keys` (None: every article a story of its own). `dates`: (sort key,
    has a date) per document, as search.columns.DocArrays.published() gives them."""
    n = len(found)
    if keys is None or not n:
        every = np.arange(n)
        return Folded(every, every, every, every, np.arange(n + 1))
    date_keys, has_date = dates
    ids = found.ids
    _, story = np.unique(keys[ids], return_inverse=True)
    story = story.reshape(-1)
    # Undated copies after every dated one; equal dates by document number.
    when = np.where(has_date[ids], date_keys[ids], np.iinfo(np.uint64).max)
    by_story = np.lexsort((ids, when, story))
    firsts = np.flatnonzero(np.concatenate(([True], np.diff(story[by_story]) != 0)))
    by_score = np.lexsort((ids, -found.scores, story))
    starts = np.append(firsts, n)
    return Folded(story, by_story[firsts], by_score[firsts], by_story, starts)


def ranked(folded: Folded, found: Matches, sort: str, count: int | None, dates) -> np.ndarray:
    """Story numbers, the first `count` (None: all): newest shown copy first, equal dates by the later
    document, undated stories last (sort "date"); else by best score, equal scores by the earlier
    document (as Whoosh's collector orders them)."""
    if sort == "date":
        date_keys, has_date = dates
        shown = found.ids[folded.shown]
        keys = np.where(has_date[shown], date_keys[shown], np.uint64(0))
        return top_ranked(keys, shown, count, ties_descending=True)
    best = folded.best
    return top_ranked(found.scores[best], found.ids[best], count, ties_descending=False)


def facet_counts(codes: np.ndarray, names: list[str], folded: Folded, found: Matches) -> dict[str, int]:
    """{value: stories with a matched copy of that value} of one facet (`codes`: the index into
    `names` per document, -1 for none), largest first."""
    here = codes[found.ids]
    has = here >= 0
    if len(folded) == len(found):  # every story one article
        counts = np.bincount(here[has], minlength=len(names))
    else:
        pairs = np.unique(here[has].astype(np.int64) * len(folded) + folded.story[has])
        counts = np.bincount(pairs // len(folded), minlength=len(names))
    counted = {
        str(names[i]): int(c) for i, c in enumerate(counts.tolist()) if c and names[i] not in ("", None)
    }
    return dict(sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))
