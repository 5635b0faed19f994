"""What `apknews crawl` says at a terminal: the report and nothing of Scrapy's log unless asked (-v)."""

from __future__ import annotations

import os
import subprocess

import pytest

from apknews.output import print_crawl_reports
from crawler.runlog import source_report
from tests.conftest import ROOT
from tests.multisite import CRAWL_ENV, apknews_command, serve

# The user's own environment: Python's default warnings filter, not the suite's "ignore".
USER_ENV = {k: v for k, v in {**os.environ, **CRAWL_ENV}.items() if k != "PYTHONWARNINGS"}


def crawl(data_dir, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        apknews_command(data_dir, "crawl", *args),
        capture_output=True,
        text=True,
        timeout=240,
        env=USER_ENV,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def broken_sites():
    """inform (with off-topic news it must leave out) and ddakmo turned into an empty JavaScript
    shell: every article page fails extraction, which Scrapy's log reports as a WARNING per page."""
    inform, ddakmo = serve("inform"), serve("ddakmo")
    ddakmo._handle.__self__.become_javascript_app()
    try:
        yield (
            *("--source", "inform", "--base-url", f"inform={inform.base_url}"),
            *("--source", "ddakmo", "--base-url", f"ddakmo={ddakmo.base_url}"),
        )
    finally:
        inform.stop()
        ddakmo.stop()


def test_a_default_crawl_prints_the_report_and_no_log_or_deprecation(tmp_path, broken_sites):
    result = crawl(tmp_path / "data", *broken_sites)
    output = result.stdout + result.stderr
    assert "ddakmo:" in result.stdout and "run 1 recorded" in result.stdout, output
    assert "WARNING" not in output
    assert "Deprecat" not in output
    assert "[scrapy" not in output
    assert not [line for line in result.stdout.splitlines() if "problems:" in line and "off_topic" in line]


def test_verbose_shows_scrapys_log(tmp_path, broken_sites):
    result = crawl(tmp_path / "data", *broken_sites, "-v")
    assert "[scrapy.core.engine] INFO" in result.stderr
    assert "WARNING" in result.stderr  # the failed extractions, one per page


def test_off_topic_pages_are_their_own_line_not_problems(capsys):
    stats = {
        "finish_reason": "finished",
        "apknews/dropped/off_topic": 5,
        "apknews/dropped/no_text": 2,
        "apknews/reposts_linked": 49,
    }
    print_crawl_reports(3, [source_report("inform", stats)])
    out = capsys.readouterr().out.splitlines()
    problems = [line for line in out if "problems:" in line]
    assert problems and "off_topic" not in problems[0] and "off-topic" not in problems[0]
    assert "dropped no_text: 2" in problems[0]
    assert "  left out as off-topic: 5" in out
    assert "links this run: 0 reposts, 0 translations; in the archive: 49 reposts, 0 translations" in out
