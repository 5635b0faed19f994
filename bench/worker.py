"""One measurement in a fresh process (so memory, caches and imports are its own); prints JSON."""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import json
import logging
import os
import resource
import statistics
import sys
import time
from dataclasses import asdict, fields
from pathlib import Path

from archive.reading_process import without_huge_pages
from bench.memory import PeakMemory
from bench.queries import BenchQuery

logger = logging.getLogger(__name__)


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children: robust to a busy machine."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def folder_mib(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def _takes_procs() -> bool:
    from indexer.index import update_index

    return "procs" in inspect.signature(update_index).parameters


def _update_index(store, index_dir: Path, rebuild: bool, procs: int | None):
    from indexer.index import update_index

    # The harness measures whatever the code is: an update_index without `procs` runs as it is.
    if procs is not None and _takes_procs():
        return update_index(store, index_dir, rebuild=rebuild, procs=procs)
    return update_index(store, index_dir, rebuild=rebuild)


def rebuild(data_dir: Path, procs: int) -> dict:
    from archive.settings import DataDir
    from archive.store import Store

    if procs > 1 and not _takes_procs():
        return {"procs": procs, "skipped": "update_index has no procs parameter"}
    layout = DataDir(data_dir)
    with Store(layout.store_path) as store, PeakMemory() as memory:
        start, cpu = time.perf_counter(), cpu_seconds()
        report = _update_index(store, layout.index_dir, True, procs)
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return {
        "docs": report.added,
        "seconds": seconds,
        "cpu_s": cpu,
        "docs_per_s": report.added / seconds,
        "peak_mib": memory.peak_mib,
        "index_mib": folder_mib(layout.index_dir),
        "procs": procs,
    }


def incremental(data_dir: Path, start: int, count: int, seed: int, tail_lemmas: int) -> dict:
    from archive.settings import DataDir
    from archive.store import Store
    from bench import fts5
    from bench.archive import ArchiveGenerator, write_archive
    from bench.vocabulary import build_vocabulary

    layout = DataDir(data_dir)
    with Store(layout.store_path) as store:
        since = store.max_seq()
    write_archive(
        layout.store_path, ArchiveGenerator(build_vocabulary(tail_lemmas=tail_lemmas), seed), start, count
    )
    with Store(layout.store_path) as store, PeakMemory() as memory:
        began, cpu = time.perf_counter(), cpu_seconds()
        report = _update_index(store, layout.index_dir, False, None)
        seconds, cpu = time.perf_counter() - began, cpu_seconds() - cpu
    began, fts_cpu = time.perf_counter(), cpu_seconds()
    fts_added = fts5.build(layout.store_path, data_dir / fts5.FTS_FILE, since_seq=since)
    fts_seconds, fts_cpu = time.perf_counter() - began, cpu_seconds() - fts_cpu
    return {
        "docs": report.added,
        "total": report.total,
        "seconds": seconds,
        "cpu_s": cpu,
        "peak_mib": memory.peak_mib,
        "fts5": {"docs": fts_added, "seconds": fts_seconds, "cpu_s": fts_cpu},
    }


def fts_build(data_dir: Path, procs: int) -> dict:
    from archive.settings import DataDir
    from bench import fts5

    path = data_dir / fts5.FTS_FILE
    with PeakMemory() as memory:
        start, cpu = time.perf_counter(), cpu_seconds()
        docs = fts5.build(DataDir(data_dir).store_path, path, procs=procs)
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    return {
        "docs": docs,
        "seconds": seconds,
        "cpu_s": cpu,
        "docs_per_s": docs / seconds,
        "peak_mib": memory.peak_mib,
        "index_mib": path.stat().st_size / 2**20,
        "procs": procs,
    }


