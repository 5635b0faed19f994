"""Rebuilds never take search down: a new generation beside the live index, one swap, one writer at a time."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from archive.settings import DataDir
from archive.store import Store
from crawler.lock import run_lock
from indexer.generations import generation_folders, live_folder
from indexer.index import update_index
from search import search
from tests.conftest import APKNEWS, ROOT, run_apknews
from tests.synthetic import fill_store
from tests.test_store import make_article
from web.app import create_app

ARTICLES = 6000
QUERY = "форум"


@pytest.fixture
def indexed(tmp_path) -> DataDir:
    data_dir = DataDir(tmp_path)
    fill_store(tmp_path, ARTICLES)
    with Store(data_dir.store_path) as store:
        update_index(store, data_dir.index_dir)
    return data_dir


def _rebuild(data_dir: DataDir, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.Popen(
        [APKNEWS, "--data-dir", str(data_dir.root), "index", "--rebuild", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def test_searches_during_a_rebuild_answer_from_the_old_index(indexed):
    data_dir = indexed
    expected = search(data_dir, QUERY).total
    old = live_folder(data_dir.index_dir)
    with Store(data_dir.store_path) as store:  # only the new generation will hold it
        store.save(
            make_article(
                url="https://assembly.kz/news/x/",
                canonical_url="https://assembly.kz/news/x/",
                title="Жаңалық",
                text="Квазиуникальный термин появился.",
            )
        )
    client = create_app({"DATA_DIR": data_dir.root, "TESTING": True}).test_client()
    counts = {"library": 0, "http": 0, "cli": 0}
    failures: list[str] = []

    def cli_searches(rebuild: subprocess.Popen) -> None:
        while rebuild.poll() is None and counts["cli"] < 50:
            found = run_apknews(data_dir.root, "search", QUERY, "--format", "json", "--limit", "1")
            counts["cli"] += 1
            if found.returncode != 0 or found.json()["total"] != expected:
                failures.append(f"cli: {found.returncode} {found.stderr[-200:]}")

    rebuild = _rebuild(data_dir)
    cli = threading.Thread(target=cli_searches, args=(rebuild,))
    cli.start()
    while rebuild.poll() is None and counts["library"] < 5000:
        try:
            total = search(data_dir, QUERY).total
            if total != expected:
                failures.append(f"library: {total} hits")
        except Exception as exc:  # noqa: BLE001 - every failure is counted, none may happen
            failures.append(f"library: {exc!r}")
        counts["library"] += 1
        response = client.get("/search.json", query_string={"q": QUERY})
        counts["http"] += 1
        if response.status_code != 200 or response.get_json()["total"] != expected:
            failures.append(f"http: {response.status_code}")
    cli.join()
    out, err = rebuild.communicate(timeout=120)
    print(f"during the rebuild: {counts} searches, {len(failures)} failures")
    assert rebuild.returncode == 0, err
    assert failures == []
    assert counts["library"] >= 20 and counts["http"] >= 20 and counts["cli"] >= 1
    assert live_folder(data_dir.index_dir) != old
    assert old.is_dir()  # kept for readers still on it, until the next rebuild
    assert search(data_dir, "квазиуникальный").total == 1  # the new generation serves now
    assert client.get("/search.json", query_string={"q": "квазиуникальный"}).get_json()["total"] == 1


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(entry.name))
    return children


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _snapshot(folder: Path) -> dict:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir() if p.is_file()}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc and relies on prctl")
def test_kill_9_of_a_rebuild_kills_its_writers_and_leaves_the_old_index_serving(tmp_path):
    data_dir = DataDir(tmp_path)
    fill_store(tmp_path, 8000)
    with Store(data_dir.store_path) as store:
        update_index(store, data_dir.index_dir, procs=2)
    expected = search(data_dir, QUERY).total
    old = live_folder(data_dir.index_dir)
    code = (
        "import sys; from archive.store import Store; from indexer.index import update_index\n"
        "with Store(sys.argv[1] + '/apknews.sqlite3') as store:\n"
        "    update_index(store, __import__('pathlib').Path(sys.argv[1]) / 'index', rebuild=True, procs=2)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT)
    deadline = time.monotonic() + 60
    while len(workers := _children(parent.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(workers) == 2, "the rebuild started no writer processes"
    time.sleep(0.3)  # writing
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)
    print(f"writers {workers} gone {time.monotonic() - deadline + 5:.2f} s after kill -9 of {parent.pid}")
    (half_built,) = [f for f in generation_folders(data_dir.index_dir) if f != old]
    before = _snapshot(half_built)
    time.sleep(1)
    assert _snapshot(half_built) == before  # nothing writes into it any more
    assert live_folder(data_dir.index_dir) == old
    assert search(data_dir, QUERY).total == expected
    rebuilt = run_apknews(tmp_path, "index", "--rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert not half_built.exists()  # removed by the next rebuild; the one it replaced kept for readers
    assert generation_folders(data_dir.index_dir) == sorted([old, live_folder(data_dir.index_dir)])
    assert search(data_dir, QUERY).total == expected


def test_a_second_writer_exits_with_one_line_or_waits(indexed):
    data_dir = indexed
    lock = run_lock(data_dir).acquire()
    try:
        refused = run_apknews(data_dir.root, "index", "--rebuild")
        assert refused.returncode == 1
        assert refused.stderr.count("\n") == 1 and "--wait" in refused.stderr, refused.stderr
        assert f"pid {os.getpid()}" in refused.stderr
        waiting = _rebuild(data_dir, "--wait")
        time.sleep(2)
        assert waiting.poll() is None  # still waiting for the lock
    finally:
        lock.release()
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert f"{ARTICLES} in the index" in out


def test_an_index_at_the_old_path_keeps_working_and_moves_on_the_next_rebuild(indexed):
    data_dir = indexed
    expected = search(data_dir, QUERY).total
    generation = live_folder(data_dir.index_dir)
    data_dir.index_dir.unlink()
    generation.rename(data_dir.index_dir)  # a data folder of before generations: a plain folder
    assert search(data_dir, QUERY).total == expected
    with Store(data_dir.store_path) as store:
        store.save(make_article())
        assert update_index(store, data_dir.index_dir).added == 1
        assert not data_dir.index_dir.is_symlink()
        report = update_index(store, data_dir.index_dir, rebuild=True)
    assert report.total == ARTICLES + 1
    assert data_dir.index_dir.is_symlink()
    first = live_folder(data_dir.index_dir)
    (legacy,) = [f for f in generation_folders(data_dir.index_dir) if f != first]  # kept until the next
    assert search(data_dir, QUERY).total == expected
    with Store(data_dir.store_path) as store:
        update_index(store, data_dir.index_dir, rebuild=True)
    assert not legacy.exists()
    assert generation_folders(data_dir.index_dir) == sorted([first, live_folder(data_dir.index_dir)])
