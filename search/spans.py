"""Where the steps of a phrase or sequence stand in the candidate documents: the candidates whose
steps' positions are adjacent, or near enough, as Whoosh's span matchers find them, and the
steps' scores summed as those matchers sum them.

A step's positions come as (candidate index, position) arrays, sorted.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from search.matches import distinct, member


def binary_sum(scores: list[np.ndarray]) -> np.ndarray:
    """Sums as whoosh.util.make_binary_tree nests IntersectionMatchers: first half + second half."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return binary_sum(scores[:half]) + binary_sum(scores[half:])


def adjacent(positions: list[tuple[np.ndarray, np.ndarray]], count: int) -> np.ndarray:
    """Which candidates hold step i at position p + i for some p, for every step."""
    top = max((int(p.max()) for _, p in positions if len(p)), default=0)
    stride = top + len(positions) + 1
    keys = None
    for i, (doc_index, found) in enumerate(positions):
        step_keys = doc_index * stride + (found - i)
        step_keys = step_keys[found >= i]
        if len(step_keys) > 1 and not np.all(step_keys[1:] >= step_keys[:-1]):
            step_keys = np.sort(step_keys)
        keys = step_keys if keys is None else keys[member(keys, step_keys)]
        if not len(keys):
            break
    inside = np.zeros(count, bool)
    inside[keys // stride] = True
    return inside


def near(positions: list[tuple[np.ndarray, np.ndarray]], count: int, slop: int, ordered: bool) -> np.ndarray:
    """Which candidates have spans as Whoosh's SpanNear matchers (a binary tree over the steps)
    find them: the spans of two sides combine when 1 <= distance <= slop (and, ordered, the second
    starts after the first); a combined span runs from the first start to the last end.

    Every candidate at once: a node's spans are (candidate, start, end) arrays, joined with the
    other side's by sorted keys; the root only asks whether a join exists."""
    top = max((int(p.max()) for _, p in positions if len(p)), default=0)
    stride = top + slop + 2  # a span's reach (start - slop .. end + slop) stays inside its candidate
    half = len(positions) // 2
    first = _spans(positions[:half], stride, slop, ordered)
    second = _spans(positions[half:], stride, slop, ordered)
    inside = np.zeros(count, bool)
    inside[first.doc[_joinable(first, second, stride, slop, ordered)]] = True
    return inside


class _Spans(NamedTuple):
    """Distinct spans sorted by (candidate, start, end)."""

    doc: np.ndarray
    start: np.ndarray
    end: np.ndarray


def _spans(positions: list[tuple[np.ndarray, np.ndarray]], stride: int, slop: int, ordered: bool) -> _Spans:
    if len(positions) == 1:
        doc_index, found = positions[0]
        keys = distinct(doc_index * stride + found)
        starts = keys % stride
        return _Spans(keys // stride, starts, starts)
    half = len(positions) // 2
    first = _spans(positions[:half], stride, slop, ordered)
    second = _spans(positions[half:], stride, slop, ordered)
    return _joined(first, second, stride, slop, ordered)


def _after(a: _Spans, b: _Spans, stride: int, slop: int) -> tuple[np.ndarray, np.ndarray]:
    """For each span of `a`, the range [lo, hi) of `b` (in its order) starting 1..slop past its end."""
    b_keys = b.doc * stride + b.start
    reach = a.doc * stride + a.end
    return np.searchsorted(b_keys, reach + 1), np.searchsorted(b_keys, reach + slop, side="right")


def _before(a: _Spans, b: _Spans, stride: int, slop: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each span of `a`, the range [lo, hi) of `b` in end order ending 1..slop before its start,
    and that order."""
    b_keys = b.doc * stride + b.end
    order = np.argsort(b_keys, kind="stable")
    b_keys = b_keys[order]
    reach = a.doc * stride + a.start
    return np.searchsorted(b_keys, reach - slop), np.searchsorted(b_keys, reach - 1, side="right"), order


def _joinable(a: _Spans, b: _Spans, stride: int, slop: int, ordered: bool) -> np.ndarray:
    """Which spans of `a` combine with some span of `b`."""
    lo, hi = _after(a, b, stride, slop)
    found = hi > lo
    if not ordered:  # ordered, a second side before the first never combines
        lo, hi, _order = _before(a, b, stride, slop)
        found |= hi > lo
    return found


def _joined(a: _Spans, b: _Spans, stride: int, slop: int, ordered: bool) -> _Spans:
    """Every span combining one of `a` with one of `b`, distinct."""
    lo, hi = _after(a, b, stride, slop)
    a_at, b_at = _pairs(lo, hi)
    docs, starts, ends = [a.doc[a_at]], [a.start[a_at]], [b.end[b_at]]
    if not ordered:
        lo, hi, order = _before(a, b, stride, slop)
        a_at, b_at = _pairs(lo, hi)
        b_at = order[b_at]
        docs.append(a.doc[a_at])
        starts.append(b.start[b_at])
        ends.append(a.end[a_at])
    return _distinct(np.concatenate(docs), np.concatenate(starts), np.concatenate(ends), stride)


def _pairs(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(i, j) for every i and every j in [lo[i], hi[i])."""
    counts = np.maximum(hi - lo, 0)
    total = int(counts.sum())
    first_at = np.repeat(np.arange(len(lo)), counts)
    offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return first_at, np.repeat(lo, counts) + offsets


def _distinct(doc: np.ndarray, start: np.ndarray, end: np.ndarray, stride: int) -> _Spans:
    if not len(doc):
        return _Spans(doc, start, end)
    if (int(doc.max()) + 1) * stride * stride < 1 << 62:
        keys = distinct((doc * stride + start) * stride + end)
        return _Spans(keys // (stride * stride), keys // stride % stride, keys % stride)
    order = np.lexsort((end, start, doc))
    doc, start, end = doc[order], start[order], end[order]
    keep = np.ones(len(doc), bool)
    keep[1:] = (doc[1:] != doc[:-1]) | (start[1:] != start[:-1]) | (end[1:] != end[:-1])
    return _Spans(doc[keep], start[keep], end[keep])
