"""Alarms of a re-check run: a source that removed or edited an unusual share of the articles checked."""

from __future__ import annotations

# Below this many answered checks a share says nothing.
MIN_CHECKED = 5
# A source seldom takes down or rewrites this much of its archive at once: a purge, a rewrite, or
# a site whose pages we no longer read (a new layout, a block page) — worth a look either way.
GONE_SHARE = 0.2
EDITED_SHARE = 0.3


def is_recheck(stats: dict) -> bool:
    """Whether a source's report in a run (its stats in the run log) is a re-check's."""
    return "planned" in stats.get("rechecks", {})


def recheck_problems(rechecks: dict) -> list[str]:
    """The alarms of a source's re-check findings ({"planned", "gone", "edited", ...: counts})."""
    answered = sum(rechecks.get(k, 0) for k in ("unchanged", "edited", "moved", "gone"))
    if answered < MIN_CHECKED:
        return []
    problems = []
    gone, edited = rechecks.get("gone", 0), rechecks.get("edited", 0)
    if gone > GONE_SHARE * answered:
        problems.append(
            f"re-check: {gone} of {answered} articles checked are gone from the site "
            f"(over {GONE_SHARE:.0%}): removed, or its pages no longer read as articles"
        )
    if edited > EDITED_SHARE * answered:
        problems.append(
            f"re-check: {edited} of {answered} articles checked were edited (over {EDITED_SHARE:.0%})"
        )
    return problems


def judge_rechecks(health, runs: list[dict]) -> None:
    """Add to `health` (a crawler.health.SourceHealth) its last re-check run and that run's alarms:
    a WARNING in `apknews status`, a warning line from `update`, like any other problem."""
    if not runs:
        return
    last = runs[0]
    rechecks = last["stats"].get(health.source, {}).get("rechecks", {})
    health.last_recheck = {"id": last["id"], "finished_at": last["finished_at"], **rechecks}
    problems = recheck_problems(rechecks)
    if problems:
        health.warnings.extend(problems)
        if health.state == "ok":
            health.state = "warning"
