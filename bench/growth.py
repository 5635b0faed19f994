"""How each figure grows with the archive (10k → 100k → 1M) beside FTS5's; worse than linear is marked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bench.report import latency

WORSE = "!"  # beside a factor larger than the archive's own growth


@dataclass(frozen=True)
class Figure:
    name: str
    ours: Callable[[dict], float | None]
    theirs: Callable[[dict], float | None] | None = None


def _rebuild(size: dict, procs: str) -> dict | None:
    run = size.get("rebuild", {}).get(procs)
    return None if not run or "skipped" in run else run


def _query(engine: str, warm: bool, pct: str) -> Callable[[dict], float | None]:
    def pick(size: dict) -> float | None:
        queries = size.get("queries", {}).get(engine)
        figures = latency(queries, warm) if queries else None
        return figures[pct] if figures else None

    return pick


def _get(*keys: str) -> Callable[[dict], float | None]:
    def pick(entry: dict | None) -> float | None:
        for key in keys:
            if not isinstance(entry, dict):
                return None
            entry = entry.get(key)
        return entry

    return pick


def _generation_seconds(size: dict) -> float | None:
    archive = size.get("archive", {})
    if archive.get("generated"):
        return archive["seconds"]
    return (archive.get("earlier") or {}).get("seconds")


def figures(procs: str) -> list[Figure]:
    def rebuild(key: str) -> Callable[[dict], float | None]:
        return lambda size: _get(key)(_rebuild(size, procs))

    return [
        Figure("archive generation: wall s", _generation_seconds),
        Figure(f"rebuild, {procs} proc: wall s", rebuild("seconds"), _get("fts5_build", "seconds")),
        Figure(f"rebuild, {procs} proc: CPU s", rebuild("cpu_s"), _get("fts5_build", "cpu_s")),
        Figure(f"rebuild, {procs} proc: peak RSS MiB", rebuild("peak_mib"), _get("fts5_build", "peak_mib")),
        Figure("index size MiB", _get("index_mib"), _get("fts5_build", "index_mib")),
        Figure("query warm p50 ms", _query("whoosh", True, "p50"), _query("fts5", True, "p50")),
        Figure("query warm p95 ms", _query("whoosh", True, "p95"), _query("fts5", True, "p95")),
        Figure("query first run p50 ms", _query("whoosh", False, "p50"), _query("fts5", False, "p50")),
        Figure("query first run p95 ms", _query("whoosh", False, "p95"), _query("fts5", False, "p95")),
    ]


def common_procs(sizes: dict) -> str | None:
    """The most writer processes every size was rebuilt with."""
    shared = set.intersection(*(set(size.get("rebuild", {})) for size in sizes.values()))
    return max(shared, key=int) if shared else None


def growth(results: dict) -> list[dict]:
    """Per figure and engine: its value at each size and the factor of each step, with `worse`
    when the factor exceeds the step's growth in articles (worse than linear)."""
    sizes = {int(k): v for k, v in results["sizes"].items()}
    order = sorted(sizes)
    if len(order) < 2:
        return []
    procs = common_procs(results["sizes"]) or "1"
    rows = []
    for figure in figures(procs):
        for engine, pick in (("apknews", figure.ours), ("FTS5", figure.theirs)):
            if pick is None:
                continue
            values = [pick(sizes[n]) for n in order]
            steps = []
            for step in range(1, len(order)):
                a, b = values[step - 1], values[step]
                factor = b / a if a and b is not None else None
                linear = order[step] / order[step - 1]
                steps.append({"factor": factor, "worse": factor is not None and factor > linear})
            rows.append({"figure": figure.name, "engine": engine, "values": values, "steps": steps})
    return rows


def _label(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def table(results: dict) -> str:
    """The growth rows as a table: values per size, then the factor of each step (× per 10× articles)."""
    rows = growth(results)
    if not rows:
        return ""
    order = sorted(int(k) for k in results["sizes"])
    labels = [_label(n) for n in order]
    header = ["growth", "engine", *labels, *(f"{labels[i - 1]}→{labels[i]}" for i in range(1, len(labels)))]
    lines = [header]
    for row in rows:
        values = ["—" if v is None else f"{v:,.1f}" for v in row["values"]]
        steps = [
            "—" if s["factor"] is None else f"×{s['factor']:.2f}{WORSE if s['worse'] else ''}"
            for s in row["steps"]
        ]
        lines.append([row["figure"], row["engine"], *values, *steps])
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = [
        "  ".join(
            c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    ]
    text.insert(1, "  ".join("-" * w for w in widths))
    worse = sum(s["worse"] for row in rows for s in row["steps"])
    text.append(f"{WORSE}: grew faster than the archive (worse than linear): {worse} step(s)")
    return "\n".join(text)
