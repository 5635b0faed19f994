"""One count everywhere: stories (reposts folded) and articles (every copy) in the list, the facets,
the timeline and the exports, on the CLI, the library and the web page alike; sort by date orders
stories by the date they show."""

from __future__ import annotations

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from archive.settings import DataDir
from archive.store import REPOST, Store
from indexer.index import open_index, update_index
from indexer.stories import doc_numbers, read_story_keys, story_keys_of
from replicas.server import SITES
from search import Filters, iter_hits, search
from search.timeline import count_hits, count_over_time
from tests.multisite import base_url_args, run, serve
from tests.test_store import make_article
from tests.webarchive import WebServer

ATOM = "{http://www.w3.org/2005/Atom}"
QUERIES = ["ассамблея", "*", "Астана", '"Дом дружбы"', "Тараз OR Караганда", "Ассамблеясы", "Nur-Sultan"]


# -- every replica crawled together: the reposts the crawl links -------------------------------------


@pytest.fixture(scope="module")
def all_sites(tmp_path_factory):
    """The five replicas crawled into one archive by the real CLI (reposts linked across sites), indexed."""
    data_dir = tmp_path_factory.mktemp("all-sites")
    servers = {name: serve(name) for name in SITES}
    try:
        crawl = run(data_dir, "crawl", *base_url_args(servers))
        assert crawl.returncode == 0, crawl.stderr
    finally:
        for server in servers.values():
            server.stop()
    index = run(data_dir, "index")
    assert index.returncode == 0, index.stderr
    return data_dir


@pytest.fixture(scope="module")
def web(all_sites):
    server = WebServer(all_sites)
    yield server
    server.stop()


def _facet_filters(name: str, value: str) -> Filters:
    if name == "year":
        return Filters(date_from=date(int(value), 1, 1), date_to=date(int(value), 12, 31))
    return Filters(**{name: value})


_FACET_LINK = re.compile(
    r'<a href="\?([^"]+)"(?: data-value="([^"]*)")?>([^<]*)</a>\s*<span class="count">([^<]+)</span>'
)


def _page_facets(page: str) -> dict[str, list[tuple[str, str, int]]]:
    """{facet: [(value, link's query string, count shown)]} as the results page lays them out."""
    facets = {}
    for section in re.findall(r'<section class="facet" id="facet-(\w+)">(.*?)</section>', page, re.S):
        name, body = section
        facets[name] = [
            (html.unescape(value or text), html.unescape(link), int(re.sub(r"\D", "", shown)))
            for link, value, text, shown in _FACET_LINK.findall(body)
        ]
    return facets


@pytest.mark.parametrize("query", QUERIES)
def test_every_facet_link_leads_to_the_count_it_showed(all_sites, web, query):
    _, body = web.json("/search.json", q=query)
    assert body["counts"] == "stories" and body["total"] <= body["total_articles"]
    status, _, page = web.get("/search", q=query)
    shown = _page_facets(page.decode())
    assert status == 200 and set(shown) == {name for name, values in body["facets"].items() if values}
    for name, values in shown.items():
        assert {value: count for value, _, count in values} == body["facets"][name]
        for value, link, count in values:
            _, followed = web.json("/search.json?" + link)  # the facet's link, as a reader clicks it
            assert followed["total"] == count, (query, name, value, link)
            library = search(all_sites, query, filters=_facet_filters(name, value), limit=1)
            assert library.total == count, (query, name, value)


def test_some_query_folds_reposts(web):
    folded = [q for q in QUERIES if (b := web.json("/search.json", q=q)[1])["total"] < b["total_articles"]]
    assert folded, "the replicas' reposts should fold somewhere"


