"""Turns a fetched page into a clean Article; a page with no article in it is dropped with its reason."""

from __future__ import annotations

import logging

from scrapy.exceptions import DropItem

from archive.extract import ExtractionError, extract_page
from crawler.items import FetchedPage
from crawler.storage import StorageFailure, StorageStopped

logger = logging.getLogger(__name__)

# How each part of an article is found when the source's config fits its pages; any other method
# (the page's <h1>, a meta tag, a date line…) is counted as a fallback: the config may need a look.
USUAL_METHOD = {"title": "selector", "date": "selector", "body": "trafilatura"}


class ExtractPipeline:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        if not isinstance(item, FetchedPage) or item.listing:  # a listing is only kept in the WARC
            return item
        stats = self.crawler.stats
        try:
            article = extract_page(item, self.crawler.spider.source)
        except ExtractionError as exc:  # the ledger keeps it (SourceSpider._item_dropped)
            stats.inc_value(f"apknews/dropped/{exc.reason}")
            if not exc.lasting:
                logger.warning("%s: %s", item.url, exc)
            raise DropItem(f"{exc.reason}: {item.url}") from exc
        except OSError as exc:  # a temporary file on a full disk: the page is fine, the machine is not
            StorageFailure.record(exc, self.crawler.settings.get("APKNEWS_DATA_DIR"))
            raise StorageStopped(item.url) from exc
        if article.published is None:
            stats.inc_value("apknews/articles_without_date")
            logger.warning("no date found on %s", item.url)
        for part, method in article.found_by.items():
            if method not in (USUAL_METHOD.get(part), "none"):
                stats.inc_value(f"apknews/fallback/{part}/{method}")
        return article
