"""The `apknews` command: a thin layer over the crawler, the indexer, search() and the web page.

Each module registers its subcommands on the group in `app`; importing them here wires them up.
"""

from apknews import (  # noqa: F401  (registers the commands)
    crawling,  # crawl
    demo,  # demo
    exporting,  # export, timeline
    indexing,  # index
    operations,  # update, status
    probing,  # probe
    searching,  # search
    serving,  # serve
    showing,  # show, reextract
)
from apknews.app import cli, main

__all__ = ["cli", "main"]
