"""The benchmark's results as one table for the terminal (ratios to FTS5) and a JSON file."""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

GOALS = {
    "extraction": "≥ 60 pages/s",
    "rebuild_100k_s": "≤ 180 s",
    "rebuild_peak": "≤ 1024 MiB",
    "p50": "≤ 10 ms",
    "p95": "≤ 50 ms",
    "startup": "≤ 250 ms",
}
# The goals of the largest archives, by size label: rebuild wall, its peak, warm p50/p95, first-run p95.
SIZE_GOALS = {
    "100k": {"wall": GOALS["rebuild_100k_s"], "peak": GOALS["rebuild_peak"], "warm": GOALS},
    "1M": {"wall": "≤ 1500 s", "peak": "≤ 2048 MiB", "warm": GOALS, "reopened": {"p95": "≤ 200 ms"}},
}


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (pct in 0..100) of `values`."""
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


def latency(queries: dict, warm: bool, key: str = "warm_ms") -> dict[str, float] | None:
    if warm:
        samples = [ms for entry in queries.values() for ms in entry.get(key, [])]
    else:
        samples = [entry["reopened_ms"] for entry in queries.values()]
    if not samples:
        return None
    return {f"p{p}": percentile(samples, p) for p in (50, 95, 99)}


def _ratio(ours: float | None, theirs: float | None) -> str:
    if ours is None or not theirs:
        return "—"
    return f"{ours / theirs:.2f}"


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _size(n: int) -> str:
    if n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


@dataclass
class Row:
    name: str
    ours: float | None
    theirs: float | None = None  # FTS5's figure for the same measure
    digits: int = 1
    goal: str = ""
    note: str = ""  # instead of figures: why the measure was not taken


def _rows(results: dict) -> list[Row]:
    rows: list[Row] = []

    def add(name: str, ours, theirs=None, digits: int = 1, goal: str = "") -> None:
        rows.append(Row(name, ours, theirs, digits, goal))

    ext = results["extraction"]
    add("extraction, 1 process: pages/s", ext["1"]["pages_per_s"], goal=GOALS["extraction"])
    if "pages_per_cpu_s" in ext["1"]:
        add("extraction, 1 process: pages per CPU s", ext["1"]["pages_per_cpu_s"])
    if "2" in ext:
        add("extraction, 2 processes: pages/s each (min)", min(r["pages_per_s"] for r in ext["2"]))
    rows.extend(_large_page_rows(results.get("large_extraction")))
    rows.extend(_startup_rows(results.get("startup")))
    for size_key, size in results["sizes"].items():
        label = _size(int(size_key))
        goals = SIZE_GOALS.get(label, {})
        rows.extend(_archive_rows(label, size.get("archive", {})))
        # A run stopped halfway (its results are saved after every step) lacks the later figures.
        fts = size.get("fts5_build") or {}
        for procs, run in size.get("rebuild", {}).items():
            name = f"rebuild {label}, {procs} proc"
            if "skipped" in run:
                rows.append(Row(f"{name}: not run", None, note=run["skipped"]))
                continue
            add(f"{name}: wall s", run["seconds"], fts.get("seconds"), goal=goals.get("wall", ""))
            if "cpu_s" in run:
                add(f"{name}: CPU s", run["cpu_s"], fts.get("cpu_s"))
            add(f"{name}: docs/s", run["docs_per_s"], fts.get("docs_per_s"), digits=0)
            add(
                f"{name}: peak RSS MiB",
                run["peak_mib"],
                fts.get("peak_mib"),
                0,
                goals.get("peak", ""),
            )
        if "index_mib" in size:
            add(f"index size {label} (MiB)", size["index_mib"], fts.get("index_mib"), digits=0)
        inc = size.get("incremental")
        if inc:
            add(f"incremental +{inc['docs']} to {label}: wall s", inc["seconds"], inc["fts5"]["seconds"], 2)
        rows.extend(_hostile_rows(label, size.get("hostile")))
        for state, warm, key in (("warm", True, "warm_ms"), ("warm CPU", True, "warm_cpu_ms"),
                                 ("reopened", False, "")):  # fmt: skip
            queries = size.get("queries", {})
            if "whoosh" not in queries:
                continue
            ours = latency(queries["whoosh"], warm, key)
            theirs = latency(queries["fts5"], warm, key) if "fts5" in queries else None
            if ours is None:
                continue
            for p in ("p50", "p95", "p99"):
                add(
                    f"query {label} {state} {p} ms",
                    ours[p],
                    theirs[p] if theirs else None,
                    goal=goals.get("warm" if warm else state, {}).get(p, "") if key != "warm_cpu_ms" else "",
                )
    return rows


def _archive_rows(label: str, archive: dict) -> list[Row]:
    """How long generating the archive took, in this run or (reused) when it was made."""
    made = archive if archive.get("generated") else archive.get("earlier")
    if not made or "cpu_s" not in made:
        return []
    name = f"archive {label} generated, {made.get('procs', 1)} proc"
    return [Row(f"{name}: wall s", made["seconds"]), Row(f"{name}: CPU s", made["cpu_s"])]


def _large_page_rows(large: dict | None) -> list[Row]:
    """Ours beside trafilatura.extract alone (in the FTS5 column), paired over the same large pages."""
    if not large:
        return []
    name = f"large pages ({large['pages']}, 50–300 KB) vs trafilatura.extract"
    cpu, wall, f1 = large["cpu_pages_per_s"], large["wall_pages_per_s"], large["mean_f1"]
    return [
        Row(f"{name}: pages per CPU s", cpu["ours"], cpu["trafilatura"], goal="ratio ≥ 1.0"),
        Row(f"{name}: pages/s", wall["ours"], wall["trafilatura"]),
        Row(f"{name}: mean F1", f1["ours"], f1["trafilatura"], digits=3),
    ]


def _hostile_rows(label: str, hostile: dict | None) -> list[Row]:
    """The slowest of the hostile queries (bench/hostile.py): their max and p95, warm and first run."""
    if not hostile or not hostile.get("queries"):
        return []
    entries = hostile["queries"].values()
    warm = [ms for entry in entries for ms in entry["warm_ms"]]
    first = [entry["reopened_ms"] for entry in entries]
    name = f"hostile queries {label} ({len(first)})"
    return [
        Row(f"{name}: warm max ms", max(warm), goal="≤ 1000 ms"),
        Row(f"{name}: warm p95 ms", percentile(warm, 95)),
        Row(f"{name}: first run max ms", max(first), goal="≤ 1000 ms"),
        Row(f"{name}: first run p95 ms", percentile(first, 95)),
    ]


def _startup_rows(startup: dict | None) -> list[Row]:
    """`apknews search` from a fresh process to its answer (runs before this measure have none)."""
    if not startup:
        return []
    name = f"`apknews search` {_size(startup['archive'])}, median of {startup['runs']}"
    return [
        Row(f"{name}: wall ms", startup["median_ms"], digits=0, goal=GOALS["startup"]),
        Row(f"{name}: CPU ms", startup["cpu_median_ms"], digits=0),
    ]


def table(results: dict, baseline: dict | None = None) -> str:
    """The table printed at the end of `make bench`; ratio = apknews ÷ FTS5 for every figure.

    With a `baseline` (the results of an earlier run), its figure for each measure stands beside
    ours, and "change" is ours ÷ before (below 1 is less time, or fewer pages/s).
    """
    rows = _rows(results)
    before = {row.name: row.ours for row in _rows(baseline)} if baseline else {}
    header = ["measure", "apknews", "FTS5", "ratio", "goal"]
    if baseline:
        header[2:2] = ["before", "change"]

    def cells(row: Row) -> list[str]:
        if row.note:
            out = [f"{row.name} ({row.note})", "n/a", "", "", ""]
        else:
            theirs = row.theirs is not None
            out = [
                row.name,
                _fmt(row.ours, row.digits),
                _fmt(row.theirs, row.digits) if theirs else "",
                _ratio(row.ours, row.theirs) if theirs else "",
                row.goal,
            ]
        if baseline:
            old = before.get(row.name)
            shown = _fmt(old, row.digits) if old is not None else ""
            out[2:2] = [shown, _ratio(row.ours, old) if old else ""]
        return out

    table_rows = [cells(row) for row in rows]
    widths = [max(len(r[i]) for r in [header, *table_rows]) for i in range(len(header))]

    def line(cells) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    notes = []
    if baseline:
        notes.append(f"before: {baseline.get('label', '?')} run of {baseline.get('started', '?')}")
    if results.get("large_extraction"):
        notes.append("large pages: the FTS5 column is trafilatura.extract alone, interleaved in one process")
    for size_key, size in results["sizes"].items():
        if "fts5_build" not in size:
            continue
        procs = size["fts5_build"].get("procs", 1)
        notes.append(f"FTS5 {_size(int(size_key))}: analysis in {procs} process(es), one SQLite writer")
        failed = size.get("failed_queries", {})
        for engine, names in failed.items():
            for name, error in names.items():
                notes.append(f"{engine} {_size(int(size_key))}: query {name!r} failed: {error[:100]}")
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, table_rows), "", *notes])


def slowest(results: dict, count: int = 6) -> str:
    """The slowest queries of the largest archive (warm medians): where p95 comes from."""
    size_key = max(results["sizes"], key=int)
    queries = results["sizes"][size_key]["queries"]
    fts = queries.get("fts5", {})
    ranked = sorted(queries["whoosh"].items(), key=lambda kv: -kv[1]["warm_median_ms"])[:count]
    lines = [f"slowest queries at {_size(int(size_key))} (warm median ms, FTS5 ms, hits):"]
    for name, entry in ranked:
        theirs = fts[name]["warm_median_ms"] if name in fts else float("nan")
        ours = entry["warm_median_ms"]
        lines.append(f"  {name:<18} {ours:8.1f} {theirs:8.1f} {entry['total']:>8}  {entry['text'][:60]}")
    return "\n".join(lines)


def write(results: dict, directory: Path, label: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{results['started'].replace(':', '')}-{label}.json"
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def load_results(label: str, **facts) -> dict:
    """The head of a load bench's results: when, its label, `facts` (what it measures), the
    machine's CPUs and load before the first run (the runs fill in the rest)."""
    started = datetime.now(UTC).isoformat(timespec="seconds")
    return {
        "started": started,
        "label": label,
        **facts,
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg(),
    }


def finish_load_results(results: dict, directory: Path, label: str) -> Path:
    """The machine's load after the runs added, the results written; says where."""
    results["load_after"] = os.getloadavg()
    path = write(results, directory, label)
    print(f"results in {path}")
    return path
