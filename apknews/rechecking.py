"""`apknews recheck`: archived articles fetched again, found unchanged, edited, moved, gone or unreachable."""

from __future__ import annotations

import json
import os
import re
import sys
import warnings
from datetime import UTC, datetime, timedelta

import click

from apknews.app import UserError, cli, require_store
from apknews.messages import N_, _, said
from archive.sources import load_sources, parse_base_url_overrides, select_sources
from archive.store import Store

# What a check found, as the report names it (the outcomes archive/store/checks.py records).
OUTCOME_WORDS = {
    "unchanged": N_("unchanged"),
    "edited": N_("edited"),
    "moved": N_("moved"),
    "gone": N_("gone"),
    "unreachable": N_("unreachable"),
}

_AGE = re.compile(r"^(\d+)\s*([hdw]?)$")
_UNITS = {"h": "hours", "d": "days", "w": "weeks", "": "days"}
SHOWN_FINDINGS = 50  # findings other than "unchanged" listed one by one
DEFAULT_SAMPLE = 50  # articles re-checked per source in one run


def parse_age(text: str) -> timedelta:
    """'30d', '12h', '2w' or a number of days as a timedelta; UserError for anything else."""
    match = _AGE.match(text.strip().lower())
    if not match:
        raise UserError(
            f"--older-than {text!r} is not an age", "write e.g. 30d, 12h or 2w; 0 for every article"
        )
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def plan_rechecks(store: Store, sources, sample: int, older_than: timedelta) -> dict[str, list[dict]]:
    """Per source, the `sample` articles checked longest ago (never checked first) and not within
    `older_than`: a full pass over a large archive spreads over many runs."""
    cutoff = (datetime.now(UTC) - older_than).isoformat(timespec="seconds").replace("+00:00", "Z")
    plans = {}
    for source in sources:
        plan = store.articles_to_check([source.name], checked_before=cutoff, limit=sample)
        if plan:
            plans[source.name] = plan
    return plans


@cli.command()
@click.option("--source", "source_names", multiple=True, help="Only this source (repeatable).")
@click.option(
    "--base-url",
    "base_urls",
    multiple=True,
    metavar="NAME=URL",
    help="Fetch source NAME from URL instead of its live site (repeatable).",
)
@click.option(
    "--older-than",
    default="30d",
    show_default=True,
    help="Only articles not checked within this age (30d, 12h, 2w; 0: any).",
)
@click.option(
    "--sample",
    type=click.IntRange(min=1),
    default=DEFAULT_SAMPLE,
    show_default=True,
    help="Articles per source this run, those checked longest ago first.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--quiet", "-q", is_flag=True, help="Print only problems (for cron).")
@click.option("--verbose", "-v", is_flag=True, help="Show Scrapy's log.")
@click.pass_obj
def recheck(obj, source_names, base_urls, older_than, sample, fmt, quiet, verbose):
    """Fetch archived articles again and record what became of each: unchanged, edited (the new
    text saved, the old kept as a version), moved (a permanent redirect: both addresses kept),
    gone (404, 410, or a list or home page served where the article was) or unreachable (a
    timeout or 5xx: asked again next run, never taken as gone).

    Politely, as `crawl` fetches: robots.txt, the delay and the per-host limit. Each run takes per
    source the articles checked longest ago, so a full pass over a large archive spreads over
    many runs; `update` re-checks APKNEWS_RECHECK_SAMPLE articles per source each time. Exit
    status 3 when a source removed or edited an unusual share of the articles checked (also a
    WARNING in `apknews status`), 1 when the run did not finish.

    Example: apknews recheck --source assembly --older-than 30d --sample 50
    """
    data_dir = obj["data_dir"]
    require_store(data_dir)
    age = parse_age(older_than)
    sources = select_sources(
        load_sources(obj["sources_file"]), source_names, parse_base_url_overrides(base_urls)
    )
    if not sources:
        raise UserError("no source is enabled in the sources file")
    run_id, reports = _run(obj, sources, sample, age, verbose)
    with Store.open_readonly(data_dir.store_path) as store:
        checks = store.run_checks(run_id) if run_id else []
    _report(run_id, reports, checks, fmt, quiet, obj.get("not_rechecked", []))
    _exit_status(reports)


