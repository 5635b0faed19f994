"""The feeds walker, for the many small sites: RSS/Atom feeds and sitemaps, nested sitemaps followed."""

from __future__ import annotations

from urllib.parse import urlsplit

import scrapy
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from crawler.pages import feed_links
from crawler.walkers.source import SourceSpider


class FeedSpider(SourceSpider):
    """Article links from the source's `feeds`; `discover_feeds` adds the Sitemap: lines of robots.txt.

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
