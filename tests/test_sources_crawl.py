"""Every source crawled by the real CLI over HTTP: what lands per source, what is never asked for, run two.

One crawl of all four replicas (inform, taraz-ank, govkz, ddakmo) in one run, as cron would do it;
then news is published on every replica and a second run must fetch listings and the new articles
only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.robotparser import RobotFileParser

import pytest

from replicas.server import ReplicaServer
from tests.multisite import (
    FIRST_RUN_ARTICLES,
    NEW_BETWEEN_RUNS,
    SOURCES,
    base_url_args,
    ledger,
    query,
    run,
    serve,
    stored,
    stored_paths,
)


@dataclass
class Crawl:
    data_dir: Path
    servers: dict[str, ReplicaServer]
    first: object
    first_requests: dict[str, list[str]]
    second: object = None
    second_requests: dict[str, list[str]] | None = None


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    servers = {name: serve(name) for name in SOURCES}
    data_dir = tmp_path_factory.mktemp("sources")
    try:
        result = run(data_dir, "crawl", *base_url_args(servers))
        assert result.returncode == 0, result.stdout + result.stderr
        yield Crawl(data_dir, servers, result, {n: list(s.requests) for n, s in servers.items()})
    finally:
        for server in servers.values():
            server.stop()


@pytest.fixture(scope="module")
def second_crawl(crawl):
    """News published on every replica after the first run, then the second run."""
    for server in crawl.servers.values():
        server._handle.__self__.publish()
    marks = {name: len(server.requests) for name, server in crawl.servers.items()}
    crawl.second = run(crawl.data_dir, "crawl", *base_url_args(crawl.servers))
    assert crawl.second.returncode == 0, crawl.second.stdout + crawl.second.stderr
    crawl.second_requests = {n: s.requests[marks[n] :] for n, s in crawl.servers.items()}
    return crawl


def site(crawl: Crawl, name: str):
    return crawl.servers[name]._handle.__self__


def test_each_source_stores_every_article_once(crawl):
    for name, count in FIRST_RUN_ARTICLES.items():
        articles = stored(crawl.data_dir, name)
        assert len(articles) == count, name
        assert len({a["canonical_url"] for a in articles}) == count, name
    for name in ("inform", "taraz-ank", "ddakmo"):
        expected = {p.rstrip("/") for p in site(crawl, name).expected_paths()}
        assert stored_paths(crawl.data_dir, name) == sorted(expected), name
    govkz = {
        (
            urlsplit(a["url"]).path.split("/")[3],
            int(urlsplit(a["url"]).path.rstrip("/").rsplit("/", 1)[1]),
            a["lang"],
        )
        for a in stored(crawl.data_dir, "govkz")
    }
    assert govkz == site(crawl, "govkz").expected_urls()


def test_the_crawl_report_names_every_source(crawl):
    for name, count in FIRST_RUN_ARTICLES.items():
        assert f"{name}: " in crawl.first.stdout
        line = next(line for line in crawl.first.stdout.splitlines() if line.startswith(f"{name}: "))
        assert f"-> {count} new" in line, line


def test_sidebars_and_off_topic_news_never_enter_the_archive(crawl):
    inform = site(crawl, "inform")
    off_topic = {inform.path(s) for s in inform.stories if not s.topic}
    requested = {p.split("?")[0].rstrip("/") for p in crawl.first_requests["inform"]}
    assert off_topic and not off_topic & requested, "a sidebar link was followed"
    titles = {a["title"] for a in stored(crawl.data_dir, "inform")}
    assert not {s.title for s in inform.stories if not s.topic} & titles
    # gov.kz: akimat news about roads and parks is not the Assembly's
    govkz_titles = {a["title"] for a in stored(crawl.data_dir, "govkz")}
    assert not {s.title for s in site(crawl, "govkz").stories if not s.topic} & govkz_titles
    assert all(r["state"] == "off_topic" for r in ledger(crawl.data_dir, "govkz").values())
    # ddakmo's page sitemap lists contacts and about pages: not articles, not fetched
    assert not {"/contacts/", "/about/", "/o-nas/"} & set(crawl.first_requests["ddakmo"])


def test_no_request_robots_txt_disallows(crawl):
    for name, server in crawl.servers.items():
        requests = crawl.first_requests[name]
        assert requests[0] == "/robots.txt", name
        robots = RobotFileParser()
        robots.parse(server.respond("/robots.txt")[2].decode().splitlines())
        disallowed = [p for p in requests if not robots.can_fetch("apknews", server.base_url + p)]
        assert disallowed == [], name
    assert "/ru/draft-proekt-plana-assamblei-5c5c5c" not in crawl.first_requests["inform"]
    assert not [p for p in crawl.first_requests["taraz-ank"] if p.startswith("/ru/draft-")]
    inform_line = next(line for line in crawl.first.stdout.splitlines() if line.startswith("inform: "))
    assert "1 blocked by robots.txt" in inform_line


def test_canonical_variants_collapse_to_one_record(crawl):
    # inform's listing links www./http/https spellings with ?utm_source= and an /amp variant.
    urls = [a["url"] for a in stored(crawl.data_dir, "inform")]
    assert not [u for u in urls if "utm_" in u or u.endswith("/amp") or "inform.kz" in u]
    forum = [u for u in urls if "provela-forum-v-astane-3f9a1c" in u]
    assert len(forum) == 1
    # ddakmo: the feed's http://www.ddakmo.kz/?p=<id> and the sitemap's https://ddakmo.kz/<permalink>
    assert len(stored(crawl.data_dir, "ddakmo")) == FIRST_RUN_ARTICLES["ddakmo"]
    redirected = {k: r for k, r in ledger(crawl.data_dir, "ddakmo").items() if r["state"] == "redirected"}
    assert len(redirected) == 5, redirected


def test_listings_end_where_the_site_does(crawl):
    inform = [p for p in crawl.first_requests["inform"] if "_t2345" in p]
    taraz = [p for p in crawl.first_requests["taraz-ank"] if "/topics/news/" in p]
    # A page asked twice is a retry the run reports (one that outlived the timeout under load).
    first_run = json.loads(query(crawl.data_dir, "SELECT stats FROM runs ORDER BY id LIMIT 1")[0]["stats"])
    for name, pages in (("inform", inform), ("taraz-ank", taraz)):
        assert len(pages) - len(set(pages)) <= first_run[name]["counts"].get("retries", 0), name
    # ru has two pages of items; the third comes back empty though it offers a "next" link
    assert sorted(set(inform)) == sorted(
        [f"/{lang}/assambleya-naroda-kazakhstana_t2345/" for lang in ("ru", "kz", "en")]
        + [f"/{lang}/assambleya-naroda-kazakhstana_t2345/?page=2" for lang in ("ru", "kz", "en")]
        + ["/ru/assambleya-naroda-kazakhstana_t2345/?page=3"]
    )
    assert sorted(set(taraz)) == sorted(
        [
            "/ru/topics/news/",
            "/ru/topics/news/page/2/",
            "/ru/topics/news/page/3/",
            "/kk/topics/news/",
            "/kk/topics/news/page/2/",
        ]
    )
    # the calendar widget's day and month archives (an endless chain) are never entered
    assert not [p for p in crawl.first_requests["taraz-ank"] if p.startswith(("/ru/20", "/kk/20"))]


def test_the_run_log_has_each_source(crawl):
    runs = query(crawl.data_dir, "SELECT * FROM runs ORDER BY id")
    assert runs[0]["status"] == "finished"
    stats = json.loads(runs[0]["stats"])
    for name, count in FIRST_RUN_ARTICLES.items():
        assert stats[name]["counts"]["new"] == count
        assert stats[name]["finish_reason"] == "finished"
    assert stats["inform"]["errors"] == {"http_404": 1, "too_large": 1}
    assert stats["govkz"]["dropped"] == {"off_topic": 5}


def test_the_report_says_how_many_links_the_archive_holds(crawl):
    kinds = {
        r["kind"]: r["n"]
        for r in query(crawl.data_dir, "SELECT kind, COUNT(*) AS n FROM article_links GROUP BY kind")
    }
    assert kinds.get("repost"), "the replicas repost each other's news"
    reposts, translations = kinds["repost"], kinds.get("translation", 0)
    counted = f"{reposts} repost{'s' * (reposts != 1)}, {translations} translation{'s' * (translations != 1)}"
    # the first run linked every link the archive holds: this run's and the archive's counts agree
    assert f"links this run: {counted}; in the archive: {counted}" in crawl.first.stdout.splitlines()


def test_a_second_run_fetches_listings_and_new_articles_only(second_crawl):
    crawl = second_crawl
    for name, count in FIRST_RUN_ARTICLES.items():
        assert len(stored(crawl.data_dir, name)) == count + NEW_BETWEEN_RUNS[name], name
    new_paths = {
        "inform": ["/ru/ank-podvela-itogi-goda-v-astane-7e1f0a", "/kz/kha-sessiyasy-astanada-otti-2b7c4e"],
        "taraz-ank": ["/ru/v-taraze-proshel-forum-molodezhi-ank", "/kk/тараздағы-достық-үйінде-жиын-өтті"],
        "ddakmo": ["/?p=15960", "/2026/02/03/forum-etnokulturnyh-obedineniy/"],
    }
    listing = {
        "inform": lambda p: "_t2345" in p,
        "taraz-ank": lambda p: "/topics/news/" in p,
        "ddakmo": lambda p: p in ("/feed/", "/sitemap_index.xml", "/post-sitemap.xml", "/page-sitemap.xml"),
        "govkz": lambda p: p.startswith("/api/v1/public/content-manager/news?"),
    }
    counts = {name: report["counts"] for name, report in _last_run_stats(crawl.data_dir).items()}
    for name, requests in crawl.second_requests.items():
        others = [unquote(p) for p in requests if p != "/robots.txt" and not listing[name](p)]
        assert sorted(set(others)) == sorted(new_paths.get(name, [])), name
        # A page asked twice is a retry the run reports: one that outlived the download timeout,
        # as a page may on a loaded machine, is asked again.
        assert len(others) - len(set(others)) <= counts[name].get("retries", 0), name
    # Listings stop at the known articles: page 1 of each (taraz's ru page 1 ends on an item
    # robots.txt blocks, so its walk goes one page further). The report counts the pages read,
    # a retried one once.
    walked = {
        "inform": [f"/{lang}/assambleya-naroda-kazakhstana_t2345/" for lang in ("ru", "kz", "en")],
        "taraz-ank": ["/ru/topics/news/", "/ru/topics/news/page/2/", "/kk/topics/news/"],
    }
    for name, pages in walked.items():
        assert sorted({p for p in crawl.second_requests[name] if listing[name](p)}) == sorted(pages), name
        assert counts[name]["listing_pages"] == len(pages), name
    # gov.kz asks page 0 of each project once per language (the language goes in a header)
    assert counts["govkz"]["listing_pages"] == 4
    assert {p for p in crawl.second_requests["govkz"] if listing["govkz"](p)} == {
        f"/api/v1/public/content-manager/news?projects=eq:{project}&page=0&size=10"
        for project in ("zhambyl", "taraz")
    }


def _last_run_stats(data_dir: Path) -> dict:
    return json.loads(query(data_dir, "SELECT stats FROM runs ORDER BY id DESC LIMIT 1")[0]["stats"])


def test_a_sitemap_the_index_dates_as_unchanged_is_not_read_again(second_crawl):
    # The post sitemap's lastmod moved with the new article; the page sitemap's did not.
    assert "/post-sitemap.xml" in second_crawl.second_requests["ddakmo"]
    assert "/page-sitemap.xml" not in second_crawl.second_requests["ddakmo"]
    line = next(line for line in second_crawl.second.stdout.splitlines() if line.startswith("ddakmo: "))
    assert line.endswith(", sitemaps unchanged since the last run: 1"), line


def test_a_second_run_reports_what_it_skipped(second_crawl):
    line = next(line for line in second_crawl.second.stdout.splitlines() if line.startswith("inform: "))
    assert "-> 2 new" in line and "0 changed" in line, line
