"""Three crawl workers as on three machines: each its own data folder (its own WARC files), all sharing
one Redis frontier and one PostgreSQL store, against the assembly replica (tests/test_frontier_crawl.py
is the same on one folder's SQLite store)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from archive.store import Store
from replicas.assembly_data import ARTICLES_DIR
from replicas.assembly_site import AssemblySite
from tests.conftest import APKNEWS, ROOT, run_apknews
from tests.frontier import (
    ANSWER_SECONDS,
    HOST_DELAY,
    SlotLog,
    TimedReplica,
    assert_a_killed_worker_loses_nothing,
    assert_within_limits,
    finish,
    is_article,
    published,
)
from tests.test_frontier_crawl import redis_url  # noqa: F401  (the module's Redis server)

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None,
    reason="redis-server is not installed (Debian package redis-server; scripts/install-system-deps.sh)",
)


def _workers(folders: list[Path], replica, frontier: str, store: str) -> list[subprocess.Popen]:
    env = {
        **os.environ,
        "APKNEWS_STORE": store,
        "APKNEWS_DOWNLOAD_DELAY": str(HOST_DELAY),
        "APKNEWS_FRONTIER_LEASE": "5",
        "PYTHONWARNINGS": "ignore",
    }
    workers = []
    for folder in folders:
        command = [APKNEWS, "--data-dir", str(folder), "crawl", "--source", "assembly"]
        command += ["--base-url", f"assembly={replica.base_url}", "--frontier", frontier]
        workers.append(
            subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env
            )
        )
    return workers


def _stored(store: str) -> list[dict]:
    with Store.open_readonly(store) as reader:
        return list(reader.iter_articles())


@pytest.fixture(scope="module")
def machines_crawl(tmp_path_factory, redis_url, postgres_cluster):  # noqa: F811
    store = postgres_cluster.new_database()
    folders = [tmp_path_factory.mktemp(f"machine-{n}") for n in range(3)]
    with TimedReplica(AssemblySite(ARTICLES_DIR).handle, delay=ANSWER_SECONDS) as replica:
        slot_log = SlotLog(redis_url, replica)
        results = finish(_workers(folders, replica, redis_url, store))
        timed = list(replica.timed), slot_log.close()
    return store, folders, results, timed


def test_three_machines_fetch_and_store_every_article_once(machines_crawl, replica_articles):
    store, _folders, results, (timed, slots) = machines_crawl
    for returncode, _, err in results:
        assert returncode == 0, err
    fetched = sorted(path for _, _, path in timed if is_article(path))
    assert fetched == published(replica_articles)
    stored = _stored(store)
    assert sorted(urlsplit(a["url"]).path for a in stored) == published(replica_articles)
    assert len({a["canonical_url"] for a in stored}) == len(stored)
    assert_within_limits(timed, slots)


def test_each_machine_writes_its_own_warc_files_and_every_pointer_reads_back(machines_crawl, tmp_path):
    store, folders, _results, _timed = machines_crawl
    by_folder = {folder: {p.name for p in (folder / "warc").glob("*.warc.gz")} for folder in folders}
    pointed = {Path(a["warc_file"]).name for a in _stored(store)}
    holding = [folder for folder, names in by_folder.items() if names & pointed]
    assert len(holding) >= 2  # articles of several machines, each pointer naming its machine's file
    assert pointed <= set().union(*by_folder.values())
    # Alone, a machine reads back its own records and names the others' files as missing ...
    alone = run_apknews(holding[0], "--store", store, "warc", "verify", "--format", "json")
    assert alone.returncode == 1 and alone.json()["read"] > 0
    assert {Path(f["warc_file"]).name for f in alone.json()["failed"]} == pointed - by_folder[holding[0]]
    # ... and with every machine's WARC files gathered in one folder, every pointer reads back.
    gathered = tmp_path / "gathered"
    for folder in folders:
        shutil.copytree(folder / "warc", gathered / "warc", dirs_exist_ok=True)
    verified = run_apknews(gathered, "--store", store, "warc", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.startswith(f"warc verify: {len(_stored(store))} WARC records read back")


def test_a_machine_killed_mid_crawl_loses_nothing(tmp_path, redis_url, postgres_cluster, replica_articles):  # noqa: F811
    store = postgres_cluster.new_database()
    folders = [tmp_path / f"machine-{n}" for n in range(3)]
    assert_a_killed_worker_loses_nothing(
        lambda replica: _workers(folders, replica, redis_url, store),
        lambda: _stored(store),
        replica_articles,
        redis_url,
    )
