"""A crawl listens on no port: Scrapy's remote control (an HTTP server that runs Python code) is off."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from replicas.assembly_data import ARTICLES_DIR
from replicas.assembly_site import AssemblySite
from replicas.server import ReplicaServer
from tests.conftest import APKNEWS, ROOT

TCP_LISTEN = "0A"  # the state column of /proc/net/tcp


def listening_ports(pid: int) -> set[int]:
    """The TCP ports process `pid` listens on (IPv4 and IPv6), read from /proc."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:  # closed meanwhile
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    ports = set()
    for table in ("tcp", "tcp6"):
        path = Path(f"/proc/{pid}/net/{table}")
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == TCP_LISTEN and fields[9] in inodes:
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def test_the_detector_sees_a_listening_socket():
    with ReplicaServer(AssemblySite(ARTICLES_DIR).handle) as replica:
        assert replica.port in listening_ports(os.getpid())


def test_a_crawl_opens_no_listening_socket_and_leaves_no_job_file(tmp_path):
    state = tmp_path / "state"  # Scrapy's per-user state folder, where its job files would go
    env = {
        **os.environ,
        "APKNEWS_DOWNLOAD_DELAY": "0",
        "PYTHONWARNINGS": "ignore",
        "XDG_STATE_HOME": str(state),
    }
    with ReplicaServer(AssemblySite(ARTICLES_DIR).handle, delay=0.1) as replica:
        crawl = subprocess.Popen(
            [APKNEWS, "--data-dir", str(tmp_path / "data"), "crawl", "--source", "assembly"]
            + ["--base-url", f"assembly={replica.base_url}"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        samples, seen = 0, set()
        while crawl.poll() is None:
            try:
                seen |= listening_ports(crawl.pid)
            except (FileNotFoundError, ProcessLookupError):  # it ended between poll and read
                break
            if len(replica.requests) > 2:  # Scrapy's engine is running: the server would be up
                samples += 1
            time.sleep(0.05)
        out, err = crawl.communicate(timeout=240)
    assert crawl.returncode == 0, err
    assert samples >= 20, "the crawl ended before it could be watched"
    assert seen == set()
    assert not list(state.rglob("*.json"))
