"""Who and where (issue 16, items 4 and 5): person:, org:, region: and their options, entity facets whose
counts are what their links lead to, export columns, the entity page and its JSON twin, on the assembly
replica crawled by the real CLI, with the entities of its articles saved through the store."""

from __future__ import annotations

import csv
import io
import re
import shutil
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest

from archive.entities import CITY, ORG, PERSON, REGION, Entity
from archive.store import Store
from indexer.index import update_index
from search import Filters, search
from search.entity_facets import TOP_ENTITIES
from tests.conftest import run_apknews
from tests.test_counts import _page_facets
from tests.test_store import make_article
from tests.webarchive import WebServer

TOKAYEV, KARIN, ANK = "Касым-Жомарт Токаев", "Ерлан Карин", "Ассамблея народа Казахстана"
ASTANA, ZHAMBYL = "Астана", "Жамбылская область"
RELEASE = "https://assembly.kz/{lang}/news/tokayev-meets-assembly/"
COPY = "https://inform.kz/ru/tokayev-meets-assembly-copy/"

# The replica's articles (by the start of their title) with their entities, as judged by hand.
JUDGED = {
    "XXXII сессия Ассамблеи": [(PERSON, TOKAYEV, 3), (ORG, ANK, 4), (REGION, ASTANA, 1)],
    "Қазақстан халқы Ассамблеясының кезекті": [(PERSON, TOKAYEV, 1), (ORG, ANK, 2), (REGION, ASTANA, 1)],
    "Молодежь Жамбылской области": [(REGION, ZHAMBYL, 2), (CITY, "Тараз", 1)],
    "В Таразе подписан": [(REGION, ZHAMBYL, 1), (CITY, "Тараз", 2), (ORG, ANK, 1)],
    "Тараз қаласында": [(REGION, ZHAMBYL, 1), (CITY, "Тараз", 1)],
    "Unity Day concert": [(REGION, ASTANA, 1)],
    "An online convention": [(REGION, ASTANA, 1)],
    "В Доме дружбы показали фотографии": [(REGION, ASTANA, 2)],
    "Council of Public Accord in Shymkent": [(REGION, "Шымкент", 1)],
}
RELEASE_TEXTS = {
    "ru": (
        "Касым-Жомарт Токаев встретился с членами Ассамблеи",
        "Глава государства Касым-Жомарт Токаев в Астане встретился с членами Ассамблеи народа "
        "Казахстана. Ерлан Карин рассказал о работе.",
    ),
    "kk": (
        "Қасым-Жомарт Тоқаев Ассамблея мүшелерімен кездесті",
        "Мемлекет басшысы Қасым-Жомарт Тоқаев Астанада Қазақстан халқы Ассамблеясының мүшелерімен кездесті.",
    ),
    "en": (
        "Kassym-Jomart Tokayev meets members of the Assembly",
        "President Kassym-Jomart Tokayev met members of the Assembly of People of Kazakhstan in Astana.",
    ),
}


def _save_release(store: Store) -> dict[str, int]:
    """One release in ru, kk and en (linked as translations), and a copy of the Russian one elsewhere
    (a repost: one story with it), each naming Токаев."""
    ids = {}
    for lang, (title, text) in RELEASE_TEXTS.items():
        url = RELEASE.format(lang=lang)
        store.save(
            make_article(
                url=url, canonical_url=url, lang=lang, title=title, text=text, published="2024-05-14"
            )
        )
    title, text = RELEASE_TEXTS["ru"]
    store.save(
        make_article(
            url=COPY, canonical_url=COPY, source="assembly", title=title, text=text, published="2024-05-15"
        )
    )
    ids = store.article_ids([*(RELEASE.format(lang=lang) for lang in RELEASE_TEXTS), COPY])
    ru, kk, en = (ids[RELEASE.format(lang=lang)] for lang in ("ru", "kk", "en"))
    store.replace_links(
        [
            (kk, ru, "translation", 0.9, "test"),
            (en, ru, "translation", 0.9, "test"),
            (en, kk, "translation", 0.9, "test"),
            (ids[COPY], ru, "repost", 1.0, "test"),
        ]
    )
    return ids


