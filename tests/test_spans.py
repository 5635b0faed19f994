"""Near phrases evaluated over every candidate at once give what Whoosh's span matchers give: checked
against the span tree written out plainly, on random positions of 2 to 7 steps."""

from __future__ import annotations

import time

import numpy as np
import pytest

from search.spans import near


def _tree_spans(steps: list[list[tuple[int, int]]], slop: int, ordered: bool) -> set[tuple[int, int]]:
    """SpanNear over a binary tree of the steps, as whoosh.query.spans combines spans two by two."""
    if len(steps) == 1:
        return set(steps[0])
    half = len(steps) // 2
    combined = set()
    for a_start, a_end in _tree_spans(steps[:half], slop, ordered):
        for b_start, b_end in _tree_spans(steps[half:], slop, ordered):
            if ordered and a_start > b_start:
                continue
            if b_start <= a_end and a_start <= b_end:
                continue  # overlapping spans are at distance 0
            distance = b_start - a_end if a_end < b_start else a_start - b_end
            if 1 <= distance <= slop:
                combined.add((min(a_start, b_start), max(a_end, b_end)))
    return combined


def _expected(positions, count: int, slop: int, ordered: bool) -> list[bool]:
    inside = []
    for candidate in range(count):
        steps = [
            [(int(p), int(p)) for d, p in zip(*step, strict=True) if d == candidate] for step in positions
        ]
        inside.append(bool(_tree_spans(steps, slop, ordered)))
    return inside


@pytest.mark.parametrize("seed", range(6))
def test_near_finds_what_the_span_tree_finds(seed):
    rng = np.random.default_rng(seed)
    for _ in range(300):
        steps, count = int(rng.integers(2, 8)), int(rng.integers(1, 6))
        slop, ordered, top = int(rng.integers(1, 9)), bool(rng.integers(0, 2)), int(rng.integers(1, 40))
        positions = []
        for _ in range(steps):
            size = int(rng.integers(0, 14))
            docs, found = rng.integers(0, count, size), rng.integers(0, top, size)
            order = np.lexsort((found, docs))
            positions.append((docs[order].astype(np.int64), found[order].astype(np.int64)))
        assert near(positions, count, slop, ordered).tolist() == _expected(positions, count, slop, ordered)


def test_near_over_many_candidates_takes_numpy_time():
    """A sloppy phrase of four common words over 30,000 long documents (the hostile bench's
    "ассамблея народа года области"~50 at 100k took 3-7 s in a loop over the candidates)."""
    rng = np.random.default_rng(7)
    count, per_doc = 30_000, 12
    positions = []
    for _ in range(4):
        docs = np.repeat(np.arange(count), per_doc)
        found = np.sort(rng.integers(0, 2_000, (count, per_doc)), axis=1).ravel()
        positions.append((docs, found))
    started = time.process_time()
    inside = near(positions, count, 50, False)
    assert time.process_time() - started < 1.5
    assert inside.sum() > count // 2
