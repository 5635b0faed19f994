"""The re-check spider: archived articles of one source fetched again, each found unchanged, edited,
moved, gone or unreachable, with the crawl's manners (robots.txt, delay, per-host concurrency, retries).

The page goes the crawl's road (WARC, then extraction); crawler.recheck_pipeline compares what
extraction says with the stored article. What the page is decides "gone", not its markup: an
error status (404, 410, 451), a page that extraction finds no article in, or a listing (the home
page or a news list served with 200 where the article was).
"""

from __future__ import annotations

import html
import logging
import re

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from archive.extract.errors import ExtractionError
from archive.extract.urls import canonicalize_url
from archive.settings import DataDir
from archive.sources import Source
from archive.store import Store
from archive.store.checks import GONE, MOVED, UNREACHABLE
from crawler.items import FetchedPage
from crawler.pages import connect_spider_signals, fetched_page, source_listing_links
from crawler.storage import StorageFailure, StorageStopped, write_or_stop

logger = logging.getLogger(__name__)

GONE_STATUSES = (404, 410, 451)  # the page was taken down; any other answer says nothing of it
PERMANENT_REDIRECTS = (301, 308)
# A page at an article's address that links this many other articles in its main content is a list
# (the home page, a news list) put where the article was: a soft 404.
LISTING_LINKS = 3
STAT = "apknews/rechecks/"  # + outcome, counted per source in the run's report


class RecheckSpider(scrapy.Spider):
    """Fetches `plan` (the store's rows of the articles to check) once each; see the module's docstring.

    One class per source and run, made by `recheck_spider_for` with `source` and `plan` set.
    """

    name = "recheck"
    source: Source | None = None
    plan: list[dict] = []
    custom_settings = {
        "ITEM_PIPELINES": {
            "crawler.pipelines.archive.ArchivePipeline": 100,
            "crawler.pipelines.extract.ExtractPipeline": 300,
            "crawler.recheck_pipeline.RecheckPipeline": 500,
        }
    }

    def __init__(self, refresh: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.store: Store | None = None
        self.pending: dict[str, list[dict]] = {}  # fetched URL -> the checks waiting for its article

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        connect_spider_signals(spider, crawler)
        return spider

    async def start(self):
        if StorageFailure.happened():
            return
        self.store = Store(DataDir(self.settings.get("APKNEWS_DATA_DIR")).store_path)
        self.crawler.stats.set_value(f"{STAT}planned", len(self.plan))
        for article in self.plan:
            yield scrapy.Request(
                self.source.on_site(article["url"]),
                callback=self.parse_page,
                errback=self.failed,
                cb_kwargs={"article": article},
                dont_filter=True,  # two archived addresses may lead to one page
            )

    def parse_page(self, response, article: dict):
        moved_to = _moved_to(response, article)
        page = fetched_page(response, self.source.name, article["lang"])
        if self._is_listing(response, article):
            page.listing = True  # archived as the evidence, not extracted
            self.record(article, GONE, response.status, detail="soft 404: a listing where the article was")
            yield page
            return
        self.pending.setdefault(response.url, []).append({**article, "moved_to": moved_to})
        yield page

    def _is_listing(self, response, article: dict) -> bool:
        """A page that lists other articles and does not carry this one's headline."""
        if _words(article["title"]) in _words(_page_text(response.body)):
            return False  # the article's page, with a box of other news in its main content
        found = source_listing_links(self.source, response)
        own = {canonicalize_url(response.url), article["canonical_url"]}
        return len({canonicalize_url(u) for u in found.links} - own) >= LISTING_LINKS

    def checks_for(self, url: str) -> dict | None:
        """The check waiting for the article extracted from the page fetched at `url`."""
        waiting = self.pending.get(url)
        return waiting.pop(0) if waiting else None

    def failed(self, failure: Failure):
        article = failure.request.cb_kwargs["article"]
        if failure.check(HttpError):
            status = failure.value.response.status
            outcome = GONE if status in GONE_STATUSES else UNREACHABLE
            self.record(article, outcome, status, detail=f"http_{status}")
        elif failure.check(IgnoreRequest):
            self.record(article, UNREACHABLE, detail=f"not fetched: {failure.value}"[:200])
        else:
            self.record(article, UNREACHABLE, detail=failure.type.__name__)

    def record(self, article: dict, outcome: str, status: int | None = None, **details) -> None:
        """Keep the check of `article` in the store and count it in the run's report."""
        self.crawler.stats.inc_value(f"{STAT}{outcome}")
        if outcome in (GONE, MOVED):
            logger.info("%s: %s %s (%s)", self.name, outcome, article["url"], details.get("detail"))
        run_id = self.settings.getint("APKNEWS_RUN_ID") or None
        write_or_stop(
            self.store.record_check,
            self.settings.get("APKNEWS_DATA_DIR"),
            article["id"],
            outcome,
            run_id=run_id,
            http_status=status,
            **details,
        )

    def _item_dropped(self, item, response, exception, spider):
        if spider is not self or not isinstance(item, FetchedPage) or isinstance(exception, StorageStopped):
            return
        check = self.checks_for(item.url)
        if check is None:
            return
        cause = exception.__cause__
        if isinstance(cause, ExtractionError) and cause.lasting:
            self.record(check, GONE, item.status, detail=f"soft 404: {cause.reason}")
        else:  # our extractor failed on the page: nothing is known of the article
            self.record(check, UNREACHABLE, item.status, detail=str(exception)[:200])

    def _closed(self, spider, reason):
        if spider is self and self.store is not None:
            self.store.close()


def _words(text: str) -> str:
    return " " + " ".join(text.casefold().split()) + " "


def _page_text(body: bytes) -> str:
    """The page's text, roughly: tags dropped, entities read (to look for a headline in it)."""
    text = body.decode("utf-8", errors="replace")
    return html.unescape(re.sub(r"<[^>]*>", " ", re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text)))


def _moved_to(response, article: dict) -> str | None:
    """The canonical URL a permanent redirect led to, when it is another article's address."""
    reasons = response.meta.get("redirect_reasons") or []
    if not any(reason in PERMANENT_REDIRECTS for reason in reasons):
        return None
    target = canonicalize_url(response.url)
    return target if target != article["canonical_url"] else None


def can_recheck(source: Source, kinds: dict[str, type]) -> bool:
    """Whether fetching `source`'s article addresses again shows its articles (`kinds`: the spider
    kinds by name): not where the texts were built from a JSON API's items."""
    return not getattr(kinds.get(source.spider), "pages_built_from_api", False)


def recheck_spider_for(source: Source, plan: list[dict]) -> type[RecheckSpider]:
    """A spider class re-checking `plan` of `source`, named after the source (its run report's key)."""
    attributes = {"name": source.name, "source": source, "plan": plan, "__module__": __name__}
    return type(
        "RecheckSpider_" + "".join(c for c in source.name if c.isalnum()), (RecheckSpider,), attributes
    )
