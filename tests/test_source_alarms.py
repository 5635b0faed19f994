"""A source that gives nothing is an alarm on its first run too; one that cannot be reached says so.

Real servers on loopback: a replica whose listings link nothing our pattern knows, a port with
nothing listening, a replica that stalls past the timeout, article pages with no article in them.
`update` as cron runs it (no terminal) prints the alarm and exits 3; `status` says WARNING and
counts no such run as successful.
"""

from __future__ import annotations

import socket

import pytest

from apknews.messages import human_timestamp
from crawler.health import run_problems
from crawler.runlog import source_report
from replicas.server import ReplicaServer
from replicas.taraz_site import TarazSite
from tests.multisite import links_moved, query, run, serve, stored


def update(data_dir, name: str, base_url: str, *extra: str):
    return run(data_dir, "update", "--source", name, "--base-url", f"{name}={base_url}", *extra)


def status_of(data_dir, name: str) -> dict:
    result = run(data_dir, "status", "--format", "json")
    assert result.returncode == 0, result.stderr
    return next(s for s in result.json()["sources"] if s["source"] == name)


def free_port() -> int:
    """A loopback port nothing listens on (bound, then let go)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_listings_whose_links_match_nothing_are_an_alarm_on_the_first_run(tmp_path):
    server = serve("inform")
    server._handle = links_moved(server._handle)
    try:
        result = update(tmp_path, "inform", server.base_url)
    finally:
        server.stop()
    assert result.returncode == 3, result.stderr
    assert result.stdout == ""  # quiet under cron: the alarm is all it says
    assert result.stderr.splitlines() == [
        "apknews: warning: inform: its listings gave no article links (3 pages read): listing_selector "
        "or article_pattern may not fit the site; see `apknews probe inform`"
    ]
    health = status_of(tmp_path, "inform")
    assert health["state"] == "failing" and health["alarm"] is True
    assert health["last_success"] is None
    assert health["listing_links_by"] == {"none": 3}
    table = run(tmp_path, "status", "--source", "inform").stdout
    assert "WARNING: its listings gave no article links (3 pages read)" in table
    assert "last successful run: none" in table


def test_a_port_with_nothing_listening_is_unreachable_not_a_layout_change(tmp_path):
    result = update(tmp_path, "taraz-ank", f"http://127.0.0.1:{free_port()}")
    assert result.returncode == 3, result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("apknews: warning: taraz-ank: unreachable: no request got an answer (")
    assert "ConnectionRefused" in line
    assert "layout" not in result.stderr
    health = status_of(tmp_path, "taraz-ank")
    assert health["state"] == "unreachable"
    assert health["last_success"] is None  # a run that reached nothing is no successful run
    table = run(tmp_path, "status", "--source", "taraz-ank").stdout
    assert "last successful run: none" in table
    assert "WARNING: unreachable: no request got an answer" in table


def test_a_site_that_stalls_past_the_timeout_is_unreachable(tmp_path):
    # Every answer but robots.txt waits 3 s; the crawl gives up after 2 s (CRAWL_ENV), 4 tries each.
    server = ReplicaServer(TarazSite(), delay=3).start()
    try:
        result = update(tmp_path, "taraz-ank", server.base_url)
    finally:
        server.stop()
    assert result.returncode == 3, result.stderr
    assert "apknews: warning: taraz-ank: unreachable: no request got an answer (DownloadTimeoutError: 2)" in (
        result.stderr
    )
    assert "layout" not in result.stderr
    assert status_of(tmp_path, "taraz-ank")["state"] == "unreachable"


def test_article_pages_without_an_article_are_an_alarm_on_the_first_run(tmp_path):
    server = serve("ddakmo")
    server._handle.__self__.become_javascript_app()
    try:
        result = update(tmp_path, "ddakmo", server.base_url)
    finally:
        server.stop()
    assert result.returncode == 3, result.stderr
    assert result.stderr.splitlines() == [
        "apknews: warning: ddakmo: no article from its article pages: extraction failed on 8 of 8; "
        "see `apknews probe ddakmo`"
    ]
    assert stored(tmp_path, "ddakmo") == []
    assert status_of(tmp_path, "ddakmo")["state"] == "failing"


def test_status_shows_when_a_run_finished_and_the_crawl_says_how_links_were_found(tmp_path):
    server = serve("inform")
    server._handle.__self__.redesign()  # new card markup: the listing_selector matches nothing
    try:
        crawled = run(tmp_path, "crawl", "--source", "inform", "--base-url", f"inform={server.base_url}")
    finally:
        server.stop()
    assert crawled.returncode == 0, crawled.stderr
    assert len(stored(tmp_path, "inform")) == 18  # found by the page's structure all the same
    assert (
        # each language's page past the end lists nothing
        "  listing pages by how links were found: fallback: 4, no article link: 3 (`apknews probe "
        "inform` suggests a listing_selector)"
    ) in crawled.stdout.splitlines()
    [row] = query(tmp_path, "SELECT started_at, finished_at, stats FROM runs")
    assert row["finished_at"] > row["started_at"]
    health = status_of(tmp_path, "inform")
    assert health["state"] == "ok" and health["warnings"] == []
    assert health["last_success"] == health["last_run"]["finished_at"] == row["finished_at"]
    assert health["listing_links_by"] == {"fallback": 4, "none": 3}
    table = run(tmp_path, "status", "--source", "inform").stdout
    assert f"finished at {human_timestamp(row['finished_at'])}" in table  # 5 December 2026, 00:17 UTC
    assert row["started_at"] not in table


def test_every_extraction_fallback_stat_is_reported_whatever_its_name():
    report = source_report(
        "inform",
        {
            "finish_reason": "finished",
            "apknews/fallback/title/h1": 4,
            "apknews/fallback/date/json_ld": 2,
            "apknews/fallback/body/anything_new": 1,
            "apknews/listing_links_by/selector": 3,
        },
    )
    assert report.fallbacks == {"title/h1": 4, "date/json_ld": 2, "body/anything_new": 1}
    assert report.listing_links_by == {"selector": 3}
    assert report.to_dict()["fallbacks"] == report.fallbacks


@pytest.mark.parametrize(
    ("errors", "counts", "state"),
    [
        ({"DNSLookupError": 2}, {}, "unreachable"),
        ({"TCPTimedOutError": 1, "TimeoutError": 2}, {}, "unreachable"),
        ({"http_503": 3}, {}, "failing"),  # it answers, badly: not unreachable
        ({"TimeoutError": 2}, {"listing_pages": 1, "listing_links": 5, "article_pages": 5, "new": 5}, "ok"),
    ],
)
def test_what_counts_as_unreachable(errors, counts, state):
    assert run_problems("x", {"finish_reason": "finished", "errors": errors, "counts": counts})[0] == state
