"""The crawl frontier in Redis: one request queue and one seen-set for crawl workers on any machines.

`apknews crawl --frontier redis://HOST:6379/0` makes this the Scrapy scheduler of every spider.
A request taken from the queue is leased, not popped: it stays in Redis, owned by the worker,
whose keeper renews the lease while the request is in flight and acknowledges it once Scrapy is
done with it (downloaded, its callback's requests queued, its items through the pipelines). A
worker killed with its requests in flight renews nothing: when their leases expire, any other
worker puts them back in the queue. A spider closes only when the queue and all leases are empty.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import socket
import threading
import uuid

import redis
from scrapy.core.scheduler import BaseScheduler
from scrapy.utils.request import request_from_dict
from twisted.internet import task

from crawler.frontier_state import FrontierKeys, install_shared_state

logger = logging.getLogger(__name__)

# Newest-first listings come before articles (priority 10 against 0); within one priority, first
# in first out. The score is -priority * PRIORITY_SPAN + sequence number.
PRIORITY_SPAN = 10**9

# A new job when no worker is alive and nothing is queued or leased; else this worker joins.
OPEN_JOB = """
local now = tonumber(ARGV[1])
local live = redis.call('ZCOUNT', KEYS[2], now, '+inf')
local busy = redis.call('ZCARD', KEYS[3]) + redis.call('ZCARD', KEYS[4])
if redis.call('EXISTS', KEYS[1]) == 0 or (live == 0 and busy == 0) then
    for i = 3, #KEYS do redis.call('DEL', KEYS[i]) end
    redis.call('SET', KEYS[1], ARGV[2])
end
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[4]), ARGV[3])
return redis.call('GET', KEYS[1])
"""

# KEYS: queue, payloads, scores, filter set, sequence;
# ARGV: fingerprint ('' = no filter), payload, priority, PRIORITY_SPAN.
ENQUEUE = """
if ARGV[1] ~= '' and redis.call('SADD', KEYS[4], ARGV[1]) == 0 then return 0 end
local id = redis.call('INCR', KEYS[5])
local score = -tonumber(ARGV[3]) * tonumber(ARGV[4]) + id
redis.call('HSET', KEYS[2], id, ARGV[2])
redis.call('HSET', KEYS[3], id, score)
redis.call('ZADD', KEYS[1], score, id)
return id
"""

# Expired leases back into the queue (KEYS: queue, payloads, leases, owners, scores).
RECLAIM = """
local now = tonumber(ARGV[1])
for _, id in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)) do
    redis.call('ZREM', KEYS[3], id)
    redis.call('HDEL', KEYS[4], id)
    redis.call('ZADD', KEYS[1], redis.call('HGET', KEYS[5], id), id)
end
"""

# Then the first request leased to ARGV[2] until ARGV[3].
LEASE = (
    RECLAIM[:-1]
    + """
local first = redis.call('ZRANGE', KEYS[1], 0, 0)
if #first == 0 then return false end
local id = first[1]
redis.call('ZREM', KEYS[1], id)
redis.call('ZADD', KEYS[3], tonumber(ARGV[3]), id)
redis.call('HSET', KEYS[4], id, ARGV[2])
return {id, redis.call('HGET', KEYS[2], id)}
"""
)


# KEYS: leases, workers, job; ARGV: lease expiry, worker, heartbeat expiry, job ttl, lease ids...
RENEW = """
for i = 5, #ARGV do redis.call('ZADD', KEYS[1], 'XX', ARGV[1], ARGV[i]) end
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[2])
redis.call('EXPIRE', KEYS[3], ARGV[4])
"""

# KEYS: leases, owners, payloads, scores; ARGV: lease ids of finished requests.
ACKNOWLEDGE = """
for _, id in ipairs(ARGV) do
    redis.call('ZREM', KEYS[1], id)
    redis.call('HDEL', KEYS[2], id)
    redis.call('HDEL', KEYS[3], id)
    redis.call('HDEL', KEYS[4], id)
