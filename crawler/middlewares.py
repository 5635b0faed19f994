"""Downloader middlewares: robots.txt obeyed by every request, also those that waited; retry back-off."""

from __future__ import annotations

import asyncio
from urllib.parse import urljoin

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


class RobotsTxtRaceFreeMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, minus the race of Scrapy 2.14+.

    While robots.txt downloads, every request to the host awaits one shared Deferred; only the
    first awaiter gets the parser, the rest get None and are let through unchecked. Once the
    wait is over the parser is in `_parsers`, so each request asks there for its own answer.
    """

    async def robot_parser(self, request):
        parser = await super().robot_parser(request)
        settled = self._parsers.get(urlparse_cached(request).netloc, parser)
        return None if isinstance(settled, Deferred) else settled


class HostAllowlistMiddleware:
    """Refuses requests to hosts outside APKNEWS_ALLOWED_HOSTS (when set): offline runs stay offline."""

    def __init__(self, crawler):
        self.crawler = crawler
        hosts = crawler.settings.get("APKNEWS_ALLOWED_HOSTS") or ""
        self.allowed = {h.strip().lower() for h in hosts.split(",") if h.strip()}

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_request(self, request):
        host = (urlparse_cached(request).hostname or "").lower()
        if self.allowed and host not in self.allowed:
            self.crawler.stats.inc_value("apknews/errors/host_not_allowed")
            raise IgnoreRequest(f"host {host} is not in APKNEWS_ALLOWED_HOSTS")
        return None


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry middleware, waiting longer before each new try (RETRY_BACKOFF_BASE * 2**n s).

    A site answering 503 is often busy: asking again at once is what a polite client does not do.
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

    def _retry(self, request, reason):
        retry = super()._retry(request, reason)
        if retry is not None and self.backoff_base > 0:
            attempt = retry.meta.get("retry_times", 1)
            retry.meta["apknews_retry_delay"] = min(self.backoff_base * 2 ** (attempt - 1), self.backoff_max)
        return retry

    async def process_request(self, request):
        delay = request.meta.pop("apknews_retry_delay", 0)
        if delay:
            await asyncio.sleep(delay)
        return None


class RedirectLedgerMiddleware:
    """Notes every redirect of an article request before Scrapy follows it (or drops it as a duplicate).

    `/?p=7` that 301s to a permalink already fetched is then known, and not asked for next run.
    """

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_response(self, request, response):
        spider = self.crawler.spider
        if (
            300 <= response.status < 400
            and b"Location" in response.headers
            and hasattr(spider, "note_redirect")
        ):
            location = urljoin(request.url, response.headers[b"Location"].decode("latin-1"))
            spider.note_redirect(request, location)
        return response


class PageKeepingMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's <meta refresh> redirect, except that a refresh to no web address ("javascript:",
    where Scrapy's Request raises ValueError and the page is lost) keeps the page itself."""

    def process_response(self, request, response, spider=None):
        try:
            return super().process_response(request, response)
        except ValueError:
            return response
