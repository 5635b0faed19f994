"""A write to the data folder that fails (full disk, quota, I/O error) ends the whole run at once, failed.

The first such error of the process is kept; every spider of the run is closed with the finish
reason STORAGE_FAILED, so no page is fetched that could not be kept, and the items still on their
way are dropped without being written. What did not reach the store is not known to the next run,
which walks every listing again (the run did not finish) and fetches it.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from archive.settings import DataDir, StorageError

logger = logging.getLogger(__name__)

STORAGE_FAILED = "storage_error"  # the finish reason of every spider of a run whose writes failed
# What a failed write raises: the WARC file's OSError, SQLite's "database or disk is full".
WRITE_ERRORS = (OSError, sqlite3.Error)


class StorageStopped(DropItem):
    """An item dropped because the run's storage failed: not a fault of its page, so not in the ledger."""

    def __init__(self, url: str):
        super().__init__(f"{STORAGE_FAILED}: {url}", log_level="DEBUG")


class StorageFailure:
    """The process's first storage error, and the crawlers to stop when it comes."""

    error: StorageError | None = None
    _crawlers: list = []

    @classmethod
    def watch(cls, crawler) -> None:
        """Stop `crawler` too when any write of this process fails."""
        if crawler not in cls._crawlers:
            cls._crawlers.append(crawler)

    @classmethod
    def record(cls, exc: BaseException, data_dir: DataDir | str) -> StorageError:
        """Keep `exc` as the run's storage error (the first one wins) and close every spider."""
        if cls.error is None:
            cls.error = exc if isinstance(exc, StorageError) else StorageError(exc, data_dir)
            logger.info("%s: stopping the crawl", cls.error.strerror)
            for crawler in cls._crawlers:
                _close(crawler)
        return cls.error

    @classmethod
    def happened(cls) -> bool:
        return cls.error is not None


def _close(crawler) -> None:
    engine = getattr(crawler, "engine", None)
    if engine is None or engine.spider is None or not engine.running:
        return
    deferred_from_coro(engine.close_spider_async(reason=STORAGE_FAILED)).addErrback(
        lambda failure: logger.debug("closing after a storage error: %s", failure.value)
    )


def write_or_stop(write: Callable, data_dir: DataDir | str, *args, **kwargs):
    """`write(*args, **kwargs)`, or None when it failed: the failure then ends the run."""
    if StorageFailure.happened():
        return None
    try:
        return write(*args, **kwargs)
    except WRITE_ERRORS as exc:
        StorageFailure.record(exc, data_dir)
        return None


class GuardedStore:
    """A spider's store whose ledger writes end the run on failure instead of raising in a callback."""

    WRITES = frozenset({"note_url", "forget_url", "save_sitemap_lastmods"})

    def __init__(self, store, data_dir: DataDir):
        self._store = store
        self._data_dir = data_dir

    def __getattr__(self, name: str):
        attribute = getattr(self._store, name)
        if name not in self.WRITES:
            return attribute
        return lambda *args, **kwargs: write_or_stop(attribute, self._data_dir, *args, **kwargs)
