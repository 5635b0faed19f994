"""The `apknews` command: a thin layer over the crawler, the indexer and search().

Each module registers its subcommands on the group in `app`; importing them here wires them up.
"""

from apknews.cli import crawling, indexing, searching  # noqa: F401  (registers the commands)
from apknews.cli.app import cli, main

__all__ = ["cli", "main"]
