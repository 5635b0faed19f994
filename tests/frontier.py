"""What the frontier crawl tests share: the timed assembly replica, its host limits, the kill -9 scenario."""

from __future__ import annotations

import re
import signal
import subprocess
import threading
import time
import uuid
from collections.abc import Callable
from urllib.parse import urlsplit

import redis

from replicas.assembly_data import ARTICLES_DIR
from replicas.assembly_site import AssemblySite
from replicas.server import ReplicaServer

HOST_DELAY = 0.3  # APKNEWS_DOWNLOAD_DELAY: seconds between two requests to the host, all workers together
HOST_CONCURRENCY = 2  # the default concurrent_per_domain
ANSWER_SECONDS = 0.25  # the replica is slow, so that requests would overlap if nothing held them
# What the slot script of crawler.redis_politeness sets when it gives a slot: the host's next slot
# time, its clock's milliseconds at the grant plus the delay.
NEXT_SLOT_SET = re.compile(r"^SET apknews:politeness:(\S+):next (\d+) PX \d+$")


class TimedReplica(ReplicaServer):
    """The replica, noting when each answer began and ended (time.time: the clock Redis's TIME reads)
    beside its request log."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.timed: list[tuple[float, float, str]] = []

    def respond(self, path, headers=None):
        began = time.time()
        try:
            return super().respond(path, headers)
        finally:
            with self._lock:
                self.timed.append((began, time.time(), path))


class SlotLog:
    """The replica's host slots as Redis gives them to the workers, read from its MONITOR: each given
    slot's time by Redis's own clock, however late the worker then sends its request."""

    def __init__(self, redis_url: str, replica: ReplicaServer):
        self._host = urlsplit(replica.base_url).netloc.lower()
        # MONITOR is quiet while the workers start or wait: no read timeout (the end is an ECHO).
        self._client = redis.Redis.from_url(redis_url, socket_timeout=None)
        self._monitor = self._client.monitor().__enter__()
        self._end = f"slot-log-end-{uuid.uuid4().hex}"
        self._given_ms: list[int] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        delay_ms = round(HOST_DELAY * 1000)
        while True:
            command = self._monitor.next_command()["command"]
            if command == f"ECHO {self._end}":
                return
            found = NEXT_SLOT_SET.match(command)
            if found and found[1] == self._host:
                self._given_ms.append(int(found[2]) - delay_ms)

    def close(self) -> list[float]:
        """The slots given until now: seconds of the wall clock (to the millisecond below), in order."""
        self._client.echo(self._end)  # MONITOR shows it after every command before it
        self._reader.join(timeout=60)
        self._monitor.__exit__()
        self._client.close()
        assert not self._reader.is_alive(), "the slot log did not read to its end"
        return [ms / 1000 for ms in self._given_ms]


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


def assert_within_limits(timed: list[tuple[float, float, str]], slots: list[float]) -> None:
    """The host's limits, held whatever the machine's load: Redis gives its slots HOST_DELAY apart by
    its own clock; every request the replica answered began after a slot of its own was given (the
    k-th request after the k-th slot); at most HOST_CONCURRENCY requests at the replica at once.
    The replica's own gaps are not the measure: a loaded worker sends a request late after its slot,
    so two may reach the host closer than HOST_DELAY, never more than the slots allow in all."""
    given = [later - earlier for earlier, later in zip(slots, slots[1:], strict=False)]
    assert not given or min(given) >= HOST_DELAY - 1e-6, sorted(given)[:5]
    starts = sorted(began for began, _, _ in timed)
    assert len(slots) >= len(starts), (len(slots), len(starts))
    early = [(slot, start) for slot, start in zip(slots, starts, strict=False) if start < slot]
    assert not early, early[:5]
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
    redis_url: str,
) -> None:
    """Three workers crawl the slow replica; the first is killed (-9) once 8 articles were asked for.
    The others finish the job: every published article stored once, a few fetched twice at most."""
    with TimedReplica(AssemblySite(ARTICLES_DIR).handle, delay=ANSWER_SECONDS) as replica:
        slot_log = SlotLog(redis_url, replica)
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
        slots = slot_log.close()
    for returncode, _, err in results:
        assert returncode == 0, err
    assert killed_at < len(timed) - 5  # the others went on after the kill
    stored = stored_articles()
    assert sorted(urlsplit(a["url"]).path for a in stored) == published(replica_articles)
    assert len({a["canonical_url"] for a in stored}) == len(stored)
    fetched = [path for _, _, path in timed if is_article(path)]
    # Only a request in flight when its worker died is fetched twice (its lease ran out).
    assert len(fetched) - len(set(fetched)) <= 3 * HOST_CONCURRENCY
    assert_within_limits(timed, slots)
