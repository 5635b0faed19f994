"""The JSON API walker: a news API read page by page per project and language (gov.kz)."""

from __future__ import annotations

import json

import scrapy

from archive.extract.urls import canonicalize_url
from crawler.items import FetchedPage
from crawler.pages import built_page, fetched_page, json_items, utc_stamp
from crawler.walkers.source import SourceSpider


class JsonApiSpider(SourceSpider):
    """Walks a JSON news API; each new item becomes a built HTML page for the same extraction.

    The API's raw JSON is kept in the WARC as it came (a listing page); the page handed to
    extraction carries the title in <h1>, the date in <time> and the body HTML.
    """

    # The article's address is the site's page, not what its text was read from: fetching that
    # page again says nothing of the item (`apknews recheck` leaves such sources out).
    pages_built_from_api = True

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
        yield fetched_page(response, self.source.name, listing=True)
        try:
            items = json_items(json.loads(response.text))
        except ValueError:
            self.crawler.stats.inc_value("apknews/errors/bad_json")
            self.crawler.stats.set_value("apknews/walk_incomplete", 1)
            return
        fresh = 0
        for item in items:
            page_url = self.source.base_url + self.source.article_url.format(
                project=project, id=item.get("id"), lang=lang
            )
            verdict = self.take(canonicalize_url(page_url), key=(project, lang))
            if verdict is None:
                continue
            fresh += 1
            if verdict:
                yield from self.item_page(page_url, item, lang, response.url)
        if len(items) < self.source.page_size:
            return  # a short page is the last one
        pages_read = page - self.source.api_first_page + 1
        if self.wants_next_page((project, lang), pages_read, fresh):
            yield self.api_request(project, lang, page + 1)

    def item_page(self, url: str, item: dict, lang: str, api_url: str):
        self.crawler.stats.inc_value("apknews/article_pages")
        title, body = str(item.get("title") or ""), str(item.get("body") or "")
        if not self.source.mentions_topic(f"{title}\n{body}"):
            self.note_off_topic(url)
            return
        html = built_page(title, body, str(item.get("created_date") or ""), lang)
        yield FetchedPage(
            url=url,
            status=200,
            headers=[("Content-Type", "text/html; charset=utf-8"), ("X-Apknews-Built-From", api_url)],
            body=html.encode("utf-8"),
            fetched_at=utc_stamp(),
            source=self.source.name,
            lang_hint=lang,
        )
