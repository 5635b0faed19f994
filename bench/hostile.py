"""Hostile queries: what a careless or malicious user types, timed as the query mix is (apknews only).

Each must answer (hits, or one QueryError) well under a second on 100k articles; the bench reports
the slowest, it asserts nothing. Every query stays under the web page's 500-character cap.

`python -m bench.hostile` times them and the query mix on an archive `python -m bench` made (no
rebuild): warm rounds, and each query as the first search of a process of its own.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench.queries import BenchQuery
from bench.worker import dump_query
from bench.worker_process import run_worker

ROOT = Path(__file__).resolve().parent.parent
BENCH_WORK = ROOT / "bench" / "work"
KIND = "hostile"
COMMON_WORDS = ("ассамблея", "области", "дружба", "молодежь", "народа", "года", "жастар", "friendship")


def _capped(parts: list[str], joiner: str, limit: int = 500) -> str:
    """As many of `parts` joined as fit in `limit` characters."""
    text = parts[0]
    for part in parts[1:]:
        if len(text) + len(joiner) + len(part) > limit:
            break
        text += joiner + part
    return text


def hostile_mix() -> list[BenchQuery]:
    many_ors = _capped(list(COMMON_WORDS) * 10, " OR ")
    queries = [
        ("prefix ас*", "ас*"),
        ("prefix по*", "по*"),
        ("prefix пр* title", "title:пр*"),
        ("prefix ассамбл*", "ассамбл*"),
        ("8 prefixes", "ас* ка* на* по* со* ме* пр* об*"),
        ("16 prefixes OR", " OR ".join(f"{a}{b}*" for a in "кпсм" for b in "аоре")),
        ("ас* x125", _capped(["ас*"] * 200, " ")),
        ("prefix and words", "по* ассамблея дружба"),
        ("many ORs", many_ors),
        ("deep nesting", "(" * 32 + "ассамблея OR дружба" + ")" * 32),
        ("NOT soup", "ассамблея " + " ".join(f"-{w}" for w in COMMON_WORDS[1:])),
        ("common phrase", '"ассамблеи народа казахстана"'),
        ("common phrases", '"народа казахстана" "в области" "дом дружбы" "года"'),
        ("common phrase ~50", '"ассамблея народа года области"~50'),
        ("phrase of 40", '"' + " ".join(COMMON_WORDS * 5) + '"'),
        ("everything but", "* -ассамблея"),
    ]
    return [BenchQuery(name, KIND, text) for name, text in queries]


def slowest(results: dict, count: int = 5) -> str:
    """The slowest hostile queries of each archive: warm median and first run, ms, and hits."""
    lines = []
    for size_key, size in results["sizes"].items():
        queries = size.get("hostile", {}).get("queries", {})
        ranked = sorted(queries.items(), key=lambda kv: -max(kv[1]["warm_ms"] + [kv[1]["reopened_ms"]]))
        lines.append(
            f"slowest hostile queries at {int(size_key) // 1000}k (warm median, first run ms, hits):"
        )
        for name, entry in ranked[:count]:
            warm, first = entry["warm_median_ms"], entry["reopened_ms"]
            lines.append(f"  {name:<18} {warm:8.1f} {first:8.1f} {entry['total']:>8}  {entry['text'][:50]}")
        for name, error in size.get("hostile", {}).get("failed", {}).items():
            lines.append(f"  {name:<18} refused: {error[:90]}")
    return "\n".join(lines)


def _first_runs(data_dir: Path, mix: list[dict], scratch: Path) -> dict:
    """Each query as the first search of a process of its own (what `apknews search` and a web
    worker's first request pay): wall and CPU ms, and the total."""
    found = {}
    for query in mix:
        one = scratch / "one-query.json"
        one.write_text(json.dumps([query], ensure_ascii=False), encoding="utf-8")
        out = run_worker("queries", "--data-dir", str(data_dir), "--mix", str(one), "--rounds", "1")
        entry = out["queries"].get(query["name"])
        if entry is not None:
            found[query["name"]] = {k: entry[k] for k in ("text", "total", "reopened_ms", "reopened_cpu_ms")}
    return found


def summary(results: dict) -> str:
    """Max and p95 (ms) of the warm medians, of first runs in a process of their own (wall and CPU)."""
    lines = []
    for size_key, size in results["sizes"].items():
        for kind, warm_entries in (
            ("hostile", size["hostile"]["queries"]),
            ("query mix", size["queries"]["whoosh"]),
        ):
            first = size["first_runs"][kind]
            rows = {
                "warm median": [e["warm_median_ms"] for e in warm_entries.values()],
                "first run": [e["reopened_ms"] for e in first.values()],
                "first run CPU": [e["reopened_cpu_ms"] for e in first.values()],
            }
            for name, values in rows.items():
                values = sorted(values)
                p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
                lines.append(
                    f"{int(size_key) // 1000}k {kind:<9} {name:<13} max {values[-1]:7.0f}  p95 {p95:7.0f}"
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.hostile", description=__doc__)
    parser.add_argument(
        "--data-dir", type=Path, default=BENCH_WORK / "archive-100000", help="a bench archive, indexed"
    )
    parser.add_argument("--rounds", type=int, default=5, help="warm repetitions")
    parser.add_argument("--results-dir", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--label", default="hostile-queries")
    args = parser.parse_args(argv)
    mix_file = BENCH_WORK / "query-mix.json"
    if not mix_file.exists():
        raise SystemExit(f"{mix_file} missing: `python -m bench` writes it (with the archives)")
    hostile_file = BENCH_WORK / "hostile-mix.json"
    hostile_file.write_text(json.dumps([dump_query(q) for q in hostile_mix()], ensure_ascii=False, indent=1))
    started = datetime.now(UTC)
    size = json.loads((args.data_dir / "bench-archive.json").read_text())["size"]
    load = [os.getloadavg()]
    measured: dict = {}
    for kind, mix in (("hostile", hostile_file), ("query mix", mix_file)):
        measured[kind] = run_worker(
            "queries", "--data-dir", str(args.data_dir), "--mix", str(mix), "--rounds", str(args.rounds)
        )
        load.append(os.getloadavg())
    with tempfile.TemporaryDirectory() as scratch:
        first = {
            kind: _first_runs(args.data_dir, json.loads(mix.read_text(encoding="utf-8")), Path(scratch))
            for kind, mix in (("hostile", hostile_file), ("query mix", mix_file))
        }
    load.append(os.getloadavg())
    results = {
        "started": started.isoformat(timespec="seconds"),
        "label": args.label,
        "loadavg": load,
        "sizes": {
            str(size): {
                "hostile": measured["hostile"],
                "queries": {"whoosh": measured["query mix"]["queries"]},
                "failed_queries": {"whoosh": measured["query mix"]["failed"]},
                "first_runs": first,
            }
        },
    }
    args.results_dir.mkdir(parents=True, exist_ok=True)
    out = args.results_dir / f"{started.strftime('%Y-%m-%dT%H%M%S%z')}-{args.label}.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(slowest(results))
    print(summary(results))
    print(f"load average {min(min(x) for x in load):.1f}-{max(max(x) for x in load):.1f}; saved {out}")


if __name__ == "__main__":
    main()
