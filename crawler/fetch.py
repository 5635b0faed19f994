"""A few pages fetched one by one outside a crawl (`apknews probe`), as politely as the crawl fetches them.

The same User-Agent, allowed hosts, timeout, size limit and delay as crawler.settings, and
robots.txt read with Scrapy's own parser: a page the crawl may not fetch is not fetched here.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

from scrapy.robotstxt import ProtegoRobotParser

from archive.pages import FetchedPage
from archive.said import Said
from crawler import settings
from crawler.pages import utc_stamp

MAX_REDIRECTS = 5


class FetchRefused(Exception):
    """The page may not be fetched: its host is not allowed, or robots.txt forbids it."""


class FetchFailed(Exception):
    """No answer came: connection refused, DNS, a timeout, a page past the size limit."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # each hop is checked (host, robots.txt) before it is followed


class PoliteFetcher:
    """GETs pages with the crawl's manners; each host's robots.txt is read once."""

    def __init__(
        self,
        user_agent: str = settings.USER_AGENT,
        allowed_hosts: str = settings.APKNEWS_ALLOWED_HOSTS or "",
        timeout: float = settings.DOWNLOAD_TIMEOUT,
        delay: float = settings.DOWNLOAD_DELAY,
        max_bytes: int = settings.DOWNLOAD_MAXSIZE,
    ):
        self.user_agent = user_agent
        self.allowed = {h.strip().lower() for h in allowed_hosts.split(",") if h.strip()}
        self.timeout, self.delay, self.max_bytes = timeout, delay, max_bytes
        self._robots: dict[str, ProtegoRobotParser | None] = {}
        self._last_request: dict[str, float] = {}
        self._opener = urllib.request.build_opener(_NoRedirects)

    def get(self, url: str) -> FetchedPage:
        """The page at `url`, redirects followed; an HTTP error status is a page too.

        Raises FetchRefused (host not allowed, robots.txt) or FetchFailed (no answer).
        """
        for _ in range(MAX_REDIRECTS + 1):
            self._check(url)
            page = self._download(url)
            location = dict((k.lower(), v) for k, v in page.headers).get("location")
            if not (300 <= page.status < 400 and location):
                return page
            url = urljoin(url, location)
        raise FetchFailed(Said("more than %(count)s redirects", count=MAX_REDIRECTS))

    def _check(self, url: str) -> None:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if self.allowed and host not in self.allowed:
            raise FetchRefused(Said("host %(host)s is not in APKNEWS_ALLOWED_HOSTS", host=host))
        netloc = f"{parts.scheme}://{parts.netloc}"
        if netloc not in self._robots:
            self._robots[netloc] = self._read_robots(netloc)
        parser = self._robots[netloc]
        if parser is not None and not parser.allowed(url, self.user_agent):
            raise FetchRefused(Said("robots.txt forbids %(url)s", url=url))

    def _read_robots(self, netloc: str) -> ProtegoRobotParser | None:
        """The site's robots.txt; None (everything allowed) when it has none or does not answer,
        as Scrapy's robots.txt middleware takes it."""
        try:
            page = self._download(netloc + "/robots.txt")
        except FetchFailed:
            return None
        return ProtegoRobotParser(page.body, None) if page.status == 200 else None

    def _download(self, url: str) -> FetchedPage:
        self._wait_turn(url)
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "*/*"})
        try:
            response = self._opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as answer:  # 3xx (not followed here), 4xx, 5xx: answers all
            response = answer
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            reason = getattr(exc, "reason", exc)
            raise FetchFailed(f"{type(reason).__name__}: {reason}") from exc
        with response:
            try:
                body = response.read(self.max_bytes + 1)
            except (TimeoutError, ConnectionError) as exc:
                raise FetchFailed(f"{type(exc).__name__}: {exc}") from exc
        if len(body) > self.max_bytes:
            raise FetchFailed(Said("page larger than %(count)s bytes", count=self.max_bytes))
        return FetchedPage(
            url=url,
            status=response.status if hasattr(response, "status") else response.code,
            headers=list(response.headers.items()),
            body=body,
            fetched_at=utc_stamp(),
        )

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc
        since = time.monotonic() - self._last_request.get(host, float("-inf"))
        if since < self.delay:
            time.sleep(self.delay - since)
        self._last_request[host] = time.monotonic()
