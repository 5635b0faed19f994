"""Scores the links archive.links makes on the pair sets: recall of the must-link pairs, precision of
every link made, and each named pair with the measures that decided it."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from archive.links import relink
from archive.links.reposts import compare_copies
from archive.links.translations import Weights, compare_versions, version
from archive.store import REPOST, TRANSLATION, Store
from bench.links import NamedPair, PairSet, load_reposts, load_translations


@dataclass
class LinkScore:
    """How the links of one kind came out on one pair set."""

    kind: str
    must_link: set[frozenset[str]]
    linked: set[frozenset[str]]
    named: list[tuple[NamedPair, bool, str]] = field(default_factory=list)  # (pair, linked?, measures)

    @property
    def found(self) -> set[frozenset[str]]:
        return self.linked & self.must_link

    @property
    def missed(self) -> set[frozenset[str]]:
        return self.must_link - self.linked

    @property
    def false(self) -> set[frozenset[str]]:
        return self.linked - self.must_link

    @property
    def recall(self) -> float:
        return len(self.found) / len(self.must_link) if self.must_link else 1.0

    @property
    def precision(self) -> float:
        return len(self.found) / len(self.linked) if self.linked else 1.0

    def must_not_linked(self) -> list[NamedPair]:
        return [pair for pair, linked, _ in self.named if linked and not pair.link]

    def summary(self) -> str:
        must_not = sum(1 for pair, _, _ in self.named if not pair.link)
        found = len(self.found)
        return (
            f"{self.kind}: recall {self.recall:.3f} ({found}/{len(self.must_link)} must-link pairs),"
            f" precision {self.precision:.3f} ({found}/{len(self.linked)} linked pairs),"
            f" must-not pairs linked {len(self.must_not_linked())}/{must_not}"
        )


def score_reposts(pairs: PairSet | None = None) -> LinkScore:
    pairs = pairs or load_reposts()
    linked = _linked_pairs(pairs, REPOST)
    score = LinkScore(REPOST, pairs.must_link(), linked)
    for pair in pairs.named:
        check = compare_copies(vars(pairs.articles[pair.a]), vars(pairs.articles[pair.b]))
        measures = (
            f"overlap {check.overlap:.2f}, names agree {check.agreeing:.2f},"
            f" swapped {len(check.swapped)}, headlines {check.headlines:.2f}, days {check.days}"
        )
        score.named.append((pair, frozenset((pair.a, pair.b)) in linked, measures))
    return score


def score_translations(pairs: PairSet | None = None) -> LinkScore:
    pairs = pairs or load_translations()
    linked = _linked_pairs(pairs, TRANSLATION)
    score = LinkScore(TRANSLATION, pairs.must_link(), linked)
    numbers = {article_id: n for n, article_id in enumerate(sorted(pairs.articles))}
    versions = {i: version(numbers[i], vars(article)) for i, article in pairs.articles.items()}
    weights = Weights(versions.values())
    for pair in pairs.named:
        check = compare_versions(versions[pair.a], versions[pair.b], weights)
        measures = f"score {check.score:.2f}, shared {check.shared}, days {check.days}"
        score.named.append((pair, frozenset((pair.a, pair.b)) in linked, measures))
    return score


def _linked_pairs(pairs: PairSet, kind: str) -> set[frozenset[str]]:
    """The pairs of articles the links of `kind` join: for reposts every two copies of one group
    (a copy and its original, and copies of one original), for translations each link."""
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "links.sqlite3") as store:
        # Saved newest first: the earliest copy must win by its date, not by the order it came in.
        for article in sorted(pairs.articles.values(), key=lambda a: a.published or "", reverse=True):
            store.save(article)
        relink(store, sisters=pairs.sisters)
        links = [
            (pairs.id_of(link["a_url"]), pairs.id_of(link["t_url"]))
            for link in store.all_links()
            if link["kind"] == kind
        ]
    if kind == TRANSLATION:
        return {frozenset(link) for link in links}
    target = dict(links)

    def original(article_id: str) -> str:
        while article_id in target:
            article_id = target[article_id]
        return article_id

    groups: dict[str, set[str]] = {}
    for copy in target:
        groups.setdefault(original(copy), {original(copy)}).add(copy)
    return {frozenset((a, b)) for members in groups.values() for a in members for b in members if a < b}


def report(scores: list[LinkScore]) -> str:
    """The figures and every named pair, as scripts/score_links.py prints them."""
    lines = []
    for score in scores:
        lines.append(score.summary())
        for pair, linked, measures in score.named:
            verdict = "ok " if linked == pair.link else "BAD"
            wanted = "must link    " if pair.link else "must not link"
            lines.append(f"  {verdict} {wanted} {'linked' if linked else 'apart '}  {measures}")
            lines.append(f"      {pair.a} / {pair.b}: {pair.why}")
        for kind, pairs in (("missed", score.missed), ("false link", score.false)):
            lines += [f"  {kind}: {' / '.join(sorted(p))}" for p in sorted(pairs, key=sorted)]
        lines.append("")
    return "\n".join(lines)
