"""`python -m bench` (make bench): generate the archives, measure everything, print the table, save JSON."""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from archive.settings import DataDir
from archive.store import Store
from bench import growth, report
from bench.archive import DEFAULT_SEED, GENERATOR_VERSION, ArchiveGenerator, write_archive
from bench.hostile import hostile_mix
from bench.hostile import slowest as hostile_slowest
from bench.queries import query_mix
from bench.startup import measure_startup
from bench.vocabulary import DICTIONARY_LEMMA_LIMIT, build_vocabulary
from bench.worker import cpu_seconds, dump_query, folder_mib
from bench.worker_process import run_worker

logger = logging.getLogger("bench")

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
INCREMENTAL_COUNT = 1000
HOSTILE_MIX = "hostile-mix.json"  # beside the query mix in the work folder
GENERATION_FILE = "bench-generation.json"  # beside the archive: how long making it took
# Store, FTS5 table, index and the rebuild's new index beside the old one (about 5+5+9+9 KiB at 100k).
DISK_KIB_PER_ARTICLE = 30


def ensure_archive(data_dir: Path, generator: ArchiveGenerator, size: int, procs: int = 2) -> dict:
    """The store of `size` synthetic articles, generated (by `procs` processes: the same store)
    unless an identical one is already there."""
    stamp = {
        "generator": GENERATOR_VERSION,
        "seed": generator.seed,
        "size": size,
        "vocabulary": generator.vocab.fingerprint(),
    }
    stamp_file = data_dir / "bench-archive.json"
    layout = DataDir(data_dir)
    generation_file = data_dir / GENERATION_FILE
    if stamp_file.exists() and json.loads(stamp_file.read_text()) == stamp and layout.store_path.exists():
        with Store(layout.store_path) as store:
            if store.count() == size:
                logger.info("reusing the %d-article archive in %s", size, data_dir)
                earlier = json.loads(generation_file.read_text()) if generation_file.exists() else None
                return {"generated": False, "seconds": 0.0, "earlier": earlier}
    if data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    logger.info("generating %d articles into %s", size, data_dir)
    start, cpu = time.perf_counter(), cpu_seconds()
    write_archive(layout.store_path, generator, 0, size, procs=procs)
    record = {
        "generated": True,
        "seconds": time.perf_counter() - start,
        "cpu_s": cpu_seconds() - cpu,
        "store_mib": layout.store_path.stat().st_size / 2**20,
        "loadavg": os.getloadavg(),
        "procs": procs,
    }
    # A reused archive still reports how long it took to make (a 1M one takes a quarter of an hour).
    generation_file.write_text(json.dumps(record))
    stamp_file.write_text(json.dumps(stamp))
    return record


def warn_of_disk(work_dir: Path, sizes: list[int]) -> None:
    """Say so at the start when the archives will not fit: a 1M one fills the disk hours later."""
    present = sum(
        folder_mib(work_dir / f"archive-{size}") for size in sizes if (work_dir / f"archive-{size}").exists()
    )
    need_mib = sum(sizes) * DISK_KIB_PER_ARTICLE / 1024 - present
    free_mib = shutil.disk_usage(work_dir).free / 2**20
    if need_mib > free_mib:
        logger.warning(
            "the archives need about %.0f GiB more in %s; %.0f GiB free",
            need_mib / 1024,
            work_dir,
            free_mib / 1024,
        )


def measure_extraction(seconds: float) -> dict:
    logger.info("extraction: 1 process, then 2 at once")
    one = run_worker("extraction", "--seconds", str(seconds))
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "bench.worker", "extraction", "--seconds", str(seconds)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    two = [json.loads(p.communicate()[0]) for p in procs]
    return {"1": one, "2": two}


