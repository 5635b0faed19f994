"""The listing walker every HTML news source shares: listings newest first, then each article once."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from apknews.extract.urls import canonicalize_url
from apknews.settings import DataDir
from apknews.sources import Source, load_sources
from apknews.store import Store
from crawler.items import RawPage

logger = logging.getLogger(__name__)


class ListingSpider(scrapy.Spider):
    """Walks a source's paginated listings and yields every article page as a RawPage.

    Subclasses set `name` (the source's `spider` in config/sources.toml). Pass `source=` (a
    Source, as `apknews crawl` does) or `base_url=` (`scrapy crawl assembly -a base_url=...`).
    Articles already in the store are not fetched again unless `refresh` is true.
    """

    name = ""

    def __init__(
        self,
        source: Source | None = None,
        base_url: str | None = None,
        refresh: bool | str = False,
        **kwargs,
    ):
        super().__init__(**kwargs)
        if source is None:
            source = load_sources()[self.name]
        self.source = source.with_base_url(base_url) if base_url else source
        self.refresh = refresh in (True, "1", "true", "yes")
        self.known_urls: set[str] = set()
        self.seen_in_run: set[str] = set()

    async def start(self):
        if not self.refresh:
            data_dir = DataDir(self.settings.get("APKNEWS_DATA_DIR"))
            with Store(data_dir.store_path) as store:
                self.known_urls = store.known_urls(self.source.name)
        for lang in self.source.listings:
            yield self.listing_request(lang, page=1)

    def listing_request(self, lang: str, page: int) -> scrapy.Request:
        return scrapy.Request(
            self.source.listing_url(lang, page),
            callback=self.parse_listing,
            errback=self.record_error,
            cb_kwargs={"lang": lang, "page": page},
            # Listings come back in a scheduled run; page 2 of today is not page 2 of yesterday.
            dont_filter=True,
            priority=10,
        )

    def parse_listing(self, response, lang: str, page: int):
        self.crawler.stats.inc_value("apknews/listing_pages")
        fresh = 0
        for href in response.css("a::attr(href)").getall():
            url = canonicalize_url(response.urljoin(href))
            if not self.source.is_article_url(url) or url in self.seen_in_run:
                continue
            self.seen_in_run.add(url)
            fresh += 1
            if url in self.known_urls:
                self.crawler.stats.inc_value("apknews/articles_known_skipped")
                continue
            yield scrapy.Request(
                url,
                callback=self.parse_article,
                errback=self.record_error,
                cb_kwargs={"lang": lang},
            )
        # Bitrix serves the last page again past the end: a page with nothing new ends the walk.
        if fresh and page < self.source.max_pages:
            yield self.listing_request(lang, page + 1)
        elif fresh and page >= self.source.max_pages:
            logger.warning("%s: stopped at max_pages=%d for %s", self.name, page, lang)
            self.crawler.stats.inc_value("apknews/listing_page_limit_reached")

    def parse_article(self, response, lang: str):
        self.crawler.stats.inc_value("apknews/article_pages")
        yield RawPage(
            url=response.url,
            status=response.status,
            headers=[
                (k.decode("latin-1"), v.decode("latin-1"))
                for k, values in response.headers.items()
                for v in values
            ],
            body=response.body,
            fetched_at=datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
            source=self.source.name,
            lang_hint=lang,
        )

    def record_error(self, failure: Failure):
        """Count a failed request by kind (http_404, TimeoutError, ...) so the run report says why."""
        if failure.check(IgnoreRequest):  # robots.txt said no: counted by Scrapy as robots-blocked
            logger.debug("%s: ignored %s", self.name, failure.request.url)
            return
        if failure.check(HttpError):
            kind = f"http_{failure.value.response.status}"
        else:
            kind = failure.type.__name__
        self.crawler.stats.inc_value(f"apknews/errors/{kind}")
        logger.warning("%s: %s: %s", self.name, kind, failure.request.url)
