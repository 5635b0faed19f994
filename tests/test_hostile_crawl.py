"""Hostile article pages in a real crawl: each is stored or in the ledger and the run report with
its reason, and a page refused for good is not fetched again."""

from __future__ import annotations

import re

from replicas.server import SITES, ReplicaServer
from tests.multisite import ledger, query, run, stored

ARTICLE = re.compile(r"^/ru/(?!topics/|tag/|feed/|\d{4}/|page/|wp-)[^/]+/?$")
DEEP = b"<div>" * 10_000 + b"\xd0\xa2\xd0\xb5\xd0\xba\xd1\x81\xd1\x82" + b"</div>" * 10_000
BROKEN_PARTS = (
    b'<meta http-equiv="refresh" content="0; url=javascript:alert(1)">'
    b'<link rel="alternate" hreflang="kk" href="http://[x/kk">'
)


def hostile(handle, hurt: dict[str, str]):
    """`handle` whose first two Russian article pages are hurt: one nested past the parser's limit,
    one with a broken alternate link and a meta refresh to javascript:; `hurt` gets {path: kind}."""

    def served(path: str, *args):
        status, headers, body = handle(path, *args)
        html = "html" in headers.get("Content-Type", "")
        if status != 200 or not html or not ARTICLE.match(path.split("?")[0]):
            return status, headers, body
        kind = hurt.setdefault(path, ("deep", "broken")[len(hurt)] if len(hurt) < 2 else "")
        if kind == "deep":
            body = body.replace(b"</h1>", b"</h1>" + DEEP, 1)
        elif kind == "broken":
            body = body.replace(b"</head>", BROKEN_PARTS + b"</head>", 1)
        return status, headers, body

    return served


def test_hostile_pages_are_stored_or_ledgered_with_their_reason_and_not_refetched(tmp_path):
    hurt: dict[str, str] = {}
    server = ReplicaServer(hostile(SITES["taraz-ank"]().handle, hurt)).start()
    data_dir = tmp_path / "data"
    try:
        args = ("crawl", "--source", "taraz-ank", "--base-url", f"taraz-ank={server.base_url}")
        first = run(data_dir, *args)
        requests_before = len(server.requests)
        second = run(data_dir, *args)
        again = server.requests[requests_before:]
    finally:
        server.stop()
    assert first.returncode == 0 and second.returncode == 0, first.stderr[-2000:] + second.stderr[-2000:]
    deep, broken = (p for p, kind in hurt.items() if kind in ("deep", "broken"))
    entry = ledger(data_dir, "taraz-ank")[deep.rstrip("/")]
    assert (entry["state"], entry["reason"]) == ("dropped", "too deep")
    paths = [a["url"].removeprefix(server.base_url).rstrip("/") for a in stored(data_dir, "taraz-ank")]
    assert broken.rstrip("/") in paths
    report = query(data_dir, "SELECT stats FROM runs ORDER BY id LIMIT 1")[0]["stats"]
    assert '"too deep": 1' in report
    assert deep not in again  # refused for good: not fetched again
