"""Politeness held across all crawl workers: per host, a delay between requests and a cap on those in flight.

Scrapy's DOWNLOAD_DELAY and CONCURRENT_REQUESTS_PER_DOMAIN hold per process; three workers would
ask a site three times as often. Under `--frontier` each request first takes a slot of its host
in Redis: no more than APKNEWS_HOST_CONCURRENCY slots at once, each slot taken at least
APKNEWS_HOST_DELAY seconds after the last one. A slot is given back when the answer (or the
error) comes; the slot of a killed worker runs out after the download timeout. Redis's clock
times them all, so workers on machines whose clocks differ still keep one pace.
"""

from __future__ import annotations

import asyncio
import uuid

import redis
from scrapy.exceptions import NotConfigured
from scrapy.utils.httpobj import urlparse_cached

# KEYS: the host's slots (token -> when it runs out), the time its next slot may be taken.
# ARGV: token, concurrency, delay ms, slot lifetime ms. Returns 0 (taken) or ms to wait.
TAKE_SLOT = """
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 20 end
local next_at = tonumber(redis.call('GET', KEYS[2]) or '0')
if now < next_at then return next_at - now end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
redis.call('SET', KEYS[2], now + tonumber(ARGV[3]), 'PX', tonumber(ARGV[3]) + 1000)
return 0
"""

SLOT_META = "apknews_host_slot"


class SharedPolitenessMiddleware:
    """Downloader middleware (last before the download): a request waits for its host's shared slot."""

    def __init__(self, url: str, concurrency: int, delay: float, slot_seconds: float, stats):
        self.redis = redis.Redis.from_url(url)
        self.concurrency = max(1, concurrency)
        self.delay_ms = int(delay * 1000)
        self.slot_ms = int(slot_seconds * 1000)
        self.stats = stats
        self._take = self.redis.register_script(TAKE_SLOT)

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        url = settings.get("APKNEWS_FRONTIER")
        if not url:
            raise NotConfigured("politeness is shared only between workers of a frontier")
        return cls(
            url,
            settings.getint("APKNEWS_HOST_CONCURRENCY"),
            settings.getfloat("APKNEWS_HOST_DELAY"),
            settings.getfloat("DOWNLOAD_TIMEOUT") + 30,
            crawler.stats,
        )

    async def process_request(self, request):
        host = urlparse_cached(request).netloc.lower()
        token = uuid.uuid4().hex
        keys = [f"apknews:politeness:{host}:slots", f"apknews:politeness:{host}:next"]
        while True:
            wait_ms = self._take(keys=keys, args=[token, self.concurrency, self.delay_ms, self.slot_ms])
            if not wait_ms:
                break
            self.stats.inc_value("apknews/politeness_waits")
            await asyncio.sleep(min(wait_ms, 1000) / 1000)
        request.meta[SLOT_META] = (keys[0], token)
        return None

    def process_response(self, request, response):
        self._give_back(request)
        return response

    def process_exception(self, request, exception):
        self._give_back(request)
        return None

    def _give_back(self, request) -> None:
        slot = request.meta.pop(SLOT_META, None)
        if slot is not None:
            self.redis.zrem(*slot)
