"""`apknews crawl`: fetch new articles of the configured sources."""

from __future__ import annotations

import os
import sys

import click

from apknews.cli.app import UserError, cli
from apknews.output import print_crawl_reports
from apknews.sources import load_sources, parse_base_url_overrides, select_sources


@cli.command()
@click.option("--source", "source_names", multiple=True, help="Crawl only this source (repeatable).")
@click.option(
    "--base-url",
    "base_urls",
    multiple=True,
    metavar="NAME=URL",
    help="Fetch source NAME from URL instead of its live site (repeatable).",
)
@click.option("--refresh", is_flag=True, help="Fetch articles again even when already stored.")
@click.option("--verbose", "-v", is_flag=True, help="Show Scrapy's log.")
@click.pass_obj
def crawl(obj, source_names, base_urls, refresh, verbose):
    """Fetch new articles of every enabled source (or those named) into the archive.

    Example: apknews crawl --source assembly --base-url assembly=http://127.0.0.1:8765
    """
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from crawler.run import run_crawl

    sources = select_sources(
        load_sources(obj["sources_file"]), source_names, parse_base_url_overrides(base_urls)
    )
    if not sources:
        raise UserError("no source is enabled in the sources file")
    run_id, reports = run_crawl(
        sources, obj["data_dir"], refresh=refresh, log_level="INFO" if verbose else "WARNING"
    )
    print_crawl_reports(run_id, reports)
    if not all(r.ok for r in reports):
        sys.exit(1)
