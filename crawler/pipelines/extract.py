"""Turns a raw page into a clean Article; a page with no article in it is dropped with its reason."""

from __future__ import annotations

import logging

from scrapy.exceptions import DropItem

from archive.extract import ExtractionError, extract_article
from crawler.items import RawPage

logger = logging.getLogger(__name__)


class ExtractPipeline:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        if not isinstance(item, RawPage):
            return item
        stats = self.crawler.stats
        content_type = next((v for k, v in item.headers if k.lower() == "content-type"), None)
        try:
            article = extract_article(
                item.body,
                url=item.url,
                source=self.crawler.spider.source,
                fetched_at=item.fetched_at,
                content_type=content_type,
                lang_hint=item.lang_hint,
            )
        except ExtractionError as exc:
            stats.inc_value(f"apknews/dropped/{exc.reason}")
            raise DropItem(f"{exc.reason}: {item.url}") from exc
        if article.published is None:
            stats.inc_value("apknews/articles_without_date")
            logger.warning("no date found on %s", item.url)
        article.warc = item.warc
        return article
