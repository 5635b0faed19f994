"""The SQLite store: one record per article, changes kept as versions, the index's change counter."""

from __future__ import annotations

from dataclasses import replace

from archive.articles import Article, WarcPointer
from archive.store import CHANGED, NEW, UNCHANGED, Store


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


def test_saving_twice_stores_once(tmp_path):
    with Store(tmp_path / "a.sqlite3") as store:
        assert store.save(make_article()) == NEW
        assert store.save(make_article(fetched_at="2026-11-23T00:00:00Z")) == UNCHANGED
        assert store.count() == 1
        assert store.get(make_article().url)["warc_offset"] == 120


def test_an_edited_article_keeps_its_old_text_as_a_version(tmp_path):
    with Store(tmp_path / "a.sqlite3") as store:
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


def test_any_url_variant_finds_the_article(tmp_path):
    with Store(tmp_path / "a.sqlite3") as store:
        store.save(make_article())
        variant = "https://assembly.kz/ru/news/v-taraze-podpisan-memorandum?utm_source=fb&print=Y"
        assert store.get(variant)["title"] == "В Таразе подписан меморандум"
        assert store.get("https://assembly.kz/ru/news/other/") is None


def test_reopening_keeps_data_and_schema(tmp_path):
    path = tmp_path / "a.sqlite3"
    with Store(path) as store:
        store.save(make_article())
        run_id = store.start_run(["assembly"], "x.warc.gz")
        store.finish_run(run_id, "finished", {"assembly": {"counts": {"new": 1}}})
    with Store(path) as store:
        assert store.count("assembly") == 1
        assert store.runs()[0]["stats"]["assembly"]["counts"]["new"] == 1
        assert store.known_urls("assembly") == {make_article().canonical_url}