def measure_large_extraction(rounds: int, work_dir: Path) -> dict:
    """Large pages, ours and trafilatura.extract paired in one fresh process (bench/large_extraction.py)."""
    logger.info("extraction of large pages: ours and trafilatura.extract, %d rounds", rounds)
    out = work_dir / "large-extraction.json"
    subprocess.run(
        [sys.executable, "-m", "bench.large_extraction", "--rounds", str(rounds), "--json", str(out)],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return json.loads(out.read_text(encoding="utf-8"))


def measure_size(data_dir: Path, size: int, args, mix_file: Path, result: dict) -> None:
    """Fill `result` with the figures of one archive size; args.checkpoint() saves them after each step."""
    dd = str(data_dir)
    result.update(archive=ensure_archive(data_dir, args.generator, size, max(args.procs)), rebuild={})
    args.checkpoint()
    # Ours first, then FTS5's: a long run stopped halfway has apknews's figures at least.
    # Every writer setting on the smaller archives; on the largest only the default (the last),
    # unless --full: a 100k rebuild takes minutes.
    procs_list = (
        args.procs if size < max(args.sizes) or args.full or len(args.sizes) == 1 else args.procs[-1:]
    )
    for procs in procs_list:
        logger.info("%d: rebuild with %d process(es)", size, procs)
        result["rebuild"][str(procs)] = run_worker("rebuild", "--data-dir", dd, "--procs", str(procs))
        args.checkpoint()
    result["index_mib"] = folder_mib(DataDir(data_dir).index_dir)
    result["queries"], result["failed_queries"] = {}, {}
    for engine in ("whoosh", "fts5"):
        if engine == "fts5":
            logger.info("%d: FTS5 build", size)
            result["fts5_build"] = run_worker("fts-build", "--data-dir", dd, "--procs", str(max(args.procs)))
            args.checkpoint()
        logger.info("%d: query mix on %s", size, engine)
        out = run_worker(
            "queries", "--data-dir", dd, "--engine", engine, "--mix", str(mix_file),
            "--rounds", str(args.rounds), "--budget", str(args.query_seconds),
        )  # fmt: skip
        result["queries"][engine], result["failed_queries"][engine] = out["queries"], out["failed"]
        args.checkpoint()
    logger.info("%d: hostile queries", size)
    result["hostile"] = run_worker(
        "queries", "--data-dir", dd, "--engine", "whoosh", "--mix", str(mix_file.with_name(HOSTILE_MIX)),
        "--rounds", str(args.rounds), "--budget", str(args.query_seconds),
    )  # fmt: skip
    if size == max(args.sizes) and args.incremental:
        copy = data_dir.with_name(data_dir.name + "-incremental")
        if copy.exists():
            shutil.rmtree(copy)
        shutil.copytree(data_dir, copy)
        logger.info("%d: incremental +%d", size, args.incremental)
        result["incremental"] = run_worker(
            "incremental", "--data-dir", str(copy), "--start", str(size), "--count", str(args.incremental),
            "--seed", str(args.seed), "--tail-lemmas", str(args.tail_lemmas),
        )  # fmt: skip
        shutil.rmtree(copy)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--sizes", default="10000,100000", help="archive sizes, comma-separated")
    parser.add_argument("--procs", default="1,2", help="writer processes to rebuild with, comma-separated")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--rounds", type=int, default=5, help="warm repetitions of the query mix")
    parser.add_argument(
        "--query-seconds",
        type=float,
        default=150.0,
        help="stop warm rounds (after one) past this many seconds",
    )
    parser.add_argument(
        "--full", action="store_true", help="rebuild the largest archive with every --procs too"
    )
    parser.add_argument("--extraction-seconds", type=float, default=5.0)
    parser.add_argument("--large-rounds", type=int, default=5, help="rounds over the large pages, 0: none")
    parser.add_argument("--work-dir", type=Path, default=BENCH_DIR / "work", help="archives and indexes")
    parser.add_argument("--results-dir", type=Path, default=BENCH_DIR / "results")
    parser.add_argument("--label", default="run", help="name of the results file")
    parser.add_argument("--incremental", type=int, default=INCREMENTAL_COUNT, help="articles added, 0: none")
    parser.add_argument(
        "--tail-lemmas", type=int, default=DICTIONARY_LEMMA_LIMIT, help="dictionary lemmas in the word tail"
    )
    parser.add_argument(
        "--baseline", type=Path, help="results JSON of an earlier run, shown beside this one's figures"
    )
    parser.add_argument(
        "--show", type=Path, metavar="RESULTS", help="print the table of saved results; measure nothing"
    )
    args = parser.parse_args(argv)
    baseline = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline else None
    if args.show:
        shown = json.loads(args.show.read_text(encoding="utf-8"))
        print(report.table(shown, baseline))
        if growth.growth(shown):
            print()
            print(growth.table(shown))
        return
    args.sizes = [int(s) for s in args.sizes.split(",")]
    args.procs = [int(p) for p in args.procs.split(",")]
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    began = time.perf_counter()

    vocab = build_vocabulary(tail_lemmas=args.tail_lemmas)
    args.generator = ArchiveGenerator(vocab, args.seed)
    mix = query_mix(vocab)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    warn_of_disk(args.work_dir, args.sizes)
    mix_file = args.work_dir / "query-mix.json"
    mix_file.write_text(json.dumps([dump_query(q) for q in mix], ensure_ascii=False, indent=1))
    hostile = [dump_query(q) for q in hostile_mix()]
    mix_file.with_name(HOSTILE_MIX).write_text(json.dumps(hostile, ensure_ascii=False, indent=1))

    results: dict = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "label": args.label,
        "seed": args.seed,
        "generator": GENERATOR_VERSION,
        # The replica texts feed the vocabulary: when they change, so does the archive.
        "vocabulary": vocab.fingerprint(),
        "query_mix": [dump_query(q) for q in mix],
        "extraction": measure_extraction(args.extraction_seconds),
        "sizes": {},
    }
    if args.large_rounds:
        results["large_extraction"] = measure_large_extraction(args.large_rounds, args.work_dir)
    # Saved after every step: a long run (1M articles) stopped halfway keeps what it measured.
    args.checkpoint = lambda: report.write(results, args.results_dir, args.label)
    for size in args.sizes:
        results["sizes"][str(size)] = {}
        measure_size(args.work_dir / f"archive-{size}", size, args, mix_file, results["sizes"][str(size)])
    smallest = min(args.sizes)
    logger.info("start-up: apknews search on the %d-article archive", smallest)
    results["startup"] = {
        "archive": smallest,
        **measure_startup(args.work_dir / f"archive-{smallest}", args.work_dir / "pycache"),
    }
    results["seconds"] = time.perf_counter() - began
    results["growth"] = growth.growth(results)
    path = report.write(results, args.results_dir, args.label)
    print()
    print(report.table(results, baseline))
    if results["growth"]:
        print()
        print(growth.table(results))
    print()
    print(report.slowest(results))
    print()
    print(hostile_slowest(results))
    print(f"\n{args.label}: {results['seconds'] / 60:.1f} min; results in {path}")


if __name__ == "__main__":
    main()
