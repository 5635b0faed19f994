"""Small page helpers the spiders share: a response as a FetchedPage, JSON API items, feed links."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from html import escape

from lxml import etree
from scrapy import signals

from archive.extract.listing_links import ListingLinks, find_listing_links
from archive.sources import Source
from crawler.items import FetchedPage


def utc_stamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def fetched_page(response, source: str, lang_hint: str | None = None, listing: bool = False) -> FetchedPage:
    """A Scrapy response as the page record the pipelines archive and extract."""
    headers = [
        (k.decode("latin-1"), v.decode("latin-1")) for k, values in response.headers.items() for v in values
    ]
    return FetchedPage(
        url=response.url,
        status=response.status,
        headers=headers,
        body=response.body,
        fetched_at=utc_stamp(),
        source=source,
        lang_hint=lang_hint,
        listing=listing,
    )


def connect_spider_signals(spider, crawler) -> None:
    """Send `crawler`'s item_dropped and spider_closed signals to the spider's own `_item_dropped`
    and `_closed` (a dropped page noted in the store, the store closed with the spider)."""
    crawler.signals.connect(spider._item_dropped, signal=signals.item_dropped)
    crawler.signals.connect(spider._closed, signal=signals.spider_closed)


def source_listing_links(
    source: Source, response, earlier_pages: Iterable[Iterable[str]] = ()
) -> ListingLinks:
    """The article links of a listing-like page of `source`, chosen as its config says."""
    return find_listing_links(
        response.body,
        response.url,
        source.article_regex,
        hosts=source.site_hosts,
        selector=source.listing_selector,
        earlier_pages=earlier_pages,
    )


def json_items(data) -> list[dict]:
    """The news items of an API page: a bare list, or the list under a usual key."""
    if isinstance(data, dict):
        data = next((data[k] for k in ("content", "items", "data", "results", "news") if k in data), [])
    return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []


def feed_links(body: bytes) -> list[str]:
    """Item links of an RSS 2.0 or Atom feed, in feed order."""
    try:
        root = etree.fromstring(body, parser=etree.XMLParser(recover=True, resolve_entities=False))
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    links = root.xpath("//*[local-name()='item']/*[local-name()='link']/text()")
    links += root.xpath(
        "//*[local-name()='entry']/*[local-name()='link'][not(@rel) or @rel='alternate']/@href"
    )
    return [str(link) for link in links]


def built_page(title: str, body_html: str, date: str, lang: str) -> str:
    """An HTML page for extraction from a JSON item: title in <h1>, date in <time>, the body's HTML."""
    title, date = escape(title), escape(date)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="article:published_time" content="{date}"></head><body><article>'
        f'<h1>{title}</h1><time datetime="{date}">{date}</time><div class="body">{body_html}</div>'
        "</article></body></html>"
    )