@pytest.fixture(scope="module")
def archive(tmp_path_factory, assembly_replica):
    """The assembly replica crawled by the real CLI, the release added, every article's entities the
    judged ones (whatever extraction found is replaced), indexed by the real CLI."""
    data_dir = tmp_path_factory.mktemp("entities")
    crawl = run_apknews(
        data_dir, "crawl", "--source", "assembly", "--base-url", f"assembly={assembly_replica.base_url}"
    )
    assert crawl.returncode == 0, crawl.stderr
    with Store(data_dir / "apknews.sqlite3") as store:
        release = _save_release(store)
        articles = [(a["title"], a["canonical_url"]) for a in store.iter_articles()]
        ids = store.article_ids(url for _, url in articles)
        judged = {url: [] for _, url in articles}
        for start, entities in JUDGED.items():
            [url] = [u for title, u in articles if title.startswith(start)]
            judged[url] = [
                Entity(kind, name, mentions, main=kind == REGION) for kind, name, mentions in entities
            ]
        for url in release:
            judged[url] = [Entity(PERSON, TOKAYEV, 2), Entity(ORG, ANK), Entity(REGION, ASTANA, main=True)]
        judged[RELEASE.format(lang="ru")].append(Entity(PERSON, KARIN))
        for url, entities in judged.items():
            store.save_entities(ids[url], entities)
    index = run_apknews(data_dir, "index")
    assert index.returncode == 0, index.stderr
    return data_dir


@pytest.fixture(scope="module")
def web(archive):
    server = WebServer(archive)
    yield server
    server.stop()


def _urls(result) -> set[str]:
    return {hit.canonical_url for hit in result.hits}


def test_a_person_by_the_whole_name_the_surname_or_kazakh_letters(archive):
    release = {RELEASE.format(lang=lang) for lang in RELEASE_TEXTS}
    whole = search(archive, f'person:"{TOKAYEV}"', limit=50)
    assert release <= _urls(whole) and whole.total == 5  # two replica articles, the release's three
    assert whole.total_articles == 6  # the copy folded under the Russian release
    for query in ("person:Токаев", 'person:"қасым-жомарт тоқаев"', 'person:"КАСЫМ-ЖОМАРТ  ТОКАЕВ"'):
        assert _urls(search(archive, query, limit=50)) == _urls(whole), query
    assert _urls(search(archive, "*", filters=Filters(person="Токаев"), limit=50)) == _urls(whole)
    assert search(archive, f'person:"{TOKAYEV}" lang:en', limit=5).total == 1
    # Whole names only: a first name is no surname, nor is part of the name.
    assert search(archive, "person:Касым-Жомарт", limit=5).total == 0
    assert search(archive, "person:Токаева", limit=5).total == 0


def test_an_organisation_by_any_name_extraction_folds_into_it(archive):
    assembly = _urls(search(archive, f'org:"{ANK}"', limit=50))
    assert len(assembly) == 6  # three replica articles, the release's three (its copy folded)
    for query in (
        "org:АНК",
        "org:APK",
        'org:"Қазақстан халқы Ассамблеясы"',
        'org:"ассамблея народа казахстана"',
    ):
        assert _urls(search(archive, query, limit=50)) == assembly, query
    cli = run_apknews(archive, "search", "*", "--org", "АНК", "--format", "json")
    assert cli.returncode == 0 and cli.json()["total"] == 6
    assert search(archive, 'org:"Нет такой организации"', limit=5).total == 0


def test_an_unknown_person_is_no_hit_not_an_error(archive):
    found = run_apknews(archive, "search", "person:Назарбаев", "--format", "json")
    assert found.returncode == 0, found.stderr
    assert found.json()["total"] == 0
    also = run_apknews(archive, "search", "*", "--person", "Никто Неизвестный", "--format", "json")
    assert also.returncode == 0 and also.json()["total"] == 0


def test_any_spelling_of_a_region_is_one_filter(archive):
    astana = _urls(search(archive, f"region:{ASTANA}", limit=50))
    assert len(astana) == 8  # five replica articles, the release's three
    for spelling in ("region:Nur-Sultan", 'region:"Нур-Султан"', "region:Целиноград", "region:astana"):
        assert _urls(search(archive, spelling, limit=50)) == astana, spelling
    zhambyl = _urls(search(archive, f'region:"{ZHAMBYL}"', limit=50))
    assert len(zhambyl) == 3
    assert _urls(search(archive, 'region:"Жамбыл облысы"', limit=50)) == zhambyl
    assert _urls(search(archive, "*", filters=Filters(region="Zhambyl region"), limit=50)) == zhambyl
    cli = run_apknews(archive, "search", "*", "--region", "Jambyl oblysy", "--format", "json")
    assert cli.returncode == 0 and cli.json()["total"] == 3
    assert search(archive, "city:Джамбул", limit=50).total == 3  # the city's former name


def test_an_unknown_region_is_an_error_naming_close_ones(archive, web):
    cli = run_apknews(archive, "search", "region:Жамбыльская")
    assert cli.returncode == 1
    assert "unknown region 'Жамбыльская'" in cli.stderr and ZHAMBYL in cli.stderr
    option = run_apknews(archive, "search", "*", "--region", "Акмолинск")
    assert option.returncode == 1 and "--region" in option.stderr and "Акмолинская область" in option.stderr
    status, body = web.json("/search.json", q="*", region="Жамбыльская")
    assert status == 400 and ZHAMBYL in body["error"]["hint"]
    status, _, page = web.get("/search", q="*", region="Жамбыльская", ui="ru")
    assert status == 400 and "неизвестный регион" in page.decode() and ZHAMBYL in page.decode()
    city = run_apknews(archive, "search", "region:Тараз")
    assert city.returncode == 1 and "'Тараз' is a city, not a region (hint: write city:Тараз)" in city.stderr


