"""What re-checks found, on the web page: an article's history (what each edit changed, the text word
by word; the last check) and the search page's status facet."""

from __future__ import annotations

from flask_babel import gettext

from archive.diffs import version_diffs
from archive.store import StoredArticle
from web.errors import N_


def history(stored: StoredArticle) -> dict:
    """The article page's `steps` (per edit: the version it came from, the diff, the new version's
    fetch) and `last_check`, the newest re-check (None before the first)."""
    chain = [*stored.versions, stored.article]
    diffs = version_diffs(stored.versions, stored.article)
    steps = [
        {"number": n + 1, "fetched_at": chain[n + 1]["fetched_at"], "diff": diff, "short": diff.short_text()}
        for n, diff in enumerate(diffs)
    ]
    return {"steps": list(reversed(steps)), "last_check": stored.checks[-1] if stored.checks else None}


def history_json(stored: StoredArticle) -> dict:
    """The JSON twin's `diffs` (from version n to n+1, the last into the current text) and `checks`."""
    diffs = version_diffs(stored.versions, stored.article)
    return {
        "diffs": [
            {"from_version": n, "to_version": n + 1, **d.to_dict()} for n, d in enumerate(diffs, start=1)
        ],
        "checks": stored.checks,
    }


# What each status says in the search page's facet and beside a hit.
STATUS_LABELS = {
    "edited": N_("edited by the source"),
    "gone": N_("removed by the source"),
    "moved": N_("moved by the source"),
    "unchanged": N_("as archived"),
    "unchecked": N_("not re-checked yet"),
}


def status_facet(p, counts: dict[str, int]) -> list[dict]:
    """The search page's status facet (a list of one, none when the index has no status): each value
    with its count, the link that narrows the search to it (`?status=`), and whether it does now."""
    values = [
        (value, count, p.query_string(page=1, status=value), p.filters.status == value, None)
        for value, count in sorted(counts.items(), key=lambda item: list(STATUS_LABELS).index(item[0]))
        if value in STATUS_LABELS
    ]
    if not values:
        return []
    labels = {value: gettext(label) for value, label in STATUS_LABELS.items()}
    return [{"name": "status", "label": gettext("On the source's site"), "values": values, "labels": labels}]


# The statuses a hit is flagged with in the list: what the source did to the page since.
FLAGGED = ("edited", "moved", "gone")


def flagged(hits: list[dict], store) -> list[dict]:
    """`hits` (the page's), each with its article's `status` and, when the source edited, moved or
    removed its page, the `status_label` the list shows beside it."""
    articles = store.get_many([hit["canonical_url"] for hit in hits])
    for hit in hits:
        status = (articles.get(hit["canonical_url"]) or {}).get("status")
        hit["status"] = status
        hit["status_label"] = gettext(STATUS_LABELS[status]) if status in FLAGGED else None
    return hits
