"""Prints the gold set's accuracy per field and per source, then every page that is not all right."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gold.scorer import DEFAULT_GOLD_DIR, score  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD_DIR, help="folder of NAME.html + NAME.toml")
    parser.add_argument(
        "--sources", type=Path, default=None, help="sources file (default config/sources.toml)"
    )
    args = parser.parse_args()
    started = time.perf_counter()
    report = score(args.gold, args.sources)
    elapsed = time.perf_counter() - started
    print(f"gold set: {len(report.results)} pages in {args.gold}")
    print(report.table())
    print(f"extraction: {len(report.results) / elapsed:.0f} pages/s (one pass, model loading included)")
    failures = [r for r in report.results if r.wrong()]
    for result in failures:
        print(f"\n{result.case.name} ({result.case.url})")
        for problem in result.wrong():
            print(f"  {problem}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
