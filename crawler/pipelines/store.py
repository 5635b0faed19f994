"""Saves each article to the SQLite store: new, changed (old text kept) or unchanged."""

from __future__ import annotations

from pathlib import Path

from archive.articles import Article
from archive.settings import DataDir
from archive.store import Store
from crawler.storage import WRITE_ERRORS, StorageFailure, StorageStopped


class OpenStorePipeline:
    """A pipeline holding the store open for the spider's run; a store that cannot be opened for
    writing is a storage failure that stops the run (crawler.storage)."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.store: Store | None = None
        self.data_dir: DataDir | None = None
        self.run_id = crawler.settings.getint("APKNEWS_RUN_ID") or None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        self.data_dir = DataDir(Path(self.crawler.settings.get("APKNEWS_DATA_DIR")))
        StorageFailure.watch(self.crawler)
        try:
            self.store = Store(self.data_dir.store_path)
        except WRITE_ERRORS as exc:
            StorageFailure.record(exc, self.data_dir)

    def close_spider(self):
        if self.store is not None:
            self.store.close()


class StorePipeline(OpenStorePipeline):
    def process_item(self, item):
        if not isinstance(item, Article):
            return item
        if StorageFailure.happened():  # the run is stopping: the next one fetches it again
            raise StorageStopped(item.url)
        try:
            outcome = self.store.save(item, run_id=self.run_id)
        except WRITE_ERRORS as exc:
            StorageFailure.record(exc, self.data_dir)
            raise StorageStopped(item.url) from exc
        self.crawler.stats.inc_value(f"apknews/articles_{outcome}")
        return item
