"""The crawl road's throughput (fetch → WARC → extract → store → links) beside `scrapy bench`.

Our crawl runs as `apknews crawl` does (crawler.run.run_crawl) against a seeded replica of
thousands of articles (bench/crawl_replica.py) on loopback, politeness off: no delay, no
AutoThrottle, 16 requests in flight. `scrapy bench` (Scrapy's own spider against its own local
server, following links with nothing done per page) runs on the same machine in the same bench,
the two alternating, several rounds; medians.
Usage: .venv/bin/python -m bench.crawl_throughput [--rounds 3] [--count 5000] [--json out.json]
  [--py-spy DIR] (each crawl sampled by py-spy, its stacks and their shares in DIR)
  [--keep DIR] (each crawl's data folder kept in DIR, to compare what it stored)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.crawl_profile import profile_shares

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work" / "crawl-replica"
CONCURRENCY = 16
POLITENESS_OFF = {
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": CONCURRENCY,
    "CONCURRENT_REQUESTS_PER_DOMAIN": CONCURRENCY,
    "APKNEWS_HOST_DELAY": 0,
    "APKNEWS_HOST_CONCURRENCY": CONCURRENCY,
}
SCRAPY_BENCH_SECONDS = 20


def crawl_once(data_dir: Path, base_url: str, profile: Path | None = None) -> dict:
    """One crawl of the replica into a fresh `data_dir`, in this process: pages/s and where time went."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from archive.settings import DataDir
    from archive.sources import load_sources, parse_base_url_overrides, select_sources
    from archive.store import Store
    from crawler.run import run_crawl

    [source] = select_sources(
        load_sources(), ["assembly"], parse_base_url_overrides([f"assembly={base_url}"])
    )
    source = type(source)(**{**_fields(source), "max_pages": 10_000})  # every listing page
    layout = DataDir(data_dir).ensure()
    started = datetime.now(UTC).replace(microsecond=0)
    cpu, wall = time.process_time(), time.perf_counter()
    if profile:
        import cProfile

        profiler = cProfile.Profile(time.process_time)  # CPU: on a shared machine wall time is others' too
        run_id, reports = profiler.runcall(run_crawl, [source], layout, scrapy_overrides=POLITENESS_OFF)
        profiler.dump_stats(profile)
    else:
        run_id, reports = run_crawl([source], layout, scrapy_overrides=POLITENESS_OFF)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    with Store.open_readonly(layout.store_path) as store:
        articles = store.count()
        seen = [row["first_seen_at"] for row in store.linkable_articles()]
    # The road up to the store ends with the last article stored; the run's closing steps follow.
    last = datetime.fromisoformat(max(seen).replace("Z", "+00:00")) if seen else started
    road = max((last - started).total_seconds(), 1.0)
    warc_bytes = sum(p.stat().st_size for p in layout.root.rglob("*.warc.gz"))
    pages = reports[0].counts.get("responses", 0)  # listing and article pages, robots.txt
    return {
        "articles": articles,
        "pages": pages,
        "wall_s": wall,
        "cpu_s": cpu,
        "pages_per_s": pages / wall,
        "articles_per_s": articles / wall,
        "to_store_s": road,  # fetch → WARC → extract → store, to the last article (1 s resolution)
        "to_store_pages_per_s": pages / road,
        "closing_s": wall - road,  # links and entities at the run's end
        "warc_mib": warc_bytes / 2**20,
        "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "report": reports[0].to_dict(),
    }


def _fields(source) -> dict:
    import dataclasses

    return {f.name: getattr(source, f.name) for f in dataclasses.fields(source) if f.init}


def ours(count: int, py_spy: Path | None = None, keep: Path | None = None) -> dict:
    """One crawl in a fresh process against a fresh replica server process."""
    articles_dir = WORK / "articles"
    port_file = WORK / "port"
    port_file.unlink(missing_ok=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.crawl_replica", "serve", str(articles_dir), "--count", str(count),
         "--port-file", str(port_file)], cwd=ROOT,
    )  # fmt: skip
    try:
        while not port_file.exists() or not port_file.read_text():
            if server.poll() is not None:
                raise RuntimeError("the replica server did not start")
            time.sleep(0.1)
        data_dir = Path(tempfile.mkdtemp(prefix="crawl-bench-", dir=WORK))
        try:
            command = [
                sys.executable,
                "-m",
                "bench.crawl_throughput",
                "--crawl-into",
                str(data_dir),
                "--base-url",
                f"http://127.0.0.1:{port_file.read_text()}",
            ]
            out = subprocess.run(
                [*_sampler(py_spy), *command], cwd=ROOT, capture_output=True, text=True, check=True
            )
        finally:
            if keep:
                shutil.move(data_dir, keep / f"{time.strftime('%Y%m%dT%H%M%S')}-{count}")
            shutil.rmtree(data_dir, ignore_errors=True)
        result = json.loads([line for line in out.stdout.splitlines() if line.startswith("{")][-1])
        if py_spy:
            result["profile"] = profile_shares(_latest_stacks(py_spy))
        return result
    finally:
        server.terminate()
        server.wait()


