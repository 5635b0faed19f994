"""Prints the foreign set's score: our extraction and trafilatura alone, per page and as mean F1."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.foreign.scorer import DEFAULT_PAGES_DIR, score  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--pages", type=Path, default=DEFAULT_PAGES_DIR, help="folder of NAME.html + NAME.toml"
    )
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--worst", type=int, default=5, help="how many of our worst pages to list")
    args = parser.parse_args()
    started = time.perf_counter()
    report = score(args.pages)
    elapsed = time.perf_counter() - started
    if args.format == "json":
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"foreign set: {len(report.results)} pages in {args.pages} (words found / words expected)")
    print(report.table())
    print(f"scored in {elapsed:.1f} s")
    print("\nworst pages against trafilatura (our F1 - theirs):")
    for result in report.worst(args.worst):
        print(f"  {result.gain:+.3f}  {result.case.name}")
    for result in report.results:
        problems = [f"missing: {m!r}" for m in result.missing] + [
            f"leftover: {m!r}" for m in result.leftovers
        ]
        if result.error or problems:
            print(f"\n{result.case.name} ({result.case.url})")
            for problem in [f"no article: {result.error}"] if result.error else problems:
                print(f"  {problem}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
