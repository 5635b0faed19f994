"""`status:` in a query: articles by what the re-checks of their pages found (archive.store.checks)."""

from __future__ import annotations

from whoosh import query as wq

from archive.store.checks import STATUSES
from search.syntax import QueryError

STATUS_FIELD = "status"
_MEANING = {
    "unchecked": "never re-checked",
    "unchanged": "re-checked, found as archived",
    "edited": "changed by the source since first archived (earlier texts kept)",
    "moved": "moved by the source to another address",
    "gone": "removed by the source (404, 410, or a list served in its place)",
}


def status_filter(value: str, lines: list[str]) -> wq.Query:
    """The index query of `status:VALUE`; its reading joins `lines` (--explain)."""
    status = value.lower()
    if status not in STATUSES:
        raise QueryError(
            "unknown status %(status)r",
            "a status is one of %(statuses)s",
            status=value,
            statuses=", ".join(STATUSES),
        )
    lines.append(f"status:{status}: only articles {_MEANING[status]}")
    return wq.Term(STATUS_FIELD, status)
