"""Matches: documents and their scores as ascending arrays, and the set operations on them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# A union over this share of the index or more adds scores into an array over every document.
DENSE_SHARE = 1 / 16


@dataclass(frozen=True)
class Matches:
    """Documents (global numbers, ascending, unique) and their scores."""

    ids: np.ndarray  # int64
    scores: np.ndarray  # float64

    def __len__(self) -> int:
        return len(self.ids)

    def boosted(self, boost: float) -> Matches:
        return self if boost == 1.0 else Matches(self.ids, self.scores * boost)

    def nbytes(self) -> int:
        return self.ids.nbytes + self.scores.nbytes


EMPTY = Matches(np.zeros(0, np.int64), np.zeros(0, np.float64))


def union(parts: list[Matches], count: int) -> Matches:
    """Documents in any part, their scores summed; `count`: the documents of the index."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return EMPTY
    if len(parts) == 1:
        return parts[0]
    total = sum(len(p) for p in parts)
    if total >= count * DENSE_SHARE:
        summed = np.zeros(count)
        hit = np.zeros(count, bool)
        for part in parts:
            summed[part.ids] += part.scores  # ids are unique within a part
            hit[part.ids] = True
        ids = np.flatnonzero(hit)
        return Matches(ids, summed[ids])
    ids = np.concatenate([p.ids for p in parts])
    scores = np.concatenate([p.scores for p in parts])
    order = np.argsort(ids, kind="stable")
    ids, scores = ids[order], scores[order]
    firsts = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1])))
    return Matches(ids[firsts], np.add.reduceat(scores, firsts))


def distinct(values: np.ndarray) -> np.ndarray:
    """np.unique(values) by sorting: numpy 2's np.unique hashes, ~30x slower on 10^5-10^7 integers."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def restrict_to(found: Matches, allowed: np.ndarray) -> Matches:
    """The matches among the ascending `allowed` documents, scores unchanged."""
    keep = member(found.ids, allowed)
    return Matches(found.ids[keep], found.scores[keep])


def top_ranked(keys: np.ndarray, ids: np.ndarray, count: int | None, ties_descending: bool) -> np.ndarray:
    """Indices of the `count` (None: all) largest keys, largest first; equal keys by id, descending
    or ascending. Only the candidates for the first `count` are sorted."""
    if count is not None and count < len(keys):
        if count <= 0:
            return np.zeros(0, np.int64)
        kth = np.partition(keys, len(keys) - count)[len(keys) - count]
        chosen = np.flatnonzero(keys >= kth)
    else:
        chosen = np.arange(len(keys))
    ties = ids[chosen] if ties_descending else -ids[chosen]
    order = chosen[np.lexsort((ties, keys[chosen]))[::-1]]
    return order if count is None else order[:count]


def member(docs: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Which of `docs` are in the ascending `ids`."""
    if not len(ids):
        return np.zeros(len(docs), bool)
    at = np.minimum(np.searchsorted(ids, docs), len(ids) - 1)
    return ids[at] == docs


def intersection(parts: list[Matches]) -> Matches:
    """Documents in every part, their scores summed (the smallest part first)."""
    ordered = sorted(parts, key=len)
    if not len(ordered[0]):
        return EMPTY
    ids, scores = ordered[0].ids, ordered[0].scores
    for part in ordered[1:]:
        at = np.minimum(np.searchsorted(part.ids, ids), len(part.ids) - 1)
        hit = part.ids[at] == ids
        ids, scores = ids[hit], scores[hit] + part.scores[at[hit]]
        if not len(ids):
            break
    return Matches(ids, scores)


def difference(ids: np.ndarray, scores: np.ndarray, excluded: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The `ids` (and their `scores`) not in the ascending `excluded`."""
    keep = ~member(ids, excluded)
    return ids[keep], scores[keep]


def scores_at(matches: Matches, ids: np.ndarray) -> np.ndarray:
    """The scores of `ids`, all of them among the matches."""
    return matches.scores[np.searchsorted(matches.ids, ids)]
