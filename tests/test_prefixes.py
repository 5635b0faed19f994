"""A prefix stands for its most frequent indexed words, within a budget, and says so when it lost some."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest
from click.testing import CliRunner

from apknews.app import cli
from apknews.messages import set_ui
from archive.settings import DataDir
from archive.store import Store
from indexer.index import update_index
from search import QueryError, search
from search import prefixes as bounds
from search.evaluate import Evaluation
from search.opening import opened_searcher
from search.query import understand
from tests.synthetic import fill_store
from web.app import create_app


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> DataDir:
    data_dir = DataDir(tmp_path_factory.mktemp("prefixes"))
    fill_store(data_dir.root, 300)
    with Store(data_dir.store_path) as store:
        update_index(store, data_dir.index_dir)
    return data_dir


@pytest.fixture
def one_word(monkeypatch):
    """Each prefix stands for one word: the synthetic archive's prefixes start a handful."""
    monkeypatch.setattr(bounds, "PREFIX_WORDS", 1)


def test_within_the_budget_a_prefix_finds_and_scores_what_all_its_words_do(index):
    with opened_searcher(index) as searcher:
        unbounded = understand("со* OR ке*", searcher.schema).query  # Prefix nodes, every word
        bounded, notes = bounds.bound_prefixes(unbounded, searcher.reader())
        every = Evaluation(searcher).matches(unbounded)
        kept = Evaluation(searcher).matches(bounded)
    assert notes == [] and len(every) > 0
    assert np.array_equal(every.ids, kept.ids)
    assert np.allclose(every.scores, kept.scores)


def test_a_prefix_over_its_budget_keeps_its_most_frequent_words_and_says_so(index, one_word):
    result = search(index, "со*", limit=300)
    assert [(n.stem, n.kept) for n in result.prefixes] == [("со", 1)]
    note = result.prefixes[0]
    assert note.found >= 2
    assert (
        str(note)
        == f"со* stands for the 1 most frequent of {note.found} words starting with со; type more letters"
    )
    with opened_searcher(index) as searcher:
        every = Evaluation(searcher).matches(understand("со*", searcher.schema).query)
    assert 0 < result.total_articles < len(every)  # the other words found more
    data = result.to_dict()["prefixes"]
    assert data == [{"prefix": "со*", "kept": 1, "found": note.found, "note": str(note)}]


def test_a_prefix_typed_many_times_is_read_once_and_scores_as_the_repeats_summed(index):
    once = search(index, "ассамбл*", limit=5)
    started = time.perf_counter()
    many = search(index, "ассамбл* " * 50, limit=5)
    assert time.perf_counter() - started < 1
    assert many.total == once.total and [h.url for h in many.hits] == [h.url for h in once.hits]
    assert many.hits[0].score == pytest.approx(50 * once.hits[0].score, rel=1e-6)


def test_the_prefixes_of_a_query_share_its_budget(index, monkeypatch):
    monkeypatch.setattr(bounds, "QUERY_TERMS", 4)  # 2 prefixes, each with its loose keys: 1 list each
    result = search(index, "со* OR ке*", limit=1)
    assert {n.stem: n.kept for n in result.prefixes} == {"ке": 1, "со": 1}


def test_prefixes_that_start_too_many_words_are_one_query_error(index, monkeypatch):
    monkeypatch.setattr(bounds, "SCAN_WORDS", 3)
    with pytest.raises(QueryError, match="type more letters before each"):
        search(index, "со* ке* ас*")


def test_the_cli_says_what_a_prefix_stands_for_in_the_users_language(index, one_word):
    runner = CliRunner()
    try:
        english = runner.invoke(cli, ["--data-dir", str(index.root), "search", "со*"])
        russian = runner.invoke(cli, ["--data-dir", str(index.root), "--lang-ui", "ru", "search", "со*"])
        kazakh = runner.invoke(cli, ["--data-dir", str(index.root), "--lang-ui", "kk", "search", "со*"])
        as_json = runner.invoke(cli, ["--data-dir", str(index.root), "search", "со*", "--format", "json"])
    finally:
        set_ui(None)
    assert english.exit_code == 0, english.output
    lines = [line for line in english.output.splitlines() if "stands for" in line]
    assert len(lines) == 1 and lines[0].startswith("со* stands for the 1 most frequent of ")
    assert lines[0].endswith("words starting with со; type more letters")
    assert "самых частых из" in russian.output and "введите больше букв" in russian.output
    assert "ең жиі" in kazakh.output and "көбірек әріп" in kazakh.output
    assert json.loads(as_json.output)["prefixes"][0]["kept"] == 1


def test_the_web_page_says_what_a_prefix_stands_for_in_its_language(index, one_word):
    client = create_app({"DATA_DIR": index.root, "TESTING": True}).test_client()
    pages = {
        ui: client.get("/", query_string={"q": "со*", "ui": ui}).get_data(as_text=True)
        for ui in ("en", "ru", "kk")
    }
    assert "со* stands for the 1 most frequent of" in pages["en"]
    assert "со* — это 1 самых частых из" in pages["ru"]
    assert "ең жиі кездесетін 1 сөзі" in pages["kk"]
    body = client.get("/search.json", query_string={"q": "со*"}).get_json()
    assert body["prefixes"][0]["prefix"] == "со*"


def test_the_words_a_prefix_starts_are_listed_once_for_the_open_index(index, monkeypatch):
    """The open index's words of a prefix are kept between queries (a warm query of 16 prefixes
    spent most of its time listing them again); the answers stay the same."""
    monkeypatch.setattr(bounds, "_kept", bounds._KeptFrequencies(bounds.KEPT_WORDS))
    listed = []
    read = bounds.prefix_frequencies
    monkeypatch.setattr(bounds, "prefix_frequencies", lambda *args: listed.append(args) or read(*args))
    first = search(index, "ас* OR по*")
    calls = len(listed)
    again = search(index, "по* OR ас*")
    assert calls > 0 and len(listed) == calls
    assert [h.url for h in again.hits] == [h.url for h in first.hits] and again.total == first.total > 0
    monkeypatch.setattr(bounds, "_kept", bounds._KeptFrequencies(0))  # keeps nothing: listed anew
    search(index, "ас* OR по*")
    assert len(listed) == 2 * calls
