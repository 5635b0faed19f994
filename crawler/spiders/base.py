"""The walkers every source kind shares: HTML listings, JSON API pages, feeds and sitemaps, newest first.

A site file only names its kind (`class InformSpider(ListingSpider): name = "inform"`); the facts
live in config/sources.toml. The incremental rules are here, once for every kind:

- a URL already stored, gone (404), redirected or not an article is not fetched again (unless
  `refresh`); one that timed out or failed with 5xx is tried again in the next runs, a few times;
- a listing is read page after page until a page brings nothing new, `max_pages` is reached, or
  `overlap` already-known articles in a row end a page; the last rule is off after a run that
  did not finish its walk (killed, a listing failed), so such a run is completed, not forgotten.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots
from twisted.python.failure import Failure

from archive.extract.urls import canonicalize_url
from archive.settings import DataDir
from archive.sources import Source, load_sources
from archive.store import Store
from crawler.items import ListingRecord, RawPage
from crawler.pages import built_page, feed_links, json_items, response_headers, utc_stamp

logger = logging.getLogger(__name__)

MAX_FETCH_ATTEMPTS = 3  # runs in which a failing article URL is tried before it is given up
GONE_STATUSES = range(400, 500)  # the page is not there; 408 and 429 are retried before we get here


class ListingSpider(scrapy.Spider):
    """Walks a source's paginated HTML listings and yields every new article page as a RawPage.

    Subclasses set `name` (the source's `spider` in config/sources.toml). Pass `source=` (a
    Source, as `apknews crawl` does) or `base_url=` (`scrapy crawl assembly -a base_url=...`).
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
        self.full_walk = True  # read every listing page; off when the last run finished its walk
        self._trailing_known: dict[object, int] = {}
        self.store: Store | None = None

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(spider._closed, signal=signals.spider_closed)
        return spider

    # -- the run's starting point ------------------------------------------------------------

    async def start(self):
        self.store = Store(DataDir(self.settings.get("APKNEWS_DATA_DIR")).store_path)
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

    def first_listing_requests(self):
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

    def article_request(self, url: str, lang: str | None) -> scrapy.Request:
        return scrapy.Request(url, self.parse_article, errback=self.record_error, cb_kwargs={"lang": lang})

    # -- listings ----------------------------------------------------------------------------

    def parse_listing(self, response, lang: str, page: int):
        self.crawler.stats.inc_value("apknews/listing_pages")
        fresh = 0
        for url, fetch_url in self.article_links(response):
            verdict = self.take(url, key=lang)
            if verdict is None:
                continue
            fresh += 1
            if verdict:
                yield self.article_request(fetch_url, lang)
        if self.wants_next_page(lang, page, fresh):
            yield self.listing_request(lang, page + 1)

    def article_links(self, response) -> list[tuple[str, str]]:
        """(canonical, fetch) URLs of the articles a listing links to, inside `listing_selector` if set."""
        scope = response.css(self.source.listing_selector) if self.source.listing_selector else [response]
        hrefs = [href for part in scope for href in part.css("a::attr(href)").getall()]
        return self.article_urls(response.urljoin(h) for h in hrefs)

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

    def parse_article(self, response, lang: str | None):
        self.crawler.stats.inc_value("apknews/article_pages")
        if self.source.require_keywords and not self.source.mentions_topic(response.text):
            self.store.note_url(self.source.name, response.url, "off_topic")
            self.crawler.stats.inc_value("apknews/dropped/off_topic")
            return
        self.store.forget_url(response.request.url)
        yield RawPage(
            url=response.url,
            status=response.status,
            headers=response_headers(response),
            body=response.body,
            fetched_at=utc_stamp(),
            source=self.source.name,
            lang_hint=lang or self.lang_of(response.url),
        )

    def note_redirect(self, request, location: str) -> None:
        """An article URL answered with a redirect (RedirectLedgerMiddleware): the old URL is settled."""
        if request.callback == self.parse_article and canonicalize_url(location) != canonicalize_url(
            request.url
        ):
            self.store.note_url(
                self.source.name, request.url, "redirected", target=canonicalize_url(location)
            )
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
        if spider is self and isinstance(item, RawPage):
            self.store.note_url(self.source.name, item.url, "dropped", reason=str(exception).split(":")[0])

    def _closed(self, spider, reason):
        if spider is self and self.store:
            self.store.close()


