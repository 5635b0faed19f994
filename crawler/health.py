"""Source health from the run log: last good run, recent yield, and what went wrong in the last run."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field

from archive.said import Said
from archive.store import Store
from crawler.recheck_health import is_recheck, judge_rechecks

RECENT_RUNS = 5  # runs shown per source
MIN_PAGES_FOR_RATIO = 3  # fewer article pages than this say nothing about extraction

# A source's state after its last run, best first. "failing" and "unreachable" are alarms: the
# source gave nothing, and `crawl` / `update` exit with ALARM_EXIT_STATUS.
OK, WARNING, FAILING, UNREACHABLE = "ok", "warning", "failing", "unreachable"
RUNNING, NEVER_CRAWLED = "running", "never crawled"
ALARM_EXIT_STATUS = 3
# Errors that mean no answer came at all: nothing listens, the name does not resolve, the site stalls.
_NO_ANSWER = re.compile(
    r"connect|dns|timeout|timedout|noroute|neverreceived|connectionlost|connectiondone", re.I
)


class Problem(Said):
    """A problem as the run log's JSON says it, in English, that also keeps its message id and
    values: the CLI says it in the user's language (its catalogue reads these ids from here)."""


@dataclass
class SourceHealth:
    source: str
    stored: int
    state: str = NEVER_CRAWLED
    last_run: dict | None = None  # {"id", "started_at", "finished_at", "status"}
    # finished_at of the last run that finished, reached the site and got from it what it asked for
    last_success: str | None = None
    recent_new: list[int] = field(default_factory=list)  # new articles per run, newest first
    last_counts: dict = field(default_factory=dict)
    last_errors: dict = field(default_factory=dict)
    # The last run's listing pages by how their links were found: selector, fallback, none.
    listing_links_by: dict = field(default_factory=dict)
    # The last run's pages whose title, date, ... came from a fallback: "title/h1" -> pages.
    fallbacks: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    last_recheck: dict = field(default_factory=dict)  # the last re-check run: {"id", "finished_at", counts}

    @property
    def alarm(self) -> bool:
        """True when the last run got nothing from the source: no link, no article, or no answer."""
        return self.state in (FAILING, UNREACHABLE)

    def to_dict(self) -> dict:
        return {**asdict(self), "alarm": self.alarm}


def source_health(store: Store, names: list[str], scan: int = 200) -> list[SourceHealth]:
    """Health of each source in `names`, read from the last `scan` runs of the store's run log."""
    runs = store.runs(limit=scan)
    report = []
    for name in names:
        mine = [r for r in runs if name in json.loads(r["sources"] or "[]")]
        rechecks = [r for r in mine if is_recheck(r["stats"].get(name, {}))]
        mine = [r for r in mine if r not in rechecks]  # the crawls: a re-check reads no listing
        health = SourceHealth(name, store.count(name))
        health.last_success = next(
            (
                r["finished_at"]
                for r in mine
                if r["status"] != "interrupted" and _succeeded(r["stats"].get(name, {}))
            ),
            None,
        )
        health.recent_new = [
            r["stats"].get(name, {}).get("counts", {}).get("new", 0) for r in mine[:RECENT_RUNS]
        ]
        if mine:
            last = mine[0]
            stats = last["stats"].get(name, {})
            health.last_run = {k: last[k] for k in ("id", "started_at", "finished_at", "status")}
            health.last_counts = stats.get("counts", {})
            health.last_errors = {
                **stats.get("errors", {}),
                **{f"dropped {k}": v for k, v in stats.get("dropped", {}).items()},
            }
            health.listing_links_by = stats.get("listing_links_by", {})
            health.fallbacks = stats.get("fallbacks", {})
        health.state, health.warnings = _judge(name, mine, health)
        judge_rechecks(health, rechecks)
        report.append(health)
    return report


