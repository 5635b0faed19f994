"""A year of hourly index updates simulated: commit times, segments and query p95 beside a fresh rebuild.

`python -m bench.hourly_updates` copies the bench's archive of `--base` articles, rebuilds its index,
then makes `--hours` commits (8,760: a year of hourly updates), each adding a seeded batch of
0..`--max-batch` new articles of the same generator to the store and running update_index, as an
hourly `apknews index` would (in one process here: imports and warm caches are paid once). Every
`--hours / --checkpoints` commits the bench's query mix runs on the updated index. At the end the
same articles are rebuilt from scratch and both indexes answer the mix in alternating rounds:
the updated index's p95 beside the fresh one's, the totals compared query by query.
JSON goes to bench/results/, a picture of segments and p95 over the year beside it.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

from whoosh.util import fib

from archive.settings import DataDir
from archive.store import Store
from bench.__main__ import ensure_archive
from bench.archive import DEFAULT_SEED, ArchiveGenerator, write_archive
from bench.queries import BenchQuery, query_mix
from bench.report import percentile
from bench.vocabulary import DICTIONARY_LEMMA_LIMIT, build_vocabulary
from bench.worker import cpu_seconds, folder_mib
from indexer.index import open_index, update_index
from indexer.whoosh_format.merging import segments_to_merge

logger = logging.getLogger("bench.hourly_updates")

BENCH_DIR = Path(__file__).resolve().parent
HOURS_IN_A_YEAR = 8760
BATCH_SEED_OFFSET = 8760  # the batch sizes' generator is seeded apart from the articles'


def hourly_batches(hours: int, max_batch: int, seed: int) -> list[int]:
    """How many articles each hour brings: uniform in 0..max_batch, seeded."""
    rng = random.Random(seed + BATCH_SEED_OFFSET)
    return [rng.randint(0, max_batch) for _ in range(hours)]


def size_model(base: int, batches: list[int], policy) -> dict:
    """The segments' sizes only, commit after commit, under a merge `policy` (positions to merge, from
    the segments' sizes): how many segments, and how many documents merges rewrite, over all the
    batches. Cheap enough for the whole year at any base; the rebuild's two segments to start."""
    segments, rewritten, largest, counts = [base // 2, base - base // 2], 0, 0, []
    for count in batches:
        chosen = set(policy(segments))
        merged = sum(segments[p] for p in chosen)
        segments = [size for p, size in enumerate(segments) if p not in chosen] + [merged + count]
        segments = [size for size in segments if size]
        rewritten, largest = rewritten + merged, max(largest, merged)
        counts.append(len(segments))
    return {"segments_max": max(counts), "segments_end": counts[-1], "docs_rewritten": rewritten,
            "largest_merge": largest, "segments": counts}  # fmt: skip


def whoosh_merge_small(sizes: list[int]) -> list[int]:
    """The positions Whoosh's default policy (writing.MERGE_SMALL) merges, from the sizes alone."""
    order = sorted(range(len(sizes)), key=lambda p: sizes[p])
    total = 0
    for i, position in enumerate(order):
        total += sizes[position]
        if i > 3 and total < fib(i + 5):
            return order[: i + 1]
    return []


def segment_count(index_dir: Path) -> int:
    ix = open_index(index_dir)
    try:
        with ix.reader() as reader:
            return len(reader.leaf_readers())
    finally:
        ix.close()


def run_mix(data_dir: Path, mix: list[BenchQuery]) -> tuple[list[float], list[float], dict[str, int]]:
    """One round of the mix: each query's wall and CPU time (ms), and its total."""
    from search import search  # the bench's parent process never searches

    walls, cpus, totals = [], [], {}
    for query in mix:
        start, cpu = time.perf_counter(), time.process_time()
        totals[query.name] = search(data_dir, query.text, **query.search_kwargs()).total
        walls.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    return walls, cpus, totals


def latency(walls: list[float], cpus: list[float]) -> dict:
    """p50/p95 of wall and of CPU ms (the CPU figures hold on a machine shared with other work)."""
    return {
        "p50_ms": percentile(walls, 50),
        "p95_ms": percentile(walls, 95),
        "cpu_p50_ms": percentile(cpus, 50),
        "cpu_p95_ms": percentile(cpus, 95),
    }


def mix_latency(data_dir: Path, mix: list[BenchQuery], rounds: int) -> dict:
    """latency() of `rounds` warm rounds of the mix, after one round that opens and warms."""
    run_mix(data_dir, mix)
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(rounds):
        round_walls, round_cpus, _ = run_mix(data_dir, mix)
        walls += round_walls
        cpus += round_cpus
    return latency(walls, cpus)


def prepare(args, generator: ArchiveGenerator) -> DataDir:
    """The simulation's data folder: a copy of the bench archive's store, its index rebuilt."""
    source = DataDir(ensure_archive_dir(args, generator))
    data_dir = args.work_dir / f"hourly-{args.base}"
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    layout = DataDir(data_dir)
    shutil.copy(source.store_path, layout.store_path)
    logger.info("rebuilding the %d-article index in %s", args.base, data_dir)
    with Store(layout.store_path) as store:
        update_index(store, layout.index_dir, rebuild=True)
    return layout


def ensure_archive_dir(args, generator: ArchiveGenerator) -> Path:
    archive_dir = args.work_dir / f"archive-{args.base}"
    ensure_archive(archive_dir, generator, args.base)
    return archive_dir


def simulate(args, layout: DataDir, generator: ArchiveGenerator, mix: list[BenchQuery]) -> dict:
    """The commits of the simulated year, one per hour, and the mix's latency at each checkpoint."""
    batches = hourly_batches(args.hours, args.max_batch, args.seed)
    every = max(1, args.hours // args.checkpoints)
    commits, checkpoints, next_number = [], [], args.base
    began = time.perf_counter()
    for hour, count in enumerate(batches, start=1):
        if count:
            write_archive(layout.store_path, generator, next_number, count)
            next_number += count
        with Store(layout.store_path) as store:
            wall, cpu = time.perf_counter(), cpu_seconds()
            report = update_index(store, layout.index_dir)
            wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
        segments = segment_count(layout.index_dir)
        commits.append({"added": report.added, "wall_s": wall, "cpu_s": cpu, "segments": segments})
        if hour % every == 0 or hour == len(batches):
            latency = mix_latency(layout.root, mix, args.rounds)
            checkpoints.append({"hour": hour, "segments": segments, "docs": report.total, **latency})
            # Kept as it goes: a simulation stopped half-way still shows its first months.
            progress = {"commits": commits, "checkpoints": checkpoints}
            (layout.root / "progress.json").write_text(json.dumps(progress), encoding="utf-8")
            logger.info(
                "hour %d: %d articles, %d segments, p95 %.1f ms; commits so far %.0f s wall (%.0f s elapsed)",
                hour, report.total, segments, latency["p95_ms"], sum(c["wall_s"] for c in commits),
                time.perf_counter() - began,
            )  # fmt: skip
    models = {
        name: size_model(args.base, batches, policy)
        for name, policy in (("tiered", segments_to_merge), ("whoosh_merge_small", whoosh_merge_small))
    }
    return {"batches_total": sum(batches), "commits": commits, "checkpoints": checkpoints, "models": models}


def stopped(layout: DataDir) -> dict:
    """The commits and checkpoints a simulation stopped half-way kept, its last articles indexed."""
    progress = json.loads((layout.root / "progress.json").read_text(encoding="utf-8"))
    with Store(layout.store_path) as store:
        update_index(store, layout.index_dir)
    commits = progress["commits"]
    return {
        "hours": len(commits),
        "stopped": True,
        "batches_total": sum(c["added"] for c in commits),
        "commits": commits,
        "checkpoints": progress["checkpoints"],
    }


def against_rebuild(args, layout: DataDir, mix: list[BenchQuery]) -> dict:
    """The same articles rebuilt from scratch beside the updated index: p50/p95 of the mix on each in
    alternating rounds (a busy machine slows both alike), and the queries whose totals differ."""
    fresh = DataDir(args.work_dir / f"hourly-{args.base}-rebuilt")
    if fresh.root.exists():
        shutil.rmtree(fresh.root)
    fresh.root.mkdir(parents=True)
    shutil.copy(layout.store_path, fresh.store_path)
    with Store(fresh.store_path) as store:
        wall, cpu = time.perf_counter(), cpu_seconds()
        update_index(store, fresh.index_dir, rebuild=True)
        rebuild = {"wall_s": time.perf_counter() - wall, "cpu_s": cpu_seconds() - cpu}
    folders = {"updated": layout, "rebuilt": fresh}
    walls: dict[str, list[float]] = {"updated": [], "rebuilt": []}
    cpus: dict[str, list[float]] = {"updated": [], "rebuilt": []}
    totals = {name: run_mix(folder.root, mix)[2] for name, folder in folders.items()}  # opens, warms
    for _ in range(args.final_rounds):
        for name, folder in folders.items():
            round_walls, round_cpus, _ = run_mix(folder.root, mix)
            walls[name] += round_walls
            cpus[name] += round_cpus
    result: dict = {
        name: {
            **latency(walls[name], cpus[name]),
            "segments": segment_count(folder.index_dir),
            "index_mib": folder_mib(folder.index_dir),
        }
        for name, folder in folders.items()
    }
    result["rebuild"] = rebuild
    result["p95_ratio"] = result["updated"]["p95_ms"] / result["rebuilt"]["p95_ms"]
    result["cpu_p95_ratio"] = result["updated"]["cpu_p95_ms"] / result["rebuilt"]["cpu_p95_ms"]
    result["differing_totals"] = sorted(
        q for q in totals["updated"] if totals["updated"][q] != totals["rebuilt"][q]
    )
    return result


def draw(result: dict, path: Path) -> None:
    """Segments after each commit and the mix's p95 at each checkpoint over the simulated year."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    commits, checkpoints = result["commits"], result["checkpoints"]
    figure, (top, bottom) = pyplot.subplots(2, 1, figsize=(9, 6), sharex=True)
    top.plot(range(1, len(commits) + 1), [c["segments"] for c in commits], linewidth=0.8)
    top.set_ylabel("segments")
    top.set_title(
        f"{len(commits)} hourly commits on a {result['base']:,}-article index "
        f"(0–{result['max_batch']} articles each, {result['batches_total']:,} in all)"
    )
    # CPU ms: on a machine shared with other work, wall times follow its load more than the index.
    hours = [c["hour"] for c in checkpoints]
    bottom.plot(hours, [c["cpu_p95_ms"] for c in checkpoints], marker="o", label="updated index")
    final = result["final"]
    bottom.axhline(final["rebuilt"]["cpu_p95_ms"], color="green", linestyle="--", label="fresh rebuild (end)")
    bottom.axhline(final["rebuilt"]["cpu_p95_ms"] * 1.2, color="red", linestyle=":", label="rebuild + 20%")
    bottom.plot(
        [len(commits)], [final["updated"]["cpu_p95_ms"]], marker="s", color="black", label="updated (end)"
    )
    bottom.set_ylabel("query mix p95, CPU ms")
    bottom.set_xlabel("hour of the simulated year")
    bottom.legend(loc="upper left")
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    pyplot.close(figure)


def summary(result: dict) -> dict:
    commits = result["commits"]
    walls = sorted(c["wall_s"] for c in commits)
    return {
        "commit_wall_s": sum(walls),
        "commit_cpu_s": sum(c["cpu_s"] for c in commits),
        "commit_p50_s": percentile(walls, 50),
        "commit_p99_s": percentile(walls, 99),
        "commit_max_s": walls[-1],
        "segments_max": max(c["segments"] for c in commits),
        "segments_end": commits[-1]["segments"],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.hourly_updates", description=__doc__)
    parser.add_argument("--base", type=int, default=10_000, help="articles in the index before the year")
    parser.add_argument("--hours", type=int, default=HOURS_IN_A_YEAR, help="commits, one per hour")
    parser.add_argument("--max-batch", type=int, default=4, help="most articles one hour brings")
    parser.add_argument("--checkpoints", type=int, default=12, help="query mix runs over the year")
    parser.add_argument("--rounds", type=int, default=3, help="warm rounds of the mix at a checkpoint")
    parser.add_argument("--final-rounds", type=int, default=10, help="rounds on each index at the end")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--work-dir", type=Path, default=BENCH_DIR / "work")
    parser.add_argument("--results-dir", type=Path, default=BENCH_DIR / "results")
    parser.add_argument("--label", default="hourly-updates")
    parser.add_argument(
        "--finish", action="store_true", help="compare what a stopped simulation left with a rebuild"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    vocab = build_vocabulary(tail_lemmas=DICTIONARY_LEMMA_LIMIT)
    generator = ArchiveGenerator(vocab, args.seed)
    mix = query_mix(vocab)
    started = datetime.now(UTC)
    result = {"started": started.isoformat(timespec="seconds"), "base": args.base, "hours": args.hours}
    result.update({"max_batch": args.max_batch, "seed": args.seed, "loadavg_start": os.getloadavg()})
    if args.finish:
        layout = DataDir(args.work_dir / f"hourly-{args.base}")
        result.update(stopped(layout))
    else:
        layout = prepare(args, generator)
        result.update(simulate(args, layout, generator, mix))
    result["final"] = against_rebuild(args, layout, mix)
    result["summary"] = summary(result)
    result["loadavg_end"] = os.getloadavg()
    args.results_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{started.strftime('%Y-%m-%dT%H%M%S%z')}-{args.label}"
    (args.results_dir / f"{stem}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    draw(result, args.results_dir / f"{stem}.png")
    final = result["final"]
    ratios = {key: final[key] for key in ("p95_ratio", "cpu_p95_ratio")}
    print(json.dumps({**result["summary"], **ratios}, indent=1))
    print(f"results in {args.results_dir / stem}.json and .png")


if __name__ == "__main__":
    main()
