"""Links between stored articles (reposts, translations) and the text signatures that find reposts."""

from __future__ import annotations

import json
from collections.abc import Iterable

from archive.store.connection import Connection

# The kinds of link: a repost points at the earliest copy; a translation links two languages.
REPOST, TRANSLATION = "repost", "translation"
# Translations are listed in this order of their languages (the sites' own language switches).
LANGUAGE_ORDER = ("ru", "kk", "en")
# What a link shows of the article at its other end, and of itself.
_LINKED_FIELDS = ("url", "lang", "source", "published", "title", "score", "reason")


class LinkRows(Connection):
    """Writing the links as archive/links computes them; reading them for a page, a hit or a search."""

    def linkable_articles(self) -> list[dict]:
        """Every article's facts for linking, with the signature kept for it (`signed_hash`, `signature`;
        None when it has none yet)."""
        rows = self.db.execute(
            """SELECT a.id, a.lang, a.source, a.published, a.published_time, a.first_seen_at,
                      a.canonical_url, a.alternates, a.content_hash, s.content_hash AS signed_hash,
                      s.signature
               FROM articles a LEFT JOIN article_signatures s ON s.article_id = a.id"""
        )
        return [dict(r) for r in rows]

    def save_signatures(self, signatures: Iterable[tuple[int, str, bytes]]) -> None:
        """Keep (article id, what the signature was computed from, signature) for each article."""
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO article_signatures (article_id, content_hash, signature)"
                " VALUES (?,?,?)",
                signatures,
            )

    def replace_links(self, links: Iterable[tuple[int, int, str, float | None, str]]) -> dict[str, int]:
        """Every link of the archive, (article id, target id, kind, score, reason), replacing the old
        ones; returns {kind: links not there before}, what this relinking added."""
        links = list(links)
        with self.db:
            before = {
                tuple(r) for r in self.db.execute("SELECT article_id, target_id, kind FROM article_links")
            }
            self.db.execute("DELETE FROM article_links")
            self.db.executemany(
                "INSERT OR REPLACE INTO article_links (article_id, target_id, kind, score, reason)"
                " VALUES (?,?,?,?,?)",
                links,
            )
        added: dict[str, int] = {}
        for article_id, target_id, kind, *_ in links:
            if (article_id, target_id, kind) not in before:
                added[kind] = added.get(kind, 0) + 1
        return added

    def copy_facts(self, ids: Iterable[int]) -> dict[int, dict]:
        """{article id: what a repost check compares: title, text, published} for the given ids."""
        rows = self._rows_in("SELECT id, title, text, published FROM articles WHERE id IN ({marks})", ids)
        return {row["id"]: dict(row) for row in rows}

    def translation_facts_of(self, ids: Iterable[int]) -> dict[int, dict]:
        """{article id: what a translation check compares: source, lang, published, text, images
        (a list)} for the given ids."""
        rows = self._rows_in(
            "SELECT id, source, lang, published, text, images FROM articles WHERE id IN ({marks})", ids
        )
        return {row["id"]: {**dict(row), "images": json.loads(row["images"] or "[]")} for row in rows}

    def links_of(self, article_id: int) -> dict[str, list[dict]]:
        """What `article_id` is linked to: repost_of, reposted_as, translations (each a list of articles)."""
        query = """SELECT l.kind, l.score, l.reason, a.url, a.lang, a.source, a.published, a.title
                   FROM article_links l JOIN articles a ON a.id = {other}
                   WHERE l.{this} = ? ORDER BY a.published, a.id"""
        found = {"repost_of": [], "reposted_as": [], "translations": []}
        for this, other in (("article_id", "l.target_id"), ("target_id", "l.article_id")):
            for row in self.db.execute(query.format(this=this, other=other), (article_id,)):
                item = {k: row[k] for k in _LINKED_FIELDS}
                if row["kind"] == TRANSLATION:
                    found["translations"].append(item)
                else:
                    found["repost_of" if this == "article_id" else "reposted_as"].append(item)
        return found

    def all_links(self) -> list[dict]:
        """Every link with both its articles: kind, score, reason, and for the article (`a_`) and its
        target (`t_`) url, lang, source, published, title; reposts first, by the target's date."""
        ends = ", ".join(f"{side}.{f} AS {side}_{f}" for side in "at" for f in _LINKED_FIELDS[:5])
        rows = self.db.execute(
            f"""SELECT l.kind, l.score, l.reason, {ends} FROM article_links l
                JOIN articles a ON a.id = l.article_id JOIN articles t ON t.id = l.target_id
                ORDER BY l.kind, t.published, t.id, a.published, a.id"""
        )
        return [dict(row) for row in rows]

    def has_reposts(self) -> bool:
        """Whether any article is linked as a repost (else search need not look for copies among hits)."""
        return (
            self.db.execute("SELECT 1 FROM article_links WHERE kind = ? LIMIT 1", (REPOST,)).fetchone()
            is not None
        )

    def repost_state(self) -> tuple:
        """A fingerprint of the repost links: it changes when they do (search caches what it
        builds from them)."""
        row = self.db.execute(
            "SELECT count(*), total(article_id), total(article_id * 1000003 + target_id)"
            " FROM article_links WHERE kind = ?",
            (REPOST,),
        ).fetchone()
        return tuple(row)

    def repost_pairs(self) -> list[tuple[str, str]]:
        """(canonical URL of a repost, canonical URL of its original) for every repost link."""
        rows = self.db.execute(
            """SELECT a.canonical_url, t.canonical_url FROM article_links l
               JOIN articles a ON a.id = l.article_id JOIN articles t ON t.id = l.target_id
               WHERE l.kind = ?""",
            (REPOST,),
        )
        return [(copy, original) for copy, original in rows if copy != original]

    def repost_originals(self, canonical_urls: Iterable[str]) -> dict[str, str]:
        """{canonical URL of a repost: canonical URL of its original (earliest copy)} for the given URLs."""
        rows = self._rows_in(
            """SELECT a.canonical_url, t.canonical_url FROM article_links l
               JOIN articles a ON a.id = l.article_id JOIN articles t ON t.id = l.target_id
               WHERE l.kind = 'repost' AND a.canonical_url IN ({marks})""",
            dict.fromkeys(canonical_urls),
        )
        return {copy: original for copy, original in rows if copy != original}

    def translations_of(self, canonical_urls: Iterable[str]) -> dict[str, list[dict]]:
        """{canonical URL: its translations as [{lang, url}], by language} for the given URLs that
        have any (a search hit's "also in")."""
        wanted = list(dict.fromkeys(canonical_urls))
        found: dict[str, list[dict]] = {}
        for this, other in (("article_id", "target_id"), ("target_id", "article_id")):
            rows = self._rows_in(
                f"""SELECT a.canonical_url, t.lang, t.url FROM article_links l
                    JOIN articles a ON a.id = l.{this} JOIN articles t ON t.id = l.{other}
                    WHERE l.kind = '{TRANSLATION}' AND a.canonical_url IN ({{marks}})""",
                wanted,
            )
            for url, lang, translation in rows:
                found.setdefault(url, []).append({"lang": lang, "url": translation})
        order = {lang: n for n, lang in enumerate(LANGUAGE_ORDER)}
        return {
            url: sorted(items, key=lambda t: (order.get(t["lang"], len(order)), t["lang"], t["url"]))
            for url, items in found.items()
        }

    def translation_urls(self, canonical_urls: Iterable[str]) -> dict[str, list[str]]:
        """{canonical URL: the URLs of its translations (the same article in other languages)} for
        the given URLs that have any (an export's `translations` column)."""
        return {url: [t["url"] for t in items] for url, items in self.translations_of(canonical_urls).items()}
