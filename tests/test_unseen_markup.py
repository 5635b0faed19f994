"""Each source's second replica, markup our config was never written for, crawled with the stock config.

The second replicas (replicas/*_variant.py) serve the same URLs, dates, languages and quirks as
SITES.md describes, with class names of their own, `<article>` cards in `<main>`, a stock
WordPress theme, "most read" boxes and menus whose links match the article pattern, and the
Kazinform dateline inside the first paragraph. One `apknews crawl` of all four, as cron would
run it, with config/sources.toml untouched: every article stored once, dated, in its language,
without a line of chrome, and no page of other news ever requested.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest
from lxml.cssselect import CSSSelector

from archive.sources import load_sources
from crawler.pipelines.extract import USUAL_METHOD
from replicas.server import ReplicaServer
from replicas.variant_kit import plain_path
from replicas.variants import VARIANTS
from tests.multisite import base_url_args, query, run, stored
from tests.test_fallbacks import METHODS as VARIANT_METHODS

SOURCES = tuple(VARIANTS)
_BARE_NUMBER = re.compile(r"^\d[\d\s]*$")
_NUMERIC_DATE = re.compile(r"^\d{2}\.\d{2}\.\d{4}$")


@dataclass
class Crawl:
    data_dir: Path
    servers: dict[str, ReplicaServer]
    stdout: str


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    servers = {name: ReplicaServer(make()).start() for name, make in VARIANTS.items()}
    data_dir = tmp_path_factory.mktemp("unseen")
    try:
        result = run(data_dir, "crawl", *base_url_args(servers))
        assert result.returncode == 0, result.stdout + result.stderr
        yield Crawl(data_dir, servers, result.stdout)
    finally:
        for server in servers.values():
            server.stop()


def site(crawl: Crawl, name: str):
    return crawl.servers[name]._handle.__self__


def page_text(variant, path: str) -> tuple[int, str]:
    """A page of a replica as a browser reads it (taraz-ank's Russian pages are windows-1251)."""
    status, _, body = variant.handle(path)
    return status, body.decode("cp1251" if b"charset=windows-1251" in body[:600] else "utf-8")


def requested_paths(crawl: Crawl, name: str) -> set[str]:
    return {unquote(urlsplit(p).path).rstrip("/") or "/" for p in crawl.servers[name].requests}


# -- what the second replicas are: checked without crawling -----------------------------------------


@pytest.mark.parametrize("name", ("inform", "taraz-ank"))
def test_the_stock_listing_selector_matches_nothing_there(name):
    variant, selector = VARIANTS[name](), load_sources()[name].listing_selector
    for listing in variant.listing_pages():
        tree = lxml.html.fromstring(page_text(variant, listing.path)[1])
        assert CSSSelector(selector)(tree) == [], listing.path


@pytest.mark.parametrize("name", ("assembly", "inform", "taraz-ank"))
def test_the_pages_of_other_news_are_linked_and_look_like_articles(name):
    """The trap is real: each page never to be fetched is linked from a listing and looks like an article."""
    variant, source = VARIANTS[name](), load_sources()[name]
    linked = set()
    for listing in variant.listing_pages():
        page = page_text(variant, listing.path)[1]
        linked |= {plain_path(href.replace("&amp;", "&")) for href in re.findall(r'href="([^"]+)"', page)}
    for path in variant.never_requested():
        assert path in linked, path
        assert source.article_regex.match(path + "/"), path
        assert variant.handle(path + "/")[0] == 200, path


@pytest.mark.parametrize("name", SOURCES)
def test_every_expected_article_is_served_with_its_title(name):
    variant = VARIANTS[name]()
    for article in variant.expected():
        status, page = page_text(variant, article.path + "/")
        assert status == 200, article.path
        assert article.title in lxml.html.fromstring(page).text_content(), article.path


# -- the crawl -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SOURCES)
def test_every_article_is_stored_once(crawl, name):
    articles = stored(crawl.data_dir, name)
    paths = sorted(plain_path(a["url"]) for a in articles)
    assert paths == sorted(a.path for a in site(crawl, name).expected())
    assert len({a["canonical_url"] for a in articles}) == len(articles)


@pytest.mark.parametrize("name", SOURCES)
def test_each_article_has_its_date_and_language(crawl, name):
    by_path = {plain_path(a["url"]): a for a in stored(crawl.data_dir, name)}
    found = {path: (a["published"], a["lang"]) for path, a in by_path.items()}
    expected = {e.path: (e.date, e.lang) for e in site(crawl, name).expected()}
    assert {path: found.get(path) for path in expected} == expected


@pytest.mark.parametrize("name", SOURCES)
def test_no_page_of_other_news_is_requested(crawl, name):
    assert not site(crawl, name).never_requested() & requested_paths(crawl, name)
    stored_titles = {a["title"] for a in stored(crawl.data_dir, name)}
    assert not site(crawl, name).off_topic_titles() & stored_titles


@pytest.mark.parametrize("name", SOURCES)
def test_no_line_of_chrome_is_left_in_a_text(crawl, name):
    variant = site(crawl, name)
    assert stored(crawl.data_dir, name)
    leftovers = [
        (plain_path(article["url"]), line)
        for article in stored(crawl.data_dir, name)
        for line in leftover_lines(article, variant)
    ]
    assert leftovers == []


def test_the_kazinform_dateline_is_cut_from_every_text(crawl):
    variant = site(crawl, "inform")
    texts = {plain_path(a["url"]): a["text"] for a in stored(crawl.data_dir, "inform")}
    with_dateline = {s.slug for s in variant.stories if "dateline" in s.extra and s.topic}
    assert with_dateline
    places = {dateline.split(".")[0].upper() + "." for dateline in variant.datelines()}
    kept = [path for path, text in texts.items() if text.lstrip().upper().startswith(tuple(places))]
    assert kept == []
    assert len([p for p in texts if p.rsplit("/", 1)[1] in with_dateline]) == len(with_dateline)


def test_the_place_of_a_dateline_is_searchable(crawl):
    """`apknews search Astana` finds the English article that names Astana only in its dateline."""
    english = [
        a
        for a in stored(crawl.data_dir, "inform")
        if a["lang"] == "en" and (a["dateline"] or "").startswith("ASTANA.")
    ]
    assert english and all("astana" not in f"{a['title']} {a['text']}".lower() for a in english)
    assert run(crawl.data_dir, "index").returncode == 0
    found = run(crawl.data_dir, "search", "Astana", "--lang", "en", "--format", "json")
    assert found.returncode == 0, found.stderr
    assert {a["url"] for a in english} <= {hit["url"] for hit in json.loads(found.stdout)["hits"]}


@pytest.mark.parametrize("name", SOURCES)
def test_the_run_log_counts_each_fallback(crawl, name):
    """Every title, date or body found without the source's selector is counted by its method."""
    last = query(crawl.data_dir, "SELECT stats FROM runs ORDER BY id DESC LIMIT 1")[0]
    usual = {f"{part}/{method}" for part, method in USUAL_METHOD.items()}
    expected = {key: n for key, n in VARIANT_METHODS[name].items() if key not in usual}
    assert json.loads(last["stats"])[name]["fallbacks"] == expected


@pytest.mark.parametrize("name", SOURCES)
def test_the_report_counts_every_article(crawl, name):
    line = next(line for line in crawl.stdout.splitlines() if line.startswith(f"{name}: "))
    assert f"-> {len(site(crawl, name).expected())} new" in line, line


def leftover_lines(article: dict, variant) -> list[str]:
    """Lines of a stored text that are the page's chrome, not the article's words."""
    chrome = {line.casefold() for line in variant.chrome_lines()}
    expected = variant.expected()
    own = next((e for e in expected if e.path == plain_path(article["url"])), None)
    other_titles = {e.title.casefold() for e in expected if e is not own}
    date_lines = {e.date_text.casefold() for e in expected}

    def is_chrome(line: str) -> bool:
        folded = line.casefold()
        return (
            folded in chrome
            or folded in other_titles
            or folded in date_lines
            or bool(_BARE_NUMBER.match(line) or _NUMERIC_DATE.match(line))
            or any(title in line for title in variant.off_topic_titles() - {article["title"]})
        )

    found = [
        line for line in (line.strip() for line in article["text"].splitlines()) if line and is_chrome(line)
    ]
    return found
