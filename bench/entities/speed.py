"""`python -m bench.entities.speed`: how fast Russian articles get their people and organisations.

One process on one core (BLAS held to one thread): the models' load, then russian_entities (NER,
morphology, nominative names) over the judged corpus's Russian articles, repeated to `--articles`,
in the batches the crawl uses; and the places of every article. Articles per second are counted
in the process's CPU time (per core) and in wall-clock time; again for the long articles alone.
Prints a table, saves JSON in bench/results.
"""

from __future__ import annotations

import os

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"  # per core: set before numpy loads

import argparse  # noqa: E402
import json  # noqa: E402
import time  # noqa: E402
from datetime import UTC, datetime  # noqa: E402
from pathlib import Path  # noqa: E402

from archive.entities.regions import ArticlePlaces, place_entities  # noqa: E402
from archive.entities.russian import _loaded, russian_entities  # noqa: E402
from bench.judged.articles import corpus  # noqa: E402

RESULTS_DIR = Path(__file__).resolve().parent.parent / "results"


LONG_CHARS = 2000  # a full news story, as the longer of the corpus's articles are


def measure(articles: int, rounds: int, min_chars: int = 0) -> dict:
    russian = [f"{a.title}\n{a.text}" for a in corpus() if a.lang == "ru"]
    russian = [text for text in russian if len(text) >= min_chars]
    texts = (russian * (articles // len(russian) + 1))[:articles]
    started = time.perf_counter()
    _loaded()
    load = time.perf_counter() - started
    russian_entities(texts[:64])  # warm: pymorphy3's caches as a crawl's second batch has them
    best, best_cpu = float("inf"), float("inf")
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        found = russian_entities(texts)
        best = min(best, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
    started = time.perf_counter()
    for text in texts:
        title, _, body = text.partition("\n")
        place_entities(ArticlePlaces(title, body))
    places = time.perf_counter() - started
    return {
        "articles": len(texts),
        "mean_chars": round(sum(map(len, texts)) / len(texts)),
        "model_load_s": round(load, 3),
        "ner_seconds": round(best, 3),
        "ner_cpu_seconds": round(best_cpu, 3),
        # per core: articles per second of this process's own CPU time (one BLAS thread), which
        # other work on the machine does not change; the wall-clock rate beside it does
        "ner_articles_per_cpu_s": round(len(texts) / best_cpu, 1),
        "ner_articles_per_s": round(len(texts) / best, 1),
        "ner_chars_per_cpu_s": round(sum(map(len, texts)) / best_cpu),
        "load_average": os.getloadavg()[0],
        "entities_found": sum(map(len, found)),
        "places_articles_per_s": round(len(texts) / places, 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.entities.speed", description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3, help="the best of this many runs counts")
    parser.add_argument("--label", default="entities")
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR)
    args = parser.parse_args(argv)
    results = {"started": datetime.now(UTC).isoformat(timespec="seconds"), "label": args.label}
    results["russian"] = measure(args.articles, args.rounds)
    results["russian_long"] = measure(args.articles // 4, args.rounds, LONG_CHARS)
    args.results_dir.mkdir(parents=True, exist_ok=True)
    path = args.results_dir / f"{results['started'].replace(':', '')}-{args.label}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    for key, value in results["russian"].items():
        print(f"{key:24} {value:>14} {results['russian_long'][key]:>14}")
    print(f"saved {path}")


if __name__ == "__main__":
    main()
