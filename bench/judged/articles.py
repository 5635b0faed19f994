"""The judged set's corpus: the assembly replica's published articles and the set's own (articles.toml)."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

from replicas.assembly_data import load_articles

ARTICLES_FILE = Path(__file__).resolve().parent / "articles.toml"
REPLICA_SITE = "https://assembly.kz"
OWN_SITE = "https://judged.example"


@dataclass(frozen=True)
class JudgedArticle:
    """One article of the corpus, as the scorer stores it and the generator reads it."""

    slug: str
    lang: str
    date: dt.date
    title: str
    text: str
    source: str
    url: str


def own_articles(path: Path = ARTICLES_FILE) -> list[JudgedArticle]:
    """The set's own articles; ValueError naming the slug when one lacks a field."""
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["article"]
    articles = []
    for entry in entries:
        try:
            articles.append(
                JudgedArticle(
                    slug=entry["slug"],
                    lang=entry["lang"],
                    date=dt.date.fromisoformat(entry["date"]),
                    title=entry["title"],
                    text="\n\n".join(entry["paragraphs"]),
                    source=entry["source"],
                    url=f"{OWN_SITE}/{entry['source']}/{entry['lang']}/{entry['slug']}/",
                )
            )
        except KeyError as exc:
            raise ValueError(f"{path}: article {entry.get('slug')!r} has no {exc}") from exc
    return articles


def corpus() -> list[JudgedArticle]:
    """Every article the judged queries are scored over; ValueError when two share a slug."""
    replica = [
        JudgedArticle(a.slug, a.lang, a.date, a.title, a.text, "assembly", REPLICA_SITE + a.path)
        for a in load_articles()
        if not a.draft
    ]
    articles = replica + own_articles()
    slugs = [a.slug for a in articles]
    repeated = sorted({s for s in slugs if slugs.count(s) > 1})
    if repeated:
        raise ValueError(f"judged corpus: slugs used twice: {repeated}")
    return articles
