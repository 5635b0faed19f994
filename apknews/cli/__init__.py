"""The `apknews` command: a thin layer over the crawler, the indexer and search().

Each module registers its subcommands on the group in `app`; importing them here wires them up.
"""

import apknews.cli.exporting  # noqa: F401  (export, timeline)
import apknews.cli.web  # noqa: F401  (serve)
from apknews.cli import (  # noqa: F401  (registers the commands)
    articles,  # noqa: F401, E402  (show, reextract)
    crawling,
    indexing,
    operations,  # noqa: F401, E402  (update, status)
    searching,
)
from apknews.cli.app import cli, main

__all__ = ["cli", "main"]
