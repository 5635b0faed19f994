"""Shared fixtures: the replica served over real HTTP, and an archive crawled from it by the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from replicas.assembly_data import ARTICLES_DIR
from replicas.assembly_site import AssemblySite, assembly_articles
from replicas.server import ReplicaServer

# The store's tests run on SQLite and on a throwaway PostgreSQL cluster.
from tests.postgres_cluster import postgres_cluster, store_location  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
# Every crawl a test starts, in any subprocess, may only reach the replicas on loopback.
os.environ["APKNEWS_ALLOWED_HOSTS"] = "127.0.0.1,localhost"
# `update` re-checks archived articles only where a test asks for it (tests/test_rechecks.py).
os.environ["APKNEWS_RECHECK_SAMPLE"] = "0"
APKNEWS = str(Path(sys.executable).parent / "apknews")


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str

    def json(self):
        return json.loads(self.stdout)


def run_apknews(data_dir: Path, *args: str, timeout: int = 240) -> CliResult:
    """Run the installed `apknews` command in its own process (Scrapy's reactor starts once)."""
    env = {**os.environ, "APKNEWS_DOWNLOAD_DELAY": "0", "PYTHONWARNINGS": "ignore"}
    proc = subprocess.run(
        [APKNEWS, "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        cwd=ROOT,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(scope="session")
def replica_articles() -> list[dict]:
    return assembly_articles(ARTICLES_DIR)


@pytest.fixture(scope="session")
def assembly_replica():
    with ReplicaServer(AssemblySite(ARTICLES_DIR).handle) as server:
        yield server


@dataclass
class CrawledArchive:
    data_dir: Path
    replica: ReplicaServer
    first_crawl: CliResult
    first_requests: list[str]
    index_run: CliResult


@pytest.fixture(scope="session")
def crawled(tmp_path_factory, assembly_replica) -> CrawledArchive:
    """The replica crawled and indexed once by the real CLI, for the tests that read the result."""
    data_dir = tmp_path_factory.mktemp("archive")
    before = len(assembly_replica.requests)
    crawl = run_apknews(
        data_dir, "crawl", "--source", "assembly", "--base-url", f"assembly={assembly_replica.base_url}"
    )
    assert crawl.returncode == 0, crawl.stderr
    requests = list(assembly_replica.requests[before:])
    index = run_apknews(data_dir, "index")
    assert index.returncode == 0, index.stderr
    return CrawledArchive(data_dir, assembly_replica, crawl, requests, index)
