"""Saves each article to the SQLite store: new, changed (old text kept) or unchanged."""

from __future__ import annotations

from pathlib import Path

from archive.articles import Article
from archive.settings import DataDir
from archive.store import Store


class StorePipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.store: Store | None = None
        self.run_id = crawler.settings.getint("APKNEWS_RUN_ID") or None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        data_dir = DataDir(Path(self.crawler.settings.get("APKNEWS_DATA_DIR")))
        self.store = Store(data_dir.store_path)

    def close_spider(self):
        self.store.close()

    def process_item(self, item):
        if isinstance(item, Article):
            outcome = self.store.save(item, run_id=self.run_id)
            self.crawler.stats.inc_value(f"apknews/articles_{outcome}")
        return item
