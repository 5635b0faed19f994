"""Extraction of large pages, ours against `trafilatura.extract` alone, paired: the two interleaved
over the same pages in the same process, several rounds, medians of CPU time (wall time is noisy on
a shared machine); and both texts scored against the expected article.

Usage: .venv/bin/python -m bench.large_extraction [--rounds 5] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time

import trafilatura

from archive.extract import ExtractionError, extract_article
from archive.sources import stub_source
from bench.foreign.scorer import FETCHED_AT, overlap
from bench.large_pages import large_pages


def _ours(page) -> str:
    source = stub_source("foreign", page.case.url)
    try:
        return extract_article(page.body, url=page.case.url, source=source, fetched_at=FETCHED_AT).text
    except ExtractionError:
        return ""


def _theirs(page) -> str:
    return trafilatura.extract(page.body) or ""


def _timed(function, page) -> tuple[float, float, str]:
    """(CPU seconds, wall seconds, text) of one extraction."""
    cpu, wall = time.process_time(), time.perf_counter()
    text = function(page)
    return time.process_time() - cpu, time.perf_counter() - wall, text


def measure(rounds: int = 5, seed: int = 1) -> dict:
    """Pages/s of ours and of trafilatura per round (CPU and wall), their medians and ratio, and F1."""
    pages = large_pages()
    for page in pages[:3]:  # models and caches loaded before the clock runs
        _ours(page), _theirs(page)
    order = random.Random(seed)
    per_round = []
    texts: dict[str, tuple[str, str]] = {}
    for number in range(rounds):
        shuffled = pages[:]
        order.shuffle(shuffled)
        totals = {"ours": [0.0, 0.0], "trafilatura": [0.0, 0.0]}
        for index, page in enumerate(shuffled):
            pair = [("ours", _ours), ("trafilatura", _theirs)]
            for who, function in pair if (index + number) % 2 else pair[::-1]:  # who goes first alternates
                cpu, wall, text = _timed(function, page)
                totals[who][0] += cpu
                totals[who][1] += wall
                texts.setdefault(page.case.name, ("", ""))
                ours, theirs = texts[page.case.name]
                texts[page.case.name] = (text, theirs) if who == "ours" else (ours, text)
        per_round.append({who: {"cpu_pages_per_s": len(pages) / c, "wall_pages_per_s": len(pages) / w}
                          for who, (c, w) in totals.items()})  # fmt: skip
    return _summary(pages, per_round, texts)


def _summary(pages, per_round: list[dict], texts: dict) -> dict:
    def median(who: str, key: str) -> float:
        return statistics.median(r[who][key] for r in per_round)

    result = {"pages": len(pages), "bytes": sorted(len(p.body) for p in pages), "rounds": per_round}
    for key in ("cpu_pages_per_s", "wall_pages_per_s"):
        ours, theirs = median("ours", key), median("trafilatura", key)
        result[key] = {"ours": ours, "trafilatura": theirs, "ratio": ours / theirs}
    result["round_ratios_cpu"] = [
        r["ours"]["cpu_pages_per_s"] / r["trafilatura"]["cpu_pages_per_s"] for r in per_round
    ]
    f1 = {"ours": [], "trafilatura": []}
    for page in pages:
        ours, theirs = texts[page.case.name]
        f1["ours"].append(overlap(ours, page.case.text).f1)
        f1["trafilatura"].append(overlap(theirs, page.case.text).f1)
    result["mean_f1"] = {who: sum(values) / len(values) for who, values in f1.items()}
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", help="write the whole result here too")
    args = parser.parse_args()
    result = measure(args.rounds)
    sizes = result["bytes"]
    print(
        f"{result['pages']} pages, {sizes[0] // 1000}–{sizes[-1] // 1000} KB, {args.rounds} rounds, medians"
    )
    for key, label in (("cpu_pages_per_s", "CPU"), ("wall_pages_per_s", "wall")):
        r = result[key]
        ours, theirs = f"ours {r['ours']:.1f} pages/s", f"trafilatura {r['trafilatura']:.1f} pages/s"
        print(f"  {label:4}: {ours}, {theirs}, ratio {r['ratio']:.2f}")
    print("  ratio per round (CPU): " + " ".join(f"{x:.2f}" for x in result["round_ratios_cpu"]))
    f1 = result["mean_f1"]
    print(f"  mean F1 against the expected text: ours {f1['ours']:.3f}, trafilatura {f1['trafilatura']:.3f}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(result, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
