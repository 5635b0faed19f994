"""What the frontier crawl tests share: the timed assembly replica, its host limits, the kill -9 scenario."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from replicas.assembly_data import ARTICLES_DIR
from replicas.assembly_site import AssemblySite
from replicas.server import ReplicaServer

HOST_DELAY = 0.3  # APKNEWS_DOWNLOAD_DELAY: seconds between two requests to the host, all workers together
HOST_CONCURRENCY = 2  # the default concurrent_per_domain
ANSWER_SECONDS = 0.25  # the replica is slow, so that requests would overlap if nothing held them
# A slot is granted in Redis, the request reaches the replica a little later: later still when the
# worker's reactor is busy extracting another page on a loaded machine. Three workers unchecked
# would start requests ~0 s apart and six in a row within one answer's time.
JITTER = 0.25


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


def finish(workers: list[subprocess.Popen]) -> list[tuple[int, str, str]]:
    outcomes = []
    for worker in workers:
        out, err = worker.communicate(timeout=180)
        outcomes.append((worker.returncode, out, err))
    return outcomes


def is_article(path: str) -> bool:
    path = urlsplit(path).path
    return "/news/" in path and not path.endswith("/news/")


def published(replica_articles) -> list[str]:
    return sorted(a["path"] for a in replica_articles if not a.get("draft"))


def assert_within_limits(timed: list[tuple[float, float, str]]) -> None:
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


def assert_a_killed_worker_loses_nothing(
    start_workers: Callable[[ReplicaServer], list[subprocess.Popen]],
    stored_articles: Callable[[], list[dict]],
    replica_articles,
) -> None:
    """Three workers crawl the slow replica; the first is killed (-9) once 8 articles were asked for.
    The others finish the job: every published article stored once, a few fetched twice at most."""
    with TimedReplica(AssemblySite(ARTICLES_DIR).handle, delay=ANSWER_SECONDS) as replica:
        workers = start_workers(replica)
        deadline = time.monotonic() + 60
        while sum(is_article(p) for _, _, p in list(replica.timed)) < 8:
            assert time.monotonic() < deadline, "the workers fetched no article"
            time.sleep(0.05)
        workers[0].send_signal(signal.SIGKILL)
        killed_at = len(replica.timed)
        results = finish(workers[1:])
        workers[0].wait(10)
        timed = list(replica.timed)
    for returncode, _, err in results:
        assert returncode == 0, err
    assert killed_at < len(timed) - 5  # the others went on after the kill
    stored = stored_articles()
    assert sorted(urlsplit(a["url"]).path for a in stored) == published(replica_articles)
    assert len({a["canonical_url"] for a in stored}) == len(stored)
    fetched = [path for _, _, path in timed if is_article(path)]
    # Only a request in flight when its worker died is fetched twice (its lease ran out).
    assert len(fetched) - len(set(fetched)) <= 3 * HOST_CONCURRENCY
    assert_within_limits(timed)
