"""Links reposts to their earliest copy and translations to each other once a run's pages are stored."""

from __future__ import annotations

import logging
from pathlib import Path

from archive.links import relink
from archive.settings import DataDir
from archive.store import Store

logger = logging.getLogger(__name__)


class DedupePipeline:
    """Passes articles on untouched; when the run's last spider closes, relinks the whole archive.

    Both copies of a repost stay in the archive: the link marks them, it does not drop either. The
    work happens at close because the earliest copy may arrive after its reposts (or in another
    source's spider), and the store pipeline, later in the road, must have saved every article.
    Relinking reads the whole archive, so a run of several spiders does it once, not per spider.
    """

    _open_in_process = 0  # spiders of this run (one process) not yet closed

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        return item

    def open_spider(self):
        DedupePipeline._open_in_process += 1

    def close_spider(self):
        DedupePipeline._open_in_process -= 1
        if DedupePipeline._open_in_process > 0:
            return
        data_dir = DataDir(Path(self.crawler.settings.get("APKNEWS_DATA_DIR")))
        with Store(data_dir.store_path) as store:
            report = relink(store)
        self.crawler.stats.set_value("apknews/reposts_linked", report.reposts)
        self.crawler.stats.set_value("apknews/translations_linked", report.translations)
