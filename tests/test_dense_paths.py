"""The shortcuts large match sets take (masks instead of binary searches, unions added up over every
document and kept for the next query, facets counted together, a bound before the top-k partition)
give what the plain paths give: the same totals, facets, hits, order and scores."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from bench.judged.scorer import build_corpus
from search import Filters, evaluate, evaluation_cache, facet_table, search
from search import matches as matches_module
from search.matches import Matches, member, top_ranked
from search.stories import fold

QUERIES = [
    "Тараз",
    "ассамблея",
    "молодежь ассамблея",
    "Ассамблеясы жастар",
    "Тараз OR Караганда",
    "(Тараз OR Шымкент) NOT молодежь",
    "-Тараз",
    '"Дом дружбы"',
    '"ассамблея молодежь"~5',
    "ассамбл*",
    "*",
]
FILTERS = [{}, {"lang": "ru"}, {"date_from": date(2021, 1, 1), "date_to": date(2022, 12, 31)}]


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return build_corpus(tmp_path_factory.mktemp("dense"))


def _results(data_dir, sort: str) -> list[dict]:
    evaluation_cache._shared.clear()  # phrase results and postings computed afresh
    evaluation_cache._states.clear()
    return [
        search(data_dir, text, filters=Filters(**filters), sort=sort, limit=7, offset=offset).to_dict()
        for text in QUERIES
        for filters in FILTERS
        for offset in (0, 3)
    ]


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_masks_and_facets_counted_together_give_the_same_results(data_dir, monkeypatch, sort):
    monkeypatch.setattr(matches_module, "DENSE_LOOKUPS", 10**12)  # never a mask
    monkeypatch.setattr(facet_table, "MAX_COMBINATIONS", 0)  # each facet counted apart
    monkeypatch.setattr(matches_module, "DENSE_SHARE", 10**9)  # unions merged by sorting
    monkeypatch.setattr(evaluate, "DENSE_SHARE", 10**9)  # and none kept for the next query
    plain = _results(data_dir, sort)
    monkeypatch.undo()
    monkeypatch.setattr(matches_module, "DENSE_LOOKUPS", 1)  # a mask whenever the spread allows
    monkeypatch.setattr(matches_module, "DENSE_SPREAD", 10**6)
    monkeypatch.setattr(matches_module, "DENSE_SHARE", 0)  # unions added up over every document
    monkeypatch.setattr(evaluate, "DENSE_SHARE", 0)  # and kept: each query below asked six times
    dense = _results(data_dir, sort)
    assert dense == plain
    assert sum(result["total"] for result in plain) > 500  # the queries matched
    assert all(result["facets"]["year"] for result in plain if result["total"])


def _plain_top(keys, ids, count, ties_descending):
    ties = ids if ties_descending else -ids
    order = np.lexsort((ties, keys))[::-1]
    return order if count is None else order[:count]


@pytest.mark.parametrize("ties_descending", [True, False])
@pytest.mark.parametrize("shuffled", [False, True])
def test_the_top_of_a_large_set_is_the_top_of_sorting_it_all(ties_descending, shuffled):
    rng = np.random.default_rng(5)
    ids = np.sort(rng.choice(10**6, size=200_000, replace=False)).astype(np.int64)
    if shuffled:  # stories' best copies come in story order, not by document
        rng.shuffle(ids)
    scores = np.round(rng.random(len(ids)) * 50, 1)  # many equal scores
    dates = rng.integers(0, 400, len(ids)).astype(np.uint64) * np.uint64(86_400_000_000)
    alike = np.ones(len(ids))  # a query scoring every document alike
    for keys in (scores, dates, alike):
        for count in (1, 10, 37, 5000, len(ids) - 1, len(ids), None):
            got = top_ranked(keys, ids, count, ties_descending)
            assert np.array_equal(got, _plain_top(keys, ids, count, ties_descending)), count


def test_membership_by_mask_is_membership_by_search():
    rng = np.random.default_rng(3)
    ids = np.sort(rng.choice(50_000, size=20_000, replace=False)).astype(np.int64)
    docs = np.sort(rng.choice(60_000, size=30_000, replace=False)).astype(np.int64)
    assert np.array_equal(member(docs, ids), np.isin(docs, ids))
    assert not member(docs, ids[:0]).any()


def _plain_fold(found, keys, dates):
    """stories.fold as it was: every grouping by sorting."""
    date_keys, has_date = dates
    ids = found.ids
    story = np.unique(keys[ids], return_inverse=True)[1].reshape(-1)
    when = np.where(has_date[ids], date_keys[ids], np.iinfo(np.uint64).max)
    by_story = np.lexsort((ids, when, story))
    firsts = np.flatnonzero(np.concatenate(([True], np.diff(story[by_story]) != 0)))
    by_score = np.lexsort((ids, -found.scores, story))
    return story, by_story[firsts], by_score[firsts], by_story, np.append(firsts, len(ids))


@pytest.mark.parametrize("matched", [40, 3000, 60_000])
def test_stories_folded_without_sorting_are_those_folded_by_sorting(matched):
    rng = np.random.default_rng(matched)
    documents = 100_000
    keys = np.arange(documents, dtype=np.int64)  # reposts point at their original, or past the end
    reposts = rng.choice(documents, size=30_000, replace=False)
    keys[reposts] = rng.choice([*rng.choice(documents, 200), documents + 1, documents + 5], size=len(reposts))
    dates = (rng.integers(0, 50, documents).astype(np.uint64), rng.random(documents) < 0.8)
    ids = np.sort(rng.choice(documents, size=matched, replace=False)).astype(np.int64)
    found = Matches(ids, np.round(rng.random(matched) * 3, 1))  # equal scores within stories
    folded = fold(found, keys, dates)
    plain = _plain_fold(found, keys, dates)
    got = (folded.story, folded.shown, folded.best, folded.by_story, folded.starts)
    for mine, theirs in zip(got, plain, strict=True):
        assert mine.dtype == theirs.dtype and np.array_equal(mine, theirs)
    assert len(folded) < matched or matched < 100  # stories of several copies were folded
