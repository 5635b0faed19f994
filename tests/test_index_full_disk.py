"""A full disk while indexing: one line, exit 1, the old index still answering, nothing half-built left
in the way, and once there is room the next run indexes everything.

Filled as tests/test_full_disk.py fills it for the crawl: RLIMIT_FSIZE in the command's process
(tests.limited_apknews; the rebuild's writer processes inherit it) and a small tmpfs filled by a
ballast file (`unshare -rm`, skipped with the reason where a mount is refused).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from archive.settings import DataDir
from archive.store import Store
from indexer.generations import generation_folders, live_folder
from indexer.index import META_FILE, update_index
from search import search
from tests.conftest import APKNEWS, ROOT, run_apknews
from tests.synthetic import fill_store
from tests.test_full_disk import _can_mount_tmpfs

ARTICLES = 2100  # over indexer.index.PARALLEL_MIN_ARTICLES: a rebuild runs two writer processes
UPDATED = 1000  # an update re-reads the articles after this seq (the index rewound to it)
# Bytes any one file may reach: a writer process fails early in its postings, or late in its term
# index (a segment's postings file grows to ~240 KB, its term index to ~380 KB), and an update's
# segment fails (its two writers' segments hold ~550 articles each).
REBUILD_LIMITS = [100_000, 350_000]
UPDATE_LIMIT = 100_000
ENV = {**os.environ, "PYTHONWARNINGS": "ignore"}


@pytest.fixture(scope="module")
def indexed(tmp_path_factory) -> DataDir:
    data_dir = DataDir(tmp_path_factory.mktemp("indexed"))
    fill_store(data_dir.root, ARTICLES)
    with Store(data_dir.store_path) as store:
        update_index(store, data_dir.index_dir)
    return data_dir


def copy_of(indexed: DataDir, where: Path, rewound: bool = False) -> DataDir:
    """A copy of the indexed data folder; `rewound`: its index as if the last UPDATED articles had
    changed since (an update has them to write)."""
    shutil.copytree(indexed.root, where, symlinks=True)
    data_dir = DataDir(where)
    if rewound:
        meta_file = live_folder(data_dir.index_dir) / META_FILE
        meta = json.loads(meta_file.read_text())
        meta_file.write_text(json.dumps({**meta, "last_seq": UPDATED}))
    return data_dir


def assert_one_line(returncode: int, stderr: str, data_dir: Path) -> None:
    assert returncode == 1, stderr
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("apknews: error: "), stderr
    assert f"in {data_dir}" in lines[0] and "still answers searches" in lines[0]


def assert_whole(data_dir: DataDir) -> None:
    """Every article found once, the index held to the store by `apknews check`, one generation."""
    assert search(data_dir, "*", collapse_reposts=False).total == ARTICLES
    check = run_apknews(data_dir.root, "check")
    assert check.returncode == 0, check.stdout + check.stderr


@pytest.mark.parametrize("limit", REBUILD_LIMITS)
def test_a_rebuild_on_a_full_disk_is_one_line_and_the_old_index_serves(tmp_path, indexed, limit):
    data_dir = copy_of(indexed, tmp_path / "data")
    live = live_folder(data_dir.index_dir)
    failed = subprocess.run(
        [sys.executable, "-m", "tests.limited_apknews", str(limit), "--data-dir", str(data_dir.root)]
        + ["index", "--rebuild"],
        capture_output=True, text=True, timeout=240, env=ENV, cwd=ROOT,
    )  # fmt: skip
    assert_one_line(failed.returncode, failed.stderr, data_dir.root)
    assert live_folder(data_dir.index_dir) == live and generation_folders(data_dir.index_dir) == [live]
    assert search(data_dir, "тараз").total > 0
    again = run_apknews(data_dir.root, "index", "--rebuild")
    assert again.returncode == 0, again.stderr
    assert live_folder(data_dir.index_dir) != live
    assert_whole(data_dir)


def test_an_update_on_a_full_disk_is_one_line_and_the_next_one_writes_it(tmp_path, indexed):
    data_dir = copy_of(indexed, tmp_path / "data", rewound=True)
    before = search(data_dir, "тараз").total
    limited = [sys.executable, "-m", "tests.limited_apknews", str(UPDATE_LIMIT)]
    failed = subprocess.run(
        limited + ["--data-dir", str(data_dir.root), "index"],
        capture_output=True, text=True, timeout=240, env=ENV, cwd=ROOT,
    )  # fmt: skip
    assert_one_line(failed.returncode, failed.stderr, data_dir.root)
    assert search(data_dir, "тараз").total == before
    again = run_apknews(data_dir.root, "index")
    assert again.returncode == 0 and f"{ARTICLES - UPDATED} articles indexed" in again.stdout, again.stderr
    assert_whole(data_dir)


TMPFS_SCRIPT = """
mount -t tmpfs -o size=24m apknews-test "$DISK" || exit 99
cp -a "$SOURCE/." "$DISK"
avail=$(df --output=avail -B1 "$DISK" | tail -1)
head -c $((avail - FREE)) /dev/zero > "$DISK/ballast" 2>/dev/null
"$APKNEWS" --data-dir "$DISK" index "$@" > "$OUT/first.out" 2> "$OUT/first.err"; echo $? > "$OUT/first.rc"
"$APKNEWS" --data-dir "$DISK" search тараз > "$OUT/during.out" 2>&1; echo $? > "$OUT/during.rc"
ls "$DISK" > "$OUT/folders"
rm "$DISK/ballast"
"$APKNEWS" --data-dir "$DISK" index "$@" > "$OUT/second.out" 2> "$OUT/second.err"; echo $? > "$OUT/second.rc"
cp -a "$DISK/." "$OUT/data"
"""


@pytest.mark.parametrize(("mode", "free"), [("--rebuild", 0), ("--rebuild", 1_500_000), ("update", 200_000)])
def test_a_full_tmpfs_while_indexing_fails_in_one_line_and_the_next_run_indexes_all(
    tmp_path, indexed, mode, free
):
    reason = _can_mount_tmpfs()
    if reason:
        pytest.skip(reason)
    source = copy_of(indexed, tmp_path / "source", rewound=mode == "update")
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    env = {**ENV, "DISK": str(disk), "OUT": str(out), "SOURCE": str(source.root), "APKNEWS": APKNEWS}
    args = ["--rebuild"] if mode == "--rebuild" else []
    script = TMPFS_SCRIPT.replace("FREE", str(free))
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", script, "sh", *args],
        capture_output=True,
        text=True,
        timeout=480,
        env=env,
    )
    assert done.returncode != 99, done.stderr
    first_rc = int((out / "first.rc").read_text())
    assert_one_line(first_rc, (out / "first.err").read_text(), disk)
    assert "no space left on device" in (out / "first.err").read_text()
    assert (out / "during.rc").read_text().strip() == "0", (out / "during.out").read_text()
    assert "showing 1–10 of" in (out / "during.out").read_text()
    index_folders = [n for n in (out / "folders").read_text().split() if n.startswith("index.")]
    assert len(index_folders) == 1, index_folders  # the half-built generation was removed
    assert (out / "second.rc").read_text().strip() == "0", (out / "second.err").read_text()
    assert_whole(DataDir(out / "data"))
