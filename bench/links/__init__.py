"""The link pairs: articles that must be linked as reposts or translations, and look-alikes that must not."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from archive.articles import Article
from archive.translit import to_latin

HERE = Path(__file__).resolve().parent
REPOSTS_FILE = HERE / "reposts.toml"
TRANSLATIONS_FILE = HERE / "translations.toml"
FETCHED_AT = "2026-11-20T06:00:00Z"


@dataclass(frozen=True)
class NamedPair:
    """A pair the set names, with whether it must link and why."""

    a: str
    b: str
    link: bool
    why: str


@dataclass
class PairSet:
    """Articles by id, the group each belongs to (a story of copies, a release in languages), the
    named pairs and the sister sources."""

    articles: dict[str, Article]
    groups: dict[str, str]
    named: list[NamedPair]
    sisters: list[tuple[str, str]] = field(default_factory=list)

    def must_link(self) -> set[frozenset[str]]:
        """Every pair of articles of one group."""
        members: dict[str, list[str]] = {}
        for article_id, group in self.groups.items():
            members.setdefault(group, []).append(article_id)
        return {frozenset(p) for ids in members.values() for p in combinations(sorted(ids), 2)}

    def all_pairs(self) -> set[frozenset[str]]:
        return {frozenset(p) for p in combinations(sorted(self.articles), 2)}

    def id_of(self, url: str) -> str:
        return self._by_url()[url]

    def _by_url(self) -> dict[str, str]:
        return {article.canonical_url: article_id for article_id, article in self.articles.items()}


def load_pairs(path: Path, group_key: str) -> PairSet:
    """The pair set in `path`; `group_key` names what makes articles one group (story, release)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    tables = {table["id"]: table for table in data["article"]}
    articles = {article_id: _article(table, tables) for article_id, table in tables.items()}
    named = [NamedPair(p["a"], p["b"], p["link"], p["why"]) for p in data.get("pair", [])]
    for pair in named:
        missing = {pair.a, pair.b} - set(articles)
        if missing:
            raise ValueError(f"{path.name}: pair names unknown articles {sorted(missing)}")
    groups = {article_id: table[group_key] for article_id, table in tables.items()}
    sisters = [tuple(p) for p in data.get("sisters", [])]
    return PairSet(articles, groups, named, sisters)


def load_reposts() -> PairSet:
    return load_pairs(REPOSTS_FILE, "story")


def load_translations() -> PairSet:
    return load_pairs(TRANSLATIONS_FILE, "release")


def _article(table: dict, tables: dict[str, dict]) -> Article:
    original = tables[table["copy_of"]] if "copy_of" in table else None
    paragraphs = _copied(original["paragraphs"], table) if original else list(table["paragraphs"])
    return Article(
        url=table["url"],
        canonical_url=table["url"],
        source=table["source"],
        lang=table.get("lang") or original["lang"],
        title=table["title"],
        text="\n\n".join(paragraphs),
        published=table["date"],
        fetched_at=FETCHED_AT,
        published_time=table.get("time"),
        script="Latn" if table.get("latin") else "Cyrl",
        images=list(table.get("images", [])),
    )


def _copied(paragraphs: list[str], table: dict) -> list[str]:
    """The original's paragraphs as the copy's editor changed them (see reposts.toml)."""
    text = list(paragraphs)
    if "lead" in table:
        text = [*table["lead"], *text[table.get("lead_replaces", 1) :]]
    if "keep" in table:
        text = text[: table["keep"]]
    text = [*table.get("before", []), *text, *table.get("after", [])]
    for old, new in table.get("replace", []):
        if not any(old in p for p in text):
            raise ValueError(f"{table['id']}: {old!r} is not in the text it replaces")
        text = [p.replace(old, new) for p in text]
    if table.get("latin"):
        text = [to_latin(p) for p in text]
    return text