class JsonApiSpider(ListingSpider):
    """Walks a JSON news API page by page per project and language; each item becomes a built HTML page.

    The API's raw JSON is kept in the WARC as it came; the page handed to extraction carries the
    title in <h1>, the date in <time> and the body HTML, so the same pipeline cleans it.
    """

    def first_listing_requests(self):
        for project in self.source.projects:
            for lang in self.source.languages:
                yield self.api_request(project, lang, self.source.api_first_page)

    def api_request(self, project: str, lang: str, page: int) -> scrapy.Request:
        path = self.source.api_path.format(project=project, page=page, size=self.source.page_size)
        return scrapy.Request(
            self.source.base_url + path,
            callback=self.parse_api,
            errback=self.record_error,
            headers={"Accept-Language": lang, "Accept": "application/json"},
            cb_kwargs={"project": project, "lang": lang, "page": page},
            dont_filter=True,
            priority=10,
        )

    def parse_api(self, response, project: str, lang: str, page: int):
        self.crawler.stats.inc_value("apknews/listing_pages")
        yield ListingRecord(
            response.url,
            response.status,
            response_headers(response),
            response.body,
            utc_stamp(),
            self.source.name,
        )
        try:
            data = json.loads(response.text)
        except ValueError:
            self.crawler.stats.inc_value("apknews/errors/bad_json")
            self.crawler.stats.set_value("apknews/walk_incomplete", 1)
            return
        fresh = 0
        for item in json_items(data):
            page_url = self.source.base_url + self.source.article_url.format(
                project=project, id=item.get("id"), lang=lang
            )
            verdict = self.take(canonicalize_url(page_url), key=(project, lang))
            if verdict is None:
                continue
            fresh += 1
            if verdict:
                yield from self.item_page(page_url, item, lang, response.url)
        pages_read = page - self.source.api_first_page + 1
        if len(json_items(data)) < self.source.page_size:
            return  # a short page is the last one
        if self.wants_next_page((project, lang), pages_read, fresh):
            yield self.api_request(project, lang, page + 1)

    def item_page(self, url: str, item: dict, lang: str, api_url: str):
        self.crawler.stats.inc_value("apknews/article_pages")
        title, body = str(item.get("title") or ""), str(item.get("body") or "")
        if not self.source.mentions_topic(f"{title}\n{body}"):
            self.store.note_url(self.source.name, url, "off_topic")
            self.crawler.stats.inc_value("apknews/dropped/off_topic")
            return
        html = built_page(title, body, str(item.get("created_date") or ""), lang)
        yield RawPage(
            url=url,
            status=200,
            headers=[("Content-Type", "text/html; charset=utf-8"), ("X-Apknews-Built-From", api_url)],
            body=html.encode("utf-8"),
            fetched_at=utc_stamp(),
            source=self.source.name,
            lang_hint=lang,
        )


def _status(failure: Failure) -> int:
    return failure.value.response.status


class FeedSpider(ListingSpider):
    """For the many small sites: article links from RSS/Atom feeds and sitemaps (nested ones followed).

    `feeds` in the source's config lists them; `discover_feeds` adds the Sitemap: lines of robots.txt.
    A sitemap index's child whose <lastmod> is the one a finished run already read is not fetched.
    """

    def first_listing_requests(self):
        # After an unfinished run (killed, a listing failed) or with --refresh, every sitemap is read.
        self.sitemaps_read = {} if self.full_walk else self.store.sitemap_lastmods(self.source.name)
        self.sitemaps_done: dict[str, str] = {}
        for feed in self.source.feeds:
            yield self.feed_request(
                self.source.on_site(self.source.base_url + feed if feed.startswith("/") else feed)
            )
        if self.source.discover_feeds:
            yield scrapy.Request(
                self.source.base_url + "/robots.txt", callback=self.parse_robots, priority=10
            )

    def feed_request(self, url: str, lastmod: str | None = None) -> scrapy.Request:
        # The URL as the index listed it: a redirect must not change the key its lastmod is kept by.
        listed = (url, lastmod) if lastmod else None
        return scrapy.Request(
            url,
            callback=self.parse_feed,
            errback=self.record_error,
            dont_filter=True,
            priority=10,
            cb_kwargs={"listed": listed},
        )

    def parse_robots(self, response):
        for url in sitemap_urls_from_robots(response.text, base_url=response.url):
            yield self.feed_request(self.source.on_site(url))

    def parse_feed(self, response, listed: tuple[str, str] | None = None):
        self.crawler.stats.inc_value("apknews/listing_pages")
        head = response.body[:2048].lower()
        if b"<urlset" in head or b"<sitemapindex" in head:
            sitemap = Sitemap(response.body)
            entries = [entry for entry in sitemap if entry.get("loc")]
            if sitemap.type == "sitemapindex":
                yield from self._child_sitemaps(response, entries)
                return
            locs = [entry["loc"] for entry in entries]
        else:
            locs = feed_links(response.body)
        for url, fetch_url in self.article_urls(locs):
            if self.take(url, key=response.url):
                yield self.article_request(fetch_url, self.lang_of(url))
        if listed:
            url, lastmod = listed
            self.sitemaps_done[url] = lastmod

    def _child_sitemaps(self, response, entries: list[dict]):
        for entry in entries[: self.source.max_pages]:
            loc = self.source.on_site(entry["loc"])
            if loc in self.seen_in_run or urlsplit(loc).hostname != urlsplit(response.url).hostname:
                continue
            self.seen_in_run.add(loc)
            lastmod = entry.get("lastmod")
            if lastmod and self.sitemaps_read.get(loc) == lastmod:
                self.crawler.stats.inc_value("apknews/sitemaps_unchanged")
                continue
            yield self.feed_request(loc, lastmod)

    def _closed(self, spider, reason):
        complete = reason == "finished" and not self.crawler.stats.get_value("apknews/walk_incomplete")
        if spider is self and self.store and complete:
            self.store.save_sitemap_lastmods(self.source.name, getattr(self, "sitemaps_done", {}))
        super()._closed(spider, reason)
