"""`apknews crawl --frontier redis://…`: this process is one of many crawl workers sharing one frontier."""

from __future__ import annotations

import os
import sys
import warnings

import click

from apknews.app import UserError
from apknews.messages import _, said
from archive.sources import load_sources, parse_base_url_overrides, select_sources


def crawl_as_worker(obj, source_names, base_urls, refresh, verbose, frontier: str):
    """Run one crawl worker; return (run id, reports). Like `crawl`, but holding the run lock shared
    (other workers of this data folder run beside it) and with the queue and politeness in Redis."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    if not verbose:
        from scrapy.exceptions import ScrapyDeprecationWarning

        for category in (DeprecationWarning, ScrapyDeprecationWarning):
            warnings.filterwarnings("ignore", category=category)
    from crawler import settings
    from crawler.frontier_setup import (
        FrontierUnavailable,
        SharedRunLock,
        check_frontier,
        frontier_overrides,
        join_jobs,
    )
    from crawler.lock import AlreadyRunning
    from crawler.run import run_crawl

    sources = select_sources(
        load_sources(obj["sources_file"]), source_names, parse_base_url_overrides(base_urls)
    )
    if not sources:
        raise UserError(_("no source is enabled in the sources file"))
    try:
        check_frontier(frontier)
    except FrontierUnavailable as exc:
        raise UserError(
            said(exc.args[0]), _("start Redis there, or leave --frontier out to crawl alone")
        ) from exc
    data_dir = obj["data_dir"]
    try:
        lock = SharedRunLock(data_dir.root / "apknews.lock").acquire()
    except AlreadyRunning as exc:
        raise UserError(said(exc.args[0])) from exc
    try:
        worker = join_jobs(frontier, data_dir, sources, refresh, settings.APKNEWS_FRONTIER_LEASE)
        result = run_crawl(
            sources,
            data_dir,
            refresh=refresh,
            log_level="INFO" if verbose else "ERROR",
            scrapy_overrides=frontier_overrides(frontier, worker),
        )
    finally:
        lock.release()
    return result


def judge_worker(run_id: int, reports) -> None:
    """Exit 1 when this worker's crawl of a source did not finish. A worker sees only the pages it
    was given (one may get nothing but a listing's last, 404 page): whether a source gave nothing
    is the job's question, not one worker's, so no alarm (exit 3) is raised here."""
    failed = [r.source for r in reports if not r.ok]
    if failed:
        failure = _("run %(run)s: did not finish for %(sources)s") % {
            "run": run_id,
            "sources": ", ".join(failed),
        }
        click.echo(f"apknews: {_('error')}: {failure}", err=True)
        sys.exit(1)
