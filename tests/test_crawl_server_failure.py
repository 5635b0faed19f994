"""A PostgreSQL store whose server drops the crawl mid-run: the error names the store, its password left
out, and says to check the server (not to free space in the data folder), then to crawl again."""

from __future__ import annotations

import os
import subprocess
import time
from urllib.parse import urlsplit

import psycopg

from replicas.assembly_data import ARTICLES_DIR
from replicas.assembly_site import AssemblySite
from replicas.server import ReplicaServer
from tests.conftest import APKNEWS, ROOT


def _drop_connections(cluster, database: str) -> None:
    """What a restarted or overloaded server does to its clients: every connection to `database` ends."""
    with psycopg.connect(cluster.url(), autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (database,),
        )


def test_a_server_store_failing_mid_crawl_says_to_check_the_server(postgres_cluster, tmp_path):
    store = postgres_cluster.new_database()
    database = urlsplit(store).path.lstrip("/")
    secret = store.replace("@", ":s3cret-word@", 1)  # the test cluster trusts loopback: ignored
    env = {**os.environ, "APKNEWS_DOWNLOAD_DELAY": "0", "PYTHONWARNINGS": "ignore"}
    with ReplicaServer(AssemblySite(ARTICLES_DIR).handle, delay=0.3) as replica:
        command = [APKNEWS, "--data-dir", str(tmp_path), "--store", secret, "crawl", "--source", "assembly"]
        command += ["--base-url", f"assembly={replica.base_url}"]
        crawl = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env
        )
        deadline = time.monotonic() + 120
        while sum("/news/" in p and not p.endswith("/news/") for p in list(replica.requests)) < 3:
            assert time.monotonic() < deadline and crawl.poll() is None, "the crawl fetched no article"
            time.sleep(0.05)
        _drop_connections(postgres_cluster, database)
        _out, err = crawl.communicate(timeout=240)
    assert crawl.returncode == 1, err
    message = err.strip().splitlines()[-1]
    shown = secret.replace(":s3cret-word@", ":***@")
    assert message.startswith(f"apknews: error: the store at {shown} could not be used ("), message
    assert "check the server, then crawl again: what was not stored is fetched again" in message
    assert "free space" not in err and "s3cret-word" not in err
