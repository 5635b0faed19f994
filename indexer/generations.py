"""Index generations: a rebuild writes a new folder beside the live index, then swaps one symlink."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from pathlib import Path

SWAP_SUFFIX = ".swap"


def live_folder(index_dir: Path) -> Path:
    """The folder `index_dir` names right now: its generation's (a symlink) or itself (older data
    folders, and any index built by another program). Readers open this once and keep its files."""
    return Path(os.path.realpath(index_dir))


def generation_folders(index_dir: Path) -> list[Path]:
    """Every generation folder beside `index_dir` (`index.<number>`), live or not."""
    index_dir = Path(index_dir)
    pattern = re.compile(rf"{re.escape(index_dir.name)}\.\d+")
    if not index_dir.parent.is_dir():
        return []
    return sorted(p for p in index_dir.parent.iterdir() if pattern.fullmatch(p.name) and p.is_dir())


def new_generation(index_dir: Path) -> Path:
    """A new empty folder beside `index_dir` for a rebuild to write into."""
    index_dir = Path(index_dir)
    index_dir.parent.mkdir(parents=True, exist_ok=True)
    folder = index_dir.with_name(f"{index_dir.name}.{time.time_ns()}")
    folder.mkdir()
    return folder


def remove_stale(index_dir: Path) -> list[Path]:
    """Remove every generation but the live one: the one it replaced (kept until now for the readers
    that still had it open) and any half-built by a rebuild that was killed. Returns the removed.

    Only a writer holding the run lock calls this, so no other rebuild is writing into them."""
    live = live_folder(index_dir)
    removed = [folder for folder in generation_folders(index_dir) if folder.resolve() != live]
    for folder in removed:
        shutil.rmtree(folder, ignore_errors=True)
    with contextlib.suppress(FileNotFoundError):
        Path(index_dir).with_name(Path(index_dir).name + SWAP_SUFFIX).unlink()
    return removed


def make_live(index_dir: Path, folder: Path) -> None:
    """Point `index_dir` at `folder` in one step (rename of a symlink over the old one): a reader
    opens either the old generation or the new one, never none."""
    index_dir = Path(index_dir)
    swap = index_dir.with_name(index_dir.name + SWAP_SUFFIX)
    with contextlib.suppress(FileNotFoundError):
        swap.unlink()
    os.symlink(folder.name, swap)  # relative: the data folder may be moved or copied whole
    if index_dir.is_dir() and not index_dir.is_symlink():
        # An index of the old layout (a plain folder): it becomes a generation, removed by the next
        # rebuild. Renaming a folder over it cannot be done in one step; this is the only moment
        # without an index, once per data folder.
        os.rename(index_dir, index_dir.with_name(f"{index_dir.name}.{time.time_ns()}"))
    os.replace(swap, index_dir)
    _sync_folder(index_dir.parent)


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
