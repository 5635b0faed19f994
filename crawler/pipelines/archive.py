"""Keeps every fetched page as a WARC record before anything else touches it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from archive.settings import DataDir
from archive.warc import WarcFile
from crawler.items import ListingRecord, RawPage


class ArchivePipeline:
    def __init__(self, data_dir: DataDir, warc_path: Path):
        self.data_dir = data_dir
        self.warc_path = warc_path
        self.warc: WarcFile | None = None

    @classmethod
    def from_crawler(cls, crawler):
        data_dir = DataDir(Path(crawler.settings.get("APKNEWS_DATA_DIR"))).ensure()
        path = crawler.settings.get("APKNEWS_WARC_PATH")
        if not path:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            path = data_dir.warc_dir / f"{stamp}-{crawler.spidercls.name}.warc.gz"
        return cls(data_dir, Path(path))

    def open_spider(self):
        self.warc = WarcFile.shared(self.warc_path, self.data_dir.root)

    def process_item(self, item):
        if isinstance(item, RawPage):
            item.warc = self.warc.write_response(
                item.url, item.status, item.headers, item.body, item.fetched_at
            )
        elif isinstance(item, ListingRecord):  # raw JSON of an API listing: kept, not extracted
            self.warc.write_response(item.url, item.status, item.headers, item.body, item.fetched_at)
        return item
