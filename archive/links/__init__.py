"""Links between stored articles: reposts to their earliest copy, translations to each other.

Each link keeps its score and the reason it was made (archive.links.reposts for copies of one
text, archive.links.translations for one release in two languages); archive.links.doubts lists
the links a reader should look at twice.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from archive.links.formula import formula_sentences
from archive.links.reposts import compare_copies, may_be_copies
from archive.links.signatures import (
    SIGNATURE_VERSION,
    Candidate,
    candidate_pairs,
    from_bytes,
    signature,
    to_bytes,
)
from archive.links.translations import WINDOW_DAYS, match_translations, source_families, version
from archive.sources import load_sources
from archive.store import REPOST, TRANSLATION, Store

logger = logging.getLogger(__name__)

# The reason of a translation the site itself declares (hreflang, a language switch to the article).
LINKED_BY_PAGE = "the page links it as its translation"


@dataclass
class LinkReport:
    reposts: int = 0  # articles linked to an earlier copy
    translations: int = 0  # pairs of articles linked as one release in two languages
    signatures_computed: int = 0
    new_reposts: int = 0  # of those, linked by this relinking (not there before it)
    new_translations: int = 0


def relink(store: Store, sisters: Iterable[tuple[str, str]] | None = None) -> LinkReport:
    """Recompute every repost and translation link of the archive; return how many there are.

    `sisters`: pairs of sources that publish one another's translations (default: the `sisters`
    of config/sources.toml). Idempotent: run after each crawl and after re-extraction. Signatures
    are computed only for texts that changed since the last run.
    """
    report = LinkReport()
    rows = store.linkable_articles()
    candidates, report.signatures_computed = _candidates(store, rows)
    by_id = {row["id"]: row for row in rows}
    repost_links = _repost_links(store, by_id, candidate_pairs(candidates))
    translation_links = _translation_links(store, rows, known_sisters() if sisters is None else sisters)
    added = store.replace_links([*repost_links, *translation_links])
    report.new_reposts, report.new_translations = added.get(REPOST, 0), added.get(TRANSLATION, 0)
    report.reposts = len(repost_links)
    report.translations = len(translation_links)
    logger.info("linked %d reposts and %d translations", report.reposts, report.translations)
    return report


def known_sisters() -> list[tuple[str, str]]:
    """(source, sister source) pairs the stock config declares."""
    return [(name, sister) for name, source in load_sources().items() for sister in source.sisters]


def _candidates(store: Store, rows: list[dict]) -> tuple[list[Candidate], int]:
    """Every article's MinHash (stored, or computed and stored when its text changed), and how
    many were computed."""
    candidates = [
        Candidate(row["id"], from_bytes(row["signature"]))
        for row in rows
        if row["signed_hash"] == _signed(row)
    ]
    stale = [row for row in rows if row["signed_hash"] != _signed(row)]
    for start in range(0, len(stale), 500):
        batch = stale[start : start + 500]
        texts = store.texts([row["id"] for row in batch])
        signed = [(row["id"], _signed(row), signature(texts[row["id"]])) for row in batch]
        store.save_signatures((i, content_hash, to_bytes(minhash)) for i, content_hash, minhash in signed)
        candidates += [Candidate(i, minhash) for i, _, minhash in signed]
    return candidates, len(stale)


def _signed(row) -> str:
    """What a signature was computed from: the article's text and the way shingles are made."""
    return f"{row['content_hash']}:v{SIGNATURE_VERSION}"


def _earliest_key(row) -> tuple:
    """The original comes first: by publication date, then time (a page that gives no time counts
    from the start of its day: the Assembly's own releases carry none), then when we first saw it."""
    return (row["published"] or "9999-99-99", row["published_time"] or "", row["first_seen_at"], row["id"])


