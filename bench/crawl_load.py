"""`python -m bench.crawl_load`: crawl pages/s alone and with frontier workers, and store writes/s.

The five replica sites served on loopback with no politeness delay (each host still at most
concurrent_per_domain requests at once), crawled into a fresh data folder: by the default
embedded crawl, then by N `apknews crawl --frontier` workers sharing a redis-server started here.
Pages/s counts the replicas' answers between the first request and the last one (process start-up
is left out; `wall` has it). Then Store.save of copies of the crawled articles: one writer, then
three processes at once on one SQLite file, and with --postgresql URL on that PostgreSQL store too.
Figures go to the terminal and bench/results/.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from archive.articles import Article
from archive.store import Store
from bench import report
from replicas.server import SITES, ReplicaServer

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
APKNEWS = str(Path(sys.executable).parent / "apknews")
SOURCES = ("assembly", "inform", "taraz-ank", "govkz", "ddakmo")


class TimedReplica(ReplicaServer):
    """A replica that notes the time of each answer (time.monotonic)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.times: list[float] = []

    def respond(self, path, headers=None):
        answer = super().respond(path, headers)
        with self._lock:
            self.times.append(time.monotonic())
        return answer


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_redis(folder: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--dir", str(folder)]
        + ["--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, f"redis://127.0.0.1:{port}/0"
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("redis-server did not start")


def crawl_once(data_dir: Path, workers: int, redis_url: str | None) -> dict:
    """One crawl of every replica: the embedded default (workers 0) or `workers` frontier workers."""
    replicas = {name: TimedReplica(SITES[name]()).start() for name in SOURCES}
    command = [APKNEWS, "--data-dir", str(data_dir), "crawl"]
    for name, server in replicas.items():
        command += ["--source", name, "--base-url", f"{name}={server.base_url}"]
    if workers:
        command += ["--frontier", redis_url]
    env = {**os.environ, "APKNEWS_DOWNLOAD_DELAY": "0", "APKNEWS_ALLOWED_HOSTS": "127.0.0.1"}
    env["PYTHONWARNINGS"] = "ignore"
    began = time.monotonic()
    try:
        procs = [
            subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for _ in range(max(workers, 1))
        ]
        outputs = [proc.communicate(timeout=900) for proc in procs]
        wall = time.monotonic() - began
    finally:
        for server in replicas.values():
            server.stop()
    times = sorted(t for server in replicas.values() for t in server.times)
    with Store(data_dir / "apknews.sqlite3") as store:
        articles = store.count()
    span = times[-1] - times[0]
    return {
        "workers": workers,
        "crawl": f"{workers} frontier workers" if workers else "embedded (default)",
        "exit_status": [proc.returncode for proc in procs],
        "errors": [err[-500:] for (_, err), proc in zip(outputs, procs, strict=True) if proc.returncode],
        "requests": len(times),
        "articles": articles,
        "wall_s": round(wall, 2),
        "active_s": round(span, 2),
        "pages_per_s": round(len(times) / span, 1),
        "pages_per_s_per_worker": round(len(times) / span / max(workers, 1), 1),
    }


def copies_of(data_dir: Path) -> list[Article]:
    """The crawled articles as Article records, to save again under other addresses."""
    with Store.open_readonly(data_dir / "apknews.sqlite3") as store:
        rows = store.article_rows()
        texts = store.texts([row["id"] for row in rows])
    fields = set(Article.__dataclass_fields__) - {"warc", "images", "alternates", "found_by", "text"}
    return [Article(text=texts[row["id"]], **{k: row[k] for k in fields if k in row}) for row in rows]


def save_copies(store_path: str, articles: list[Article], worker: str, count: int) -> None:
    with Store(store_path) as store:
        for n in range(count):
            article = articles[n % len(articles)]
            url = f"{article.url}?copy={worker}-{n}"
            store.save(replace(article, url=url, canonical_url=url))


def store_writes(data_dir: Path, count: int, server: str | None = None) -> dict:
    """Articles saved per second (one transaction each, as the crawl saves): 1 process, then 3 at
    once; into a new SQLite file each, or into the PostgreSQL store at `server` (new URLs each)."""
    articles = copies_of(data_dir)
    results = {}
    for processes in (1, 3):
        with tempfile.TemporaryDirectory() as folder:
            store_path = server or str(Path(folder) / "apknews.sqlite3")
            Store(store_path).close()
            jobs = [
                multiprocessing.Process(
                    target=save_copies, args=(store_path, articles, f"{processes}-{w}", count // processes)
                )
                for w in range(processes)
            ]
            began = time.monotonic()
            for job in jobs:
                job.start()
            for job in jobs:
                job.join()
            seconds = time.monotonic() - began
            failed = sum(job.exitcode != 0 for job in jobs)
        results[str(processes)] = {
            "articles": count,
            "seconds": round(seconds, 2),
            "writes_per_s": round(count / seconds, 1),
            "failed_processes": failed,
        }
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.crawl_load", description=__doc__)
    parser.add_argument("--workers", default="0,1,3", help="settings, comma-separated (0: embedded crawl)")
    parser.add_argument("--writes", type=int, default=3000, help="articles saved in the store measure")
    parser.add_argument(
        "--postgresql",
        metavar="URL",
        help="measure store writes on this PostgreSQL store too (postgresql://…)",
    )
    parser.add_argument("--results-dir", type=Path, default=BENCH_DIR / "results")
    parser.add_argument("--label", default="crawl-load")
    args = parser.parse_args(argv)
    if shutil.which("redis-server") is None:
        parser.error("redis-server is not installed (apt-get install redis-server)")
    results = report.load_results(args.label, crawls=[])
    with tempfile.TemporaryDirectory() as work:
        redis_server, redis_url = start_redis(Path(work))
        try:
            for workers in (int(w) for w in args.workers.split(",")):
                run = crawl_once(Path(work) / f"crawl-{workers}", workers, redis_url)
                results["crawls"].append(run)
                print(
                    f"{run['crawl']:<22} {run['requests']} requests, {run['articles']} articles: "
                    f"{run['pages_per_s']} pages/s ({run['pages_per_s_per_worker']} per worker), "
                    f"wall {run['wall_s']} s, exit {run['exit_status']}",
                    flush=True,
                )
        finally:
            redis_server.terminate()
            redis_server.wait()
        results["store_writes"] = store_writes(
            Path(work) / f"crawl-{results['crawls'][0]['workers']}", args.writes
        )
        if args.postgresql:
            results["store_writes_postgresql"] = store_writes(
                Path(work) / f"crawl-{results['crawls'][0]['workers']}", args.writes, args.postgresql
            )
    for engine in ("store_writes", "store_writes_postgresql"):
        for processes, run in results.get(engine, {}).items():
            name = "PostgreSQL" if engine.endswith("postgresql") else "SQLite"
            print(f"{name} store: {processes} writer process(es): {run['writes_per_s']} articles saved/s")
    report.finish_load_results(results, args.results_dir, args.label)


if __name__ == "__main__":
    main()
