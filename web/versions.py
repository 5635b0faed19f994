"""An article's history on its page: what each edit changed (the text word by word), and what the
re-checks of the source's page found."""

from __future__ import annotations

from archive.diffs import version_diffs
from archive.store import StoredArticle


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
