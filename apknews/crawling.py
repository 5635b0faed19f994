"""`apknews crawl`: fetch new articles of the configured sources."""

from __future__ import annotations

import click

from apknews.app import cli
from apknews.operations import crawl_options, crawl_sources, judge_run
from apknews.output import print_crawl_reports
from archive.store import Store


@cli.command()
@crawl_options
@click.option(
    "--frontier",
    metavar="redis://HOST:6379/0",
    help="Crawl as one of many workers (on any machines) sharing this Redis queue and politeness.",
)
@click.pass_obj
def crawl(obj, source_names, base_urls, refresh, verbose, frontier):
    """Fetch new articles of every enabled source (or those named) into the archive.

    Shares `update`'s lock: a crawl never overlaps another crawl or update of the same data folder.
    Prints one report line per source, then its warnings on stderr. Exit status as `update`'s:
    1 when a source's crawl did not finish, 3 when a source gave nothing (no article link, no
    article, unreachable), else 0.

    With `--frontier`, start as many as wanted, here and on other machines: they share one queue,
    one seen-set and each host's delay and concurrency; workers on one machine share its store
    (each writes its own WARC file). A killed worker's requests go to the others.

    Example: apknews crawl --source assembly --base-url assembly=http://127.0.0.1:8765
    """
    if frontier:
        from apknews.frontier_crawl import crawl_as_worker, judge_worker

        run_id, reports = crawl_as_worker(obj, source_names, base_urls, refresh, verbose, frontier)
        print_crawl_reports(run_id, reports)
        judge_worker(run_id, reports)
        return
    (run_id, reports), lock = crawl_sources(obj, source_names, base_urls, refresh, verbose, progress=False)
    lock.release()
    print_crawl_reports(run_id, reports)
    with Store.open_readonly(obj["data_dir"].store_path) as store:
        judge_run(store, run_id, reports)
