"""Stories: an article and its reposts, counted once and shown by one copy, the earliest.

The store links each repost to the earliest copy of its text (archive/links). A search folds the
articles it matched into stories: a story is the matched copies of one text, shown by the earliest
dated one among them, ranked by that copy's date (sort by date) or by its best-scored copy
(relevance). Filters apply to articles before folding, so a story counts under a facet value
(a year, a language, a source) when one of its matched copies has that value: exactly the stories
the list shows once the facet's filter is applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from indexer.stories import read_story_keys, story_keys_of
from search.matches import Matches, distinct, top_ranked

STORIES, ARTICLES = "stories", "articles"  # what a count counts: folded, or every copy

# index folder -> ((index generation, links state), story keys): shared by every thread (the web
# server answers each request in a thread of its own), as the searchers of a generation number
# their documents alike.
_keys_by_index: dict[str, tuple[tuple, np.ndarray]] = {}


def story_keys(searcher, store, generation: tuple) -> np.ndarray | None:
    """Per document of the index (global number), the key of its story (indexer.stories): those kept
    beside the index when made from the same links, else made here; kept per index generation and
    state of the links. None when the store links no reposts."""
    links_state = store.repost_state()
    if not links_state[0]:
        return None
    state = (generation, links_state)
    cached = _keys_by_index.get(generation[0])
    if cached is None or cached[0] != state:  # two threads may both build it: the same keys
        keys = read_story_keys(Path(generation[0]), searcher, links_state)
        if keys is None:
            keys = story_keys_of(searcher, store.repost_pairs())
        keys.flags.writeable = False
        cached = _keys_by_index[generation[0]] = (state, keys)
    return cached[1]


@dataclass(frozen=True)
class Folded:
    """Matches (indices into a Matches) grouped into stories numbered 0..len-1."""

    story: np.ndarray  # per match, its story's number
    shown: np.ndarray  # per story, the match that stands for it: the earliest dated copy
    best: np.ndarray  # per story, its best-scored match
    by_story: np.ndarray  # the matches ordered by story, each story's earliest copy first
    starts: np.ndarray  # where each story begins in by_story (one more entry than stories)
    alone: bool = False  # every match a story of its own, numbered as the matches are (not folded)

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
        numbers = _counting(n + 1)
        return Folded(numbers[:n], numbers[:n], numbers[:n], numbers[:n], numbers, alone=True)
    date_keys, has_date = dates
    ids = found.ids
    story = _story_numbers(keys[ids])
    # Undated copies after every dated one; equal dates by document number.
    when = np.where(has_date[ids], date_keys[ids], np.iinfo(np.uint64).max)
    by_story = np.lexsort((ids, when, story))
    firsts = np.flatnonzero(np.concatenate(([True], np.diff(story[by_story]) != 0)))
    starts = np.append(firsts, n)
    return Folded(story, by_story[firsts], _best_scored(found.scores, story, len(firsts)), by_story, starts)


_numbers = np.arange(0)


def _counting(count: int) -> np.ndarray:
    """0, 1, ..., count - 1, read-only: slices of one array kept for every search (a fresh arange
    of 10^6 is 8 MB of new pages at each query)."""
    global _numbers
    numbers = _numbers
    if len(numbers) < count:
        numbers = np.arange(max(count, 2 * len(numbers)))
        numbers.flags.writeable = False
        _numbers = numbers
    return numbers[:count]


def _story_numbers(keys: np.ndarray) -> np.ndarray:
    """Per match, the rank of its story key among the distinct keys (np.unique's inverse). Keys are
    document numbers (or just past the last): over many matches, a mask of the keys and its running
    count number them in one pass instead of a sort."""
    size = int(keys.max()) + 1
    if len(keys) * 8 >= size:
        present = np.zeros(size, bool)
        present[keys] = True
        return (np.cumsum(present) - 1)[keys]
    # np.unique hashes (numpy 2: slow) only when asked for the values alone; with return_inverse
    # it sorts, ~3x faster than matches.distinct and a searchsorted.
    return np.unique(keys, return_inverse=True)[1].reshape(-1)


def _best_scored(scores: np.ndarray, story: np.ndarray, stories: int) -> np.ndarray:
    """Per story, its match of the highest score, of equal ones the earliest (matches ascend by
    document): the largest score per story, then the first match holding it, with no sort."""
    top = np.full(stories, -np.inf)
    np.maximum.at(top, story, scores)
    holding = np.flatnonzero(scores == top[story])
    best = np.full(stories, len(scores), np.int64)
    np.minimum.at(best, story[holding], holding)
    return best


def ranked(folded: Folded, found: Matches, sort: str, count: int | None, dates) -> np.ndarray:
    """Story numbers, the first `count` (None: all): newest shown copy first, equal dates by the later
    document, undated stories last (sort "date"); else by best score, equal scores by the earlier
    document (as Whoosh's collector orders them)."""
    if sort == "date":
        date_keys, has_date = dates
        shown = found.ids if folded.alone else found.ids[folded.shown]
        keys = np.where(has_date[shown], date_keys[shown], np.uint64(0))
        return top_ranked(keys, shown, count, ties_descending=True)
    if folded.alone:  # the stories are the matches: no copies of their scores and ids to make
        return top_ranked(found.scores, found.ids, count, ties_descending=False)
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
        pairs = distinct(here[has].astype(np.int64) * len(folded) + folded.story[has])
        counts = np.bincount(pairs // len(folded), minlength=len(names))
    return named_counts(counts, names)


def named_counts(counts: np.ndarray, names: list[str]) -> dict[str, int]:
    """{value: count} of the values counted (an empty name left out), largest first, then by value."""
    counted = {
        str(names[i]): int(c) for i, c in enumerate(counts.tolist()) if c and names[i] not in ("", None)
    }
    return dict(sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))
