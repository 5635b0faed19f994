"""`python -m bench.web_load`: requests/s and latency of `apknews serve` under concurrent readers.

A bounded loop: `--clients` threads on loopback each send their share of `--requests` searches
(the bench query mix as `/search.json` addresses, round robin) over one kept-alive connection,
against the server started with each `--workers` setting in turn (0: the default single process,
N: gunicorn with N workers). Figures go to the terminal and to bench/results/<time>-<label>.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from bench import report

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
APKNEWS = str(Path(sys.executable).parent / "apknews")


def indexed_copy(source: Path, work_dir: Path) -> Path:
    """A data folder with `source`'s store, indexed by this apknews (the bench archives' own
    indexes may be of an older schema, and are the query bench's to rebuild)."""
    target = work_dir / f"web-load-{source.name}"
    store = target / "apknews.sqlite3"
    if not store.exists() or store.stat().st_mtime < (source / "apknews.sqlite3").stat().st_mtime:
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        shutil.copy2(source / "apknews.sqlite3", store)
    subprocess.run([APKNEWS, "--data-dir", str(target), "index"], cwd=ROOT, check=True, capture_output=True)
    return target


def search_paths(mix_file: Path) -> list[str]:
    """The query mix as the web page's JSON search addresses."""
    paths = []
    for query in json.loads(mix_file.read_text(encoding="utf-8")):
        params = {"q": query["text"], "lang": query["lang"], "from": query["date_from"]}
        params.update({"to": query["date_to"], "sort": None if query["sort"] == "relevance" else "date"})
        paths.append("/search.json?" + urlencode({k: v for k, v in params.items() if v}))
    return paths


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(data_dir: Path, workers: int, port: int) -> subprocess.Popen:
    """`apknews serve` on loopback, returned once it answers."""
    command = [APKNEWS, "--data-dir", str(data_dir), "serve", "--port", str(port), "--quiet"]
    if workers:
        command += ["--workers", str(workers)]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"apknews serve exited: {server.stderr.read()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    stop_server(server)
    raise RuntimeError("apknews serve did not listen within 60 s")


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def client_loop(port: int, paths: list[str], count: int, offset: int, latencies: list, errors: list) -> None:
    """Send `count` requests, path after path from `offset`; note each one's seconds."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        for n in range(count):
            path = paths[(offset + n) % len(paths)]
            began = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            latencies.append(time.perf_counter() - began)
            if response.status != 200:
                errors.append(f"{response.status} {path}")
            if response.will_close:
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    finally:
        connection.close()


def measure(data_dir: Path, workers: int, paths: list[str], clients: int, requests: int) -> dict:
    """One server setting: every path once to warm it, then the timed loop of `clients` threads."""
    port = free_port()
    server = start_server(data_dir, workers, port)
    try:
        warm_errors: list = []
        client_loop(port, paths, len(paths) * max(workers, 1), 0, [], warm_errors)
        latencies: list[float] = []
        errors: list[str] = []
        share = requests // clients
        threads = [
            threading.Thread(target=client_loop, args=(port, paths, share, i * 7, latencies, errors))
            for i in range(clients)
        ]
        began = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
    finally:
        stop_server(server)
    if warm_errors or errors:  # a figure of error pages would measure nothing
        raise RuntimeError(
            f"{len(warm_errors) + len(errors)} failed requests, e.g. {(warm_errors + errors)[0]}"
        )
    ordered = sorted(latencies)
    return {
        "workers": workers,
        "server": f"gunicorn, {workers} workers" if workers else "single process (default)",
        "clients": clients,
        "requests": len(latencies),
        "seconds": round(wall, 3),
        "requests_per_s": round(len(latencies) / wall, 1),
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
        "max_ms": round(ordered[-1] * 1000, 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.web_load", description=__doc__)
    parser.add_argument(
        "--archive", type=Path, default=BENCH_DIR / "work" / "archive-10000", help="a bench archive's folder"
    )
    parser.add_argument("--mix", type=Path, default=BENCH_DIR / "work" / "query-mix.json")
    parser.add_argument("--workers", default="0,1,2", help="settings, comma-separated (0: no gunicorn)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=800, help="timed requests per setting, all clients")
    parser.add_argument("--results-dir", type=Path, default=BENCH_DIR / "results")
    parser.add_argument("--label", default="web-load")
    args = parser.parse_args(argv)
    if not (args.archive / "apknews.sqlite3").exists() or not args.mix.exists():
        parser.error(f"no archive in {args.archive} or no {args.mix}: run `python -m bench` first")
    paths = search_paths(args.mix)
    data_dir = indexed_copy(args.archive, args.archive.parent)
    results = report.load_results(args.label, archive=str(args.archive), runs=[])
    for workers in (int(w) for w in args.workers.split(",")):
        run = measure(data_dir, workers, paths, args.clients, args.requests)
        results["runs"].append(run)
        print(
            f"{run['server']:<28} {run['clients']} clients  {run['requests_per_s']:7.1f} req/s  "
            f"p50 {run['p50_ms']:6.1f} ms  p95 {run['p95_ms']:6.1f} ms",
            flush=True,
        )
    report.finish_load_results(results, args.results_dir, args.label)


if __name__ == "__main__":
    main()