@pytest.mark.parametrize("query", ["*", "ассамблея", "Астана", "Тараз OR Астана"])
def test_every_entity_facet_link_leads_to_the_count_it_showed(archive, web, query):
    _, body = web.json("/search.json", q=query)
    status, _, page = web.get("/search", q=query)
    shown = _page_facets(page.decode())
    assert status == 200 and {"person", "org", "region"} <= set(shown)
    for name in ("person", "org", "region"):
        assert {value: count for value, _, count in shown[name]} == body["facets"][name]
        for value, link, count in shown[name]:
            _, followed = web.json("/search.json?" + link)
            assert followed["total"] == count, (query, name, value)
            assert search(archive, query, filters=Filters(**{name: value}), limit=1).total == count
    if query == "*":
        assert body["facets"]["person"] == {TOKAYEV: 5, KARIN: 1}  # the copy counts in its story
        assert body["facets"]["region"] == {ASTANA: 8, ZHAMBYL: 3, "Шымкент": 1}


def test_the_facets_keep_the_top_twenty(archive):
    assert TOP_ENTITIES == 20
    facets = search(archive, "*", limit=1).facets
    assert all(len(facets[name]) <= TOP_ENTITIES for name in ("person", "org", "region"))


def test_the_entity_page_lists_the_release_in_every_language(archive, web):
    status, body = web.json("/entity.json", name=TOKAYEV, kind="person")
    assert status == 200 and body["total"] == 5
    langs = {hit["canonical_url"]: hit["lang"] for hit in body["hits"]}
    assert {langs.get(RELEASE.format(lang=lang)) for lang in RELEASE_TEXTS} == {"ru", "kk", "en"}
    assert body["timeline"]["series_totals"] == {"en": 1, "kk": 2, "ru": 2}
    assert body["timeline"]["periods"][0] == "2023-04" and body["timeline"]["periods"][-1] == "2024-05"
    assert body["regions"] == {ASTANA: 5}
    assert body["named_with"] == {"person": {KARIN: 1}, "org": {ANK: 5}}
    # The HTML page: the same stories, each title linking to its article.
    status, _, page = web.get("/entity", name=TOKAYEV, kind="person")
    text = page.decode()
    assert status == 200 and re.search(r'<strong id="total">5</strong>', text)
    for lang, (title, _) in RELEASE_TEXTS.items():
        assert title in text, lang
    assert 'id="chart"' in text and 'id="entity-region"' in text
    # In each language of the page, its words and plural forms.
    for ui, words in {
        "ru": ("сюжетов с упоминанием", "Человек", "Люди, названные рядом"),
        "kk": ("сюжетте аталады", "Адам", "Қатар аталған адамдар"),
        "en": ("stories name it", "Person", "People named with it"),
    }.items():
        _, _, page = web.get("/entity", name=TOKAYEV, kind="person", ui=ui)
        assert all(word in page.decode() for word in words), ui
    _, _, page = web.get("/entity", name=KARIN, kind="person", ui="ru")
    assert re.search(r'<strong id="total">1</strong> сюжет с упоминанием', page.decode())


def test_a_surname_opens_the_same_page_and_the_kind_is_guessed(archive, web):
    _, whole = web.json("/entity.json", name=TOKAYEV, kind="person")
    _, surname = web.json("/entity.json", name="Токаев")
    assert surname["kind"] == "person" and surname["hits"] == whole["hits"]
    assert surname["named_with"]["person"] == {KARIN: 1}  # Токаев is not named with himself
    _, place = web.json("/entity.json", name="Nur-Sultan")
    assert place["kind"] == "region" and place["name"] == ASTANA and place["total"] == 8


def test_the_entity_pages_counts_lead_to_what_they_show(archive, web):
    status, _, page = web.get("/entity", name=TOKAYEV, kind="person")
    links = re.findall(r'<a class="count" href="([^"]+)"[^>]*>(\d+)</a>', page.decode())
    assert status == 200 and len(links) == 3  # Астана, Карин, the Assembly
    for link, count in links:
        params = dict(parse_qsl(urlsplit(link.replace("&amp;", "&")).query))
        _, followed = web.json("/search.json", **params)
        assert followed["total"] == int(count), link


