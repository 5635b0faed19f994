"""`apknews probe`: what the config's selectors match on a site it was not written for, and what to change.

Against the second replicas (markup the stock config never saw) and the first ones, over real
HTTP: links found by fallback and a listing_selector suggested that, pasted into the config,
makes the crawl find the same links by selector; the article extracted; the JSON twin; a saved
page; and the crawl's manners (robots.txt, User-Agent, allowed hosts).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from archive import settings
from archive.sources import DEFAULT_SOURCES_FILE
from replicas.server import ReplicaServer
from replicas.variant_kit import plain_path
from replicas.variants import VARIANTS
from tests.multisite import run, serve, stored

NEW_SELECTOR = re.compile(r'^  listing_selector = "(.*)"$', re.M)


@pytest.fixture(scope="module")
def variants():
    servers = {name: ReplicaServer(make()).start() for name, make in VARIANTS.items()}
    yield servers
    for server in servers.values():
        server.stop()


def variant_of(server):
    return server._handle.__self__


def probe(data_dir, name: str, server, *args: str):
    return run(data_dir, "probe", name, "--base-url", server.base_url, *args)


def test_probe_finds_links_by_fallback_and_suggests_a_selector_that_works(tmp_path, variants):
    server = variants["inform"]
    result = probe(tmp_path, "inform", server)
    assert result.returncode == 3, result.stderr  # the config does not fit this markup
    out = result.stdout
    assert 'listing_selector ".tag-news-list, .allNewsCard, .tag_news_bl": 0 matches' in out
    assert "by fallback (the page's structure)" in out
    assert "PROBLEM: listing_selector matched nothing; links found by fallback" in out
    first = variant_of(server).expected()[0]
    assert f"  title: {first.title}  [" in out
    assert f"  date: {first.date}" in out and "  language: ru" in out
    [selector] = NEW_SELECTOR.findall(out)
    assert selector.startswith(".tag-news-list, .allNewsCard, .tag_news_bl, ")

    # Pasted into the config, the suggestion finds every article by selector, none by fallback.
    table = tomllib.loads(DEFAULT_SOURCES_FILE.read_text(encoding="utf-8"))
    text = DEFAULT_SOURCES_FILE.read_text(encoding="utf-8")
    old = table["sources"]["inform"]["listing_selector"]
    sources = tmp_path / "sources.toml"
    sources.write_text(text.replace(f'listing_selector = "{old}"', f'listing_selector = "{selector}"'))
    data_dir = tmp_path / "data"
    crawled = run(
        data_dir,
        "--sources",
        str(sources),
        "crawl",
        "--source",
        "inform",
        "--base-url",
        f"inform={server.base_url}",
    )
    assert crawled.returncode == 0, crawled.stderr
    line = next(
        line for line in crawled.stdout.splitlines() if "listing pages by how links were found" in line
    )
    assert "listing_selector: " in line and "fallback" not in line, line
    expected = sorted(e.path for e in variant_of(server).expected())
    assert sorted(plain_path(a["url"]) for a in stored(data_dir, "inform")) == expected


def test_probe_json_gives_the_same_findings_as_data(tmp_path, variants):
    server = variants["taraz-ank"]
    variant = variant_of(server)
    result = probe(tmp_path, "taraz-ank", server, "--format", "json")
    assert result.returncode == 3, result.stderr
    report = result.json()
    assert report["source"] == "taraz-ank" and report["verdict"] == "PROBLEM"
    listings = [s for s in report["steps"] if s["kind"] == "listing"]
    articles = [s for s in report["steps"] if s["kind"] == "article"]
    assert [s["lang"] for s in listings] == ["ru", "kk"] and len(articles) == 2
    expected = {e.path: e for e in variant.expected()}
    for listing in listings:
        assert listing["method"] == "fallback"
        assert listing["selectors"]["listing_selector"] == {"css": ".posts", "matches": 0}
        paths = {plain_path(url) for url in listing["links"]}
        assert paths and paths <= set(expected), paths - set(expected)
        assert not paths & variant.never_requested()
        assert listing["suggestions"]["listing_selector"].startswith(".posts, ")
        assert listing["verdict"].startswith("PROBLEM: listing_selector matched nothing")
    for article in articles:
        own = expected[plain_path(article["url"])]
        assert (article["title"], article["published"][:10], article["lang"]) == (
            own.title,
            own.date,
            own.lang,
        )
        assert article["paragraphs"] >= 1 and article["first_lines"] and article["last_lines"]
        assert article["verdict"] == "OK" or article["suggestions"], article
    assert any(line.startswith("listing_selector = ") for line in report["config_lines"])


def test_probe_on_a_replica_the_config_was_written_for_is_ok(tmp_path):
    server = serve("taraz-ank")
    try:
        result = run(tmp_path, "probe", "taraz-ank", "--base-url", server.base_url)
    finally:
        server.stop()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("by listing_selector") == 2
    assert 'title_selector "h1.entry-title": 1 match' in result.stdout
    assert result.stdout.rstrip().endswith("taraz-ank: OK")
    assert "suggested" not in result.stdout


def test_probe_html_reads_a_saved_article_and_a_saved_listing(tmp_path, variants):
    variant = variant_of(variants["inform"])
    article = variant.expected()[0]
    status, _, body = variant.handle(article.path)
    assert status == 200
    saved = tmp_path / "article.html"
    saved.write_bytes(body)
    url = f"https://www.inform.kz{article.path}"
    result = run(tmp_path, "probe", "inform", "--html", str(saved), "--url", url, "--format", "json")
    [step] = result.json()["steps"]
    assert step["kind"] == "article" and step["title"] == article.title
    assert step["published"].startswith(article.date)

    listing = variant.listing_pages()[0]
    saved = tmp_path / "listing.html"
    saved.write_bytes(variant.handle(listing.path)[2])
    text = run(
        tmp_path, "probe", "inform", "--html", str(saved), "--url", f"https://www.inform.kz{listing.path}"
    )
    assert text.returncode == 3
    assert f"listing ru: https://www.inform.kz{listing.path}" in text.stdout
    assert f"article links: {len(listing.articles)} by fallback" in text.stdout
    assert "suggested config line: listing_selector = " in text.stdout


def test_probe_is_polite_as_the_crawl(tmp_path):
    """robots.txt obeyed (the assembly replica forbids one of its first Russian articles), the
    crawl's User-Agent sent, hosts outside APKNEWS_ALLOWED_HOSTS never contacted."""
    site = serve("assembly")
    agents = set()
    plain_handle = site._handle

    def recording(path, headers):
        agents.add(headers.get("User-Agent"))
        return plain_handle(path)

    site._handle, site._wants_headers = recording, True
    try:
        result = run(tmp_path, "probe", "assembly", "--base-url", site.base_url)
    finally:
        site.stop()
    assert agents == {settings.get("user_agent")}
    forbidden = "/ru/news/proekt-plana-meropriyatiy-domov-druzhby-na-osen/"
    assert f"note: skipped {site.base_url}{forbidden}: not fetched: robots.txt forbids" in result.stdout
    assert not [p for p in site.requests if p.startswith(forbidden)]

    live = run(tmp_path, "probe", "assembly")  # conftest allows only loopback
    assert live.returncode == 3
    assert "PROBLEM: not fetched: host assembly.kz is not in APKNEWS_ALLOWED_HOSTS" in live.stdout


def test_probe_says_plainly_what_it_cannot_probe(tmp_path):
    result = run(tmp_path, "probe", "govkz")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "apknews: error: source 'govkz' is read from a JSON API (spider 'govkz'), not probed"
    )
    unknown = run(tmp_path, "probe", "nosuch")
    assert unknown.returncode == 1 and "unknown source 'nosuch'" in unknown.stderr


def test_probe_help_has_an_example():
    result = run(Path("."), "probe", "--help")
    assert "Example: apknews probe inform --base-url" in result.stdout
