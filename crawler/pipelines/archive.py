"""Keeps every fetched page as a WARC record before anything else touches it."""

from __future__ import annotations

from pathlib import Path

from archive.settings import DataDir
from archive.warc import WarcFile
from crawler.items import FetchedPage


class ArchivePipeline:
    """Writes each FetchedPage to the run's WARC file (APKNEWS_WARC_PATH, set by crawler.runlog)."""

    def __init__(self, data_dir: DataDir, warc_path: Path):
        self.data_dir = data_dir
        self.warc_path = warc_path
        self.warc: WarcFile | None = None

    @classmethod
    def from_crawler(cls, crawler):
        data_dir = DataDir(Path(crawler.settings.get("APKNEWS_DATA_DIR"))).ensure()
        return cls(data_dir, Path(crawler.settings.get("APKNEWS_WARC_PATH")))

    def open_spider(self):
        self.warc = WarcFile.shared(self.warc_path, self.data_dir.root)

    def process_item(self, item):
        if isinstance(item, FetchedPage):
            item.warc = self.warc.write_page(item)
        return item
