"""Settings of a process that answers searches, made before numpy is first imported."""

from __future__ import annotations

import os

HUGE_PAGES_SETTING = "NUMPY_MADVISE_HUGEPAGE"


def without_huge_pages() -> None:
    """Ask numpy not to request 2 MB pages for its large arrays: called before numpy is first
    imported (it reads the setting once, then). A user's own setting wins.

    A search allocates arrays of a few MB per query (masks, gathered ids, scores) and frees them:
    with huge pages the kernel zeroes 2 MB for each new one, and on a million-article index that
    took a fresh process up to 1.5 s of system time for a single phrase query, landing on a
    different query each run. Indexing keeps its arrays long and keeps the default.
    """
    os.environ.setdefault(HUGE_PAGES_SETTING, "0")
