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
from archive.store import Store

logger = logging.getLogger(__name__)

REPOST, TRANSLATION = "repost", "translation"


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
    rows = store.db.execute(
        """SELECT a.id, a.lang, a.source, a.published, a.published_time, a.first_seen_at, a.canonical_url,
                  a.alternates, a.content_hash, s.content_hash AS signed_hash, s.signature
           FROM articles a LEFT JOIN article_signatures s ON s.article_id = a.id"""
    ).fetchall()
    candidates = [
        Candidate(row["id"], from_bytes(row["signature"]))
        for row in rows
        if row["signed_hash"] == _signed(row)
    ]
    stale = [row for row in rows if row["signed_hash"] != _signed(row)]
    for start in range(0, len(stale), 500):
        batch = stale[start : start + 500]
        texts = _texts(store, [row["id"] for row in batch])
        signed = [(row["id"], _signed(row), signature(texts[row["id"]])) for row in batch]
        with store.db:
            store.db.executemany(
                "INSERT OR REPLACE INTO article_signatures (article_id, content_hash, signature)"
                " VALUES (?,?,?)",
                [
                    (article_id, content_hash, to_bytes(minhash))
                    for article_id, content_hash, minhash in signed
                ],
            )
        candidates += [Candidate(article_id, minhash) for article_id, _, minhash in signed]
        report.signatures_computed += len(signed)

    by_id = {row["id"]: row for row in rows}
    repost_links = _repost_links(store, by_id, candidate_pairs(candidates))
    translation_links = _translation_links(store, rows)
    with store.db:
        store.db.execute("DELETE FROM article_links")
        store.db.executemany(
            "INSERT OR REPLACE INTO article_links (article_id, target_id, kind, score, reason)"
            " VALUES (?,?,?,?,?)",
            [*repost_links, *translation_links],
        )
    report.reposts = len(repost_links)
    report.translations = len(translation_links)
    logger.info("linked %d reposts and %d translations", report.reposts, report.translations)
    return report


def _signed(row) -> str:
    """What a signature was computed from: the article's text and the way shingles are made."""
    return f"{row['content_hash']}:v{SIGNATURE_VERSION}"


def _texts(store: Store, ids: list[int]) -> dict[int, str]:
    found = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in store.db.execute(f"SELECT id, text FROM articles WHERE id IN ({marks})", chunk):
            found[row["id"]] = row["text"]
    return found


def _earliest_key(row) -> tuple:
    """The original comes first: by publication date, then time (a page that gives no time counts
    from the start of its day: the Assembly's own releases carry none), then when we first saw it."""
    return (row["published"] or "9999-99-99", row["published_time"] or "", row["first_seen_at"], row["id"])


def _repost_links(store: Store, by_id: dict, pairs: set[tuple[int, int]]) -> list[tuple]:
    texts = _texts(store, sorted({i for pair in pairs for i in pair}))
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
                    details[member["id"]] = _details(store, member["id"])
            agree, why = facts_agree(details[a["id"]], details[b["id"]])
            if agree:
                links[pair] = why
    return [(a, b, TRANSLATION, None, why) for (a, b), why in sorted(links.items())]


def _details(store: Store, article_id: int) -> dict:
    row = store.db.execute(
        "SELECT lang, published, images, title, text FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    return {**dict(row), "images": json.loads(row["images"] or "[]")}


def links_of(store: Store, article_id: int) -> dict[str, list[dict]]:
    """What `article_id` is linked to: repost_of, reposted_as, translations (each a list of articles)."""
    query = """SELECT l.kind, l.score, l.reason, a.url, a.lang, a.source, a.published, a.title
               FROM article_links l JOIN articles a ON a.id = {other}
               WHERE l.{this} = ? ORDER BY a.published, a.id"""
    found = {"repost_of": [], "reposted_as": [], "translations": []}
    for this, other in (("article_id", "l.target_id"), ("target_id", "l.article_id")):
        for row in store.db.execute(query.format(this=this, other=other), (article_id,)):
            item = {k: row[k] for k in ("url", "lang", "source", "published", "title", "score", "reason")}
            if row["kind"] == TRANSLATION:
                found["translations"].append(item)
            else:
                found["repost_of" if this == "article_id" else "reposted_as"].append(item)
    return found
