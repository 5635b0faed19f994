"""The posting cache grows with the index (a 1M index's common words stay decoded) within a set bound."""

from __future__ import annotations

import logging

from search.evaluation_cache import TERM_CACHE_BYTES, IndexCache, term_cache_bytes


def test_the_posting_cache_holds_more_on_a_larger_index(monkeypatch):
    monkeypatch.delenv("APKNEWS_TERM_CACHE_MB", raising=False)
    assert term_cache_bytes(0) == term_cache_bytes(100_000) == TERM_CACHE_BYTES == 128 << 20
    assert term_cache_bytes(1_000_000) == 512_000_000
    assert IndexCache(1_000_000).terms.limit == 512_000_000


def test_an_operator_sets_the_bound_and_a_wrong_setting_is_said_and_ignored(monkeypatch, caplog):
    monkeypatch.setenv("APKNEWS_TERM_CACHE_MB", "64")
    assert term_cache_bytes(1_000_000) == 64 << 20
    monkeypatch.setenv("APKNEWS_TERM_CACHE_MB", "lots")
    with caplog.at_level(logging.WARNING):
        assert term_cache_bytes(1_000_000) == 512_000_000
    assert "APKNEWS_TERM_CACHE_MB='lots' is not a number of MiB" in caplog.text
