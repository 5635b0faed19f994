"""End to end: the real CLI crawls the assembly.kz replica over HTTP; check what landed in the archive."""

from __future__ import annotations

import re
import sqlite3
from urllib.parse import urlsplit

import pytest

from apknews.output import print_crawl_reports
from archive.articles import WarcPointer
from archive.warc import read_response
from crawler.runlog import source_report
from tests.conftest import run_apknews

CHROME_LINES = {
    "Ассамблея народа Казахстана",
    "Қазақстан халқы Ассамблеясы",
    "Assembly of People of Kazakhstan",
    "Возврат к списку",
    "Back to the list",
    "Тізімге оралу",
    "Поделиться",
    "Бөлісу",
    "Share",
    "Версия для печати",
    "Print version",
    "Басып шығару нұсқасы",
}


DATELINE = re.compile(r"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ.-]{4,}(?: [A-ZА-ЯЁӘҒҚҢӨҰҮҺІ.-]+)* [-–—] ")


def stored_articles(data_dir) -> list[dict]:
    db = sqlite3.connect(data_dir / "apknews.sqlite3")
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT * FROM articles")]
    finally:
        db.close()


def published_articles(replica_articles) -> list[dict]:
    return [a for a in replica_articles if not a.get("draft")]


def test_every_article_is_stored_once(crawled, replica_articles):
    stored = stored_articles(crawled.data_dir)
    paths = sorted(urlsplit(a["url"]).path for a in stored)
    expected = sorted(a["path"] for a in published_articles(replica_articles))
    assert paths == expected
    assert len({a["canonical_url"] for a in stored}) == len(stored)


def test_every_article_has_the_page_date_and_language(crawled, replica_articles):
    by_path = {urlsplit(a["url"]).path: a for a in stored_articles(crawled.data_dir)}
    for expected in published_articles(replica_articles):
        got = by_path[expected["path"]]
        assert (got["published"], got["lang"]) == (expected["date"], expected["lang"]), got["url"]
        assert got["title"] == expected["title"]
        assert got["source"] == "assembly"


def test_stored_text_has_no_site_chrome(crawled, replica_articles):
    by_path = {urlsplit(a["url"]).path: a for a in stored_articles(crawled.data_dir)}
    for expected in published_articles(replica_articles):
        text = by_path[expected["path"]]["text"]
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        assert not CHROME_LINES & set(lines), expected["path"]
        assert not [line for line in lines if line.isdigit()], f"view counter in {expected['path']}"
        assert lines[0] != expected["title"], "title repeated as first line"
        # a leading dateline ("ASTANA - ") is kept in the article's dateline field, not its text
        first = DATELINE.sub("", expected["paragraphs"][0].strip())
        assert first[:60] in text
        assert expected["paragraphs"][-1].strip()[-60:] in text


def test_robots_disallowed_paths_are_never_requested(crawled, replica_articles):
    requested = crawled.first_requests
    assert "/robots.txt" in requested
    drafts = [a["path"] for a in replica_articles if a.get("draft")]
    assert drafts, "the replica should link a draft that robots.txt disallows"
    for path in requested:
        assert not path.startswith("/ru/news/proekt-"), path
        assert "print=" not in path, path
    assert "blocked by robots.txt" in crawled.first_crawl.stdout


def test_no_links_line_when_the_archive_links_nothing(crawled):
    with sqlite3.connect(crawled.data_dir / "apknews.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM article_links").fetchone() == (0,)
    assert "in the archive:" not in crawled.first_crawl.stdout
    assert "links this run:" not in crawled.first_crawl.stdout


def test_links_line_sums_what_the_last_spider_reported(capsys):
    reports = [
        source_report("inform", {"finish_reason": "finished"}),
        source_report("assembly", {"finish_reason": "finished", "apknews/reposts_linked": 3,
                                   "apknews/translations_linked": 5, "apknews/reposts_new": 1}),
    ]  # fmt: skip
    print_crawl_reports(7, reports)
    out = capsys.readouterr().out.splitlines()
    assert out[-2:] == [
        "links this run: 1 repost, 0 translations; in the archive: 3 reposts, 5 translations",
        "run 7 recorded",
    ]


def test_every_article_is_fetched_once(crawled):
    article_requests = [p for p in crawled.first_requests if "/news/" in p and "PAGEN" not in p]
    article_requests = [p for p in article_requests if p not in ("/news/", "/ru/news/", "/en/news/")]
    assert len(article_requests) == len(set(article_requests))


def test_the_raw_page_is_kept_in_the_warc(crawled):
    for article in stored_articles(crawled.data_dir):
        pointer = WarcPointer(article["warc_file"], article["warc_offset"], article["warc_length"])
        response = read_response(crawled.data_dir, pointer)
        assert response.url == article["url"]
        assert response.status == 200
        assert article["title"].encode("utf-8") in response.body


def test_a_second_crawl_stores_nothing_and_fetches_only_listings(crawled):
    before = stored_articles(crawled.data_dir)
    start = len(crawled.replica.requests)
    second = run_apknews(
        crawled.data_dir,
        "crawl",
        "--source",
        "assembly",
        "--base-url",
        f"assembly={crawled.replica.base_url}",
    )
    assert second.returncode == 0, second.stderr
    requests = crawled.replica.requests[start:]
    assert all(p == "/robots.txt" or p.endswith("/news/") or "PAGEN_1=" in p for p in requests)
    assert "0 new" in second.stdout
    after = stored_articles(crawled.data_dir)
    assert len(after) == len(before)
    assert {a["content_hash"] for a in after} == {a["content_hash"] for a in before}


@pytest.mark.parametrize("bad", ["assembly", "nosuch=http://127.0.0.1:1", "assembly=ftp://x"])
def test_a_bad_base_url_override_is_one_clear_line(tmp_path, bad):
    result = run_apknews(tmp_path, "crawl", "--base-url", bad)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_a_host_outside_the_allowlist_is_refused_not_contacted(tmp_path):
    # conftest allows only loopback: the live assembly.kz must not even be looked up
    result = run_apknews(tmp_path, "crawl", "--source", "assembly")
    assert "host_not_allowed: 3" in result.stdout, result.stdout + result.stderr
    assert "0 new" in result.stdout
    assert "CannotResolveHost" not in result.stdout + result.stderr
