"""What every walker does for its source: the run's start, the incremental rules, article pages, errors."""

from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from archive.extract.errors import ExtractionError
from archive.extract.urls import canonicalize_url
from archive.settings import DataDir
from archive.sources import Source
from archive.store import Store
from crawler.items import FetchedPage
from crawler.pages import connect_spider_signals, fetched_page
from crawler.storage import GuardedStore, StorageFailure, StorageStopped

logger = logging.getLogger(__name__)

MAX_FETCH_ATTEMPTS = 3  # runs in which a failing article URL is tried before it is given up
GONE_STATUSES = range(400, 500)  # the page is not there; 408 and 429 are retried before we get here


class SourceSpider(scrapy.Spider):
    """Crawls one source and yields every new article page as a FetchedPage.

    The spider loader (crawler.loader) makes one subclass per source, with `name` and `source`
    set; a walker (listing, JSON API, feeds) says where the article links come from. Arguments:
    `base_url=` fetches the source from elsewhere (a replica, a mirror), `refresh=1` fetches
    known articles again: `scrapy crawl assembly -a base_url=http://127.0.0.1:8765`.
    """

    name = ""
    source: Source | None = None  # set on the class the loader builds for each source

    def __init__(self, base_url: str | None = None, refresh: bool | str = False, **kwargs):
        if "source" in kwargs:
            raise ValueError("a spider crawls the source it is named after: `scrapy crawl NAME`")
        super().__init__(**kwargs)
        if self.source is None:
            raise ValueError(f"{self.name!r} is a kind of spider, not a source: see `scrapy list`")
        if base_url:
            self.source = self.source.with_base_url(base_url)
        self.refresh = refresh in (True, "1", "true", "yes")
        self.known_urls: set[str] = set()
        self.seen_in_run: set[str] = set()
        self.full_walk = True  # read every listing page; off when the last run finished its walk
        self._trailing_known: dict[object, int] = {}
        self.store: GuardedStore | None = None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        connect_spider_signals(spider, crawler)
        return spider

    # -- the run's starting point ------------------------------------------------------------

    async def start(self):
        if StorageFailure.happened():  # the data folder could not be written when the spider opened
            return
        data_dir = DataDir(self.settings.get("APKNEWS_DATA_DIR"))
        # A ledger write that fails (full disk) ends the run like a failed WARC or store write.
        self.store = GuardedStore(Store(data_dir.store_path), data_dir)
        retry: list[str] = []
        if not self.refresh:
            self.known_urls = self.store.known_urls(self.source.name)
            self.known_urls |= self.store.settled_urls(self.source.name, MAX_FETCH_ATTEMPTS)
            retry = self.store.failed_urls(self.source.name, MAX_FETCH_ATTEMPTS)
            self.full_walk = not self._last_walk_finished()
        if self.full_walk:
            self.crawler.stats.set_value("apknews/full_walk", 1)
        for url in retry:  # failed last time: asked for directly, wherever its listing has moved
            self.seen_in_run.add(url)
            yield self.article_request(self.source.on_site(url), self.lang_of(url))
        for request in self.first_listing_requests():
            yield request

    def first_listing_requests(self):
        """The requests that begin the walk of the source's listings (each walker has its own)."""
        raise NotImplementedError

    def _last_walk_finished(self) -> bool:
        """True when the last run of this source walked all its listings it meant to walk."""
        current = self.settings.getint("APKNEWS_RUN_ID") or None
        for run in self.store.runs(limit=50):
            if run["id"] == current or self.source.name not in json.loads(run["sources"]):
                continue
            stats = run["stats"].get(self.source.name, {})
            return (
                run["status"] in ("finished", "failed")
                and stats.get("finish_reason") == "finished"
                and not stats.get("counts", {}).get("walk_incomplete")
            )
        return False

    # -- the incremental rules ---------------------------------------------------------------

    def take(self, url: str, key: object) -> bool | None:
        """None when `url` came up earlier in this run, False when it is known, True when new."""
        if url in self.seen_in_run:
            return None
        self.seen_in_run.add(url)
        self.crawler.stats.inc_value("apknews/listing_links")
        if url in self.known_urls:
            self._trailing_known[key] = self._trailing_known.get(key, 0) + 1
            self.crawler.stats.inc_value("apknews/articles_known_skipped")
            return False
        self._trailing_known[key] = 0
        return True

    def wants_next_page(self, key: object, page: int, fresh: int) -> bool:
        """Whether the listing `key` goes on after `page`, on which `fresh` links were not seen before."""
        stats = self.crawler.stats
        # Bitrix serves the last page again past the end: a page with nothing new ends the walk.
        if not fresh:
            return False
        if not self.full_walk and self._trailing_known.get(key, 0) >= self.source.overlap:
            stats.inc_value("apknews/listings_stopped_at_known")
            return False
        if page >= self.source.max_pages:
            logger.warning("%s: stopped at max_pages=%d for %s", self.name, page, key)
            stats.inc_value("apknews/listing_page_limit_reached")
            return False
        return True

    # -- articles ----------------------------------------------------------------------------

    def article_urls(self, urls) -> list[tuple[str, str]]:
        """`urls` that are articles, once each, in order, as (canonical URL, URL to fetch).

        Both are moved onto the base URL (www., http/https, the live host folded). The fetched one
        is the canonical one, minus the trailing slash the link did not have if the source is
        `fetch_as_linked`: a site that serves `/slug` may not serve `/slug/`.
        """
        found: dict[str, str] = {}
        for url in urls:
            url = self.source.on_site(url.strip())
            canonical = canonicalize_url(url)
            if canonical in found or not self.source.is_article_url(canonical):
                continue
            fetch = canonical
            link_path = urlsplit(url).path.removesuffix("/amp").removesuffix("/print")
            parts = urlsplit(canonical)
            slash_added = not link_path.endswith("/") and parts.path.endswith("/") and parts.path != "/"
            if self.source.fetch_as_linked and slash_added:
                fetch = parts._replace(path=parts.path[:-1]).geturl()
            found[canonical] = fetch
        return list(found.items())

    def article_request(self, url: str, lang: str | None) -> scrapy.Request:
        return scrapy.Request(url, self.parse_article, errback=self.record_error, cb_kwargs={"lang": lang})

    def parse_article(self, response, lang: str | None):
        self.crawler.stats.inc_value("apknews/article_pages")
        if self.source.require_keywords and not self.source.mentions_topic(response.text):
            self.note_off_topic(response.url)
            return
        self.store.forget_url(response.request.url)
        yield fetched_page(response, self.source.name, lang or self.lang_of(response.url))

    def note_off_topic(self, url: str) -> None:
        self.store.note_url(self.source.name, url, "off_topic")
        self.crawler.stats.inc_value("apknews/dropped/off_topic")

    def note_redirect(self, request, location: str) -> None:
        """An article URL answered with a redirect (RedirectLedgerMiddleware): the old URL is settled."""
        target = canonicalize_url(location)
        if request.callback == self.parse_article and target != canonicalize_url(request.url):
            self.store.note_url(self.source.name, request.url, "redirected", target=target)
            self.crawler.stats.inc_value("apknews/redirected")

    def lang_of(self, url: str) -> str | None:
        """The language a URL's first path segment names (/ru/, /kk/, /kz/, /en/), if the source has it."""
        first = urlsplit(url).path.strip("/").split("/")[0].lower()
        first = {"kz": "kk"}.get(first, first)
        return first if first in self.source.languages else None

    # -- what went wrong ---------------------------------------------------------------------

    def record_error(self, failure: Failure):
        """Count a failed request by kind (http_404, TimeoutError, ...); note article URLs in the ledger."""
        request = failure.request
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            logger.debug("%s: ignored %s", self.name, request.url)  # robots.txt: Scrapy counts it
            return
        if failure.check(HttpError) and request.cb_kwargs.get("page", 1) > 1 and _status(failure) == 404:
            self.crawler.stats.inc_value("apknews/listing_end_404")  # WordPress: past the last page
            return
        if failure.check(HttpError):
            status = _status(failure)
            kind, state = f"http_{status}", "gone" if status in GONE_STATUSES else "failed"
        elif failure.check(DownloadCancelledError):
            kind, state = "too_large", "dropped"  # past DOWNLOAD_MAXSIZE: a trap, not an article
        else:
            kind, state = failure.type.__name__, "failed"
        self.crawler.stats.inc_value(f"apknews/errors/{kind}")
        logger.warning("%s: %s: %s", self.name, kind, request.url)
        if request.callback == self.parse_article:
            self.store.note_url(self.source.name, request.url, state, reason=kind)
        else:  # a listing that failed leaves its walk unfinished: the next run reads all of it
            self.crawler.stats.set_value("apknews/walk_incomplete", 1)

    def _item_dropped(self, item, response, exception, spider):
        if spider is self and isinstance(item, FetchedPage) and not isinstance(exception, StorageStopped):
            # An extractor's error (not the page's) is tried again in the next runs, a few times.
            cause = exception.__cause__
            state = "failed" if isinstance(cause, ExtractionError) and not cause.lasting else "dropped"
            self.store.note_url(self.source.name, item.url, state, reason=str(exception).split(":")[0])

    def _closed(self, spider, reason):
        if spider is self and self.store:
            self.store.close()


def _status(failure: Failure) -> int:
    return failure.value.response.status
