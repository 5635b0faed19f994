"""robots.txt is obeyed by every request, also when several wait for it at once (LIBRARIES.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.robots_race import DISALLOWED

SCRIPT = Path(__file__).with_name("robots_race.py")
ROOT = SCRIPT.parent.parent


def crawl_disallowed(base_url: str, *flags: str) -> list[str]:
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), base_url, *flags],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])["fetched"]


def test_concurrent_requests_waiting_for_robots_txt_are_all_checked(assembly_replica):
    start = len(assembly_replica.requests)
    assert crawl_disallowed(assembly_replica.base_url) == []
    requested = assembly_replica.requests[start:]
    assert requested == ["/robots.txt"]


def test_the_stock_middleware_lets_waiting_requests_through(assembly_replica):
    """Why our middleware exists: if this starts failing, Scrapy fixed the race upstream."""
    leaked = crawl_disallowed(assembly_replica.base_url, "--stock")
    assert 0 < len(leaked) < len(DISALLOWED)
