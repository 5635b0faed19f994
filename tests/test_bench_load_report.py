"""The load benches (bench.web_load, bench.crawl_load) share one head and tail of their results: when,
the label, the machine's CPUs and load before and after, written where they say."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from tests.conftest import ROOT, run_apknews
from tests.multisite import serve


def test_the_web_load_bench_writes_its_results_with_the_shared_head_and_tail(tmp_path):
    crawled = tmp_path / "crawled"
    server = serve("ddakmo")
    try:
        crawl = run_apknews(crawled, "crawl", "--source", "ddakmo", "--base-url", f"ddakmo={server.base_url}")
    finally:
        server.stop()
    assert crawl.returncode == 0, crawl.stderr
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.copy2(crawled / "apknews.sqlite3", archive / "apknews.sqlite3")
    mix = tmp_path / "mix.json"
    queries = [
        {"text": "Ассамблея", "lang": None, "date_from": None, "date_to": None, "sort": "relevance"},
        {"text": "школа", "lang": "ru", "date_from": "2021-01-01", "date_to": None, "sort": "date"},
    ]
    mix.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    results_dir = tmp_path / "results"
    bench = [sys.executable, "-m", "bench.web_load", "--archive", str(archive), "--mix", str(mix)]
    options = ["--workers", "0", "--clients", "1", "--requests", "10", "--results-dir", str(results_dir)]
    done = subprocess.run(bench + options, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    [written] = results_dir.glob("*-web-load.json")
    assert done.stdout.splitlines()[-1] == f"results in {written}"
    results = json.loads(written.read_text(encoding="utf-8"))
    assert written.name == results["started"].replace(":", "") + "-web-load.json"
    assert results["label"] == "web-load" and results["archive"] == str(archive) and results["cpus"] >= 1
    assert len(results["load_before"]) == len(results["load_after"]) == 3
    [run] = results["runs"]
    assert run["requests"] == 10 and run["requests_per_s"] > 0
