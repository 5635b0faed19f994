"""Translations: the ru, kk and en texts of one release, by the site's language links or by content.

Without a link between them, two articles are one release in two languages when they come from
one source (or a sister source), within a day of each other, and name the same people, places,
organisations and numbers (archive.links.names spells them alike in every language). A name
most articles carry (the Assembly, Kazakhstan) weighs little; one of this release alone, much.
A picture both show adds to the score; each version having its own picture takes nothing away.
Each article gets at most one translation per language: the best-scored.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from archive.links.names import KeySet, keys
from archive.links.reposts import days_apart

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
WINDOW_DAYS = 1  # a release's versions come out the same day, the English one at times the next
# The score: NAMES_SHARE of it the weighted share of the names one version carries that the other
# carries too, the rest the share of numbers both carry (when either has any: a release's dates and
# figures come through translation unchanged). Translations measured 0.64 and more, two releases of
# one source and day 0.39 at most (bench/links and the gold pages, scripts/score_links.py).
NAMES_SHARE = 0.7
MIN_SCORE = 0.5
MIN_SHARED = 3  # names and numbers in common, at the least: a two-line notice is not enough
PICTURE_BONUS = 0.2  # one picture shown by both: the same upload, so most likely the same release


@dataclass(frozen=True)
class Version:
    """What a translation check compares of one article."""

    article_id: int
    source: str
    lang: str
    published: str | None
    keys: KeySet
    images: frozenset[str]


def version(article_id: int, facts: dict) -> Version:
    """The Version of an article from its facts: source, lang, published, text, images (URLs)."""
    return Version(
        article_id=article_id,
        source=facts["source"],
        lang=facts["lang"],
        published=facts["published"],
        keys=KeySet(keys(facts["text"])),
        images=image_keys(facts.get("images") or []),
    )


def image_keys(urls: Iterable[str]) -> frozenset[str]:
    """File names of pictures: the same upload under any language's URL."""
    paths = (PurePosixPath(urlsplit(u).path) for u in urls)
    return frozenset(p.name.lower() for p in paths if p.suffix)


@dataclass(frozen=True)
class TranslationCheck:
    """Whether two versions are one release, and the measures that decided it."""

    score: float  # names and numbers both carry, weighted (+ PICTURE_BONUS): see NAMES_SHARE
    shared: int  # names and numbers in common
    picture: bool  # a picture both show
    days: int | None

    @property
    def linked(self) -> bool:
        return self.shared >= MIN_SHARED and self.score >= MIN_SCORE

    @property
    def reason(self) -> str:
        when = "the same day" if self.days == 0 else f"{self.days} day apart"
        picture = ", one picture" if self.picture else ""
        return f"same source, {when}{picture}: {self.shared} names and numbers agree (score {self.score:.2f})"


class Weights:
    """How much a key says: little when most versions carry it (the Assembly), much when few do."""

    def __init__(self, versions: Iterable[Version]):
        self.counts: Counter[str] = Counter()
        self.total = 0
        for item in versions:
            self.total += 1
            self.counts.update({_family(key) for key in item.keys})

    def __call__(self, key: str) -> float:
        return math.log(1 + self.total / max(1, self.counts[_family(key)]))


def _family(key: str) -> str:
    """Declined forms of one name counted together (their keys share the first letters)."""
    return key if key.startswith("#") else key[:4]


def compare_versions(a: Version, b: Version, weight: Weights) -> TranslationCheck:
    """The translation check of two versions in different languages."""
    names = []
    shared = 0
    for this, other in ((a, b), (b, a)):
        own = [key for key in this.keys if not key.startswith("#")]
        found = [key for key in own if key in other.keys]
        total = sum(weight(key) for key in own)
        names.append(sum(weight(key) for key in found) / total if total else 0.0)
        shared = max(shared, len(found))
    # The shorter version decides: an English text that leaves paragraphs out is still a translation.
    score = max(names)
    numbers_a, numbers_b = _numbers(a), _numbers(b)
    if numbers_a or numbers_b:
        common = numbers_a & numbers_b
        agreeing = len(common) / min(len(numbers_a), len(numbers_b)) if numbers_a and numbers_b else 0.0
        score = NAMES_SHARE * score + (1 - NAMES_SHARE) * agreeing
        shared += len(common)
    picture = bool(a.images & b.images)
    score += PICTURE_BONUS if picture else 0.0
    return TranslationCheck(round(score, 3), shared, picture, days_apart(a.published, b.published))


def _numbers(item: Version) -> set[str]:
    return {key for key in item.keys if key.startswith("#")}


def candidate_pairs(versions: list[Version], sisters: Iterable[tuple[str, str]] = ()) -> list[tuple]:
    """Pairs of versions that could be one release: other languages, one source or sisters, within
    WINDOW_DAYS of each other."""
    family = source_families(sisters)
    by_family: dict[str, list[Version]] = {}
    for item in versions:
        if item.published:
            by_family.setdefault(family.get(item.source, item.source), []).append(item)
    pairs = []
    for members in by_family.values():
        members.sort(key=lambda v: v.published)
        # YYYY-MM-DD dates sort as days do: past the window, every later member is too.
        dated = all(_ISO_DATE.fullmatch(v.published) for v in members)
        for first, a in enumerate(members):
            for later in range(first + 1, len(members)):
                b = members[later]
                days = days_apart(a.published, b.published)
                if dated and days is not None and days > WINDOW_DAYS:
                    break
                if a.lang != b.lang and days is not None and days <= WINDOW_DAYS:
                    pairs.append((a, b))
    return pairs


def source_families(sisters: Iterable[tuple[str, str]]) -> dict[str, str]:
    """{source: the name standing for it and its sisters} for the sources that have sisters."""
    family: dict[str, str] = {}
    for first, second in sisters:
        root = family.get(first, family.get(second, first))
        for name in (first, second):
            family[name] = root
    return family


def match_translations(
    versions: list[Version], sisters: Iterable[tuple[str, str]] = (), taken: Iterable[tuple[int, int]] = ()
) -> list[tuple[int, int, TranslationCheck]]:
    """(article id, article id, check) of each pair linked by content: best-scored first, each
    article with at most one translation per language (pairs in `taken`, linked by the site's
    own language links, count as such)."""
    weight = Weights(versions)
    lang_of = {v.article_id: v.lang for v in versions}
    has = {(a, lang_of.get(b)) for pair in taken for a, b in (pair, pair[::-1])}
    checks = [(a, b, compare_versions(a, b, weight)) for a, b in candidate_pairs(versions, sisters)]
    linked = []
    for a, b, check in sorted(checks, key=lambda item: -item[2].score):
        if not check.linked or (a.article_id, b.lang) in has or (b.article_id, a.lang) in has:
            continue
        has |= {(a.article_id, b.lang), (b.article_id, a.lang)}
        linked.append((a.article_id, b.article_id, check))
    return linked