end
"""


class RedisFrontier(BaseScheduler):
    """Scrapy's scheduler for a crawl shared through Redis (APKNEWS_FRONTIER) by many workers."""

    def __init__(self, crawler, url: str, lease_seconds: float, worker: str | None = None):
        self.crawler = crawler
        self.redis = redis.Redis.from_url(url)
        self.lease_seconds = lease_seconds
        self.worker = worker or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.held: dict[bytes, object] = {}  # lease id -> the Request object this worker runs
        self.keys: FrontierKeys | None = None
        self.spider = None
        self._keeper: task.LoopingCall | None = None
        self._held_lock = threading.Lock()
        self._stopped = threading.Event()
        self._renewer = threading.Thread(target=self._renew, name="frontier-leases", daemon=True)
        self._scripts = {name: self.redis.register_script(code) for name, code in _SCRIPTS.items()}

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(
            crawler,
            settings.get("APKNEWS_FRONTIER"),
            settings.getfloat("APKNEWS_FRONTIER_LEASE"),
            settings.get("APKNEWS_FRONTIER_WORKER"),
        )

    # -- Scrapy's scheduler interface ---------------------------------------------------------

    def open(self, spider):
        self.spider = spider
        self.keys = FrontierKeys(spider.name)
        keys = self.keys
        job = self._scripts["open_job"](
            keys=[keys.job, keys.workers, keys.queue, keys.leases, *keys.job_scoped()],
            args=[self._now(), uuid.uuid4().hex, self.worker, self.lease_seconds * 2],
        )
        logger.info("frontier %s: worker %s in job %s", spider.name, self.worker, job.decode())
        install_shared_state(spider, self.redis, keys)
        self._renewer.start()
        self._keeper = task.LoopingCall(self._keep)
        self._keeper.start(0.5, now=False)

    def close(self, reason):
        if self._keeper is not None and self._keeper.running:
            self._keeper.stop()
        self._stopped.set()
        if self._renewer.is_alive():
            self._renewer.join(timeout=10)
        self._acknowledge_done()
        keys = self.keys
        if self.held:  # what this worker still holds goes back at once: its leases run out now
            self.redis.zadd(keys.leases, dict.fromkeys(self.held, 0), xx=True)
        self.redis.zrem(keys.workers, self.worker)
        self.held.clear()
        self._scripts["reclaim"](keys=self._lease_keys(), args=[self._now()])
        if not self.has_pending_requests() and not self.redis.zcount(keys.workers, self._now(), "+inf"):
            self.redis.delete(keys.job, keys.workers, keys.queue, keys.leases, *keys.job_scoped())
        self.redis.close()

    def has_pending_requests(self) -> bool:
        self._acknowledge_done()
        return bool(self.redis.zcard(self.keys.queue) or self.redis.zcard(self.keys.leases))

    def enqueue_request(self, request) -> bool:
        keys = self.keys
        if request.meta.get("is_start_request"):
            self._adopt_job_walk()
            # Every worker yields the same start requests: the job's first copy of each is kept.
            filter_set, fingerprint = keys.starts, self._start_key(request)
        else:
            filter_set, fingerprint = keys.seen, "" if request.dont_filter else self._fingerprint(request)
        payload = pickle.dumps(request.to_dict(spider=self.spider), protocol=pickle.HIGHEST_PROTOCOL)
        added = self._scripts["enqueue"](
            keys=[keys.queue, keys.payloads, keys.scores, filter_set, keys.sequence],
            args=[fingerprint, payload, int(request.priority), PRIORITY_SPAN],
        )
        stats = self.crawler.stats
        stats.inc_value("scheduler/enqueued/redis" if added else "dupefilter/filtered")
        return bool(added)

    def next_request(self):
        taken = self._scripts["lease"](
            keys=self._lease_keys(), args=[self._now(), self.worker, self._now() + self.lease_seconds]
        )
        if not taken:
            return None
        lease, payload = taken
        request = request_from_dict(pickle.loads(payload), spider=self.spider)
        with self._held_lock:
            self.held[lease] = request
        self.crawler.stats.inc_value("scheduler/dequeued/redis")
        return request

    def __len__(self) -> int:
        return self.redis.zcard(self.keys.queue)

    # -- leases --------------------------------------------------------------------------------

    def _keep(self) -> None:
        """In the reactor: acknowledge finished requests; wake the engine when there is work."""
        try:
            self._acknowledge_done()
            queued, leased = self.redis.zcard(self.keys.queue), self.redis.zcard(self.keys.leases)
        except redis.RedisError as exc:  # Redis away for a moment: the leases outlive a short gap
            logger.warning("frontier %s: %s", self.spider.name, exc)
            return
        if queued or leased:
            self._wake_engine()

    def _renew(self) -> None:
        """In its own thread: renew this worker's leases and heartbeat, also while the reactor is
        busy (a first extraction loading its models): only a dead worker's leases run out."""
        keys = self.keys
        while not self._stopped.wait(self.lease_seconds / 4):
            with self._held_lock:
                leases = list(self.held)
            try:
                now = self._now()
                self._scripts["renew"](
                    keys=[keys.leases, keys.workers, keys.job],
                    args=[now + self.lease_seconds, self.worker, now + self.lease_seconds * 2]
                    + [int(self.lease_seconds * 4) + 1, *leases],
                )
            except redis.RedisError as exc:
                logger.warning("frontier %s: leases not renewed: %s", self.spider.name, exc)

    def _acknowledge_done(self) -> None:
        """Drop the leases of requests Scrapy has finished with (no longer in the engine's slot)."""
        in_progress = self._in_progress()
        if in_progress is None:
            return
        done = [lease for lease, request in self.held.items() if request not in in_progress]
        if not done:
            return
        keys = self.keys
        self._scripts["acknowledge"](keys=[keys.leases, keys.owners, keys.payloads, keys.scores], args=done)
        with self._held_lock:
            for lease in done:
                del self.held[lease]

    def _in_progress(self):
        # Scrapy has no signal for "this request is finished": its engine keeps each request in
        # its slot's `inprogress` set from download until its output is handled (items included).
        slot = getattr(getattr(self.crawler, "engine", None), "_slot", None)
        return getattr(slot, "inprogress", None)

    def _wake_engine(self) -> None:
        # Requests another worker queued (or returned) are taken now, not at Scrapy's 5 s heartbeat.
        slot = getattr(getattr(self.crawler, "engine", None), "_slot", None)
        if slot is not None:
            slot.nextcall.schedule()

    def _adopt_job_walk(self) -> None:
        """The job's full-walk decision, the first worker's: one walk rule for every listing page."""
        mine = "1" if getattr(self.spider, "full_walk", True) else "0"
        self.redis.set(self.keys.full_walk, mine, nx=True)
        self.spider.full_walk = self.redis.get(self.keys.full_walk) == b"1"
        self.crawler.stats.set_value("apknews/full_walk", int(self.spider.full_walk))

    def _lease_keys(self) -> list[str]:
        keys = self.keys
        return [keys.queue, keys.payloads, keys.leases, keys.owners, keys.scores]

    def _fingerprint(self, request) -> str:
        return self.crawler.request_fingerprinter.fingerprint(request).hex()

    def _start_key(self, request) -> str:
        """A start request's identity: its address, and also its headers and arguments (gov.kz's
        API is asked the same URL once per language, by Accept-Language)."""
        headers = sorted((bytes(k).lower(), [bytes(v) for v in vs]) for k, vs in request.headers.items())
        parts = [self._fingerprint(request), repr(headers), repr(sorted(request.cb_kwargs.items()))]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8", "backslashreplace")).hexdigest()

    def _now(self) -> float:
        seconds, microseconds = self.redis.time()  # one clock for workers on different machines
        return seconds + microseconds / 1e6


_SCRIPTS = {
    "open_job": OPEN_JOB,
    "enqueue": ENQUEUE,
    "lease": LEASE,
    "reclaim": RECLAIM,
    "renew": RENEW,
    "acknowledge": ACKNOWLEDGE,
}
