"""Keeps every fetched page as a WARC record before anything else touches it."""

from __future__ import annotations

from pathlib import Path

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from archive.settings import DataDir
from archive.warc import WarcFile
from crawler.items import FetchedPage
from crawler.storage import WRITE_ERRORS, StorageFailure, StorageStopped


class ArchivePipeline:
    """Writes each FetchedPage to the run's WARC file (APKNEWS_WARC_PATH, set by crawler.runlog)."""

    def __init__(self, data_dir: DataDir, warc_path: Path):
        self.data_dir = data_dir
        self.warc_path = warc_path
        self.warc: WarcFile | None = None

    @classmethod
    def from_crawler(cls, crawler):
        data_dir = DataDir(Path(crawler.settings.get("APKNEWS_DATA_DIR"))).ensure()
        StorageFailure.watch(crawler)
        return cls(data_dir, Path(crawler.settings.get("APKNEWS_WARC_PATH")))

    def open_spider(self):
        try:
            self.warc = WarcFile.shared(self.warc_path, self.data_dir.root)
        except WRITE_ERRORS as exc:  # the spider closes at once; the item path drops everything
            StorageFailure.record(exc, self.data_dir)

    async def process_item(self, item):
        if not isinstance(item, FetchedPage):
            return item
        if StorageFailure.happened():
            raise StorageStopped(item.url)
        try:
            # In a thread: the record's fsync (ms each) would stop every download and extraction.
            item.warc = await maybe_deferred_to_future(deferToThread(self.warc.write_page, item))
        except WRITE_ERRORS as exc:
            StorageFailure.record(exc, self.data_dir)
            raise StorageStopped(item.url) from exc
        return item
