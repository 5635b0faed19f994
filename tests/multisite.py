"""Helpers for the tests that crawl the inform, taraz-ank, govkz and ddakmo replicas with the real CLI."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from replicas.server import SITES, ReplicaServer
from tests.conftest import APKNEWS, ROOT, CliResult

SOURCES = ("inform", "taraz-ank", "govkz", "ddakmo")
# What each replica holds, counted by hand from replicas/<site>/articles.toml.
FIRST_RUN_ARTICLES = {"inform": 18, "taraz-ank": 12, "govkz": 15, "ddakmo": 8}
NEW_BETWEEN_RUNS = {"inform": 2, "taraz-ank": 2, "govkz": 1, "ddakmo": 1}
# Fast and still real: no politeness delay on loopback, a short timeout the replica's stall
# exceeds, a back-off long enough to see between tries.
CRAWL_ENV = {
    "APKNEWS_DOWNLOAD_DELAY": "0",
    "APKNEWS_DOWNLOAD_TIMEOUT": "2",
    "APKNEWS_RETRY_BACKOFF": "0.4",
    "PYTHONWARNINGS": "ignore",
}


def serve(name: str, delay: float = 0.0) -> ReplicaServer:
    """A fresh replica of `name` (its own state: faults, published news) on a free port, started."""
    return ReplicaServer(SITES[name](), delay=delay).start()


def links_moved(handle):
    """A replica's `handle` whose HTML pages link every article of a language one folder deeper
    (`/ru/slug` -> `/ru/story/slug`): the site moved to addresses no article_pattern knows."""

    def moved(path: str, *args):
        status, headers, body = handle(path, *args)
        if "html" in headers.get("Content-Type", "") and "/robots.txt" not in path:
            body = re.sub(rb'href="((?:https?://[^/"]+)?/(?:ru|kz|kk|en)/)', rb'href="\1story/', body)
        return status, headers, body

    return moved


def base_url_args(servers: dict[str, ReplicaServer]) -> list[str]:
    args = []
    for name, server in servers.items():
        args += ["--source", name, "--base-url", f"{name}={server.base_url}"]
    return args


def apknews_command(data_dir: Path, *args: str) -> list[str]:
    return [APKNEWS, "--data-dir", str(data_dir), *args]


def run(data_dir: Path, *args: str, timeout: int = 240) -> CliResult:
    proc = subprocess.run(
        apknews_command(data_dir, *args),
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **CRAWL_ENV},
        cwd=ROOT,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


def query(data_dir: Path, sql: str, *args) -> list[dict]:
    db = sqlite3.connect(data_dir / "apknews.sqlite3")
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute(sql, args)]
    finally:
        db.close()


def stored(data_dir: Path, source: str) -> list[dict]:
    return query(data_dir, "SELECT * FROM articles WHERE source = ? ORDER BY url", source)


def stored_paths(data_dir: Path, source: str) -> list[str]:
    """Paths of the stored articles, percent-decoded, without a trailing slash; repeats kept."""
    return sorted(unquote(urlsplit(a["url"]).path).rstrip("/") for a in stored(data_dir, source))


def ledger(data_dir: Path, source: str) -> dict[str, dict]:
    rows = query(data_dir, "SELECT * FROM crawl_ledger WHERE source = ?", source)
    keyed = {}
    for row in rows:
        parts = urlsplit(row["canonical_url"])
        keyed[unquote(parts.path).rstrip("/") + (f"?{parts.query}" if parts.query else "")] = row
    return keyed
