"""The run log as a Scrapy extension: each crawl's row in the store, and the archive relinked at its end."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

from archive.links import relink
from archive.settings import DataDir
from archive.store import Store
from crawler.lock import RunLock, run_lock
from crawler.pipelines.entities import store_run_entities
from crawler.storage import STORAGE_FAILED, WRITE_ERRORS, StorageFailure

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
    "downloader/response_count": "responses",
    "retry/count": "retries",
    "apknews/full_walk": "full_walk",
    "apknews/walk_incomplete": "walk_incomplete",
    "apknews/listings_stopped_at_known": "stopped_at_known",
    "apknews/sitemaps_unchanged": "sitemaps_unchanged",
    # Set for the source whose spider closes last, for the whole archive (see RunLog).
    "apknews/reposts_linked": "reposts_linked",
    "apknews/translations_linked": "translations_linked",
    # Of those, the links this run's relinking added: this run's new reposts and translations.
    "apknews/reposts_new": "reposts_new",
    "apknews/translations_new": "translations_new",
}


# Stats kept whole under their prefix, whatever their last part: a new kind needs no change here.
GROUPED_STATS = {
    "apknews/errors/": "errors",  # http_404, TimeoutError, ...
    "apknews/dropped/": "dropped",  # why pages gave no article
    "apknews/listing_links_by/": "listing_links_by",  # listing pages by how their links were found
    "apknews/fallback/": "fallbacks",  # <field>/<method>: extraction read a field without its selector
    "apknews/rechecks/": "rechecks",  # a re-check run's findings: planned, unchanged, edited, gone, ...
}


@dataclass
class SourceReport:
    source: str
    counts: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)
    # Listing pages whose article links came from "selector" (listing_selector), "fallback" (the
    # page's structure) or "none" (no article link at all): how far the config can be trusted.
    listing_links_by: dict[str, int] = field(default_factory=dict)
    fallbacks: dict[str, int] = field(default_factory=dict)  # "title/h1": pages, "date/meta": ...
    rechecks: dict[str, int] = field(default_factory=dict)  # outcome -> articles (crawler.recheck)
    finish_reason: str = ""

    @property
    def ok(self) -> bool:
        return self.finish_reason == "finished"

    def to_dict(self) -> dict:
        return {
            "counts": self.counts,
            **{group: getattr(self, group) for group in GROUPED_STATS.values()},
            "finish_reason": self.finish_reason,
        }


def source_report(source: str, stats: dict) -> SourceReport:
    """The report of `source` read from its crawler's Scrapy stats."""
    report = SourceReport(source, finish_reason=str(stats.get("finish_reason", "")))
    for key, short in REPORTED_STATS.items():
        report.counts[short] = int(stats.get(key, 0))
    for key, value in stats.items():
        for prefix, group in GROUPED_STATS.items():
            if key.startswith(prefix):
                getattr(report, group)[key.removeprefix(prefix)] = int(value)
    return report


@dataclass(frozen=True)
class OpenedRun:
    id: int
    warc_path: Path  # the run's one WARC file, shared by all its sources


def open_run(data_dir: DataDir, sources: list[str]) -> OpenedRun:
    """Start a run of `sources` in the log; runs still marked running are taken as killed.

    Call it holding the run lock (crawler.lock.run_lock).
    """
    data_dir.ensure()
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    with Store(data_dir.store_path) as store:
        interrupted = store.close_interrupted_runs()
        if interrupted:
            logger.warning("%d earlier run(s) did not finish (killed?): marked interrupted", interrupted)
        run_id = store.start_run(sources, None)
        # The run id in the name: a rerun in the same second never appends to a killed run's file.
        warc_path = data_dir.warc_dir / f"{stamp}-run{run_id}.warc.gz"
        store.set_run_warc_file(run_id, warc_path.name)
    return OpenedRun(run_id, warc_path)


def close_run(store: Store, run_id: int, reports: dict[str, dict]) -> str:
    """Give run `run_id` its status from its sources' reports; return the status."""
    ok = all(r.get("finish_reason") == "finished" for r in reports.values())
    status = "finished" if ok else "failed"
    store.finish_run(run_id, status, reports)
    return status


class RunLog:
    """Records the crawl in the store's run log, the same under `scrapy crawl` and `apknews crawl`.

    `apknews crawl` opens one run for all its sources beforehand (APKNEWS_RUN_ID); under `scrapy
    crawl NAME` this extension opens it, holding the run lock until the spider closes, and sets
    APKNEWS_RUN_ID and APKNEWS_WARC_PATH for the pipelines. When a source's spider closes, its
    report joins the run's row; the last one to close relinks reposts and translations over the
    whole archive (the earliest copy may come later in the run, or from another source; both
    copies stay) and gives the run its status. A run killed on the way stays "running" until the
    next run marks it "interrupted".
    """

    def __init__(self, crawler, data_dir: DataDir, run_id: int, lock: RunLock | None = None):
        self.crawler = crawler
        self.data_dir = data_dir
        self.run_id = run_id
        self.lock = lock  # held when this extension opened the run itself

    @classmethod
    def from_crawler(cls, crawler) -> RunLog:
        if getattr(crawler.spider, "source", None) is None:
            raise NotConfigured("the run log records the crawls of sources")
        settings = crawler.settings
        data_dir = DataDir(settings.get("APKNEWS_DATA_DIR"))
        run_id, lock = settings.getint("APKNEWS_RUN_ID") or None, None
        if run_id is None:  # `scrapy crawl NAME`: this crawl is the whole run
            lock = run_lock(data_dir).acquire()
            run = open_run(data_dir, [crawler.spider.source.name])
            run_id = run.id
            settings.set("APKNEWS_RUN_ID", run.id, priority="cmdline")
            settings.set("APKNEWS_WARC_PATH", str(run.warc_path), priority="cmdline")
        extension = cls(crawler, data_dir, run_id, lock)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_closed(self, spider, reason):
        try:
            with Store(self.data_dir.store_path) as store:
                self._record(store, spider.source.name, reason)
        except WRITE_ERRORS as exc:  # the run stays "running": the next run marks it interrupted
            error = StorageFailure.record(exc, self.data_dir)
            logger.info("run %s not recorded: %s", self.run_id, error.strerror)
        finally:
            if self.lock is not None:
                self.lock.release()

    def _record(self, store: Store, source: str, reason: str) -> None:
        run = store.run(self.run_id)
        if run is None:
            logger.error("run %s is not in the run log: %s not recorded", self.run_id, source)
            return
        reports = dict(run["stats"])
        stats = self.crawler.stats
        if StorageFailure.happened():  # however the spider came to close, its run lost writes
            reason = STORAGE_FAILED
        last = set(json.loads(run["sources"])) <= {*reports, source}
        if last and not StorageFailure.happened():  # a run that stopped on a full disk writes no more
            links = relink(store)
            stats.set_value("apknews/reposts_linked", links.reposts)
            stats.set_value("apknews/translations_linked", links.translations)
            stats.set_value("apknews/reposts_new", links.new_reposts)
            stats.set_value("apknews/translations_new", links.new_translations)
            sources_file = self.crawler.settings.get("APKNEWS_SOURCES_FILE")
            entities = store_run_entities(store, self.run_id, sources_file)
            stats.set_value("apknews/entities_articles", entities.articles)
        reports[source] = source_report(source, {**stats.get_stats(), "finish_reason": reason}).to_dict()
        if last:
            close_run(store, self.run_id, reports)
        else:
            store.record_run_stats(self.run_id, reports)
