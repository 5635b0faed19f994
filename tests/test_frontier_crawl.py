"""`apknews crawl --frontier redis://…`: three crawl workers share one queue in a real Redis (Debian's
redis-server on a loopback port), against the assembly replica, whose request log tells what they did."""

from __future__ import annotations

import os
import shutil
import signal
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

HOST_DELAY = 0.3  # APKNEWS_DOWNLOAD_DELAY: seconds between two requests to the host, all workers together
HOST_CONCURRENCY = 2  # the default concurrent_per_domain
ANSWER_SECONDS = 0.25  # the replica is slow, so that requests would overlap if nothing held them
# A slot is granted in Redis, the request reaches the replica a little later: later still when the
# worker's reactor is busy extracting another page on a loaded machine. Three workers unchecked
# would start requests ~0 s apart and six in a row within one answer's time.
JITTER = 0.25

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None,
    reason="redis-server is not installed (Debian package redis-server; scripts/install-system-deps.sh)",
)


class TimedReplica(ReplicaServer):
    """The replica, noting when each answer began and ended (time.monotonic) beside its request log."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timed: list[tuple[float, float, str]] = []

    def respond(self, path, headers=None):
        began = time.monotonic()
        try:
            return super().respond(path, headers)
        finally:
            with self._lock:
                self.timed.append((began, time.monotonic(), path))


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


def _finish(workers: list[subprocess.Popen]) -> list[tuple[int, str, str]]:
    outcomes = []
    for worker in workers:
        out, err = worker.communicate(timeout=180)
        outcomes.append((worker.returncode, out, err))
    return outcomes


def _stored(data_dir: Path) -> list[dict]:
    db = sqlite3.connect(data_dir / "apknews.sqlite3")
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute("SELECT url, canonical_url, warc_file FROM articles")]
    finally:
        db.close()


def _is_article(path: str) -> bool:
    path = urlsplit(path).path
    return "/news/" in path and not path.endswith("/news/")


def _published(replica_articles) -> list[str]:
    return sorted(a["path"] for a in replica_articles if not a.get("draft"))


def _assert_within_limits(timed: list[tuple[float, float, str]]) -> None:
    """From the replica's own clock: requests start HOST_DELAY apart, at most HOST_CONCURRENCY at once."""
    starts = sorted(began for began, _, _ in timed)
    gaps = [later - earlier for earlier, later in zip(starts, starts[1:], strict=False)]
    assert min(gaps) >= HOST_DELAY - JITTER, sorted(gaps)[:5]
    # and over any six requests in a row the pace holds whole: jitter does not add up
    spans = [later - earlier for earlier, later in zip(starts, starts[5:], strict=False)]
    assert not spans or min(spans) >= 5 * HOST_DELAY - JITTER, sorted(spans)[:5]
    events = sorted([(began, 1) for began, _, _ in timed] + [(ended, -1) for _, ended, _ in timed])
    in_flight = most = 0
    for _, step in events:
        in_flight += step
        most = max(most, in_flight)
    assert most <= HOST_CONCURRENCY


@pytest.fixture(scope="module")
def shared_crawl(tmp_path_factory, redis_url):
    data_dir = tmp_path_factory.mktemp("frontier-archive")
    with TimedReplica(AssemblySite(ARTICLES_DIR).handle, delay=ANSWER_SECONDS) as replica:
        results = _finish(_workers(data_dir, replica, redis_url))
        first = list(replica.timed)
        replica.timed.clear()
        again = _finish(_workers(data_dir, replica, redis_url))
        second = list(replica.timed)
    return data_dir, results, first, again, second


def test_three_workers_fetch_every_article_exactly_once(shared_crawl, replica_articles):
    data_dir, results, timed, _, _ = shared_crawl
    for returncode, _, err in results:
        assert returncode == 0, err
    reports = [out for _, out, _ in results]
    assert sum("article pages" in r and "0 article pages" not in r for r in reports) >= 2, reports
    fetched = sorted(path for _, _, path in timed if _is_article(path))
    assert fetched == _published(replica_articles)  # each once; the draft robots.txt forbids never
    stored = _stored(data_dir)
    assert sorted(urlsplit(a["url"]).path for a in stored) == _published(replica_articles)
    assert len({a["canonical_url"] for a in stored}) == len(stored)


def test_the_host_never_sees_more_than_its_limits(shared_crawl):
    _, _, timed, _, second = shared_crawl
    assert len(timed) > 40
    _assert_within_limits(timed)
    _assert_within_limits(second)


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
    _, _, _, again, second = shared_crawl
    for returncode, _, err in again:
        assert returncode == 0, err
    paths = [path for _, _, path in second if path != "/robots.txt"]
    assert not [p for p in paths if _is_article(p)]
    # As a lone crawl after a finished one: page 1 of each listing, its known articles end the walk.
    assert sorted(paths) == ["/en/news/", "/news/", "/ru/news/"], paths


def test_a_worker_killed_mid_crawl_loses_nothing(tmp_path, redis_url, replica_articles):
    with TimedReplica(AssemblySite(ARTICLES_DIR).handle, delay=ANSWER_SECONDS) as replica:
        workers = _workers(tmp_path, replica, redis_url)
        deadline = time.monotonic() + 60
        while sum(_is_article(p) for _, _, p in list(replica.timed)) < 8:
            assert time.monotonic() < deadline, "the workers fetched no article"
            time.sleep(0.05)
        workers[0].send_signal(signal.SIGKILL)
        killed_at = len(replica.timed)
        results = _finish(workers[1:])
        workers[0].wait(10)
        timed = list(replica.timed)
    for returncode, _, err in results:
        assert returncode == 0, err
    assert killed_at < len(timed) - 5  # the others went on after the kill
    stored = _stored(tmp_path)
    assert sorted(urlsplit(a["url"]).path for a in stored) == _published(replica_articles)
    assert len({a["canonical_url"] for a in stored}) == len(stored)
    fetched = [path for _, _, path in timed if _is_article(path)]
    # Only a request in flight when its worker died is fetched twice (its lease ran out).
    assert len(fetched) - len(set(fetched)) <= 3 * HOST_CONCURRENCY
    _assert_within_limits(timed)


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