def _repost_links(store: Store, by_id: dict, pairs: set[tuple[int, int]]) -> list[tuple]:
    """(copy, its original, REPOST, score, reason) for each copy: the earliest copy of a group of
    copies is its original; a copy that is not itself a copy of that one (copies chained through a
    third) links to the earliest copy it is one of."""
    facts = store.copy_facts(sorted({i for pair in pairs for i in pair}))
    checks = _copy_checks(facts, by_id, pairs)
    links = []
    for members in _groups(checks):
        ordered = sorted(members, key=lambda i: _earliest_key(by_id[i]))
        for member in ordered[1:]:
            # its copies, earliest first: the first that came before it, else (a copy only of a
            # later copy of the original) the earliest of them
            partners = [o for o in ordered if o != member and (min(o, member), max(o, member)) in checks]
            target = next((o for o in partners if ordered.index(o) < ordered.index(member)), partners[0])
            check = checks[(min(target, member), max(target, member))]
            links.append((member, target, REPOST, check.overlap, check.reason))
    return links


def _copy_checks(facts: dict[int, dict], by_id: dict, pairs: set[tuple[int, int]]) -> dict:
    """{pair: CopyCheck} of the candidate pairs that are copies: compared as they are, then (when
    they share sentences other articles carry too) again with those formula sentences left out.
    Pairs that cannot be copies whatever their texts (years apart, other headlines) are not compared."""
    comparable = [
        (a, b)
        for a, b in sorted(pairs)
        if by_id[a]["lang"] == by_id[b]["lang"] and may_be_copies(facts[a], facts[b])
    ]
    first = {(a, b): compare_copies(facts[a], facts[b], quick=True) for a, b in comparable}
    texts = {i: facts[i]["text"] for pair in first for i in pair}

    def known_apart(pair: tuple[int, int]) -> bool:
        """Not even candidates, or other texts (compared now if they were not yet: far apart in
        time, two copies of one text still tell that a sentence is theirs, not a formula)."""
        if pair not in pairs or by_id[pair[0]]["lang"] != by_id[pair[1]]["lang"]:
            return True
        if pair not in first:
            first[pair] = compare_copies(facts[pair[0]], facts[pair[1]], quick=True)
        return not first[pair].same_text

    formula = formula_sentences(texts, known_apart)
    checks = {}
    for (a, b), check in list(first.items()):
        if check.linked and formula:
            check = compare_copies(facts[a], facts[b], formula)
        if check.linked:
            checks[(a, b)] = check
    return checks


def _groups(checks: dict) -> list[list[int]]:
    """Articles joined by copy links, each group a list."""
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    for a, b in checks:
        parent[root(a)] = root(b)
    groups = defaultdict(list)
    for i in {i for pair in checks for i in pair}:
        groups[root(i)].append(i)
    return list(groups.values())


def _translation_links(store: Store, rows: list[dict], sisters: Iterable[tuple[str, str]]) -> list[tuple]:
    """(article, article, TRANSLATION, score, reason): those the pages declare, then those the
    content shows (archive.links.translations)."""
    by_url = {row["canonical_url"]: row for row in rows}
    declared = {}
    for row in rows:
        for url in json.loads(row["alternates"] or "[]"):
            other = by_url.get(url)
            if other is not None and other["id"] != row["id"] and other["lang"] != row["lang"]:
                declared[(min(row["id"], other["id"]), max(row["id"], other["id"]))] = None
    dated = [row for row in rows if row["published"]]
    facts = store.translation_facts_of([row["id"] for row in _in_multilingual_days(dated, sisters)])
    versions = [version(article_id, item) for article_id, item in facts.items()]
    links = [(a, b, TRANSLATION, None, LINKED_BY_PAGE) for a, b in sorted(declared)]
    for a, b, check in match_translations(versions, sisters, taken=declared):
        links.append((min(a, b), max(a, b), TRANSLATION, check.score, check.reason))
    return links


def _in_multilingual_days(rows: list[dict], sisters: Iterable[tuple[str, str]]) -> list[dict]:
    """The rows of a source (with its sisters) and day, or a neighbouring day, that has another
    language too: the only ones a translation can be found among."""
    family = source_families(sisters)
    langs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for row in rows:
        langs[(family.get(row["source"], row["source"]), row["published"])].add(row["lang"])
    kept = []
    for row in rows:
        source = family.get(row["source"], row["source"])
        near = set().union(*(langs.get((source, day), set()) for day in _days_around(row["published"])))
        if near - {row["lang"]}:
            kept.append(row)
    return kept


def _days_around(day: str) -> list[str]:
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        return [day]
    return [(date + dt.timedelta(days=d)).isoformat() for d in range(-WINDOW_DAYS, WINDOW_DAYS + 1)]
