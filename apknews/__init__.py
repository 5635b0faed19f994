"""The `apknews` command: a thin layer over the crawler, the indexer, search() and the web page.

Each command lives in a module that registers it on the group in `app`; the group imports that
module only when the command runs, so that a search does not wait for Scrapy, Flask or matplotlib.
"""

import os

# numpy's OpenBLAS starts a thread per core when imported, ~50 ms of a search's start-up; our numpy
# work is element-wise and never calls BLAS. A user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from apknews.app import cli, main  # noqa: E402  (after the setting above, before numpy loads)

cli.lazy = {
    "check": "apknews.checking",
    "crawl": "apknews.crawling",
    "demo": "apknews.demo",
    "entity": "apknews.entity_command",
    "export": "apknews.exporting",
    "timeline": "apknews.exporting",
    "index": "apknews.indexing",
    "links": "apknews.linking",
    "update": "apknews.operations",
    "status": "apknews.operations",
    "probe": "apknews.probing",
    "search": "apknews.searching",
    "saved": "apknews.saving",
    "alerts": "apknews.saving",
    "serve": "apknews.serving",
    "show": "apknews.showing",
    "reextract": "apknews.showing",
    "recheck": "apknews.rechecking",
    "warc": "apknews.warc_command",
}

# Their processes answer searches: numpy is kept from asking for huge pages (archive.reading_process).
cli.reading = frozenset({"search", "export", "timeline", "serve", "show", "saved", "alerts"})

__all__ = ["cli", "main"]
