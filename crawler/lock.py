"""The run lock: one crawl or update at a time per data folder, released by the kernel even on kill -9."""

from __future__ import annotations

import contextlib
import fcntl
import os
from datetime import UTC, datetime
from pathlib import Path

from archive.said import Said
from archive.settings import DataDir, StorageError


class AlreadyRunning(RuntimeError):
    """Another crawl or update holds the lock; the message says which process and since when."""


class RunLock:
    """An exclusive flock on `<data dir>/apknews.lock`; the file tells who holds it."""

    mode = fcntl.LOCK_EX  # crawl workers sharing a frontier hold it shared (crawler.frontier_setup)

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self) -> RunLock:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StorageError(exc, self.path.parent) from exc
        try:
            fcntl.flock(fd, self.mode | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            os.close(fd)
            raise AlreadyRunning(
                Said(
                    "another apknews run holds %(path)s (%(holder)s); this one exits without crawling",
                    path=self.path,
                    holder=holder,
                )
            ) from None
        stamp = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        os.ftruncate(fd, 0)
        with contextlib.suppress(OSError):  # on a full disk the lock holds without saying who holds it
            os.pwrite(fd, f"pid {os.getpid()} since {stamp}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> RunLock:
        return self.acquire()

    def __exit__(self, *exc) -> None:
        self.release()


def run_lock(data_dir: DataDir) -> RunLock:
    """The run lock of the data folder `data_dir` (not yet acquired)."""
    return RunLock(data_dir.root / "apknews.lock")
