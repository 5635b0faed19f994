"""A full disk ends the crawl as failed and loses nothing: once space is freed, the next run gets the rest.

Filled two ways: RLIMIT_FSIZE in the crawl's process (every write past the limit fails with EFBIG,
tests.limited_apknews) and a small tmpfs filled by a ballast file (ENOSPC; needs a mount, tried in
a user namespace with `unshare -rm`, skipped with the reason where that is refused).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.articles import WarcPointer
from archive.store import Store
from archive.warc import read_response
from tests.conftest import APKNEWS, ROOT, run_apknews

ENV = {**os.environ, "APKNEWS_DOWNLOAD_DELAY": "0", "PYTHONWARNINGS": "ignore"}
# Bytes any one file may reach. The store's write-ahead log grows ~20 KB per article of the 41 and
# fills first: 20 KB fails the run's opening, 40 KB after 2 articles, 450 KB mid-way, 800 KB near
# the end (900 KB is enough for the whole crawl).
FILE_SIZE_LIMITS = [20_000, 40_000, 450_000, 800_000]
# Bytes left free on the tmpfs once the store is made: none at all, a few articles' worth, half.
TMPFS_FREE = [0, 120_000, 500_000]


def crawl_args(replica) -> list[str]:
    return ["crawl", "--source", "assembly", "--base-url", f"assembly={replica.base_url}"]


@pytest.fixture(scope="module")
def everything(tmp_path_factory, assembly_replica) -> set[str]:
    """The canonical URLs a crawl with room enough stores."""
    data_dir = tmp_path_factory.mktemp("roomy")
    result = run_apknews(data_dir, *crawl_args(assembly_replica))
    assert result.returncode == 0, result.stderr
    with Store.open_readonly(data_dir / "apknews.sqlite3") as store:
        return store.known_urls("assembly")


def new_store(data_dir: Path) -> None:
    """The store made beforehand, as after `apknews init`: the limit is the crawl's, not the schema's."""
    data_dir.mkdir(parents=True, exist_ok=True)
    Store(data_dir / "apknews.sqlite3").close()


def assert_failed_cleanly(result, data_dir: Path) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("apknews: error: "), result.stderr
    assert f"in {data_dir}" in lines[0]


def assert_nothing_lost(data_dir: Path, everything: set[str]) -> None:
    """Every article once, every WARC pointer readable, every WARC file readable to its end."""
    with Store.open_readonly(data_dir / "apknews.sqlite3") as store:
        articles = list(store.iter_articles())
        runs = store.runs()
    urls = [a["canonical_url"] for a in articles]
    assert len(urls) == len(set(urls))
    assert set(urls) == everything, f"lost: {sorted(everything - set(urls))}"
    for a in articles:
        page = read_response(data_dir, WarcPointer(a["warc_file"], a["warc_offset"], a["warc_length"]))
        assert page.url == a["url"] and page.status == 200
    for warc in (data_dir / "warc").iterdir():
        with open(warc, "rb") as f:
            assert sum(1 for _ in ArchiveIterator(f)) > 0  # raises on a torn tail
    assert runs[0]["status"] == "finished"
    assert {r["status"] for r in runs[1:]} <= {"failed", "interrupted"}


@pytest.mark.parametrize("limit", FILE_SIZE_LIMITS)
def test_a_file_size_limit_fails_the_run_and_the_next_run_gets_every_article(
    tmp_path, assembly_replica, everything, limit
):
    data_dir = tmp_path / "data"
    new_store(data_dir)
    limited = subprocess.run(
        [sys.executable, "-m", "tests.limited_apknews", str(limit), "--data-dir", str(data_dir)]
        + crawl_args(assembly_replica),
        capture_output=True,
        text=True,
        timeout=240,
        env=ENV,
        cwd=ROOT,
    )
    assert_failed_cleanly(limited, data_dir)
    with Store.open_readonly(data_dir / "apknews.sqlite3") as store:
        stored_before = store.count()
        runs = store.runs()
    assert stored_before < len(everything)
    if runs:  # the limit let the run begin: it is in the log as failed
        assert runs[0]["status"] == "failed"
        status = run_apknews(data_dir, "status")
        assert "did not finish: storage_error" in status.stdout
    rerun = run_apknews(data_dir, *crawl_args(assembly_replica))
    assert rerun.returncode == 0, rerun.stderr
    assert_nothing_lost(data_dir, everything)


def _can_mount_tmpfs() -> str:
    """Why a tmpfs cannot be mounted here, or "" when it can."""
    if not shutil.which("unshare"):
        return "no unshare command"
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k probe /mnt"],
        capture_output=True,
        text=True,
    )
    return "" if probe.returncode == 0 else f"cannot mount a tmpfs: {probe.stderr.strip()}"


TMPFS_SCRIPT = """
mount -t tmpfs -o size=4m apknews-test "$DISK" || exit 99
"$PYTHON" -c "from archive.store import Store; Store('$DISK/apknews.sqlite3').close()"
avail=$(df --output=avail -B1 "$DISK" | tail -1)
head -c $((avail - FREE)) /dev/zero > "$DISK/ballast" 2>/dev/null
"$APKNEWS" --data-dir "$DISK" "$@" > "$OUT/first.out" 2> "$OUT/first.err"; echo $? > "$OUT/first.rc"
"$APKNEWS" --data-dir "$DISK" status > "$OUT/status.out" 2>&1
rm "$DISK/ballast"
"$APKNEWS" --data-dir "$DISK" "$@" > "$OUT/second.out" 2> "$OUT/second.err"; echo $? > "$OUT/second.rc"
cp -a "$DISK/." "$OUT/data"
"""


@pytest.mark.parametrize("free", TMPFS_FREE)
def test_a_full_tmpfs_fails_the_run_and_the_next_run_gets_every_article(
    tmp_path, assembly_replica, everything, free
):
    reason = _can_mount_tmpfs()
    if reason:
        pytest.skip(reason)
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    env = {**ENV, "DISK": str(disk), "OUT": str(out), "PYTHON": sys.executable, "APKNEWS": APKNEWS}
    script = TMPFS_SCRIPT.replace("FREE", str(free))
    args = ["unshare", "-rm", "sh", "-c", script, "sh", *crawl_args(assembly_replica)]
    done = subprocess.run(args, capture_output=True, text=True, timeout=480, env=env, cwd=ROOT)
    assert done.returncode != 99, done.stderr
    first = subprocess.CompletedProcess(
        [], int((out / "first.rc").read_text()), "", (out / "first.err").read_text()
    )
    assert_failed_cleanly(first, disk)
    assert "no space left on device" in first.stderr or "database or disk is full" in first.stderr
    if "run " in first.stderr:  # the run began: it is in the log as failed
        assert "did not finish: storage_error" in (out / "status.out").read_text()
    assert (out / "second.rc").read_text().strip() == "0", (out / "second.err").read_text()
    assert_nothing_lost(out / "data", everything)


def test_a_torn_warc_write_is_cut_off_and_the_records_before_it_stay_readable(tmp_path):
    """The WARC writer alone under a file size limit: the record that does not fit leaves no trace."""
    script = f"""
import resource, sys
from pathlib import Path
from archive.pages import FetchedPage
from archive.warc import WarcFile
resource.setrlimit(resource.RLIMIT_FSIZE, (30_000, 30_000))
warc = WarcFile(Path({str(tmp_path / "warc" / "run.warc.gz")!r}), Path({str(tmp_path)!r}))
body = bytes(range(256)) * 8  # incompressible enough: ~2 KB a record
written = 0
try:
    for i in range(100):
        warc.write_page(FetchedPage(url=f"http://example.kz/{{i}}", status=200, headers=[],
                                    body=body + str(i).encode(), fetched_at="2026-01-01T00:00:00Z"))
        written += 1
except OSError as exc:
    print(written, exc.errno)
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    written, errno = map(int, done.stdout.split())
    assert errno == 27 and 0 < written < 100  # EFBIG
    with open(tmp_path / "warc" / "run.warc.gz", "rb") as f:
        records = [r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(f)]
    assert records == [None] + [f"http://example.kz/{i}" for i in range(written)]
