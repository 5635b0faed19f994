"""Hostile queries: what a careless or malicious user types, timed as the query mix is (apknews only).

Each must answer (hits, or one QueryError) well under a second on 100k articles; the bench reports
the slowest, it asserts nothing. Every query stays under the web page's 500-character cap.
"""

from __future__ import annotations

from bench.queries import BenchQuery

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
