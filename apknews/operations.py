"""`apknews update` (crawl then index, one run at a time) and `apknews status` (run log, source health)."""

from __future__ import annotations

import json
import os
import sys
import warnings

import click

from apknews.app import UserError, cli, require_store
from apknews.messages import N_, _, human_timestamp, said
from apknews.output import print_crawl_reports, print_health_warnings, say
from apknews.rechecking import recheck_findings, update_rechecks
from archive.sources import load_sources, parse_base_url_overrides, select_sources
from archive.store import Store


def crawl_options(command):
    """The options `crawl` and `update` share: which sources, from where, refetching, Scrapy's log."""
    options = [
        click.option("--source", "source_names", multiple=True, help="Only this source (repeatable)."),
        click.option(
            "--base-url",
            "base_urls",
            multiple=True,
            metavar="NAME=URL",
            help="Fetch source NAME from URL instead of its live site (repeatable).",
        ),
        click.option("--refresh", is_flag=True, help="Fetch articles again even when already stored."),
        click.option("--verbose", "-v", is_flag=True, help="Show Scrapy's log."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def crawl_sources(obj, source_names, base_urls, refresh, verbose, progress, quiet=False):
    """Run one crawl under the run lock; return (run id, reports). Shared by `crawl` and `update`."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    if not verbose:
        from scrapy.exceptions import ScrapyDeprecationWarning

        # Deprecations are for whoever upgrades Scrapy (they see them with -v), not for the user.
        for category in (DeprecationWarning, ScrapyDeprecationWarning):
            warnings.filterwarnings("ignore", category=category)
    from crawler.lock import AlreadyRunning, run_lock
    from crawler.run import run_crawl

    sources = select_sources(
        load_sources(obj["sources_file"]), source_names, parse_base_url_overrides(base_urls)
    )
    if not sources:
        raise UserError(_("no source is enabled in the sources file"))
    data_dir = obj["data_dir"]
    try:
        lock = run_lock(data_dir).acquire()
    except AlreadyRunning as exc:
        raise UserError(said(exc.args[0])) from exc
    try:
        return run_crawl(
            sources,
            data_dir,
            refresh=refresh,
            # A 404, a retry or a page without a date per line would bury the report that counts them;
            # under cron it would mail someone every hour: health says it once.
            log_level="INFO" if verbose else "CRITICAL" if quiet else "ERROR",
            progress=progress,
            scrapy_overrides={"APKNEWS_SAY": said},  # the progress line in the user's language
        ), lock
    except BaseException:
        lock.release()
        raise


def judge_run(store: Store, run_id: int, reports) -> list:
    """Print each crawled source's warnings on stderr; exit 1 when a source's crawl did not finish,
    ALARM_EXIT_STATUS (3) when one gave nothing (no link, no article, no answer). Returns the health."""
    from crawler.health import ALARM_EXIT_STATUS, source_health

    health = source_health(store, [r.source for r in reports])
    print_health_warnings(health)
    failed = [r.source for r in reports if not r.ok]
    if failed:
        failure = _("run %(run)s: did not finish for %(sources)s") % {
            "run": run_id,
            "sources": ", ".join(failed),
        }
        click.echo(f"apknews: {_('error')}: {failure}", err=True)
        sys.exit(1)
    if any(item.alarm for item in health):
        sys.exit(ALARM_EXIT_STATUS)
    return health


@cli.command()
@crawl_options
@click.option(
    "--quiet/--no-quiet",
    "-q",
    default=None,
    help="Print only problems (default when not at a terminal, as under cron).",
)
@click.pass_obj
def update(obj, source_names, base_urls, refresh, quiet, verbose):
    """Crawl every enabled source, then index what is new; one run at a time per data folder.

    A second `update` while one runs exits at once with a message (exit status 1). At a
    terminal a status line shows progress; under cron only problems are printed, each as an
    `apknews: warning:` line on stderr. Exit status: 0 when all is well (warnings such as pages
    without a date may still be printed), 1 when a source's crawl did not finish or another
    run holds the lock, 3 when a source gave nothing: its listings no article link, its
    article pages no article, or it was unreachable — on its first run as on any later one.

    After the crawl it re-checks APKNEWS_RECHECK_SAMPLE archived articles per source (default 20;
    0: none), as `apknews recheck` does; a source that removed or edited an unusual share of them
    is a warning, and exit status 3.

    Example: apknews update --quiet
    """
    from indexer.index import update_index

    if quiet is None:
        quiet = not sys.stdout.isatty()
    progress = sys.stderr.isatty() and not quiet and not verbose
    (run_id, reports), lock = crawl_sources(obj, source_names, base_urls, refresh, verbose, progress, quiet)
    rechecked, lock = update_rechecks(obj, source_names, base_urls, quiet, lock)
    data_dir = obj["data_dir"]
    try:
        with Store(data_dir.store_path) as store:
            index_report = update_index(store, data_dir.index_dir)
    finally:
        lock.release()
    if not quiet:
        print_crawl_reports(run_id, reports)
        click.echo(_("index: %(added)s articles indexed, %(total)s in the index") % vars(index_report))
    with Store.open_readonly(data_dir.store_path) as store:
        judge_run(store, run_id, reports)
    if rechecked:
        sys.exit(rechecked)


@cli.command()
@click.option("--source", "source_names", multiple=True, help="Only this source (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def status(obj, source_names, fmt):
    """Per source: last successful run, new articles in the last runs, errors, and warnings.

    A WARNING appears when a source gave nothing in its last run (its listings no article link,
    its article pages no article; first run included), when it was unreachable (no request got
    an answer: that run is no successful run), when extraction fails on most of its pages, or
    when its last run did not finish. Times are when runs finished (UTC). The JSON gives each
    source's state (ok, warning, failing, unreachable, running, never crawled), how its last
    run found listing links (listing_links_by) and its extraction fallbacks (fallbacks).

    Example: apknews status --format json
    """
    from crawler.health import source_health

    data_dir = obj["data_dir"]
    require_store(data_dir)
    names = list(source_names) or list(load_sources(obj["sources_file"]))
    with Store.open_readonly(data_dir.store_path) as store:
        health = source_health(store, names)
        runs = store.runs(limit=5)
    if fmt == "json":
        payload = {
            "sources": [h.to_dict() for h in health],
            "runs": [{k: r[k] for k in ("id", "started_at", "finished_at", "status")} for r in runs],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for h in health:
        _print_source_health(h)


def _print_source_health(h) -> None:
    last = h.last_run
    if last is None:
        last_text = _("never run")
    elif last["status"] == "running":
        last_text = _("run %(id)s running since %(time)s") % {
            "id": last["id"],
            "time": human_timestamp(last["started_at"]),
        }
    else:
        last_text = _("run %(id)s %(status)s at %(time)s") % {
            "id": last["id"],
            "status": _(last["status"]),
            "time": human_timestamp(last["finished_at"]),
        }
    stored = _("%(stored)s articles stored; last run: %(last)s") % {"stored": h.stored, "last": last_text}
    click.echo(click.style(h.source, bold=True) + f": {stored}")
    success = human_timestamp(h.last_success) if h.last_success else _("none")
    click.echo("  " + _("last successful run: %(time)s") % {"time": success})
    recent = ", ".join(str(n) for n in h.recent_new) or "-"
    click.echo("  " + _("new articles in the last runs (newest first): %(counts)s") % {"counts": recent})
    for label, counts in (
        (_("last run's problems: %(counts)s"), h.last_errors),
        (_("listing pages by how their links were found: %(counts)s"), h.listing_links_by),
        (_("read without its selector: %(counts)s"), h.fallbacks),
    ):
        if counts:
            click.echo("  " + label % {"counts": ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))})
    if h.last_recheck:
        click.echo("  " + _("last re-check: %(findings)s") % {"findings": recheck_findings(h.last_recheck)})
    for warning in h.warnings:
        click.echo(click.style(f"  {_('WARNING')}: {say(warning)}", fg="yellow"))


# The run log's statuses, said in the user's language by `status`.
RUN_STATUSES = (N_("finished"), N_("failed"), N_("interrupted"), N_("running"))