@pytest.mark.parametrize("query", QUERIES)
def test_cli_json_web_json_and_timeline_agree(all_sites, web, query):
    cli = run(all_sites, "search", query, "--format", "json")
    assert cli.returncode == 0, cli.stderr
    found = cli.json()
    _, body = web.json("/search.json", q=query)
    for key in ("total", "total_articles", "counts", "facets"):
        assert found[key] == body[key], key
    _, timeline = web.json("/timeline.json", q=query, by="year")
    assert (timeline["total"], timeline["total_articles"]) == (found["total"], found["total_articles"])
    by_year = dict(zip(timeline["periods"], timeline["period_totals"], strict=True))
    assert {year: n for year, n in by_year.items() if n} == found["facets"]["year"]
    assert timeline["series_totals"] == found["facets"]["lang"]  # the page's chart: split by language
    # The CLI's table of the same counts.
    table = run(all_sites, "timeline", query, "--by", "year", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert {r["period"]: int(r["total"]) for r in rows if int(r["total"])} == found["facets"]["year"]


@pytest.mark.parametrize("query", ["ассамблея", "*"])
def test_a_split_timeline_counts_what_each_filter_leads_to(all_sites, query):
    timeline = count_over_time(all_sites, query, by="year", split="source")
    for name, counts in timeline.series.items():
        for year, n in zip(timeline.periods, counts, strict=True):
            filters = Filters(source=name, date_from=date(int(year), 1, 1), date_to=date(int(year), 12, 31))
            assert search(all_sites, query, filters=filters, limit=1).total == n, (name, year)
    for year, n in zip(timeline.periods, timeline.period_totals, strict=True):
        assert search(all_sites, query, filters=_facet_filters("year", year), limit=1).total == n
    facets = search(all_sites, query, limit=1).facets
    assert timeline.series_totals == facets["source"]  # every replica article is dated


def _dates(hits) -> list[str | None]:
    return [h["published"] if isinstance(h, dict) else h.published for h in hits]


def _newest_first(dates: list[str | None]) -> bool:
    dated = [d for d in dates if d]
    undated_after = all(d is None for d in dates[len(dated) :])
    return undated_after and dated == sorted(dated, reverse=True)


@pytest.mark.parametrize("query", QUERIES)
def test_sorted_by_date_means_by_the_date_shown(all_sites, web, query):
    result = search(all_sites, query, sort="date", limit=1000)
    assert _newest_first(_dates(result.hits))
    cli = run(all_sites, "search", query, "--sort", "date", "--limit", "1000", "--format", "json").json()
    assert _dates(cli["hits"]) == _dates(result.hits)
    shown, number = [], 1
    while True:
        _, page = web.json("/search.json", q=query, sort="date", page=number)
        shown += page["hits"]
        if "next" not in page["page"]:
            break
        number += 1
    assert [h["url"] for h in shown] == [h.url for h in result.hits]
    _, _, feed = web.get("/feed.atom", q=query)
    updated = [e.find(f"{ATOM}updated").text[:10] for e in ET.fromstring(feed).findall(f"{ATOM}entry")]
    assert updated == [d for d in _dates(result.hits)[: len(updated)] if d] and _newest_first(updated)


# -- a small archive whose stories span years and sources --------------------------------------------

FORUM = "Ассамблея народа Казахстана провела форум молодежи."
CONTEST = "Ассамблея провела конкурс чтецов."
PRIZE = "Ассамблея наградила победителей олимпиады."
# (url, source, published, text, the url it is a repost of)
ARTICLES = [
    ("https://assembly.kz/ru/news/forum/", "assembly", "2020-12-30", FORUM, None),
    ("https://www.gov.kz/forum", "govkz", "2021-01-02", FORUM, "https://assembly.kz/ru/news/forum/"),
    ("https://www.inform.kz/ru/forum", "inform", "2021-01-03", FORUM, "https://assembly.kz/ru/news/forum/"),
    # Linked as a repost four years later: the story is shown, and sorted, by its 2019 copy.
    ("https://assembly.kz/ru/news/contest/", "assembly", "2019-10-10", CONTEST, None),
    (
        "https://www.inform.kz/ru/contest",
        "inform",
        "2024-05-01",
        CONTEST,
        "https://assembly.kz/ru/news/contest/",
    ),
    (
        "https://assembly.kz/ru/news/exhibition/",
        "assembly",
        "2024-03-01",
        "Ассамблея открыла выставку.",
        None,
    ),
    ("https://assembly.kz/kz/news/zhiyn/", "assembly", "2023-01-01", "Ассамблеясы жиын өткізді.", None),
    ("https://assembly.kz/ru/news/prize/", "assembly", "2022-06-01", PRIZE, None),
    ("https://ddakmo.kz/prize", "ddakmo", None, PRIZE, "https://assembly.kz/ru/news/prize/"),
    ("https://ddakmo.kz/results", "ddakmo", None, "Ассамблея подвела итоги.", None),
]


@pytest.fixture(scope="module")
def stories(tmp_path_factory) -> DataDir:
    data_dir = DataDir(tmp_path_factory.mktemp("stories"))
    with Store(data_dir.store_path) as store:
        for url, source, published, text, _ in ARTICLES:
            lang = "kk" if "/kz/" in url else "ru"
            store.save(
                make_article(
                    url=url, canonical_url=url, source=source, lang=lang, published=published, text=text
                )
            )
        ids = {a["canonical_url"]: a["id"] for a in store.linkable_articles()}
        store.replace_links(
            (ids[url], ids[original], REPOST, 0.95, "test") for url, *_, original in ARTICLES if original
        )
        update_index(store, data_dir.index_dir)
    return data_dir


def test_stories_and_articles_are_both_counted(stories):
    result = search(stories, "ассамблея")
    assert (result.total, result.total_articles, result.collapsed, result.counts) == (6, 10, 4, "stories")
    every = search(stories, "ассамблея", collapse_reposts=False)
    assert (every.total, every.total_articles, every.counts) == (10, 10, "articles")
    assert sum(every.facets["source"].values()) == 10
    forum = next(h for h in result.hits if h.url == ARTICLES[0][0])
    assert forum.reposts == 2 and sorted(forum.repost_urls) == sorted(a[0] for a in ARTICLES[1:3])


def test_a_story_counts_under_each_year_and_source_of_its_copies(stories):
    facets = search(stories, "ассамблея").facets
    assert facets["year"] == {"2024": 2, "2019": 1, "2020": 1, "2021": 1, "2022": 1, "2023": 1}
    assert facets["source"] == {"assembly": 5, "inform": 2, "ddakmo": 2, "govkz": 1}
    for name, values in facets.items():
        for value, count in values.items():
            assert search(stories, "ассамблея", filters=_facet_filters(name, value)).total == count
    in_2021 = search(stories, "ассамблея", filters=_facet_filters("year", "2021"))
    assert [(h.url, h.published, h.reposts) for h in in_2021.hits] == [(ARTICLES[1][0], "2021-01-02", 1)]


def test_date_sort_places_a_story_by_the_copy_it_shows(stories):
    result = search(stories, "ассамблея", sort="date")
    assert [(h.url, h.published) for h in result.hits] == [
        ("https://assembly.kz/ru/news/exhibition/", "2024-03-01"),
        ("https://assembly.kz/kz/news/zhiyn/", "2023-01-01"),
        ("https://assembly.kz/ru/news/prize/", "2022-06-01"),
        ("https://assembly.kz/ru/news/forum/", "2020-12-30"),
        ("https://assembly.kz/ru/news/contest/", "2019-10-10"),  # not above 2024-03-01 for its 2024 copy
        ("https://ddakmo.kz/results", None),
    ]
    paged = [
        h.url for n in range(3) for h in search(stories, "ассамблея", sort="date", limit=2, offset=2 * n).hits
    ]
    assert paged == [h.url for h in result.hits]
    since_2024 = search(stories, "ассамблея", sort="date", filters=Filters(date_from=date(2024, 1, 1)))
    assert [(h.url, h.published) for h in since_2024.hits] == [
        ("https://www.inform.kz/ru/contest", "2024-05-01"),  # the copy the filter lets through
        ("https://assembly.kz/ru/news/exhibition/", "2024-03-01"),
    ]
    relevance = search(stories, "ассамблея OR форум OR конкурс")
    assert [h.score for h in relevance.hits] == sorted((h.score for h in relevance.hits), reverse=True)


def test_exports_and_the_timeline_count_as_the_list(stories):
    rows = list(iter_hits(stories, "ассамблея"))
    assert [r["url"] for r in rows] == [h.url for h in search(stories, "ассамблея", sort="date").hits]
    assert [r["reposts"] for r in rows] == [0, 0, 1, 2, 1, 0]
    assert len(list(iter_hits(stories, "ассамблея", collapse_reposts=False))) == 10
    assert (
        count_hits(stories, "ассамблея") == 6
        and count_hits(stories, "ассамблея", collapse_reposts=False) == 10
    )
    timeline = count_over_time(stories, "ассамблея", by="year")
    assert dict(zip(timeline.periods, timeline.series["total"], strict=True)) == {
        **dict.fromkeys(map(str, range(2019, 2025)), 1),
        "2024": 2,
    }
    assert (timeline.total, timeline.total_articles, timeline.undated, timeline.counts) == (
        6,
        10,
        1,
        "stories",
    )
    every = count_over_time(stories, "ассамблея", by="year", collapse_reposts=False)
    assert sum(every.period_totals) + every.undated == 10 and every.counts == "articles"


def test_the_cli_says_stories_and_articles(stories):
    shown = run(stories.root, "search", "ассамблея")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("6 stories (10 articles) for 'ассамблея'\n")
    one = run(stories.root, "search", "выставку")
    assert one.stdout.startswith("1 story (1 article) for 'выставку'\n")
    exported = run(stories.root, "export", "ассамблея", "--output", "-", "--format", "csv")
    assert len(list(csv.DictReader(io.StringIO(exported.stdout)))) == 6


def test_story_keys_are_kept_beside_the_index_and_not_trusted_once_links_change(tmp_path):
    data_dir = DataDir(tmp_path)
    with Store(data_dir.store_path) as store:
        for url, source, published, text, _ in ARTICLES:
            store.save(
                make_article(url=url, canonical_url=url, source=source, published=published, text=text)
            )
        ids = {a["canonical_url"]: a["id"] for a in store.linkable_articles()}
        links = [
            (ids[url], ids[original], REPOST, 0.95, "test") for url, *_, original in ARTICLES if original
        ]
        store.replace_links(links)
        update_index(store, data_dir.index_dir)
        with open_index(data_dir.index_dir).searcher() as searcher:
            kept = read_story_keys(data_dir.index_dir, searcher, store.repost_state())
            assert kept is not None and (kept == story_keys_of(searcher, store.repost_pairs())).all()
            urls = {url for url, *_ in ARTICLES} | {"https://nowhere.example/"}
            looked_up = doc_numbers(searcher, urls, whole_field=False)
            assert looked_up == doc_numbers(searcher, urls, whole_field=True) and len(looked_up) == 10
        folded = search(data_dir, "ассамблея")
        assert folded.total == folded.total_articles - 4  # four copies linked as reposts
        store.replace_links(links[:1])  # relinked by a crawl, not indexed since
        with open_index(data_dir.index_dir).searcher() as searcher:
            assert read_story_keys(data_dir.index_dir, searcher, store.repost_state()) is None
    relinked = search(data_dir, "ассамблея")
    assert relinked.total == relinked.total_articles - 1  # folded by the links as they are now


def test_a_changed_article_is_found_as_its_live_document(tmp_path):
    data_dir = DataDir(tmp_path)
    url = "https://assembly.kz/ru/news/forum/"
    with Store(data_dir.store_path) as store:
        store.save(make_article(url=url, canonical_url=url, text=FORUM))
        store.save(make_article(url=url + "2", canonical_url=url + "2", text=CONTEST))
        update_index(store, data_dir.index_dir)
        store.save(make_article(url=url, canonical_url=url, text=FORUM + " Дополнено."))
        update_index(store, data_dir.index_dir)  # the old document deleted, the new one added
    with open_index(data_dir.index_dir).searcher() as searcher:
        live = searcher.document_number(canonical_url=url)
        assert doc_numbers(searcher, {url}, whole_field=False) == {url: live}
        assert doc_numbers(searcher, {url}, whole_field=True) == {url: live}


# -- people, organisations and regions (issue 16): multi-valued facets, counted as the others ---------


@pytest.mark.parametrize("query", ["*", "ассамблея"])
def test_entity_facets_agree_with_the_entity_pages(all_sites, web, query):
    """Each person, organisation and region the crawl found: its facet count is the stories its filter
    leads to; under '*', also what its entity page counts."""
    _, body = web.json("/search.json", q=query)
    assert body["facets"]["region"], "the crawl stores each article's region"
    for name in ("person", "org", "region"):
        assert len(body["facets"][name]) <= 20
        for value, count in body["facets"][name].items():
            assert search(all_sites, query, filters=Filters(**{name: value}), limit=1).total == count
            if query == "*":
                _, page = web.json("/entity.json", name=value, kind=name)
                assert page["total"] == count, (name, value)
