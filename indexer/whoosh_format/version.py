"""Whether the installed Whoosh is the one whose private layout this package was written against."""

from __future__ import annotations

import logging

import whoosh

logger = logging.getLogger(__name__)

# whoosh3 3.54.0, pinned in pyproject.toml: the version the byte-for-byte and evaluator-equality
# tests ran with. Any other may lay out its segments, or name its internals, otherwise.
TESTED_VERSION = (3, 54, 0)


def fast_path_for(installed: tuple) -> bool:
    """True when `installed` (whoosh.__version__) is TESTED_VERSION; else says, in the log, that
    indexing and search take Whoosh's own path."""
    if tuple(installed) == TESTED_VERSION:
        return True
    logger.warning(
        "whoosh %s is installed, the fast index writer and posting readers know %s only: "
        "indexing and search use Whoosh's own writer and readers (same results, slower)",
        ".".join(map(str, installed)),
        ".".join(map(str, TESTED_VERSION)),
    )
    return False


# Read at every use, so that a test may set it to take Whoosh's own path.
FAST_PATH = fast_path_for(whoosh.__version__)


def fast_path() -> bool:
    """True when the installed Whoosh is the tested one, whose private layout this package reads and
    writes; else indexing and search take Whoosh's own writer and readers."""
    return FAST_PATH
