"""`apknews crawl`: fetch new articles of the configured sources."""

from __future__ import annotations

import sys

import click

from apknews.app import cli
from apknews.operations import crawl_options, crawl_sources
from apknews.output import print_crawl_reports


@cli.command()
@crawl_options
@click.pass_obj
def crawl(obj, source_names, base_urls, refresh, verbose):
    """Fetch new articles of every enabled source (or those named) into the archive.

    Shares `update`'s lock: a crawl never overlaps another crawl or update of the same data folder.

    Example: apknews crawl --source assembly --base-url assembly=http://127.0.0.1:8765
    """
    (run_id, reports), lock = crawl_sources(obj, source_names, base_urls, refresh, verbose, progress=False)
    lock.release()
    print_crawl_reports(run_id, reports)
    if not all(r.ok for r in reports):
        sys.exit(1)
