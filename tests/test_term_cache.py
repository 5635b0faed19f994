"""The posting cache grows with the index (a 1M index's common words stay decoded) within a set bound."""

from __future__ import annotations

import logging

from whoosh import index as whoosh_index

from archive.settings import DataDir
from archive.store import Store
from indexer.generations import live_folder
from indexer.index import update_index
from search import evaluation_cache
from search.evaluation_cache import TERM_CACHE_BYTES, IndexCache, state_of, term_cache_bytes
from tests.test_index import save_two_articles


def test_the_posting_cache_holds_more_on_a_larger_index(monkeypatch):
    monkeypatch.delenv("APKNEWS_TERM_CACHE_MB", raising=False)
    assert term_cache_bytes(0) == term_cache_bytes(100_000) == TERM_CACHE_BYTES == 128 << 20
    assert term_cache_bytes(1_000_000) == 512_000_000
    assert IndexCache(1_000_000).terms.limit == 512_000_000


def test_a_searchers_cache_is_sized_by_its_index(tmp_path, monkeypatch):
    monkeypatch.delenv("APKNEWS_TERM_CACHE_MB", raising=False)
    data_dir = DataDir(tmp_path)
    with Store(data_dir.store_path) as store:
        save_two_articles(store)
        update_index(store, data_dir.index_dir)
    # A bound per document above the floor even for two: the searcher's count is what sizes it.
    monkeypatch.setattr(evaluation_cache, "TERM_CACHE_BYTES_PER_DOCUMENT", TERM_CACHE_BYTES)
    with whoosh_index.open_dir(str(live_folder(data_dir.index_dir))).searcher() as searcher:
        for generation in (None, (data_dir.index_dir, "term-cache-test")):
            assert state_of(searcher, generation).terms.limit == 2 * TERM_CACHE_BYTES


def test_an_operator_sets_the_bound_and_a_wrong_setting_is_said_and_ignored(monkeypatch, caplog):
    monkeypatch.setenv("APKNEWS_TERM_CACHE_MB", "64")
    assert term_cache_bytes(1_000_000) == 64 << 20
    monkeypatch.setenv("APKNEWS_TERM_CACHE_MB", "lots")
    with caplog.at_level(logging.WARNING):
        assert term_cache_bytes(1_000_000) == 512_000_000
    assert "APKNEWS_TERM_CACHE_MB='lots' is not a number of MiB" in caplog.text
