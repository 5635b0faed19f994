"""Matches: documents and their scores as ascending arrays, and the set operations on them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Arrays are cut to the elements a mask keeps by np.flatnonzero and take, not by indexing with the
# mask: numpy's boolean indexing branches on each element, ~3x slower when the mask is irregular.
# A union over this share of the index or more adds scores into an array over every document.
DENSE_SHARE = 1 / 16
# Membership of this many numbers or more is read from a mask when the numbers looked up reach
# 1/DENSE_SPREAD of the largest one (a mask of 10^6 documents is 1 MB).
DENSE_LOOKUPS = 1024
DENSE_SPREAD = 16


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
            # ufunc.at adds in the parts' order as `summed[ids] += scores` does (ids are unique
            # within a part), without its temporary gathered copy: ~1.5x faster at 10^6 postings.
            np.add.at(summed, part.ids, part.scores)
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
    keep = np.flatnonzero(member(found.ids, allowed))
    return Matches(found.ids.take(keep), found.scores.take(keep))


def top_ranked(keys: np.ndarray, ids: np.ndarray, count: int | None, ties_descending: bool) -> np.ndarray:
    """Indices of the `count` (None: all) largest keys, largest first; equal keys by id, descending
    or ascending. Only the candidates for the first `count` are sorted."""
    if count is not None and count < len(keys):
        if count <= 0:
            return np.zeros(0, np.int64)
        chosen = _top_candidates(keys, ids, count, ties_descending)
    else:
        chosen = np.arange(len(keys))
    ties = ids[chosen] if ties_descending else -ids[chosen]
    order = chosen[np.lexsort((ties, keys[chosen]))[::-1]]
    return order if count is None else order[:count]


def _top_candidates(keys: np.ndarray, ids: np.ndarray, count: int, ties_descending: bool) -> np.ndarray:
    """Indices of the first `count` in top_ranked's order (unordered; 0 < count < len(keys)). The
    count-th largest of the maxima of blocks of keys bounds the count-th largest key from below, so
    only the keys reaching it are partitioned; of the keys equal to the count-th largest, only the
    ones the ties favour are kept (a query scoring every document alike ties all of them)."""
    bound, highest = _lower_bound(keys, count)
    candidates = np.flatnonzero(keys >= bound)
    if bound == highest:  # every candidate holds the largest key: all tied
        above, equal = candidates[:0], candidates
    else:
        values = keys[candidates]
        kth = np.partition(values, len(values) - count)[len(values) - count]
        above = candidates[values > kth]
        equal = candidates[values == kth]
    need = count - len(above)
    if len(equal) > need:
        tied = ids[equal]
        if (tied[1:] > tied[:-1]).all():  # ids ascending (the usual case): the ends are the choice
            equal = equal[len(equal) - need :] if ties_descending else equal[:need]
        else:
            favour = tied if ties_descending else -tied
            equal = equal[np.argpartition(favour, len(favour) - need)[len(favour) - need :]]
    return np.concatenate((above, equal))


def _lower_bound(keys: np.ndarray, count: int) -> tuple:
    """(a value at most the count-th largest of `keys`, the largest key): the count-th largest block
    maximum (each of the blocks with the `count` largest maxima holds a key at least that large)."""
    block = min(1024, len(keys) // count)
    if block < 8:
        return keys.min(), keys.max()
    whole = len(keys) // block * block
    maxima = keys[:whole].reshape(-1, block).max(axis=1)
    highest = max(maxima.max(), keys[whole:].max()) if whole < len(keys) else maxima.max()
    return np.partition(maxima, len(maxima) - count)[len(maxima) - count], highest


def member(docs: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Which of `docs` (not negative) are in the ascending `ids`."""
    if not len(ids):
        return np.zeros(len(docs), bool)
    if _dense(len(docs), ids):
        return _mask(ids, int(ids[-1]) + 2)[np.minimum(docs, ids[-1] + 1)]
    at = np.minimum(np.searchsorted(ids, docs), len(ids) - 1)
    return ids[at] == docs


def _dense(looked_up: int, ids: np.ndarray) -> bool:
    """Whether looking `looked_up` numbers up in the ascending `ids` is cheaper through a mask over
    0..ids[-1] than by binary search: when the mask is not much larger than the lookups (the
    searches miss the cache at every step over 10^5-10^6 ids; the mask stays in it)."""
    return looked_up >= DENSE_LOOKUPS and int(ids[-1]) <= looked_up * DENSE_SPREAD


def _mask(ids: np.ndarray, size: int) -> np.ndarray:
    mask = np.zeros(size, bool)
    mask[ids] = True
    return mask


def intersection(parts: list[Matches]) -> Matches:
    """Documents in every part, their scores summed (the smallest part first)."""
    ordered = sorted(parts, key=len)
    if not len(ordered[0]):
        return EMPTY
    ids, scores = ordered[0].ids, ordered[0].scores
    for part in ordered[1:]:
        if len(ids) * DENSE_SPREAD >= len(part) and _dense(len(ids) + len(part), part.ids):
            # Both ascending: the common documents come in the same order in each, so a mask of
            # each over the other pairs their scores without searching.
            size = max(int(ids[-1]), int(part.ids[-1])) + 1
            in_part = np.flatnonzero(_mask(part.ids, size)[ids])
            in_ids = np.flatnonzero(_mask(ids, size)[part.ids])
            ids, scores = ids.take(in_part), scores.take(in_part) + part.scores.take(in_ids)
        else:
            at = np.minimum(np.searchsorted(part.ids, ids), len(part.ids) - 1)
            hit = np.flatnonzero(part.ids[at] == ids)
            ids, scores = ids.take(hit), scores.take(hit) + part.scores.take(at.take(hit))
        if not len(ids):
            break
    return Matches(ids, scores)


def difference(ids: np.ndarray, scores: np.ndarray, excluded: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The `ids` (and their `scores`) not in the ascending `excluded`."""
    keep = np.flatnonzero(~member(ids, excluded))
    return ids.take(keep), scores.take(keep)


def scores_at(matches: Matches, ids: np.ndarray) -> np.ndarray:
    """The scores of `ids`, all of them among the matches."""
    return matches.scores[np.searchsorted(matches.ids, ids)]
