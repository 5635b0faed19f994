"""Links between stored articles: reposts to their earliest copy, translations to each other."""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from archive.links.reposts import (
    SIGNATURE_VERSION,
    Candidate,
    candidate_pairs,
    from_bytes,
    is_repost,
    signature,
    to_bytes,
)
from archive.links.translations import facts_agree
from archive.store import REPOST, TRANSLATION, Store

logger = logging.getLogger(__name__)


@dataclass
class LinkReport:
    reposts: int = 0  # articles linked to an earlier copy
    translations: int = 0  # pairs of articles linked as one release in two languages
    signatures_computed: int = 0


def relink(store: Store) -> LinkReport:
    """Recompute every repost and translation link of the archive; return how many there are.

    Idempotent: run after each crawl and after re-extraction. Signatures are computed only for
    texts that changed since the last run.
    """
    report = LinkReport()
    rows = store.linkable_articles()
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
        store.save_signatures(
            (article_id, content_hash, to_bytes(minhash)) for article_id, content_hash, minhash in signed
        )
        candidates += [Candidate(article_id, minhash) for article_id, _, minhash in signed]
        report.signatures_computed += len(signed)

    by_id = {row["id"]: row for row in rows}
    repost_links = _repost_links(store, by_id, candidate_pairs(candidates))
    translation_links = _translation_links(store, rows)
    store.replace_links([*repost_links, *translation_links])
    report.reposts = len(repost_links)
    report.translations = len(translation_links)
    logger.info("linked %d reposts and %d translations", report.reposts, report.translations)
    return report


def _signed(row) -> str:
    """What a signature was computed from: the article's text and the way shingles are made."""
    return f"{row['content_hash']}:v{SIGNATURE_VERSION}"


def _earliest_key(row) -> tuple:
    """The original comes first: by publication date, then time (a page that gives no time counts
    from the start of its day: the Assembly's own releases carry none), then when we first saw it."""
    return (row["published"] or "9999-99-99", row["published_time"] or "", row["first_seen_at"], row["id"])


def _repost_links(store: Store, by_id: dict, pairs: set[tuple[int, int]]) -> list[tuple]:
    texts = store.texts(sorted({i for pair in pairs for i in pair}))
    parent = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    scores = {}
    for a, b in sorted(pairs):
        same, score = is_repost(texts[a], texts[b])
        if same:
            scores[(a, b)] = score
            parent[root(a)] = root(b)
    groups = defaultdict(list)
    for i in {i for pair in scores for i in pair}:
        groups[root(i)].append(i)
    links = []
    for members in groups.values():
        original = min(members, key=lambda i: _earliest_key(by_id[i]))
        for member in members:
            if member != original:
                pair = (min(member, original), max(member, original))
                score = scores.get(pair)
                if score is None:
                    score = is_repost(texts[member], texts[original])[1]
                links.append((member, original, REPOST, round(score, 3), "same text (MinHash/LSH)"))
    return links


def _translation_links(store: Store, rows: list) -> list[tuple]:
    by_url = {row["canonical_url"]: row for row in rows}
    links = {}
    for row in rows:
        for url in json.loads(row["alternates"] or "[]"):
            other = by_url.get(url)
            if other is not None and other["id"] != row["id"] and other["lang"] != row["lang"]:
                pair = (min(row["id"], other["id"]), max(row["id"], other["id"]))
                links[pair] = "the page links it as its translation"

    # Without links: the same source, the same day, other languages, one picture and the same names.
    groups = defaultdict(list)
    for row in rows:
        if row["published"]:
            groups[(row["source"], row["published"])].append(row)
    details = {}
    for members in groups.values():
        if len({m["lang"] for m in members}) < 2:
            continue
        for a, b in combinations(members, 2):
            pair = (min(a["id"], b["id"]), max(a["id"], b["id"]))
            if a["lang"] == b["lang"] or pair in links:
                continue
            for member in (a, b):
                if member["id"] not in details:
                    details[member["id"]] = store.translation_facts(member["id"])
            agree, why = facts_agree(details[a["id"]], details[b["id"]])
            if agree:
                links[pair] = why
    return [(a, b, TRANSLATION, None, why) for (a, b), why in sorted(links.items())]