def queries(data_dir: Path, engine: str, mix_file: Path, rounds: int, budget_s: float = 0.0) -> dict:
    """Each query once right after the process starts (reopened), then `rounds` times warm.

    With a `budget_s`, warm rounds stop early (after at least one) once that many seconds passed.
    """
    mix = [load_query(q) for q in json.loads(mix_file.read_text(encoding="utf-8"))]
    if engine == "whoosh":
        without_huge_pages()  # as `apknews search` and `serve` run
        from search import search

        def run(query: BenchQuery) -> int:
            return search(data_dir, query.text, **query.search_kwargs()).total
    else:
        from archive.settings import DataDir
        from bench import fts5

        by_lang = fts5.analyzers()
        store_path, fts_path = DataDir(data_dir).store_path, data_dir / fts5.FTS_FILE

        def run(query: BenchQuery) -> int:
            return fts5.search(fts_path, store_path, query, by_lang)[0]

    result = {
        q.name: {"kind": q.kind, "text": q.text, "reopened_ms": 0.0, "warm_ms": [], "warm_cpu_ms": []}
        for q in mix
    }
    failed = {}
    for query in list(mix):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            result[query.name]["total"] = run(query)
        except Exception as exc:  # a query the engine of the day cannot run is reported, not timed
            logger.warning("%s: %r failed: %s", engine, query.text, exc)
            result.pop(query.name)
            failed[query.name] = f"{type(exc).__name__}: {exc}"
            mix.remove(query)
            continue
        result[query.name]["reopened_ms"] = (time.perf_counter() - start) * 1000
        result[query.name]["reopened_cpu_ms"] = (time.process_time() - cpu) * 1000
    warm_start = time.perf_counter()
    for done in range(rounds):
        if budget_s and done and time.perf_counter() - warm_start > budget_s:
            break
        for query in mix:
            start, cpu = time.perf_counter(), time.process_time()
            run(query)
            result[query.name]["warm_ms"].append((time.perf_counter() - start) * 1000)
            result[query.name]["warm_cpu_ms"].append((time.process_time() - cpu) * 1000)
    for entry in result.values():
        entry["warm_median_ms"] = statistics.median(entry["warm_ms"])
    return {"queries": result, "failed": failed}


def extraction(seconds: float) -> dict:
    """Pages per second of extract_article over the replica's article and print pages, in this process."""
    from archive.extract import extract_article
    from archive.sources import load_sources
    from replicas.assembly_site import AssemblySite

    site = AssemblySite()
    source = load_sources()["assembly"].with_base_url("http://127.0.0.1:8765")
    pages = []
    for article in site.articles:
        for path in (article.path, article.path + "?print=Y"):
            status, headers, body = site.handle(path)
            if status == 200:
                pages.append((source.base_url + path, headers["Content-Type"], body))
    rates, cpu_rates, start = [], [], time.perf_counter()
    while time.perf_counter() - start < seconds or len(rates) < 3:
        began, cpu = time.perf_counter(), time.process_time()
        for url, content_type, body in pages:
            extract_article(
                body, url=url, source=source, fetched_at="2026-11-22T00:00:00Z", content_type=content_type
            )
        rates.append(len(pages) / (time.perf_counter() - began))
        cpu_rates.append(len(pages) / max(time.process_time() - cpu, 1e-9))
    # The first round pays for imports and first-use set-up; the median of the rounds is the rate.
    return {
        "pages": len(pages),
        "rounds": len(rates),
        "pages_per_s": statistics.median(rates),
        "pages_per_cpu_s": statistics.median(cpu_rates),
    }


def dump_query(query: BenchQuery) -> dict:
    data = asdict(query)
    for key in ("date_from", "date_to"):
        data[key] = data[key].isoformat() if data[key] else None
    return data


def load_query(data: dict) -> BenchQuery:
    values = {f.name: data.get(f.name) for f in fields(BenchQuery)}
    for key in ("date_from", "date_to"):
        values[key] = dt.date.fromisoformat(values[key]) if values[key] else None
    return BenchQuery(**values)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("task", choices=("rebuild", "incremental", "fts-build", "queries", "extraction"))
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--procs", type=int, default=1)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--tail-lemmas", type=int, default=30_000)
    parser.add_argument("--engine", choices=("whoosh", "fts5"), default="whoosh")
    parser.add_argument("--mix", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--budget", type=float, default=0.0, help="seconds of warm query rounds at most")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if args.task == "rebuild":
        out = rebuild(args.data_dir, args.procs)
    elif args.task == "incremental":
        out = incremental(args.data_dir, args.start, args.count, args.seed, args.tail_lemmas)
    elif args.task == "fts-build":
        out = fts_build(args.data_dir, args.procs)
    elif args.task == "queries":
        out = queries(args.data_dir, args.engine, args.mix, args.rounds, args.budget)
    else:
        out = extraction(args.seconds)
    out["pid"] = os.getpid()
    # Other work on the machine slows every figure: keep the load next to them.
    out["loadavg"] = os.getloadavg()
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
