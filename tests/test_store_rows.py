"""The store's other rows on both engines: the run log, the crawl ledger, the sitemaps read, saved
searches, repost signatures and link fingerprints, and the migrations' version bookkeeping."""

from __future__ import annotations

import sqlite3

import pytest

from archive.store import REPOST, TRANSLATION, SavedSearchExists, Store
from archive.store.schema import MIGRATIONS
from tests.test_store import make_article

URL = "https://assembly.kz/ru/news/v-taraze-podpisan-memorandum/"


def _two_articles(store: Store) -> tuple[int, int]:
    store.save(make_article())
    copy = "https://taraz-ank.kz/ru/v-taraze-podpisan-memorandum"
    store.save(make_article(url=copy, canonical_url=copy, source="taraz-ank", published=None))
    ids = store.article_ids([URL, copy])
    return ids[URL], ids[copy]


def test_runs_are_numbered_and_keep_their_stats(store_location):
    with Store(store_location) as store:
        first = store.start_run(["assembly"], None)
        second = store.start_run(["assembly", "kazpravda"], "warc/b.warc.gz")
        assert second == first + 1
        store.set_run_warc_file(first, "warc/a.warc.gz")
        store.record_run_stats(first, {"assembly": {"counts": {"new": 2}}})
        store.finish_run(first, "finished", {"assembly": {"counts": {"new": 3}}})
        assert store.close_interrupted_runs() == 1
        runs = store.runs()
    assert [(r["id"], r["status"]) for r in runs] == [(second, "interrupted"), (first, "finished")]
    assert (
        runs[1]["stats"] == {"assembly": {"counts": {"new": 3}}} and runs[1]["warc_file"] == "warc/a.warc.gz"
    )


def test_the_ledger_counts_attempts_per_state(store_location):
    page = "https://assembly.kz/ru/news/gone/"
    with Store(store_location) as store:
        store.note_url("assembly", page, "failed", "TimeoutError")
        store.note_url("assembly", page + "?utm_source=x", "failed", "TimeoutError")
        assert store.failed_urls("assembly", max_attempts=3) == [page]
        store.note_url("assembly", page, "failed", "http_503")
        assert store.settled_urls("assembly", max_attempts=3) == {page}
        store.note_url("assembly", page, "gone", "http_404")
        [entry] = store.ledger("assembly")
        assert (entry["state"], entry["reason"], entry["attempts"]) == ("gone", "http_404", 1)
        store.forget_url(page)
        assert store.ledger() == []


def test_sitemaps_read_are_replaced_by_url(store_location):
    with Store(store_location) as store:
        store.save_sitemap_lastmods("assembly", {"https://assembly.kz/sitemap-1.xml": "2021-01-01"})
        store.save_sitemap_lastmods(
            "assembly",
            {
                "https://assembly.kz/sitemap-1.xml": "2021-02-01",
                "https://assembly.kz/sitemap-2.xml": "2021-03-01",
            },
        )
        assert store.sitemap_lastmods("assembly") == {
            "https://assembly.kz/sitemap-1.xml": "2021-02-01",
            "https://assembly.kz/sitemap-2.xml": "2021-03-01",
        }


def test_saved_searches_keep_their_alert_mark(store_location):
    with Store(store_location) as store:
        first, _copy = _two_articles(store)
        saved = store.add_saved_search("taraz", "Тараз меморандум", {"lang": "ru"})
        assert saved["alerted_upto"] == store.max_article_id() and saved["filters"] == {"lang": "ru"}
        with pytest.raises(SavedSearchExists):
            store.add_saved_search("taraz", "другое", {})
        store.record_alert_run("taraz", first)  # never back
        assert store.saved_search("taraz")["alerted_upto"] == saved["alerted_upto"]
        assert store.articles_after(first) == {store.get(_copy_url(store))["canonical_url"]: _copy}
        assert store.remove_saved_search("taraz") and not store.remove_saved_search("taraz")


def _copy_url(store: Store) -> str:
    return next(
        url
        for url in store.article_ids([URL, "https://taraz-ank.kz/ru/v-taraze-podpisan-memorandum"])
        if url != URL
    )


def test_signatures_and_links_are_replaced_and_read_back(store_location):
    with Store(store_location) as store:
        original, copy = _two_articles(store)
        assert store.repost_state() in ((0, 0, 0), (0, 0.0, 0.0)) and not store.has_reposts()
        store.save_signatures([(copy, "hash-1", b"\x00\x01\xff")])
        store.save_signatures([(copy, "hash-2", b"\x02\x00")])
        signed = {row["id"]: row for row in store.linkable_articles()}
        assert (signed[copy]["signed_hash"], bytes(signed[copy]["signature"])) == ("hash-2", b"\x02\x00")
        assert signed[original]["signature"] is None
        added = store.replace_links(
            [(copy, original, REPOST, 0.93, "same text"), (original, copy, TRANSLATION, None, "switch")]
        )
        assert added == {REPOST: 1, TRANSLATION: 1}
        state = store.repost_state()
        assert store.replace_links([(copy, original, REPOST, 0.95, "same text")]) == {}
        assert store.repost_state() == state and store.has_reposts()
        [link] = store.all_links()
        assert (link["kind"], link["score"], link["a_source"]) == (REPOST, 0.95, "taraz-ank")
        assert store.repost_pairs() == [(_copy_url(store), URL)]


def test_version_counts_and_the_rows_of_a_source(store_location):
    with Store(store_location) as store:
        store.save(make_article())
        store.save(make_article(text="Второй текст."))
        store.save(make_article(text="Третий текст."))
        assert store.version_counts([URL, "https://x.kz/none/"]) == {URL: 3}
        assert [v["text"] for v in store.version_rows("assembly")] == [make_article().text, "Второй текст."]
        assert [row["text"] for row in store.article_rows()] == ["Третий текст."]
        assert store.seqs_upto(store.max_seq()) == [store.max_seq()]


def test_opening_again_applies_no_migration_twice(store_location):
    with Store(store_location) as store:
        store.save(make_article())
        assert store._version() == len(MIGRATIONS)
    with Store(store_location) as store:
        assert store._version() == len(MIGRATIONS) and store.count() == 1


def test_a_second_save_of_a_new_url_inside_one_transaction_fails_as_on_sqlite(store_location):
    """The server's errors reach callers as the DB-API errors sqlite3 raises (one `except` for both)."""
    with Store(store_location) as store:
        store.save(make_article())
        with pytest.raises(sqlite3.IntegrityError):
            store._insert("articles", {"canonical_url": URL})
        assert store.count() == 1


def test_rows_are_read_by_the_names_of_their_own_statement(store_location):
    """The server's row classes are kept by column names: the same names in another order are
    another kind of row, the same names again the same."""
    with Store(store_location) as store:
        first = store.db.execute("SELECT 1 AS a, 2 AS b").fetchone()
        swapped = store.db.execute("SELECT 3 AS b, 4 AS a").fetchone()
        again = store.db.execute("SELECT 5 AS a, 6 AS b").fetchone()
    assert [(row["a"], row["b"]) for row in (first, swapped, again)] == [(1, 2), (4, 3), (5, 6)]
    assert dict(swapped) == {"b": 3, "a": 4} and list(swapped.keys()) == ["b", "a"]
    assert tuple(again) == (5, 6) and again[1] == 6
