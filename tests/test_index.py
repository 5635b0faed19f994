"""The Whoosh index: built from the store, updated incrementally, rebuilt when its schema is old."""

from __future__ import annotations

import json

import pytest

from apknews.settings import DataDir
from apknews.store import Store
from indexer.index import META_FILE, IndexMissingError, open_index, update_index
from search import search
from tests.test_store import make_article


@pytest.fixture
def data_dir(tmp_path) -> DataDir:
    data_dir = DataDir(tmp_path)
    with Store(data_dir.store_path) as store:
        store.save(make_article())
        store.save(
            make_article(
                url="https://assembly.kz/news/tarazda-mereke/",
                canonical_url="https://assembly.kz/news/tarazda-mereke/",
                lang="kk",
                title="Таразда мереке өтті",
                text="Таразда Қазақстан халқы Ассамблеясының мерекесі өтті.",
                published="2024-04-30",
            )
        )
    return data_dir


def test_build_then_update_only_what_changed(data_dir):
    with Store(data_dir.store_path) as store:
        first = update_index(store, data_dir.index_dir)
        assert (first.rebuilt, first.added, first.total) == (True, 2, 2)
        again = update_index(store, data_dir.index_dir)
        assert (again.rebuilt, again.added, again.total) == (False, 0, 2)
        store.save(make_article(text="Текст изменён: меморандум дополнен.", fetched_at="2026-12-01"))
        changed = update_index(store, data_dir.index_dir)
        assert (changed.added, changed.total) == (1, 2)
    assert search(data_dir, "дополнен").total == 1


def test_kazakh_is_not_lemmatised_as_russian(data_dir):
    with Store(data_dir.store_path) as store:
        update_index(store, data_dir.index_dir)
    assert search(data_dir, "Таразда").total == 1
    assert search(data_dir, "Тараз", lang="ru").total == 1


def test_an_index_of_another_schema_is_rebuilt_not_misread(data_dir):
    with Store(data_dir.store_path) as store:
        update_index(store, data_dir.index_dir)
    meta_path = data_dir.index_dir / META_FILE
    meta = json.loads(meta_path.read_text())
    meta_path.write_text(json.dumps({**meta, "schema_version": "0.0"}))
    with pytest.raises(IndexMissingError, match="rebuild"):
        open_index(data_dir.index_dir)
    with Store(data_dir.store_path) as store:
        report = update_index(store, data_dir.index_dir)
    assert report.rebuilt and "0.0" in report.reason and report.total == 2
    assert search(data_dir, "меморандум").total == 1
