"""Scrapy's spider loader for apknews: one spider per source in config/sources.toml, named after it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from scrapy.utils.misc import walk_modules_iter
from scrapy.utils.spider import iter_spider_classes

from archive.sources import ConfigError, Source, load_sources
from crawler.walkers import SourceSpider


class SourceSpiderLoader:
    """`scrapy list` lists the sources; `scrapy crawl NAME` crawls the source NAME.

    Each source's spider is its kind's class (the `spider` key: a class of that name in
    SPIDER_MODULES, crawler/spiders/<kind>.py) bound to the source. The sources come from
    APKNEWS_SOURCES_FILE, else the bundled config/sources.toml. Set as SPIDER_LOADER_CLASS.
    """

    def __init__(self, kinds: dict[str, type[SourceSpider]], sources: dict[str, Source]):
        self.kinds = kinds
        self.sources = sources

    @classmethod
    def from_settings(cls, settings) -> SourceSpiderLoader:
        kinds = {}
        for package in settings.getlist("SPIDER_MODULES"):
            for module in walk_modules_iter(package):
                kinds.update({kind.name: kind for kind in iter_spider_classes(module)})
        return cls(kinds, load_sources(settings.get("APKNEWS_SOURCES_FILE") or None))

    def load(self, spider_name: str) -> type[SourceSpider]:
        """The spider class of the source `spider_name`; KeyError when there is no such source."""
        if spider_name not in self.sources:
            known = ", ".join(self.sources)
            raise KeyError(f"Spider not found: {spider_name} (the sources are: {known})")
        return self.spider_for(self.sources[spider_name])

    def spider_for(self, source: Source) -> type[SourceSpider]:
        """A spider class for `source` as given (a base URL override kept): its kind, bound to it."""
        kind = self.kinds.get(source.spider)
        if kind is None:
            raise ConfigError(
                "source %(name)r: no spider kind %(kind)r (known: %(known)s)",
                name=source.name,
                kind=source.spider,
                known=", ".join(self.kinds),
            )
        class_name = "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", source.name))
        attributes = {"name": source.name, "source": source, "__module__": kind.__module__}
        return type(f"{class_name}Spider", (kind,), attributes)

    def list(self) -> list[str]:
        return list(self.sources)

    def find_by_request(self, request) -> list[str]:
        """The sources whose site serves `request` (for `scrapy fetch` and `scrapy parse`)."""
        host = urlsplit(request.url).hostname or ""
        return [name for name, source in self.sources.items() if host in source.site_hosts]
