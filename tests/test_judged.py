"""The judged query set over the replica (bench/judged/): macro recall ≥ 0.95, no must-not hits."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.judged.scorer import build_corpus, load_queries, macro_recall, per_kind, run, table

LANGUAGE_KINDS = {"ru-morphology", "kk-morphology", "en-stemming", "alphabet"}


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    return run(build_corpus(tmp_path_factory.mktemp("judged")), load_queries())


def test_the_set_covers_every_kind_three_languages_and_both_alphabets():
    queries = load_queries()
    assert len(queries) >= 50
    kinds = Counter(q.kind for q in queries)
    assert set(kinds) >= LANGUAGE_KINDS
    assert {
        "ambiguity",
        "hyphen",
        "alias",
        "operators",
        "phrase",
        "proximity",
        "prefix",
        "exact",
        "fields",
    } <= set(kinds)
    # The spellings people type (issue 13): each fold a kind, each with must-not cases.
    spellings = {"name-spelling", "kk-ru-letters", "latin-2017-18", "kk-declined-ru", "compound"}
    assert spellings <= set(kinds)
    assert all(any(q.must_not for q in queries if q.kind == kind) for kind in spellings)
    texts = " ".join(q.query for q in queries)
    assert any(c in texts for c in "әғқңөұүі") and any(c in texts for c in "äğıñşūü")
    assert any(c in texts for c in "áǵńóúý") and "'" in texts  # the 2018 and 2017 alphabets
    assert sum(bool(q.must_not) for q in queries) >= 15


def test_macro_recall_and_no_must_not_hits(outcomes):
    report = table(outcomes)
    print(report)
    assert macro_recall(outcomes) >= 0.95, report
    assert all(bad == 0 for _, _, bad in per_kind(outcomes).values()), report
