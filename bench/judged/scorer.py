"""Scores the judged query set: recall and must-not hits per kind of query, over the replica corpus."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from archive.articles import Article
from archive.settings import DataDir
from archive.store import Store
from bench.judged.articles import corpus
from indexer.index import update_index
from search import Filters, search

QUERIES_FILE = Path(__file__).resolve().parent / "queries.toml"


@dataclass
class Judged:
    kind: str
    query: str
    relevant: set[str]  # slugs of every article that should come back
    must_not: set[str]  # slugs of articles that must not
    options: dict = field(default_factory=dict)  # search()'s exact, aliases, and the Filters: lang …
    note: str = ""


@dataclass
class Outcome:
    judged: Judged
    found: set[str]

    @property
    def recall(self) -> float:
        if not self.judged.relevant:
            return 1.0
        return len(self.found & self.judged.relevant) / len(self.judged.relevant)

    @property
    def missed(self) -> set[str]:
        return self.judged.relevant - self.found

    @property
    def must_not_hits(self) -> set[str]:
        return self.found & self.judged.must_not


def load_queries(path: Path = QUERIES_FILE) -> list[Judged]:
    """The judged queries; ValueError when one names an article the corpus does not have."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    slugs = {a.slug for a in corpus()}
    queries = []
    for entry in data["query"]:
        judged = Judged(
            kind=entry["kind"],
            query=entry["q"],
            relevant=set(entry.get("relevant", [])),
            must_not=set(entry.get("must_not", [])),
            options=dict(entry.get("options", {})),
            note=entry.get("note", ""),
        )
        unknown = (judged.relevant | judged.must_not) - slugs
        if unknown:
            raise ValueError(f"query {judged.query!r} names unknown articles: {sorted(unknown)}")
        if not judged.relevant:
            raise ValueError(
                f"query {judged.query!r} has no relevant article: it would score 1.0 for nothing"
            )
        if judged.relevant & judged.must_not:
            raise ValueError(f"query {judged.query!r} has articles both relevant and must-not")
        queries.append(judged)
    return queries


def build_corpus(root: Path) -> DataDir:
    """A data folder holding the corpus (bench.judged.articles), stored and indexed as a crawl would."""
    data_dir = DataDir(root)
    data_dir.root.mkdir(parents=True, exist_ok=True)
    with Store(data_dir.store_path) as store:
        for article in corpus():
            latin = sum(c.isascii() and c.isalpha() for c in article.text) > len(article.text) / 2
            store.save(
                Article(
                    url=article.url,
                    canonical_url=article.url,
                    source=article.source,
                    lang=article.lang,
                    title=article.title,
                    text=article.text,
                    published=article.date.isoformat(),
                    fetched_at="2026-11-22T00:00:00Z",
                    script="Latn" if latin else "Cyrl",
                )
            )
        update_index(store, data_dir.index_dir, rebuild=True)
    return data_dir


def slug_of(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def run(data_dir: DataDir, queries: list[Judged]) -> list[Outcome]:
    """Each judged query searched (every hit, reposts not collapsed) and what it found."""
    outcomes = []
    for judged in queries:
        filters = Filters.from_dict(judged.options)
        options = {k: v for k, v in judged.options.items() if k not in filters.to_dict()}
        result = search(
            data_dir, judged.query, filters=filters, limit=1000, collapse_reposts=False, **options
        )
        outcomes.append(Outcome(judged, {slug_of(h.canonical_url) for h in result.hits}))
    return outcomes


def per_kind(outcomes: list[Outcome]) -> dict[str, tuple[int, float, int]]:
    """{kind: (queries, mean recall, must-not hits)}, kinds in the order they first appear."""
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.judged.kind].append(outcome)
    return {
        kind: (
            len(group),
            sum(o.recall for o in group) / len(group),
            sum(len(o.must_not_hits) for o in group),
        )
        for kind, group in by_kind.items()
    }


def macro_recall(outcomes: list[Outcome]) -> float:
    """The mean over kinds of each kind's mean recall."""
    kinds = per_kind(outcomes)
    return sum(recall for _, recall, _ in kinds.values()) / len(kinds)


def table(outcomes: list[Outcome]) -> str:
    """The per-kind table the scorer prints, then the totals and every miss or must-not hit."""
    lines = [f"{'kind':<14} {'queries':>7} {'recall':>7} {'must-not hits':>13}"]
    for kind, (count, recall, bad) in per_kind(outcomes).items():
        lines.append(f"{kind:<14} {count:>7} {recall:>7.3f} {bad:>13}")
    total_bad = sum(len(o.must_not_hits) for o in outcomes)
    lines.append(f"{'all (macro)':<14} {len(outcomes):>7} {macro_recall(outcomes):>7.3f} {total_bad:>13}")
    for outcome in outcomes:
        if outcome.missed or outcome.must_not_hits:
            lines.append(
                f"  {outcome.judged.kind}: {outcome.judged.query!r} missed {sorted(outcome.missed)}"
                f" must-not hits {sorted(outcome.must_not_hits)}"
            )
    return "\n".join(lines)