def _run(obj, sources, sample: int, age: timedelta, verbose: bool):
    """Plan and run the re-check under the run lock; (None, []) when nothing is due."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    if not verbose:
        from scrapy.exceptions import ScrapyDeprecationWarning

        for category in (DeprecationWarning, ScrapyDeprecationWarning):
            warnings.filterwarnings("ignore", category=category)
    from crawler.lock import AlreadyRunning, run_lock
    from crawler.recheck import recheck_spider_for
    from crawler.run import run_crawl

    data_dir = obj["data_dir"]
    try:
        lock = run_lock(data_dir).acquire()
    except AlreadyRunning as exc:
        raise UserError(said(exc.args[0])) from exc
    from scrapy.utils.project import get_project_settings

    from crawler.loader import SourceSpiderLoader
    from crawler.recheck import can_recheck

    kinds = SourceSpiderLoader.from_settings(get_project_settings()).kinds
    obj["not_rechecked"] = [s.name for s in sources if not can_recheck(s, kinds)]
    sources = [s for s in sources if can_recheck(s, kinds)]
    try:
        with Store(data_dir.store_path) as store:
            plans = plan_rechecks(store, sources, sample, age)
        due = [s for s in sources if s.name in plans]
        if not due:
            return None, []
        return run_crawl(
            due,
            data_dir,
            log_level="INFO" if verbose else "CRITICAL",  # a 503 is a finding here, not an error
            spider_for=lambda source: recheck_spider_for(source, plans[source.name]),
        )
    finally:
        lock.release()


def _report(run_id, reports, checks: list[dict], fmt: str, quiet: bool, skipped: list[str]) -> None:
    from crawler.recheck_health import recheck_problems

    if fmt == "json":
        payload = {
            "run": run_id,
            "sources": {r.source: {**r.rechecks, "problems": recheck_problems(r.rechecks)} for r in reports},
            "checks": checks,
            "not_rechecked": skipped,  # sources whose texts come from a JSON API, not their pages
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif not quiet:
        for name in skipped:
            said = _("%(source)s: not re-checked: its texts come from a JSON API, not from its pages")
            click.echo(said % {"source": name})
        _print_text(run_id, reports, checks)
    for report in reports:
        for problem in recheck_problems(report.rechecks):
            click.echo(f"apknews: {_('warning')}: {report.source}: {problem}", err=True)


def _print_text(run_id, reports, checks: list[dict]) -> None:
    if run_id is None:
        click.echo(_("nothing to re-check: every article was checked within --older-than"))
        return
    for report in reports:
        counts = report.rechecks
        found = ", ".join(f"{counts.get(k, 0)} {_(OUTCOME_WORDS[k])}" for k in OUTCOME_WORDS)
        click.echo(
            _("%(source)s: %(count)s re-checked -> %(found)s")
            % {"source": report.source, "count": counts.get("planned", 0), "found": found}
        )
    findings = [c for c in checks if c["outcome"] != "unchanged"]
    for check in findings[:SHOWN_FINDINGS]:
        where = f" -> {check['target_url']}" if check["target_url"] else ""
        why = f" ({check['detail']})" if check["detail"] else ""
        click.echo(f"  {_(OUTCOME_WORDS[check['outcome']])}: {check['canonical_url']}{where}{why}")
    if len(findings) > SHOWN_FINDINGS:
        click.echo("  " + _("... and %(count)s more") % {"count": len(findings) - SHOWN_FINDINGS})
    click.echo(_("run %(run)s recorded") % {"run": run_id})


def recheck_findings(last: dict) -> str:
    """A re-check run's findings in a line: "run 5 (…): 40 checked: 33 unchanged, 3 edited, 4 gone"."""
    from apknews.messages import human_timestamp

    found = ", ".join(f"{last[k]} {_(OUTCOME_WORDS[k])}" for k in OUTCOME_WORDS if last.get(k))
    when = human_timestamp(last["finished_at"]) if last.get("finished_at") else "-"
    return _("run %(run)s (%(when)s): %(count)s checked: %(found)s") % {
        "run": last["id"],
        "when": when,
        "count": last.get("planned", 0),
        "found": found or "-",
    }


def _exit_status(reports) -> None:
    from crawler.health import ALARM_EXIT_STATUS
    from crawler.recheck_health import recheck_problems

    if any(not r.ok for r in reports):
        click.echo(f"apknews: {_('error')}: {_('the re-check run did not finish')}", err=True)
        sys.exit(1)
    if any(recheck_problems(r.rechecks) for r in reports):
        sys.exit(ALARM_EXIT_STATUS)


def update_rechecks(obj, source_names, base_urls, quiet: bool, lock):
    """`update`'s share of re-checks (APKNEWS_RECHECK_SAMPLE per source, 0: none), run as `apknews
    recheck` in a process of its own (Scrapy's reactor runs once per process), `update`'s run
    `lock` lent to it meanwhile. Prints its report unless `quiet`, its errors always; returns its
    exit status (its alarms are the sources' warnings, which `update` prints with the others) and
    the lock, held again."""
    from archive import settings as apknews_settings
    from crawler.lock import AlreadyRunning

    sample = int(apknews_settings.get("recheck_sample"))
    if sample <= 0:
        return 0, lock
    lock.release()
    try:
        status = _recheck_process(obj, source_names, base_urls, quiet, sample)
    finally:
        try:
            lock = lock.acquire()
        except AlreadyRunning as exc:
            raise UserError(said(exc.args[0])) from exc
    return status, lock


def _recheck_process(obj, source_names, base_urls, quiet: bool, sample: int) -> int:
    """Run `apknews recheck` for `update` on the same data folder, sources and base URLs."""
    import subprocess

    from archive import settings as apknews_settings

    command = [sys.executable, "-m", "apknews", "--data-dir", str(obj["data_dir"].root)]
    if obj.get("sources_file"):
        command += ["--sources", str(obj["sources_file"])]
    command += [
        "recheck",
        "--sample",
        str(sample),
        "--older-than",
        apknews_settings.get("recheck_older_than"),
    ]
    command += [f"--source={name}" for name in source_names] + [f"--base-url={url}" for url in base_urls]
    done = subprocess.run(command + (["--quiet"] if quiet else []), capture_output=True, text=True)
    if not quiet:
        click.echo(done.stdout, nl=False)
    if done.returncode not in (0, 3):
        click.echo(done.stderr, nl=False, err=True)
    return done.returncode
