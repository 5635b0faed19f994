"""A live status line on stderr while a crawl runs at a terminal; silent otherwise (cron, tests)."""

from __future__ import annotations

import sys
from collections.abc import Callable

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from archive.said import Said, SaidCount

INTERVAL = 1.0  # seconds between redraws


class Progress:
    """One line for all sources of the run: `inform 3 listings 12 articles · govkz ...`, said by
    the APKNEWS_SAY setting (the CLI's: each part in the user's language; else in English)."""

    _crawlers: dict[str, object] = {}  # every crawler of this process, by spider name
    _loop: task.LoopingCall | None = None
    _say: Callable[[Said], str] = str

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("APKNEWS_PROGRESS"):
            raise NotConfigured
        extension = cls(crawler)
        Progress._say = crawler.settings.get("APKNEWS_SAY") or str
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider):
        label = getattr(getattr(spider, "source", None), "name", spider.name)
        Progress._crawlers[label] = self.crawler
        if Progress._loop is None:
            Progress._loop = task.LoopingCall(Progress.draw)
            Progress._loop.start(INTERVAL, now=False)

    def spider_closed(self, spider, reason):
        Progress.draw()
        if all(c.stats.get_value("finish_reason") for c in Progress._crawlers.values()):
            if Progress._loop and Progress._loop.running:
                Progress._loop.stop()
            sys.stderr.write("\n")
            sys.stderr.flush()

    @classmethod
    def draw(cls) -> None:
        parts = [cls._say(source_progress(label, crawler.stats)) for label, crawler in cls._crawlers.items()]
        sys.stderr.write("\r\x1b[K" + " · ".join(parts))
        sys.stderr.flush()


def source_progress(label: str, stats) -> Said:
    """`inform 3 listings 12 articles`, and `done` once its crawl has finished."""
    listings, articles = (
        stats.get_value("apknews/listing_pages", 0),
        stats.get_value("apknews/article_pages", 0),
    )
    progress = Said(
        "%(source)s %(listings)s %(articles)s",
        source=label,
        listings=SaidCount("%(count)s listing", "%(count)s listings", listings),
        articles=SaidCount("%(count)s article", "%(count)s articles", articles),
    )
    return Said("%(progress)s done", progress=progress) if stats.get_value("finish_reason") else progress
