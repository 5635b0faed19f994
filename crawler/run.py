"""One crawl run: every chosen source in one Scrapy process, one WARC file, one row in the run log."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from archive.settings import DataDir
from archive.sources import Source
from archive.store import Store

logger = logging.getLogger(__name__)

# Scrapy stats that make up a source's line in the run report, under short names.
REPORTED_STATS = {
    "apknews/listing_pages": "listing_pages",
    "apknews/listing_links": "listing_links",
    "apknews/article_pages": "article_pages",
    "apknews/articles_new": "new",
    "apknews/articles_changed": "changed",
    "apknews/articles_unchanged": "unchanged",
    "apknews/articles_known_skipped": "known_skipped",
    "apknews/articles_without_date": "without_date",
    "robotstxt/forbidden": "robots_blocked",
    "downloader/request_count": "requests",
    "retry/count": "retries",
    "apknews/full_walk": "full_walk",
    "apknews/walk_incomplete": "walk_incomplete",
    "apknews/listings_stopped_at_known": "stopped_at_known",
    "apknews/sitemaps_unchanged": "sitemaps_unchanged",
    # Set by the spider that closes last, for the whole archive (see DedupePipeline).
    "apknews/reposts_linked": "reposts_linked",
    "apknews/translations_linked": "translations_linked",
}


@dataclass
class SourceReport:
    source: str
    counts: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)  # http_404, TimeoutError, ...
    dropped: dict[str, int] = field(default_factory=dict)  # why pages gave no article
    finish_reason: str = ""

    @property
    def ok(self) -> bool:
        return self.finish_reason == "finished"

    def to_dict(self) -> dict:
        return {
            "counts": self.counts,
            "errors": self.errors,
            "dropped": self.dropped,
            "finish_reason": self.finish_reason,
        }


def _report(source: str, stats: dict) -> SourceReport:
    report = SourceReport(source, finish_reason=str(stats.get("finish_reason", "")))
    for key, short in REPORTED_STATS.items():
        report.counts[short] = int(stats.get(key, 0))
    for key, value in stats.items():
        if key.startswith("apknews/errors/"):
            report.errors[key.removeprefix("apknews/errors/")] = value
        elif key.startswith("apknews/dropped/"):
            report.dropped[key.removeprefix("apknews/dropped/")] = value
    return report


def run_crawl(
    sources: list[Source],
    data_dir: DataDir,
    refresh: bool = False,
    log_level: str = "WARNING",
    scrapy_overrides: dict | None = None,
    progress: bool = False,
) -> tuple[int, list[SourceReport]]:
    """Crawl `sources` into `data_dir`; return the run's id and one report per source.

    Call it holding the run lock (crawler.lock): runs still marked running are taken as killed.
    Must run once per process: Twisted's reactor cannot be restarted.
    """
    data_dir.ensure()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    with Store(data_dir.store_path) as store:
        interrupted = store.close_interrupted_runs()
        if interrupted:
            logger.warning("%d earlier run(s) did not finish (killed?): marked interrupted", interrupted)
        run_id = store.start_run([s.name for s in sources], None)
        # The run id in the name: a rerun in the same second never appends to a killed run's file.
        warc_path = data_dir.warc_dir / f"{stamp}-run{run_id}.warc.gz"
        store.set_run_warc_file(run_id, warc_path.name)

    settings = get_project_settings()
    settings.setdict(
        {
            "APKNEWS_DATA_DIR": str(data_dir.root),
            "APKNEWS_WARC_PATH": str(warc_path),
            "APKNEWS_RUN_ID": run_id,
            "LOG_LEVEL": log_level,
            "APKNEWS_PROGRESS": progress,
            **(scrapy_overrides or {}),
        },
        priority="cmdline",
    )
    process = CrawlerProcess(settings)
    crawlers = []
    for source in sources:
        spider_class = process.spider_loader.load(source.spider)
        crawler = process.create_crawler(spider_class)
        crawlers.append((source, crawler))
        process.crawl(crawler, source=source, refresh=refresh)
    status = "failed"
    try:
        process.start()
        status = "finished"
    finally:
        reports = [_report(source.name, crawler.stats.get_stats()) for source, crawler in crawlers]
        if status == "finished" and not all(r.ok for r in reports):
            status = "failed"
        with Store(data_dir.store_path) as store:
            store.finish_run(run_id, status, {r.source: r.to_dict() for r in reports})
    return run_id, reports
