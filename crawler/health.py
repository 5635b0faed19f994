"""Source health from the run log: last good run, recent yield, and warnings when a source breaks."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from archive.store import Store

RECENT_RUNS = 5  # runs shown per source
MIN_PAGES_FOR_RATIO = 3  # fewer article pages than this say nothing about extraction


@dataclass
class SourceHealth:
    source: str
    stored: int
    last_run: dict | None = None  # {"id", "started_at", "status"}
    last_success: str | None = None  # started_at of the last run that finished its walk cleanly
    recent_new: list[int] = field(default_factory=list)  # new articles per run, newest first
    last_counts: dict = field(default_factory=dict)
    last_errors: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def source_health(store: Store, names: list[str], scan: int = 200) -> list[SourceHealth]:
    """Health of each source in `names`, read from the last `scan` runs of the store's run log."""
    runs = store.runs(limit=scan)
    report = []
    for name in names:
        mine = [r for r in runs if name in json.loads(r["sources"] or "[]")]
        health = SourceHealth(name, store.count(name))
        for run in mine:
            stats = run["stats"].get(name, {})
            if stats.get("finish_reason") == "finished" and run["status"] != "interrupted":
                health.last_success = run["started_at"]
                break
        health.recent_new = [
            r["stats"].get(name, {}).get("counts", {}).get("new", 0) for r in mine[:RECENT_RUNS]
        ]
        if mine:
            last = mine[0]
            stats = last["stats"].get(name, {})
            health.last_run = {"id": last["id"], "started_at": last["started_at"], "status": last["status"]}
            health.last_counts = stats.get("counts", {})
            health.last_errors = {
                **stats.get("errors", {}),
                **{f"dropped {k}": v for k, v in stats.get("dropped", {}).items()},
            }
        health.warnings = _warnings(name, mine, health)
        report.append(health)
    return report


def _warnings(name: str, runs: list[dict], health: SourceHealth) -> list[str]:
    if not runs:
        return ["never crawled"]
    warnings = []
    last = runs[0]
    stats = last["stats"].get(name, {})
    if last["status"] == "running":
        return []  # under way: nothing to judge yet
    if last["status"] == "interrupted" or stats.get("finish_reason") != "finished":
        warnings.append(
            f"last run ({last['id']}) did not finish: {stats.get('finish_reason') or last['status']}"
        )
    counts = stats.get("counts", {})
    earlier_links = max(
        (r["stats"].get(name, {}).get("counts", {}).get("listing_links", 0) for r in runs[1:]), default=0
    )
    if counts.get("listing_links", 0) == 0 and (earlier_links or health.stored):
        warnings.append(
            "its listings gave no article links in the last run (earlier runs found some): "
            "the site's layout or address may have changed"
        )
    pages = counts.get("article_pages", 0)
    failed = sum(v for k, v in stats.get("dropped", {}).items() if k != "off_topic")
    if pages >= MIN_PAGES_FOR_RATIO and failed * 2 > pages:
        warnings.append(f"extraction failed on {failed} of {pages} article pages: a layout change?")
    without_date = counts.get("without_date", 0)
    if pages >= MIN_PAGES_FOR_RATIO and without_date * 2 > pages:
        warnings.append(f"no date found on {without_date} of {pages} article pages")
    if health.last_success is None:
        warnings.append("no run has finished cleanly yet")
    return warnings
