"""Where the steps of a phrase or sequence stand in the candidate documents: the candidates whose
steps' positions are adjacent, or near enough, as Whoosh's span matchers find them, and the
steps' scores summed as those matchers sum them.

A step's positions come as (candidate index, position) arrays, sorted.
"""

from __future__ import annotations

import numpy as np

from search.matches import member


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
    starts after the first)."""
    if len(positions) == 2:
        return _near_pair(positions, count, slop, ordered)
    per_step = []
    for doc_index, found in positions:
        bounds = np.searchsorted(doc_index, np.arange(count + 1))
        values = found.tolist()
        per_step.append([values[bounds[c] : bounds[c + 1]] for c in range(count)])
    inside = np.zeros(count, bool)
    for c in range(count):
        spans = _near_spans([sorted({(p, p) for p in step[c]}) for step in per_step], slop, ordered)
        inside[c] = bool(spans)
    return inside


def _near_pair(
    positions: list[tuple[np.ndarray, np.ndarray]], count: int, slop: int, ordered: bool
) -> np.ndarray:
    """near() for two steps, whose spans are single positions a and b: some pair has
    1 <= b - a <= slop (ordered) or 1 <= |b - a| <= slop."""
    top = max((int(p.max()) for _, p in positions if len(p)), default=0)
    stride = top + slop + 2  # positions of different candidates stay more than slop apart
    (a_doc, a_pos), (b_doc, b_pos) = positions
    a_keys = a_doc * stride + a_pos
    b_keys = np.sort(b_doc * stride + b_pos)
    after = np.searchsorted(b_keys, a_keys, side="right")  # the first b past a
    near = np.zeros(len(a_keys), bool)
    has_after = after < len(b_keys)
    near[has_after] = b_keys[after[has_after]] - a_keys[has_after] <= slop
    if not ordered:
        before = np.searchsorted(b_keys, a_keys, side="left") - 1  # the last b before a
        has_before = before >= 0
        near[has_before] |= a_keys[has_before] - b_keys[before[has_before]] <= slop
    inside = np.zeros(count, bool)
    inside[a_doc[near]] = True
    return inside


def _near_spans(steps: list[list[tuple[int, int]]], slop: int, ordered: bool) -> list[tuple[int, int]]:
    if len(steps) == 1:
        return steps[0]
    half = len(steps) // 2
    first = _near_spans(steps[:half], slop, ordered)
    second = _near_spans(steps[half:], slop, ordered)
    combined = set()
    for a_start, a_end in first:
        for b_start, b_end in second:
            if b_end < a_start - slop or (ordered and a_start > b_start) or b_start > a_end + slop:
                continue
            if b_start <= a_end and a_start <= b_end:
                distance = 0  # overlapping spans
            elif a_end < b_start:
                distance = b_start - a_end
            else:
                distance = a_start - b_end
            if 1 <= distance <= slop:
                combined.add((min(a_start, b_start), max(a_end, b_end)))
    return sorted(combined)