def test_an_unknown_name_is_an_empty_page_and_a_bad_kind_a_400(archive, web):
    status, body = web.json("/entity.json", name="Никто Неизвестный", kind="person")
    assert status == 200 and body["total"] == 0 and body["hits"] == []
    status, _, page = web.get("/entity", name="Никто Неизвестный", kind="person", ui="en")
    assert status == 200 and "No article in the archive names it." in page.decode()
    _, _, page = web.get("/entity", name="Никто Неизвестный", kind="person", ui="kk")
    assert "Архивте мұны атайтын мақала жоқ." in page.decode()
    assert web.json("/entity.json", name="x", kind="planet")[0] == 400
    assert web.json("/entity.json", kind="person")[0] == 400
    assert web.json("/entity.json", name="Жамбыльская", kind="region")[0] == 400


def test_the_cli_entity_command_gives_the_pages_json(archive, web):
    cli = run_apknews(archive, "entity", "Токаев", "--format", "json")
    assert cli.returncode == 0, cli.stderr
    _, body = web.json("/entity.json", name="Токаев")
    for key in ("kind", "name", "total", "total_articles", "regions", "named_with", "timeline"):
        assert cli.json()[key] == body[key], key
    assert [h["canonical_url"] for h in cli.json()["hits"]] == [h["canonical_url"] for h in body["hits"]]
    table = run_apknews(archive, "entity", TOKAYEV, "--kind", "person")
    assert table.returncode == 0 and "5 stories (6 articles)" in table.stdout
    assert "2024-05  " in table.stdout and ASTANA in table.stdout and KARIN in table.stdout


def test_the_article_page_lists_its_people_organisations_and_regions(archive, web):
    url = RELEASE.format(lang="ru")
    status, body = web.json("/article.json", url=url)
    assert status == 200
    assert [(e["kind"], e["name"]) for e in body["entities"]] == [
        (PERSON, TOKAYEV),
        (PERSON, KARIN),
        (ORG, ANK),
        (REGION, ASTANA),
    ]
    _, _, page = web.get("/article", url=url)
    people = re.search(r'<dd id="entities-person">(.*?)</dd>', page.decode()).group(1)
    assert "/entity?name=" in people and TOKAYEV in people and KARIN in people


def test_exports_have_people_organisations_and_regions_columns(archive, tmp_path):
    target = tmp_path / "tokayev.csv"
    fields = "published,lang,title,people,organisations,regions"
    done = run_apknews(archive, "export", "person:Токаев", "--fields", fields, "--output", str(target))
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 5
    russian = [r for r in rows if r["title"] == RELEASE_TEXTS["ru"][0]]
    assert russian[0]["people"] == f"{TOKAYEV}; {KARIN}" and russian[0]["regions"] == ASTANA
    assert all(r["organisations"] == ANK for r in rows)
    default = run_apknews(archive, "export", "person:Токаев", "--output", str(tmp_path / "d.csv"))
    assert default.returncode == 0
    header = (tmp_path / "d.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "people" not in header  # the columns come with --fields


def test_an_index_update_takes_changed_entities(archive, tmp_path):
    with Store(archive / "apknews.sqlite3") as store:
        [shymkent] = [a for a in store.iter_articles() if a["title"].startswith("Council of Public Accord")]
        article_id = store.article_ids([shymkent["canonical_url"]])[shymkent["canonical_url"]]
        store.save_entities(article_id, [Entity(REGION, "Шымкент", main=True), Entity(PERSON, KARIN)])
    try:
        update = run_apknews(archive, "index")
        assert update.returncode == 0 and "rebuilt" not in update.stdout, update.stdout
        assert search(archive, f'person:"{KARIN}"', limit=5).total == 2
    finally:
        with Store(archive / "apknews.sqlite3") as store:
            store.save_entities(article_id, [Entity(REGION, "Шымкент", main=True)])
        assert run_apknews(archive, "index").returncode == 0
    assert search(archive, f'person:"{KARIN}"', limit=5).total == 1


def test_filters_keep_entities_in_links_and_saved_searches(archive):
    filters = Filters(person="Токаев", region="Nur-Sultan")
    assert filters.region == ASTANA
    assert filters.to_params()["person"] == "Токаев" and filters.to_params()["region"] == ASTANA
    assert Filters.from_dict(filters.to_dict()) == filters
    assert replace(filters, person=None).restriction() is not None


def test_a_rebuild_by_two_writer_processes_reads_the_same_entities(archive, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(archive, copy, ignore=shutil.ignore_patterns("index*"))
    with Store(Path(copy) / "apknews.sqlite3") as store:
        report = update_index(store, Path(copy) / "index", rebuild=True, procs=2)
    assert report.rebuilt and report.added == report.total
    for query in ("*", f'person:"{TOKAYEV}"', "region:Астана"):
        one, two = search(archive, query, limit=50), search(copy, query, limit=50)
        assert (one.total, one.facets) == (two.total, two.facets), query
        assert _urls(one) == _urls(two)