def _sampler(py_spy: Path | None) -> list[str]:
    """The py-spy command a crawl runs under (20 samples/s, subprocesses too), or none."""
    if py_spy is None:
        return []
    py_spy.mkdir(parents=True, exist_ok=True)
    stacks = py_spy / f"crawl-{time.strftime('%Y%m%dT%H%M%S')}.txt"
    binary = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    return [binary, "record", "-r", "20", "--subprocesses", "--format", "raw", "-o", str(stacks), "--"]


def _latest_stacks(py_spy: Path) -> Path:
    return max(py_spy.glob("crawl-*.txt"), key=lambda p: p.stat().st_mtime)


def scrapy_bench(seconds: int = SCRAPY_BENCH_SECONDS) -> dict:
    """`scrapy bench` outside any project (ours would slow it down), its pages per second."""
    scrapy = Path(sys.executable).with_name("scrapy")
    with tempfile.TemporaryDirectory() as empty:
        proc = subprocess.run(
            [str(scrapy), "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}", "-s", "LOG_LEVEL=INFO"],
            cwd=empty, capture_output=True, text=True, check=True,
            env={k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"},
        )  # fmt: skip

    def stat(name: str) -> float:
        return float(re.search(rf"'{name}': ([\d.]+)", proc.stderr)[1])

    pages, wall = int(stat("response_received_count")), stat("elapsed_time_seconds")
    return {"pages": pages, "wall_s": wall, "pages_per_s": pages / wall}


def _with_cpu(run) -> dict:
    """`run()`'s result with the CPU seconds of the processes it ran (crawler and server alike)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = run()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {**result, "all_cpu_s": cpu, "pages_per_cpu_s": result["pages"] / cpu}


def measure(rounds: int, count: int, py_spy: Path | None = None, keep: Path | None = None) -> dict:
    """Scrapy bench and our crawl in turn (who goes first alternates), `rounds` each; medians."""
    runs: dict[str, list[dict]] = {"apknews": [], "scrapy_bench": []}
    for number in range(rounds):
        pair = [("scrapy_bench", scrapy_bench), ("apknews", lambda: ours(count, py_spy, keep))]
        for who, run in pair if number % 2 == 0 else pair[::-1]:
            load_before = os.getloadavg()[0]
            runs[who].append({**_with_cpu(run), "load": [load_before, os.getloadavg()[0]]})
            got = runs[who][-1]
            print(f"round {number + 1} {who}: {got['pages_per_s']:.1f} pages/s, "
                  f"{got['pages_per_cpu_s']:.1f} pages per CPU s", file=sys.stderr)  # fmt: skip
    result = {"rounds": rounds, "articles": count, "concurrency": CONCURRENCY, "runs": runs}
    for key in ("pages_per_s", "pages_per_cpu_s"):
        medians = {who: statistics.median(r[key] for r in got) for who, got in runs.items()}
        result[key] = {**medians, "ratio": medians["apknews"] / medians["scrapy_bench"]}
    to_store = statistics.median(r["to_store_pages_per_s"] for r in runs["apknews"])
    result["to_store_pages_per_s"] = {
        "apknews": to_store,
        "ratio": to_store / result["pages_per_s"]["scrapy_bench"],
    }
    result["closing_s"] = statistics.median(r["closing_s"] for r in runs["apknews"])
    result["load"] = [min(r["load"][0] for got in runs.values() for r in got),
                      max(max(r["load"]) for got in runs.values() for r in got)]  # fmt: skip
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--count", type=int, default=5000, help="articles in the replica")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--crawl-into", type=Path, help=argparse.SUPPRESS)  # one crawl, in this process
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    parser.add_argument("--profile", type=Path, help="with --crawl-into: cProfile stats here")
    parser.add_argument("--py-spy", type=Path, help="sample each crawl with py-spy; stacks in this folder")
    parser.add_argument("--keep", type=Path, help="keep each crawl's data folder in this folder")
    args = parser.parse_args()
    if args.crawl_into:
        print(json.dumps(crawl_once(args.crawl_into, args.base_url, args.profile)))
        return 0
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    result = measure(args.rounds, args.count, args.py_spy, args.keep)
    for key, label in (("pages_per_s", "pages/s"), ("pages_per_cpu_s", "pages per CPU s")):
        got = result[key]
        print(
            f"crawl of {args.count} replica articles: {got['apknews']:.1f} {label}; "
            f"scrapy bench {got['scrapy_bench']:.1f}; ratio {got['ratio']:.2f} (medians of {args.rounds})"
        )
    got = result["to_store_pages_per_s"]
    print(f"  up to the last article stored: {got['apknews']:.1f} pages/s, ratio {got['ratio']:.2f}; "
          f"then {result['closing_s']:.0f} s of links and entities")  # fmt: skip
    print(f"  load average {result['load'][0]:.1f}-{result['load'][1]:.1f}")
    for share, seconds, what in result["runs"]["apknews"][-1].get("profile", []):
        print(f"  {share:5.1%} {seconds:7.1f} s sampled  {what}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
