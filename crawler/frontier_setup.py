"""What `apknews crawl --frontier URL` changes in a crawl: the scheduler, the politeness, the run lock."""

from __future__ import annotations

import fcntl
import json
import os
import socket
import uuid
from urllib.parse import urlsplit

import redis

from archive.said import Said
from archive.settings import DataDir
from archive.sources import Source
from archive.store import Store
from crawler import settings as crawl_settings
from crawler.frontier import OPEN_JOB
from crawler.frontier_state import FrontierKeys
from crawler.lock import RunLock

FRONTIER_SCHEMES = ("redis", "rediss", "unix")


class FrontierUnavailable(ValueError):
    """The frontier URL is malformed or its Redis does not answer."""


class SharedRunLock(RunLock):
    """The run lock held shared: crawl workers of one frontier run side by side on one data folder,
    while `index`, `update` or a plain `crawl` (which take it whole) wait or are refused."""

    mode = fcntl.LOCK_SH


def check_frontier(url: str) -> None:
    """FrontierUnavailable unless `url` is a Redis URL whose server answers."""
    if urlsplit(url).scheme not in FRONTIER_SCHEMES:
        raise FrontierUnavailable(Said("--frontier %(url)s: not a Redis URL (redis://HOST:6379/0)", url=url))
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=5)
        client.ping()
        client.close()
    except (redis.RedisError, ValueError) as exc:
        raise FrontierUnavailable(
            Said("--frontier %(url)s: Redis does not answer (%(reason)s)", url=url, reason=exc)
        ) from exc


def frontier_overrides(url: str, worker: str) -> dict:
    """Scrapy settings of a crawl worker: the Redis scheduler, and per-host politeness in Redis
    instead of per process (Scrapy's own delay off, AutoThrottle off: they would count per worker)."""
    middlewares = {
        **crawl_settings.DOWNLOADER_MIDDLEWARES,
        # Last before the download: the shared slot is taken when the request really goes out.
        "crawler.redis_politeness.SharedPolitenessMiddleware": 960,
    }
    return {
        "APKNEWS_FRONTIER": url,
        "APKNEWS_FRONTIER_WORKER": worker,
        "SCHEDULER": "crawler.frontier.RedisFrontier",
        "DOWNLOADER_MIDDLEWARES": middlewares,
        "APKNEWS_HOST_DELAY": crawl_settings.DOWNLOAD_DELAY,
        "APKNEWS_HOST_CONCURRENCY": crawl_settings.CONCURRENT_REQUESTS_PER_DOMAIN,
        "DOWNLOAD_DELAY": 0,
        "RANDOMIZE_DOWNLOAD_DELAY": False,
        "AUTOTHROTTLE_ENABLED": False,
    }


def join_jobs(url: str, data_dir: DataDir, sources: list[Source], refresh: bool, lease: float) -> str:
    """Open (or join) each source's frontier job and fix its walk rule, before this worker opens its run.

    Whether the listings are walked whole or stop at known articles follows the last run of the
    source before the job (as a lone crawl decides); the job's first worker decides for all. Done
    under an exclusive lock of the data folder (which also keeps starting workers from racing
    through the store's migrations), before this worker's own run is in the log: the runs of
    sibling workers, started just before, are never taken for the last run. Returns the worker's
    name in the jobs (APKNEWS_FRONTIER_WORKER).
    """
    worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    data_dir.ensure()
    fd = os.open(data_dir.root / "apknews.store-open.lock", os.O_RDWR | os.O_CREAT, 0o644)
    client = redis.Redis.from_url(url)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with Store(data_dir.store_path) as store:
            runs = store.runs(limit=50)
        open_job = client.register_script(OPEN_JOB)
        seconds, microseconds = client.time()
        for source in sources:
            keys = FrontierKeys(source.name)
            open_job(
                keys=[keys.job, keys.workers, keys.queue, keys.leases, *keys.job_scoped()],
                args=[
                    seconds + microseconds / 1e6,
                    uuid.uuid4().hex,
                    worker,
                    lease * 2,
                ],
            )
            full_walk = refresh or not last_walk_finished(runs, source.name)
            client.set(keys.full_walk, "1" if full_walk else "0", nx=True)
    finally:
        client.close()
        os.close(fd)
    return worker


def last_walk_finished(runs: list[dict], source: str) -> bool:
    """True when the last run of `source` in `runs` (newest first) walked all it meant to walk."""
    for run in runs:
        if source not in json.loads(run["sources"]):
            continue
        stats = run["stats"].get(source, {})
        return (
            run["status"] in ("finished", "failed")
            and stats.get("finish_reason") == "finished"
            and not stats.get("counts", {}).get("walk_incomplete")
        )
    return False
