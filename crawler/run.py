"""One crawl run of `apknews crawl`: every chosen source in one Scrapy process, one WARC file, one run row."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from scrapy.crawler import CrawlerProcess
from scrapy.utils.project import get_project_settings

from archive.said import Said
from archive.settings import DataDir, StorageError
from archive.sources import Source
from archive.store import Store
from crawler.runlog import SourceReport, close_run, open_run, source_report
from crawler.storage import WRITE_ERRORS, StorageFailure


def run_crawl(
    sources: list[Source],
    data_dir: DataDir,
    refresh: bool = False,
    log_level: str = "WARNING",
    scrapy_overrides: dict | None = None,
    progress: bool = False,
    spider_for: Callable[[Source], type] | None = None,
) -> tuple[int, list[SourceReport]]:
    """Crawl `sources` into `data_dir`; return the run's id and one report per source.

    The run is recorded by the RunLog extension, as under `scrapy crawl`; this opens it for all
    sources at once. Call it holding the run lock (crawler.lock.run_lock). Must run once per
    process: Twisted's reactor cannot be restarted. Raises StorageError when a write to the data
    folder failed: the crawl stopped there and the run is marked failed (if the store took that).
    """
    try:
        run = open_run(data_dir, [s.name for s in sources])
    except WRITE_ERRORS as exc:
        raise StorageError(exc, data_dir) from exc
    settings = get_project_settings()
    settings.setdict(
        {
            "APKNEWS_DATA_DIR": str(data_dir.root),
            "APKNEWS_WARC_PATH": str(run.warc_path),
            "APKNEWS_RUN_ID": run.id,
            "LOG_LEVEL": log_level,
            "APKNEWS_PROGRESS": progress,
            **(scrapy_overrides or {}),
        },
        priority="cmdline",
    )
    process = CrawlerProcess(settings)
    crawlers = []
    for source in sources:
        # The source as given, its base URL override kept: the loader binds it to its kind (or
        # `spider_for` to another spider, the re-check's).
        crawler = process.create_crawler((spider_for or process.spider_loader.spider_for)(source))
        crawlers.append((source, crawler))
        process.crawl(crawler, refresh=refresh)
    try:
        process.start()
    finally:
        reports = [source_report(source.name, _stats_of(crawler)) for source, crawler in crawlers]
        try:
            _close_if_left_open(data_dir, run.id, reports)
        except WRITE_ERRORS as exc:
            StorageFailure.record(exc, data_dir)
    if StorageFailure.happened():
        raise _run_failed(StorageFailure.error, data_dir, run.id)
    return run.id, reports


def _run_failed(error: StorageError, data_dir: DataDir, run_id: int) -> StorageError:
    """The storage error, saying what became of run `run_id` and what to do."""
    try:
        with Store.open_readonly(data_dir.store_path) as store:
            status = store.run(run_id)["status"]
    except (OSError, sqlite3.Error, TypeError):
        status = "running"
    if status == "failed":
        marked = Said("marked failed")
    else:
        marked = Said("left running, the next run marks it interrupted")
    if getattr(error, "server", ""):  # the store's server failed: no space to free in the data folder
        error.strerror = Said(
            "the store at %(address)s could not be used (%(reason)s): run %(run)s stopped, %(marked)s; "
            "check the server, then crawl again: what was not stored is fetched again",
            address=error.server,
            reason=error.reason,
            run=run_id,
            marked=marked,
        )
    else:
        error.strerror = Said(
            "%(cause)s (run %(run)s stopped, %(marked)s; free space and crawl again: "
            "what was not stored is fetched again)",
            cause=error.strerror,
            run=run_id,
            marked=marked,
        )
    return error


def _close_if_left_open(data_dir: DataDir, run_id: int, reports: list[SourceReport]) -> None:
    """A run whose spiders did not all close (one failed to start, the process was stopped) fails."""
    with Store(data_dir.store_path) as store:
        run = store.run(run_id)
        if run["status"] == "running":
            close_run(store, run_id, {**{r.source: r.to_dict() for r in reports}, **run["stats"]})


def _stats_of(crawler) -> dict:
    try:
        return crawler.stats.get_stats()
    except RuntimeError:  # the crawler never started: Scrapy made no stats for it
        return {}
