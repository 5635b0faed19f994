"""Prints how entities are found on the hand-marked set (bench/entities/judged.toml): precision and
recall of people and organisations per language for the NER, the gazetteer and both; main region
and city accuracy."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.entities.scorer import JUDGED_FILE, LANGUAGES, SYSTEMS, report, score  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--judged", type=Path, default=JUDGED_FILE)
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--misses", action="store_true", help="also list each article's wrong region")
    args = parser.parse_args()
    scores = score(args.judged)
    if args.format == "json":
        figures = {
            f"{system}/{lang}/{kind}": {
                "precision": round(t.precision, 4),
                "recall": round(t.recall, 4),
                "found": t.found,
                "marked": t.marked,
            }
            for (system, lang, kind), t in sorted(scores.tallies.items())
        }
        figures["regions"] = {f"{lang}/{what}": n for (lang, what), n in sorted(scores.regions.items())}
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    print(report(scores))
    if args.misses:
        print("\n".join(["", *scores.misses]))
    return 0


if __name__ == "__main__":
    assert SYSTEMS and LANGUAGES
    sys.exit(main())
