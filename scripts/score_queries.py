"""Score the judged query set (bench/judged/queries.toml) over the replica: recall and must-not hits per kind.

Usage: .venv/bin/python scripts/score_queries.py [--queries FILE]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.judged.scorer import QUERIES_FILE, build_corpus, load_queries, macro_recall, run, table  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, default=QUERIES_FILE)
    args = parser.parse_args()
    queries = load_queries(args.queries)
    with tempfile.TemporaryDirectory(prefix="apknews-judged-") as tmp:
        outcomes = run(build_corpus(Path(tmp)), queries)
    print(table(outcomes))
    bad = sum(len(o.must_not_hits) for o in outcomes)
    return 0 if macro_recall(outcomes) >= 0.95 and bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
