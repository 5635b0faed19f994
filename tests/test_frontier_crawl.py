"""`apknews crawl --frontier redis://…`: three crawl workers share one queue in a real Redis (Debian's
redis-server on a loopback port), against the assembly replica, whose request log tells what they did."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from archive.settings import DataDir
from crawler.frontier_setup import SharedRunLock
from crawler.lock import AlreadyRunning, run_lock
from replicas.assembly_data import ARTICLES_DIR
from replicas.assembly_site import AssemblySite
from replicas.server import ReplicaServer
from tests.conftest import APKNEWS, ROOT, run_apknews
from tests.frontier import (
    ANSWER_SECONDS,
    HOST_DELAY,
    SlotLog,
    TimedReplica,
    assert_a_killed_worker_loses_nothing,
    assert_within_limits,
    finish,
    is_article,
    published,
)

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None,
    reason="redis-server is not installed (Debian package redis-server; scripts/install-system-deps.sh)",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("redis")
    port = _free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder)]
        + ["--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as probe:
                probe.sendall(b"PING\r\n")
                if probe.recv(16).startswith(b"+PONG"):
                    break
        except OSError:
            pass
        assert time.monotonic() < deadline and server.poll() is None, "redis-server did not start"
        time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    server.terminate()
    server.wait(timeout=10)


def _workers(
    data_dir: Path, replica: ReplicaServer, redis_url: str, count: int = 3
) -> list[subprocess.Popen]:
    env = {
        **os.environ,
        "APKNEWS_DOWNLOAD_DELAY": str(HOST_DELAY),
        "APKNEWS_FRONTIER_LEASE": "5",
        "PYTHONWARNINGS": "ignore",
    }
    command = [APKNEWS, "--data-dir", str(data_dir), "crawl", "--source", "assembly"]
    command += ["--base-url", f"assembly={replica.base_url}", "--frontier", redis_url]
    return [
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env
        )
        for _ in range(count)
    ]


def _stored(data_dir: Path) -> list[dict]:
    db = sqlite3.connect(data_dir / "apknews.sqlite3")
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT url, canonical_url, warc_file FROM articles")]
    finally:
        db.close()


@pytest.fixture(scope="module")
def shared_crawl(tmp_path_factory, redis_url):
    data_dir = tmp_path_factory.mktemp("frontier-archive")
    with TimedReplica(AssemblySite(ARTICLES_DIR).handle, delay=ANSWER_SECONDS) as replica:
        slot_log = SlotLog(redis_url, replica)
        results = finish(_workers(data_dir, replica, redis_url))
        first = list(replica.timed), slot_log.close()
        replica.timed.clear()
        slot_log = SlotLog(redis_url, replica)
        again = finish(_workers(data_dir, replica, redis_url))
        second = list(replica.timed), slot_log.close()
    return data_dir, results, first, again, second


def test_three_workers_fetch_every_article_exactly_once(shared_crawl, replica_articles):
    data_dir, results, (timed, _slots), _, _ = shared_crawl
    for returncode, _, err in results:
        assert returncode == 0, err
    reports = [out for _, out, _ in results]
    assert sum("article pages" in r and "0 article pages" not in r for r in reports) >= 2, reports
    fetched = sorted(path for _, _, path in timed if is_article(path))
    assert fetched == published(replica_articles)  # each once; the draft robots.txt forbids never
    stored = _stored(data_dir)
    assert sorted(urlsplit(a["url"]).path for a in stored) == published(replica_articles)
    assert len({a["canonical_url"] for a in stored}) == len(stored)


def test_the_host_never_sees_more_than_its_limits(shared_crawl):
    _, _, first, _, second = shared_crawl
    assert len(first[0]) > 40
    assert_within_limits(*first)
    assert_within_limits(*second)


def test_each_worker_writes_its_own_warc_and_check_finds_every_record(shared_crawl):
    data_dir, results, _, _, _ = shared_crawl
    warc_files = {a["warc_file"] for a in _stored(data_dir)}
    assert len(warc_files) >= 2  # articles of several workers, each pointer naming its worker's file
    assert all((data_dir / name).exists() for name in warc_files), warc_files
    check = run_apknews(data_dir, "check", "--format", "json")
    assert check.returncode in (0, 1), check.stderr
    problems = [p for p in check.json()["problems"] if not p["kind"].startswith("index")]
    assert not problems, problems


def test_a_second_shared_crawl_stops_at_known_articles(shared_crawl):
    _, _, _, again, (second, _slots) = shared_crawl
    for returncode, _, err in again:
        assert returncode == 0, err
    paths = [path for _, _, path in second if path != "/robots.txt"]
    assert not [p for p in paths if is_article(p)]
    # As a lone crawl after a finished one: page 1 of each listing, its known articles end the walk.
    assert sorted(paths) == ["/en/news/", "/news/", "/ru/news/"], paths


def test_a_worker_killed_mid_crawl_loses_nothing(tmp_path, redis_url, replica_articles):
    assert_a_killed_worker_loses_nothing(
        lambda replica: _workers(tmp_path, replica, redis_url),
        lambda: _stored(tmp_path),
        replica_articles,
        redis_url,
    )


def test_a_frontier_that_does_not_answer_is_one_clear_line(tmp_path):
    result = run_apknews(
        tmp_path, "crawl", "--source", "assembly", "--frontier", f"redis://127.0.0.1:{_free_port()}/0"
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("apknews: error: --frontier redis://127.0.0.1:"), lines
    assert "Redis does not answer" in lines[0]


def test_workers_hold_the_run_lock_shared_so_update_waits(shared_crawl, redis_url):
    data_dir = shared_crawl[0]
    held = SharedRunLock(data_dir / "apknews.lock").acquire()
    try:
        beside = SharedRunLock(data_dir / "apknews.lock").acquire()  # another worker: fine
        beside.release()
        with pytest.raises(AlreadyRunning):
            run_lock(DataDir(data_dir)).acquire()
    finally:
        held.release()


def test_a_finished_job_leaves_nothing_in_redis(shared_crawl, redis_url):
    """The next crawl starts a fresh job: no seen-set or walk state of this one to stumble on."""
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        assert client.keys("apknews:frontier:*") == []
    finally:
        client.close()
