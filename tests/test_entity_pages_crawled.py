"""Entity facets and pages on archives whose entities the crawl itself found (natasha NER, gazetteers,
translations): the replica crawled by the real CLI, and a ru/kk/en release of the House of Friendship."""

from __future__ import annotations

import pytest

from search import Filters, search
from tests.conftest import run_apknews
from tests.test_counts import _page_facets
from tests.test_entity_crawl import TOKAYEV, release_archive  # noqa: F401  (the release, crawled)
from tests.webarchive import WebServer

AKIM = "Марат Ахметжанов"


@pytest.fixture(scope="module")
def crawled_web(crawled):
    server = WebServer(crawled.data_dir)
    yield server
    server.stop()


@pytest.mark.parametrize("query", ["*", "ассамблея", "Тараз"])
def test_facets_of_found_entities_lead_to_their_counts(crawled, crawled_web, query):
    _, body = crawled_web.json("/search.json", q=query)
    _, _, page = crawled_web.get("/search", q=query)
    shown = _page_facets(page.decode())
    assert body["facets"]["region"], "the crawl found the articles' regions"
    for name in ("person", "org", "region"):
        assert {value: count for value, _, count in shown.get(name, [])} == body["facets"][name]
        for value, link, count in shown.get(name, []):
            _, followed = crawled_web.json("/search.json?" + link)
            assert followed["total"] == count, (query, name, value)
            assert search(crawled.data_dir, query, filters=Filters(**{name: value}), limit=1).total == count


def test_the_person_of_the_session_has_a_page_in_both_languages(crawled, crawled_web):
    _, body = crawled_web.json("/entity.json", name="Токаев")
    assert body["kind"] == "person" and body["total"] >= 2
    assert {"ru", "kk"} <= {hit["lang"] for hit in body["hits"]}
    assert "Астана" in body["regions"]


@pytest.fixture(scope="module")
def release_indexed(release_archive):  # noqa: F811
    index = run_apknews(release_archive, "index")
    assert index.returncode == 0, index.stderr
    return release_archive


def test_the_entity_page_of_a_person_lists_the_release_in_three_languages(release_indexed):
    cli = run_apknews(release_indexed, "entity", TOKAYEV, "--format", "json")
    assert cli.returncode == 0, cli.stderr
    page = cli.json()
    assert page["kind"] == "person" and page["total"] == 3
    assert sorted(hit["lang"] for hit in page["hits"]) == ["en", "kk", "ru"]
    assert page["timeline"]["series_totals"] == {"en": 1, "kk": 1, "ru": 1}
    assert page["timeline"]["periods"] == ["2025-03"]
    assert page["regions"] == {"Акмолинская область": 3}
    assert page["named_with"]["person"] == {AKIM: 3}  # carried to kk and en from the Russian
    # The akim named by his surname alone in kk and en: his page holds all three too.
    akim = run_apknews(release_indexed, "entity", "Ахметжанов", "--format", "json").json()
    assert akim["kind"] == "person" and sorted(hit["lang"] for hit in akim["hits"]) == ["en", "kk", "ru"]
    server = WebServer(release_indexed)
    try:
        status, _, html = server.get("/entity", name=TOKAYEV, kind="person", ui="en")
        text = html.decode()
        assert status == 200 and '<strong id="total">3</strong> stories name it' in text
        for title in ("встретился с членами", "Көкшетауда Ассамблея", "meets members of the Assembly"):
            assert title in text
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("ui", "words"),
    [
        ("en", ("by month:", "regions:", "people named with it:")),
        ("ru", ("по месяцам:", "регионы:", "люди, названные вместе с ним:")),
        ("kk", ("айлар бойынша:", "өңірлер:", "онымен бірге аталған адамдар:")),
    ],
)
def test_the_entity_command_speaks_the_users_language(release_indexed, ui, words):
    cli = run_apknews(release_indexed, "--lang-ui", ui, "entity", TOKAYEV)
    assert cli.returncode == 0, cli.stderr
    for word in words:
        assert word in cli.stdout, cli.stdout
    assert "Акмолинская область" in cli.stdout and AKIM in cli.stdout
