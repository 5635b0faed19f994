"""`apknews update` as cron runs it: resumable after kill -9, one run at a time, quiet; `status` health."""

from __future__ import annotations

import json
import os
import pty
import signal
import sqlite3
import subprocess
import time

from archive.articles import WarcPointer
from archive.warc import read_response
from tests.conftest import ROOT
from tests.multisite import (
    CRAWL_ENV,
    apknews_command,
    links_moved,
    query,
    run,
    serve,
    stored,
    stored_paths,
)
from tests.terminal import read_terminal

INFORM_ARTICLES = 18


def count_stored(data_dir) -> int:
    try:
        return query(data_dir, "SELECT COUNT(*) AS n FROM articles")[0]["n"]
    except sqlite3.OperationalError:  # not created yet
        return 0


def start(data_dir, *args) -> subprocess.Popen:
    return subprocess.Popen(
        apknews_command(data_dir, *args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **CRAWL_ENV},
        cwd=ROOT,
    )


def wait_for(condition, process: subprocess.Popen, what: str, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        assert process.poll() is None, f"the run ended before {what}: {process.communicate()}"
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def test_kill_9_mid_crawl_then_a_rerun_stores_the_full_set_once(tmp_path):
    server = serve("inform", delay=0.3)  # slow enough to be caught in the middle
    data_dir = tmp_path / "data"
    args = ("crawl", "--source", "inform", "--base-url", f"inform={server.base_url}")
    try:
        crawl = start(data_dir, *args)
        wait_for(lambda: count_stored(data_dir) >= 4, crawl, "4 articles were stored")
        crawl.send_signal(signal.SIGKILL)
        crawl.communicate()
        partial = count_stored(data_dir)
        assert 4 <= partial < INFORM_ARTICLES, partial
        server.delay = 0
        rerun = run(data_dir, *args)
    finally:
        server.stop()
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    site = server._handle.__self__
    assert stored_paths(data_dir, "inform") == sorted(site.expected_paths())  # each once
    runs = query(data_dir, "SELECT * FROM runs ORDER BY id")
    assert [r["status"] for r in runs] == ["interrupted", "finished"]
    counts = json.loads(runs[1]["stats"])["inform"]["counts"]
    assert counts["new"] == INFORM_ARTICLES - partial
    assert counts["full_walk"] == 1  # the killed run's walk was not finished: all listing pages read
    for article in stored(data_dir, "inform"):  # nothing stored points into a torn WARC record
        pointer = WarcPointer(article["warc_file"], article["warc_offset"], article["warc_length"])
        assert article["title"].encode() in read_response(data_dir, pointer).body


def test_a_second_update_while_one_runs_exits_with_a_clear_message(tmp_path):
    server = serve("ddakmo", delay=0.4)
    data_dir = tmp_path / "data"
    args = ("update", "--source", "ddakmo", "--base-url", f"ddakmo={server.base_url}")
    lock_file = data_dir / "apknews.lock"
    try:
        first = start(data_dir, *args)
        wait_for(
            lambda: lock_file.exists() and f"pid {first.pid}" in lock_file.read_text(), first, "the lock"
        )
        second = run(data_dir, *args)
        out, err = first.communicate(timeout=240)
    finally:
        server.stop()
    assert second.returncode == 1
    assert second.stderr.strip().splitlines() == [
        f"apknews: error: another apknews run holds {lock_file} (pid {first.pid} since "
        + second.stderr.split(" since ", 1)[1].strip()
    ]
    assert "Traceback" not in second.stderr
    assert first.returncode == 0, err
    assert (out, err) == ("", "")  # not at a terminal (cron): nothing to say when all went well
    assert len(query(data_dir, "SELECT * FROM runs")) == 1
    assert len(stored(data_dir, "ddakmo")) == 8
    # update indexed what it stored
    hits = run(data_dir, "search", "Дом дружбы", "--source", "ddakmo", "--format", "json")
    assert hits.returncode == 0, hits.stderr
    assert hits.json()["total"] >= 1


def test_status_shows_the_last_good_run_and_warns_when_a_source_breaks(tmp_path):
    inform, ddakmo = serve("inform"), serve("ddakmo")
    data_dir = tmp_path / "data"
    args = (
        "update",
        *("--source", "inform", "--base-url", f"inform={inform.base_url}"),
        *("--source", "ddakmo", "--base-url", f"ddakmo={ddakmo.base_url}"),
    )
    try:
        healthy = run(data_dir, *args)
        assert healthy.returncode == 0 and healthy.stderr == "", healthy.stderr
        status = run(data_dir, "status", "--format", "json").json()
        by_source = {s["source"]: s for s in status["sources"]}
        assert by_source["inform"]["recent_new"] == [INFORM_ARTICLES]
        assert by_source["ddakmo"]["recent_new"] == [8]
        assert by_source["inform"]["last_success"] and by_source["inform"]["warnings"] == []
        assert by_source["taraz-ank"]["warnings"] == ["never crawled"]

        inform._handle = links_moved(inform._handle)  # the site's addresses change: no link matches
        ddakmo._handle.__self__.become_javascript_app()  # article pages become an empty shell
        broken = run(data_dir, *args, "--refresh")
    finally:
        inform.stop()
        ddakmo.stop()
    assert broken.returncode == 3, broken.stderr  # a source gave nothing: cron's job fails
    assert broken.stdout == ""
    assert (
        "apknews: warning: inform: its listings gave no article links in the last run (earlier runs "
        "found some): the site's layout or address may have changed; see `apknews probe inform`"
    ) in broken.stderr.splitlines()
    assert "apknews: warning: ddakmo: no article from its article pages: extraction failed on 8 of 8" in (
        broken.stderr
    )
    table = run(data_dir, "status")
    assert table.returncode == 0
    assert "inform: 18 articles stored" in table.stdout
    assert "WARNING: its listings gave no article links" in table.stdout
    assert "WARNING: no article from its article pages: extraction failed on 8 of 8" in table.stdout
    assert "new articles in the last runs (newest first): 0, 18" in table.stdout
    by_source = {s["source"]: s for s in run(data_dir, "status", "--format", "json").json()["sources"]}
    assert by_source["inform"]["state"] == by_source["ddakmo"]["state"] == "failing"
    # the last good run is still the first one, not the broken one
    first_run = query(data_dir, "SELECT finished_at FROM runs ORDER BY id")[0]["finished_at"]
    assert by_source["inform"]["last_success"] == first_run


def test_update_shows_progress_at_a_terminal(tmp_path):
    server = serve("ddakmo")
    main, child = pty.openpty()
    try:
        proc = subprocess.Popen(
            apknews_command(
                tmp_path / "data", "update", "--source", "ddakmo", "--base-url", f"ddakmo={server.base_url}"
            ),
            stdin=child,
            stdout=child,
            stderr=child,
            env={**os.environ, **CRAWL_ENV},
            cwd=ROOT,
        )
        os.close(child)
        output = read_terminal(main)
        assert proc.wait(timeout=120) == 0
    finally:
        os.close(main)
        server.stop()
    text = output.decode("utf-8", "replace")
    assert "ddakmo 4 listings 8 articles done" in text
    assert "ddakmo: " in text and "8 new" in text  # the report, since a person is watching
