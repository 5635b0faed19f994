"""The crawl bench's replica and one crawl of it: every article fetched, archived, extracted, stored."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from bench.crawl_replica import write_articles
from replicas.assembly_site import AssemblySite

ROOT = Path(__file__).resolve().parent.parent


def test_the_replica_has_as_many_distinct_articles_as_asked(tmp_path):
    write_articles(tmp_path, 30)
    site = AssemblySite(tmp_path)
    assert len(site.articles) == 30
    assert len({a.text for a in site.articles}) == 30
    assert {a.lang for a in site.articles} == {"ru", "kk", "en"}
    status, _, body = site.handle(site.articles[0].path)
    assert status == 200 and site.articles[0].title.encode() in body


def test_one_bench_crawl_stores_every_article_with_politeness_off(tmp_path):
    articles, port_file = tmp_path / "articles", tmp_path / "port"
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.crawl_replica", "serve", str(articles), "--count", "40",
         "--port-file", str(port_file)], cwd=ROOT,
    )  # fmt: skip
    try:
        while not port_file.exists() or not port_file.read_text():
            assert server.poll() is None
            time.sleep(0.1)
        out = subprocess.run(
            [sys.executable, "-m", "bench.crawl_throughput", "--crawl-into", str(tmp_path / "data"),
             "--base-url", f"http://127.0.0.1:{port_file.read_text()}"],
            cwd=ROOT, capture_output=True, text=True, check=True, timeout=600,
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait()
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["articles"] == 40
    assert result["pages"] >= 40 and result["report"]["finish_reason"] == "finished"
    assert result["warc_mib"] > 0


def test_the_pieces_of_the_road_are_measured_on_every_replica_page(tmp_path):
    from bench.crawl_pieces import measure

    result = measure(30, 1, tmp_path / "articles")
    assert result["articles"] == 30 and result["listing_pages"] >= 3
    assert set(result["pieces"]) == {"extraction", "listing pages", "WARC writing", "storing"}
    assert all(piece["cpu_s"] > 0 for piece in result["pieces"].values())
    assert result["ms_per_article"] > result["pieces"]["extraction"]["ms_per_article"]
