"""The HTML listing walker: a source's paginated, newest-first news lists, one per language."""

from __future__ import annotations

import scrapy

from crawler.pages import source_listing_links
from crawler.walkers.source import SourceSpider


class ListingSpider(SourceSpider):
    """Reads each language's listing page after page and asks for the new articles it links to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The article-like links of each listing page read so far this run: a link on several of
        # them is a sidebar's ("most read"), not the listing's own.
        self.earlier_listing_links: list[tuple[str, ...]] = []

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
        """(canonical, fetch) URLs of the articles a listing page links to, in page order.

        The one place where a listing's article links are chosen (archive.extract.listing_links):
        inside `listing_selector` when it matches, else the page's own list found by its structure;
        page chrome, "most read" boxes and links repeated on earlier listing pages left out.
        Counted per page as `apknews/listing_links_by/selector` or `.../fallback`.
        """
        found = source_listing_links(self.source, response, self.earlier_listing_links)
        self.earlier_listing_links.append(found.candidates)
        if found.links:
            self.crawler.stats.inc_value(f"apknews/listing_links_by/{found.method}")
        else:
            self.crawler.stats.inc_value("apknews/listing_links_by/none")
        return self.article_urls(found.links)
