"""The store keeps each article's entities: its set replaced whole, read back by id or URL, and a
changed set moves the article past the incremental index's mark."""

from __future__ import annotations

from archive.entities import CITY, ORG, PERSON, REGION, Entity
from archive.store import Store
from tests.test_store import make_article

TOKAYEV = Entity(PERSON, "Касым-Жомарт Токаев", mentions=3)
ASSEMBLY = Entity(ORG, "Ассамблея народа Казахстана", mentions=2)
ZHAMBYL = Entity(REGION, "Жамбылская область", main=True, origin="source")
TARAZ = Entity(CITY, "Тараз", mentions=2, main=True, origin="dateline")


def _stored(store: Store) -> int:
    store.save(make_article())
    return store.article_ids([make_article().canonical_url])[make_article().canonical_url]


def test_entities_are_saved_replaced_and_read_back(store_location):
    with Store(store_location) as store:
        article_id = _stored(store)
        assert store.entities_of([article_id]) == {}
        store.save_entities(article_id, [TARAZ, ASSEMBLY, ZHAMBYL, TOKAYEV])
        assert store.entities_of([article_id]) == {article_id: [TOKAYEV, ASSEMBLY, ZHAMBYL, TARAZ]}
        store.save_entities(article_id, [ASSEMBLY])
        assert store.entities_of([article_id, 999]) == {article_id: [ASSEMBLY]}
        url = make_article().canonical_url
        assert store.entities_by_url([url, "https://x.kz/none/"]) == {url: [ASSEMBLY]}


def test_one_entity_per_name_its_mentions_added_up(store_location):
    with Store(store_location) as store:
        article_id = _stored(store)
        store.save_entities(
            article_id, [TOKAYEV, Entity(PERSON, "Касым-Жомарт Токаев", 2, origin="gazetteer")]
        )
        assert store.entities_of([article_id])[article_id] == [Entity(PERSON, "Касым-Жомарт Токаев", 5)]


def test_a_changed_set_is_seen_by_the_incremental_index(store_location):
    with Store(store_location) as store:
        article_id = _stored(store)
        mark = store.max_seq()
        store.save_entities(article_id, [TOKAYEV])
        assert [a["url"] for a in store.iter_articles(since_seq=mark)] == [make_article().url]
        mark = store.max_seq()
        store.save_entities(article_id, [TOKAYEV])  # the same set: nothing to index again
        assert list(store.iter_articles(since_seq=mark)) == []


def test_the_names_the_archive_knows(store_location):
    with Store(store_location) as store:
        article_id = _stored(store)
        store.save_entities(
            article_id, [TOKAYEV, ASSEMBLY, TARAZ, Entity(PERSON, "Ерлан Карин", origin="translation")]
        )
        assert store.known_entities([PERSON, ORG]) == {
            (PERSON, "Касым-Жомарт Токаев"): 1,
            (ORG, "Ассамблея народа Казахстана"): 1,
        }


def test_a_readonly_store_reads_entities(store_location):
    path = store_location
    with Store(path) as store:
        article_id = _stored(store)
        store.save_entities(article_id, [TOKAYEV])
    with Store.open_readonly(path) as store:
        assert store.entities_of([article_id]) == {article_id: [TOKAYEV]}


def test_an_article_naming_nobody_is_looked_at_once(store_location):
    with Store(store_location) as store:
        article_id = _stored(store)
        assert store.articles_without_entities() == {article_id}  # never looked at
        store.save_entities(article_id, [])  # looked at: names nobody
        assert store.articles_without_entities() == set()
        assert store.entities_of([article_id]) == {}
