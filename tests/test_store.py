"""The store, on SQLite and on PostgreSQL: one record per article, changes kept as versions, the
index's change counter, and the read-only store the web page, search and `apknews show` read through."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from archive.articles import Article, WarcPointer
from archive.store import CHANGED, NEW, REPOST, UNCHANGED, OutdatedStoreError, Store
from archive.store.postgres import ServerConnection
from archive.store.schema import MIGRATIONS


def make_article(**changes) -> Article:
    article = Article(
        url="https://assembly.kz/ru/news/v-taraze-podpisan-memorandum/",
        canonical_url="https://assembly.kz/ru/news/v-taraze-podpisan-memorandum/",
        source="assembly",
        lang="ru",
        title="В Таразе подписан меморандум",
        text="28 сентября в городе Тараз подписан меморандум.",
        published="2021-09-29",
        fetched_at="2026-11-22T00:00:00Z",
        warc=WarcPointer("warc/x.warc.gz", 120, 800),
    )
    return replace(article, **changes)


def test_saving_twice_stores_once(store_location):
    with Store(store_location) as store:
        assert store.save(make_article()) == NEW
        assert store.save(make_article(fetched_at="2026-11-23T00:00:00Z")) == UNCHANGED
        assert store.count() == 1
        assert store.get(make_article().url)["warc_offset"] == 120


def test_an_edited_article_keeps_its_old_text_as_a_version(store_location):
    with Store(store_location) as store:
        store.save(make_article())
        seq_before = store.max_seq()
        edited = make_article(text="Исправленный текст.", fetched_at="2026-11-23T00:00:00Z")
        assert store.save(edited) == CHANGED
        assert store.count() == 1
        assert store.get(edited.url)["text"] == "Исправленный текст."
        versions = store.versions(edited.url)
        assert [v["text"] for v in versions] == [make_article().text]
        assert store.max_seq() > seq_before
        assert [a["text"] for a in store.iter_articles(since_seq=seq_before)] == [edited.text]


def test_any_url_variant_finds_the_article(store_location):
    with Store(store_location) as store:
        store.save(make_article())
        variant = "https://assembly.kz/ru/news/v-taraze-podpisan-memorandum?utm_source=fb&print=Y"
        assert store.get(variant)["title"] == "В Таразе подписан меморандум"
        assert store.get("https://assembly.kz/ru/news/other/") is None


def test_reopening_keeps_data_and_schema(store_location):
    path = store_location
    with Store(path) as store:
        store.save(make_article())
        run_id = store.start_run(["assembly"], "x.warc.gz")
        store.finish_run(run_id, "finished", {"assembly": {"counts": {"new": 1}}})
    with Store(path) as store:
        assert store.count("assembly") == 1
        assert store.runs()[0]["stats"]["assembly"]["counts"]["new"] == 1
        assert store.known_urls("assembly") == {make_article().canonical_url}


def test_an_earlier_version_keeps_its_own_time_and_dateline(store_location):
    with Store(store_location) as store:
        store.save(make_article(published_time="10:00", dateline="ТАРАЗ"))
        store.save(make_article(text="Исправленный текст.", published_time="11:30", dateline="АСТАНА"))
        [version] = store.versions(make_article().url)
        current = store.get(make_article().url)
    assert (version["published_time"], version["dateline"]) == ("10:00", "ТАРАЗ")
    assert (current["published_time"], current["dateline"]) == ("11:30", "АСТАНА")


def test_a_read_only_store_reads_and_cannot_write(store_location, tmp_path):
    path = store_location
    with Store(path) as store:
        store.save(make_article())
    with Store.open_readonly(path) as reader:
        assert reader.count() == 1 and reader.sources() == ["assembly"]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            reader.save(make_article(text="Другой текст."))
    with Store(path) as store:
        assert store.get(make_article().url)["text"] == make_article().text
    missing = tmp_path / "missing.sqlite3"
    if isinstance(path, str):  # a database that is not there on the same server
        missing = path.rpartition("/")[0] + "/missing"
    with pytest.raises(sqlite3.OperationalError):
        Store.open_readonly(missing)
    assert not (tmp_path / "missing.sqlite3").exists()


def test_a_read_only_store_refuses_an_older_schema(store_location):
    path = store_location
    if isinstance(path, str):  # a store written before the last migration
        old = ServerConnection(path)
        old.migrate(MIGRATIONS[:1])
        old.close()
    else:
        with sqlite3.connect(path) as db:
            db.executescript(f"{MIGRATIONS[0]}; PRAGMA user_version = 1;")
    with pytest.raises(OutdatedStoreError, match="apknews index"):
        Store.open_readonly(path)
    with Store(path), Store.open_readonly(path) as reader:  # opening for writing upgrades it
        assert reader.count() == 0


def test_an_article_is_read_with_its_versions_and_links_from_any_url_variant(store_location):
    path = store_location
    copy_url = "https://taraz-ank.kz/ru/v-taraze-podpisan-memorandum"
    with Store(path) as store:
        store.save(make_article())
        store.save(make_article(text="Исправленный текст.", fetched_at="2026-11-23T00:00:00Z"))
        store.save(make_article(url=copy_url, canonical_url=copy_url, source="taraz-ank"))
        ids = {row["canonical_url"]: row["id"] for row in store.linkable_articles()}
        store.replace_links([(ids[copy_url], ids[make_article().url], REPOST, 0.9, "same text")])
    with Store.open_readonly(path) as reader:
        stored = reader.read_article(make_article().url + "?utm_source=fb")
        copy = reader.read_article(copy_url)
        assert reader.read_article("https://assembly.kz/ru/news/other/") is None
    assert stored.article["text"] == "Исправленный текст."
    assert [v["text"] for v in stored.versions] == [make_article().text]
    assert "id" not in stored.article and "article_id" not in stored.versions[0]
    assert [r["url"] for r in stored.links["reposted_as"]] == [copy_url]
    assert [r["url"] for r in copy.links["repost_of"]] == [make_article().url]
    assert copy.links["translations"] == [] and copy.versions == []
