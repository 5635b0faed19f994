"""The entities each article names (archive/entities), one row per entity, and the names the archive knows."""

from __future__ import annotations

from collections.abc import Iterable

from archive.entities import KINDS, Entity
from archive.store.connection import Connection

# An article's entities are listed people first, then organisations, regions, cities.
_KIND_ORDER = {kind: n for n, kind in enumerate(KINDS)}


def _entity_key(entity: Entity) -> tuple:
    return (_KIND_ORDER.get(entity.kind, len(KINDS)), not entity.main, -entity.mentions, entity.name)


class EntityRows(Connection):
    """Saving an article's entities (its set replaced whole) and reading them back."""

    def save_entities(self, article_id: int, entities: list[Entity]) -> None:
        """Replace the entities of `article_id` with `entities` (one per kind and name; repeats
        add up their mentions). A changed set moves the article's `seq`, so the incremental
        index takes the article again."""
        merged = _merged(entities)
        with self.db:
            self.db.execute(
                "UPDATE articles SET entities_found = 1 WHERE id = ? AND entities_found = 0", (article_id,)
            )
            old = self._entity_rows(article_id)
            new = sorted((e.kind, e.name, e.mentions, int(e.main), e.origin) for e in merged)
            if old == new:
                return
            self.db.execute("DELETE FROM article_entities WHERE article_id = ?", (article_id,))
            self.db.executemany(
                "INSERT INTO article_entities (article_id, kind, name, mentions, main, origin)"
                " VALUES (?,?,?,?,?,?)",
                [(article_id, *row) for row in new],
            )
            self.db.execute(
                "UPDATE articles SET seq = (SELECT COALESCE(MAX(seq), 0) + 1 FROM articles) WHERE id = ?",
                (article_id,),
            )

    def _entity_rows(self, article_id: int) -> list[tuple]:
        rows = self.db.execute(
            "SELECT kind, name, mentions, main, origin FROM article_entities WHERE article_id = ?",
            (article_id,),
        )
        return sorted(tuple(row) for row in rows)

    def entities_of(self, article_ids: Iterable[int]) -> dict[int, list[Entity]]:
        """{article id: its entities} for the given ids that have any: people, organisations,
        regions, cities; within a kind the main place first, then by mentions."""
        found: dict[int, list[Entity]] = {}
        rows = self._rows_in(
            "SELECT article_id, kind, name, mentions, main, origin FROM article_entities"
            " WHERE article_id IN ({marks})",
            dict.fromkeys(article_ids),
        )
        for row in rows:
            entity = Entity(row["kind"], row["name"], row["mentions"], bool(row["main"]), row["origin"])
            found.setdefault(row["article_id"], []).append(entity)
        return {article_id: sorted(items, key=_entity_key) for article_id, items in found.items()}

    def entities_by_url(self, canonical_urls: Iterable[str]) -> dict[str, list[Entity]]:
        """{canonical URL: its entities} for the given URLs that have any (hits, exports, pages)."""
        ids = self.article_ids(canonical_urls)
        by_id = self.entities_of(ids.values())
        return {url: by_id[article_id] for url, article_id in ids.items() if article_id in by_id}

    def article_ids(self, canonical_urls: Iterable[str]) -> dict[str, int]:
        """{canonical URL: article id} for the given URLs that are stored."""
        rows = self._rows_in(
            "SELECT canonical_url, id FROM articles WHERE canonical_url IN ({marks})",
            dict.fromkeys(canonical_urls),
        )
        return {url: article_id for url, article_id in rows}

    def known_entities(
        self, kinds: Iterable[str], origins: Iterable[str] = ("ner",)
    ) -> dict[tuple[str, str], int]:
        """{(kind, name): how many articles name it} for entities of `kinds` found by `origins`
        (the gazetteer of names the archive already knows)."""
        kinds, origins = list(kinds), list(origins)
        sql = (
            "SELECT kind, name, COUNT(DISTINCT article_id) FROM article_entities"
            f" WHERE kind IN ({','.join('?' * len(kinds))}) AND origin IN ({','.join('?' * len(origins))})"
            " GROUP BY kind, name"
        )
        return {(kind, name): count for kind, name, count in self.db.execute(sql, [*kinds, *origins])}

    def entity_facts(self, article_ids: Iterable[int] | None = None) -> list[dict]:
        """What finding entities reads of each article (id, lang, source, title, text, dateline,
        published), for the given ids or every article, by id."""
        columns = "id, lang, source, title, text, dateline, published"
        if article_ids is None:
            return [dict(row) for row in self.db.execute(f"SELECT {columns} FROM articles ORDER BY id")]
        rows = self._rows_in(
            f"SELECT {columns} FROM articles WHERE id IN ({{marks}})", dict.fromkeys(article_ids)
        )
        return sorted((dict(row) for row in rows), key=lambda row: row["id"])

    def entity_article_ids(self) -> list[int]:
        """The ids of every article, in order (whose entities `apknews reextract` finds again)."""
        return [row[0] for row in self.db.execute("SELECT id FROM articles ORDER BY id")]

    def article_ids_of_run(self, run_id: int) -> list[int]:
        """The ids of the articles a run stored new or changed."""
        return [
            row[0]
            for row in self.db.execute("SELECT id FROM articles WHERE run_id = ? ORDER BY id", (run_id,))
        ]

    def translation_pairs(self, article_ids: Iterable[int] | None = None) -> list[tuple[int, int]]:
        """(article id, article id) of every translation link, each pair once; with `article_ids`,
        the links of those articles and of the articles they are linked to (two steps), not all."""
        if article_ids is None:
            rows = self.db.execute(
                "SELECT article_id, target_id FROM article_links WHERE kind = 'translation'"
            )
            return [(a, b) for a, b in rows]
        ids = set(article_ids)
        pairs = self._translation_pairs_of(ids)
        pairs |= self._translation_pairs_of({i for pair in pairs for i in pair} - ids)
        return sorted(pairs)

    def _translation_pairs_of(self, article_ids: set[int]) -> set[tuple[int, int]]:
        pairs: set[tuple[int, int]] = set()
        for column in ("article_id", "target_id"):
            rows = self._rows_in(
                "SELECT article_id, target_id FROM article_links"
                f" WHERE kind = 'translation' AND {column} IN ({{marks}})",
                article_ids,
            )
            pairs.update((a, b) for a, b in rows)
        return pairs

    def articles_without_entities(self) -> set[int]:
        """The ids of the articles whose entities were never looked for (save_entities marks them)."""
        rows = self.db.execute("SELECT id FROM articles WHERE entities_found = 0")
        return {row[0] for row in rows}


def _merged(entities: Iterable[Entity]) -> list[Entity]:
    """One entity per (kind, name): mentions added up, main if any is, the first one's origin."""
    by_key: dict[tuple[str, str], Entity] = {}
    for entity in entities:
        key = (entity.kind, entity.name)
        if key in by_key:
            kept = by_key[key]
            entity = Entity(
                kept.kind, kept.name, kept.mentions + entity.mentions, kept.main or entity.main, kept.origin
            )
        by_key[key] = entity
    return list(by_key.values())