def _judge(name: str, runs: list[dict], health: SourceHealth) -> tuple[str, list[str]]:
    if not runs:
        return NEVER_CRAWLED, [Problem("never crawled")]
    last = runs[0]
    if last["status"] == "running":
        return RUNNING, []  # under way: nothing to judge yet
    stats = last["stats"].get(name, {})
    found_before = health.stored > 0 or any(
        r["stats"].get(name, {}).get("counts", {}).get("listing_links", 0) for r in runs[1:]
    )
    state, problems = run_problems(name, stats, found_before)
    if last["status"] == "interrupted" or stats.get("finish_reason") != "finished":
        reason = stats.get("finish_reason") or last["status"]
        problems.insert(
            0, Problem("last run (%(run)s) did not finish: %(reason)s", run=last["id"], reason=reason)
        )
        state = state if state != OK else WARNING
    if health.last_success is None and state == OK:
        return WARNING, [Problem("no run has finished cleanly yet")]
    return state, problems


def run_problems(name: str, stats: dict, found_before: bool = False) -> tuple[str, list[str]]:
    """The state of source `name` after one run (its report in the run log) and what went wrong.

    Judged alike on a source's first run and on any later one; `found_before` (earlier runs
    found links or stored articles) only changes how a listing without links is explained.
    """
    counts, errors = stats.get("counts", {}), stats.get("errors", {})
    if is_unreachable(stats):
        kinds = ", ".join(f"{k}: {v}" for k, v in sorted(errors.items()))
        return UNREACHABLE, [Problem("unreachable: no request got an answer (%(errors)s)", errors=kinds)]
    listing_pages, pages = counts.get("listing_pages", 0), counts.get("article_pages", 0)
    if listing_pages == 0 and (errors or counts.get("robots_blocked")):
        why = ", ".join(f"{k}: {v}" for k, v in sorted(errors.items()))
        if not why:
            return FAILING, [Problem("none of its listings could be read (forbidden by robots.txt)")]
        return FAILING, [Problem("none of its listings could be read (%(errors)s)", errors=why)]
    if listing_pages and not counts.get("listing_links", 0) and not counts.get("sitemaps_unchanged"):
        return FAILING, [_no_article_links(name, listing_pages, found_before)]
    failed = sum(v for k, v in stats.get("dropped", {}).items() if k != "off_topic")
    articles = sum(counts.get(k, 0) for k in ("new", "changed", "unchanged"))
    if pages and failed and not articles:
        return FAILING, [
            Problem(
                "no article from its article pages: extraction failed on %(failed)s of %(pages)s; "
                "see `apknews probe %(source)s`",
                failed=failed,
                pages=pages,
                source=name,
            )
        ]
    warnings = []
    if pages >= MIN_PAGES_FOR_RATIO and failed * 2 > pages:
        warnings.append(
            Problem(
                "extraction failed on %(failed)s of %(pages)s article pages: a layout change?",
                failed=failed,
                pages=pages,
            )
        )
    without_date = counts.get("without_date", 0)
    if pages >= MIN_PAGES_FOR_RATIO and without_date * 2 > pages:
        warnings.append(
            Problem(
                "no date found on %(without)s of %(pages)s article pages", without=without_date, pages=pages
            )
        )
    return (WARNING if warnings else OK), warnings


def _no_article_links(name: str, listing_pages: int, found_before: bool) -> Problem:
    if found_before:
        return Problem(
            "its listings gave no article links in the last run (earlier runs found some): the "
            "site's layout or address may have changed; see `apknews probe %(source)s`",
            source=name,
        )
    return Problem(
        "its listings gave no article links (%(pages)s pages read): listing_selector or "
        "article_pattern may not fit the site; see `apknews probe %(source)s`",
        pages=listing_pages,
        source=name,
    )


def is_unreachable(stats: dict) -> bool:
    """True when no request of the run got an answer from the site and some failed for want of one.

    robots.txt does not count: a site that answers it and stalls on every page is unreachable too.
    """
    counts, errors = stats.get("counts", {}), stats.get("errors", {})
    answered = counts.get("listing_pages", 0) + counts.get("article_pages", 0)
    answered += sum(v for k, v in errors.items() if not _NO_ANSWER.search(k))
    return answered == 0 and any(_NO_ANSWER.search(k) for k in errors)


def _succeeded(stats: dict) -> bool:
    """A run that finished and got from the source what it asked for (links, articles, an answer)."""
    return stats.get("finish_reason") == "finished" and run_problems("", stats)[0] in (OK, WARNING)
