"""`scrapy crawl SOURCE` from the repo root, as a Scrapy user runs it: each source against its replica.

Every source is crawled by Scrapy's own command (scrapy.cfg -> crawler.settings), each into its own
data folder, all at once; then what landed and the run log are checked as for `apknews crawl`.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive.settings import DataDir
from archive.sources import load_sources
from crawler.lock import run_lock
from replicas.assembly_data import ARTICLES_DIR
from replicas.assembly_site import assembly_articles
from tests.conftest import ROOT, CliResult
from tests.multisite import CRAWL_ENV, FIRST_RUN_ARTICLES, NEW_BETWEEN_RUNS, query, serve, stored

SCRAPY = str(Path(sys.executable).parent / "scrapy")
EXPECTED_ARTICLES = {
    "assembly": len([a for a in assembly_articles(ARTICLES_DIR) if not a.get("draft")]),
    **FIRST_RUN_ARTICLES,
}


def scrapy_command(data_dir: Path, *args: str) -> tuple[list[str], dict]:
    env = {**os.environ, **CRAWL_ENV, "APKNEWS_DATA_DIR": str(data_dir)}
    env.pop("SCRAPY_SETTINGS_MODULE", None)  # found through scrapy.cfg, as in a checkout
    return [SCRAPY, *args], env


def scrapy(data_dir: Path, *args: str, timeout: int = 240) -> CliResult:
    command, env = scrapy_command(data_dir, *args)
    proc = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=ROOT)
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def runs(data_dir: Path) -> list[dict]:
    rows = query(data_dir, "SELECT * FROM runs ORDER BY id")
    return [{**r, "sources": json.loads(r["sources"]), "stats": json.loads(r["stats"] or "{}")} for r in rows]


def stored_so_far(data_dir: Path, source: str) -> list[dict]:
    """The articles a crawl under way has stored; none while the store is still being created."""
    if not (data_dir / "apknews.sqlite3").exists():
        return []
    try:
        return stored(data_dir, source)
    except sqlite3.OperationalError:  # no tables yet
        return []


@pytest.fixture(scope="module")
def crawls(tmp_path_factory):
    """{source: (data folder, result)}: `scrapy crawl NAME -a base_url=...` of every source at once."""
    servers = {name: serve(name) for name in load_sources()}
    started = {}
    try:
        for name, server in servers.items():
            data_dir = tmp_path_factory.mktemp(f"scrapy-{name}")
            command, env = scrapy_command(data_dir, "crawl", name, "-a", f"base_url={server.base_url}")
            pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
            started[name] = (data_dir, subprocess.Popen(command, env=env, cwd=ROOT, **pipes))
        results = {}
        for name, (data_dir, proc) in started.items():
            stdout, stderr = proc.communicate(timeout=240)
            results[name] = (data_dir, CliResult(proc.returncode, stdout, stderr))
        yield results, servers
    finally:
        for _, proc in started.values():
            if proc.poll() is None:
                proc.kill()
        for server in servers.values():
            server.stop()


def test_scrapy_list_names_the_sources(tmp_path):
    result = scrapy(tmp_path, "list")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == sorted(load_sources())


def test_every_source_crawls_under_its_own_name(crawls):
    results, _ = crawls
    assert sorted(results) == sorted(EXPECTED_ARTICLES)
    for name, (data_dir, result) in results.items():
        assert result.returncode == 0, f"{name}: {result.stderr[-2000:]}"
        articles = stored(data_dir, name)
        assert len(articles) == EXPECTED_ARTICLES[name], name
        assert len({a["canonical_url"] for a in articles}) == len(articles), name
        assert {a["source"] for a in articles} == {name}


def test_each_scrapy_run_is_recorded_like_an_apknews_crawl(crawls):
    results, _ = crawls
    for name, (data_dir, _) in results.items():
        [run] = runs(data_dir)
        assert (run["status"], run["sources"]) == ("finished", [name])
        assert run["finished_at"], name
        report = run["stats"][name]
        assert report["finish_reason"] == "finished", name
        assert report["counts"]["new"] == EXPECTED_ARTICLES[name], name
        assert report["counts"]["requests"] > 0 and report["counts"]["article_pages"] > 0, name
        warc = DataDir(data_dir).warc_dir / run["warc_file"]
        assert warc.stat().st_size > 0, name
        assert {a["warc_file"] for a in stored(data_dir, name)} == {f"warc/{run['warc_file']}"}, name


def test_the_run_relinks_the_archive(crawls):
    results, _ = crawls
    data_dir, _ = results["taraz-ank"]  # its replica reposts its own news under a second address
    [run] = runs(data_dir)
    linked = query(data_dir, "SELECT COUNT(*) AS n FROM article_links WHERE kind = 'repost'")[0]["n"]
    assert run["stats"]["taraz-ank"]["counts"]["reposts_linked"] == linked > 0


def test_the_next_scrapy_run_reads_the_log_and_fetches_only_news(crawls):
    results, servers = crawls
    data_dir, _ = results["taraz-ank"]
    server = servers["taraz-ank"]
    server._handle.__self__.publish()
    result = scrapy(data_dir, "crawl", "taraz-ank", "-a", f"base_url={server.base_url}")
    assert result.returncode == 0, result.stderr[-2000:]
    first, second = runs(data_dir)
    counts = second["stats"]["taraz-ank"]["counts"]
    assert second["status"] == "finished" and second["warc_file"] != first["warc_file"]
    # The first run's row says it finished its walk: this one stops at known articles.
    assert counts["full_walk"] == 0 and counts["stopped_at_known"] > 0
    assert counts["new"] == NEW_BETWEEN_RUNS["taraz-ank"]
    assert counts["article_pages"] == NEW_BETWEEN_RUNS["taraz-ank"]


def test_a_killed_scrapy_run_is_logged_interrupted_by_the_next(tmp_path):
    server = serve("taraz-ank", delay=0.3)
    try:
        command, env = scrapy_command(tmp_path, "crawl", "taraz-ank", "-a", f"base_url={server.base_url}")
        proc = subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while not stored_so_far(tmp_path, "taraz-ank"):
            assert time.monotonic() < deadline and proc.poll() is None, "no article stored before the kill"
            time.sleep(0.1)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert [r["status"] for r in runs(tmp_path)] == ["running"]
        result = scrapy(tmp_path, "crawl", "taraz-ank", "-a", f"base_url={server.base_url}")
        assert result.returncode == 0, result.stderr[-2000:]
    finally:
        server.stop()
    assert [r["status"] for r in runs(tmp_path)] == ["interrupted", "finished"]
    assert len(stored(tmp_path, "taraz-ank")) == FIRST_RUN_ARTICLES["taraz-ank"]


def test_scrapy_crawl_waits_for_no_other_run(tmp_path):
    with run_lock(DataDir(tmp_path)):
        result = scrapy(tmp_path, "crawl", "taraz-ank", "-a", "base_url=http://127.0.0.1:9")
    assert result.returncode != 0
    assert "another apknews run holds" in result.stderr
    assert not (tmp_path / "apknews.sqlite3").exists() or runs(tmp_path) == []


def test_a_source_is_chosen_by_name_not_by_argument(tmp_path):
    result = scrapy(tmp_path, "crawl", "taraz-ank", "-a", "source=assembly")
    assert result.returncode != 0
    assert "scrapy crawl NAME" in result.stderr
    result = scrapy(tmp_path, "crawl", "taraz_ank")
    assert result.returncode != 0
    assert "Spider not found: taraz_ank" in result.stderr
