"""Prints how reposts and translations link on bench/links' pair sets: recall, precision, each pair."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.links.scorer import report, score_reposts, score_translations  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--format", choices=("table", "json"), default="table")
    args = parser.parse_args()
    scores = [score_reposts(), score_translations()]
    if args.format == "json":
        figures = {
            s.kind: {
                "recall": round(s.recall, 4),
                "precision": round(s.precision, 4),
                "must_link": len(s.must_link),
                "linked": len(s.linked),
                "must_not_linked": len(s.must_not_linked()),
                "missed": sorted(sorted(p) for p in s.missed),
                "false": sorted(sorted(p) for p in s.false),
            }
            for s in scores
        }
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    print(report(scores))
    return 0 if all(s.recall == 1 and s.precision == 1 for s in scores) else 1


if __name__ == "__main__":
    sys.exit(main())
