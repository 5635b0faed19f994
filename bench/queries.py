"""The fixed query mix, run through search.search(), and its translation for SQLite FTS5."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bench.vocabulary import Vocabulary

# Rare words are taken from the long tail at fixed ranks, so they exist in the archive but in few
# articles; the rest are the words people type about the Assembly.
RARE_RANKS = {"ru": (30_000, 90_000, 200_000), "kk": (6_000,), "en": (9_000,)}


@dataclass(frozen=True)
class BenchQuery:
    name: str
    kind: str
    text: str
    lang: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "relevance"

    def search_kwargs(self) -> dict:
        """Keyword arguments of search.search() for this query."""
        from search import Filters  # imported by the processes that search, not by every bench process

        return {"filters": Filters(self.lang, None, self.date_from, self.date_to), "sort": self.sort}


def query_mix(vocab: Vocabulary) -> list[BenchQuery]:
    """Every query of the benchmark, in a fixed order (the same for Whoosh and FTS5)."""
    # A small test vocabulary has fewer words: its last ones stand in for the rare ones.
    rare = {
        lang: [vocab.words[lang][min(r, len(vocab.words[lang]) - 1 - i)] for i, r in enumerate(ranks)]
        for lang, ranks in RARE_RANKS.items()
    }
    d = dt.date
    mix = [
        BenchQuery("rare ru 1", "rare word", rare["ru"][0]),
        BenchQuery("rare ru 2", "rare word", rare["ru"][1]),
        BenchQuery("rare ru 3", "rare word", rare["ru"][2]),
        BenchQuery("rare kk", "rare word", rare["kk"][0]),
        BenchQuery("rare en", "rare word", rare["en"][0]),
        BenchQuery("common ru", "common word", "ассамблея"),
        BenchQuery("common ru 2", "common word", "области"),
        BenchQuery("common en", "common word", "friendship"),
        BenchQuery("common kk", "common word", "жастар"),
        BenchQuery("and 2 ru", "2-3 word AND", "Тараз меморандум"),
        BenchQuery("and 2 ru b", "2-3 word AND", "дом дружбы"),
        BenchQuery("and 3 ru", "2-3 word AND", "молодежь область ассамблея"),
        BenchQuery("and 3 en", "2-3 word AND", "youth council regions"),
        BenchQuery("phrase ru", "phrase", '"Ассамблеи народа Казахстана"'),
        BenchQuery("phrase ru 2", "phrase", '"дом дружбы"'),
        BenchQuery("phrase en", "phrase", '"Assembly of People of Kazakhstan"'),
        BenchQuery("phrase kk", "phrase", '"Қазақстан халқы Ассамблеясы"'),
        BenchQuery(
            "alias APK",
            "alias OR",
            'АНК OR APK OR "Ассамблея народа Казахстана" OR "Қазақстан халқы Ассамблеясы" '
            'OR "Assembly of People of Kazakhstan"',
        ),
        BenchQuery("alias capital", "alias OR", '(Астана OR "Нур-Султан" OR Astana OR Акмола) дружба'),
        BenchQuery("kazakh 1", "Kazakh", "Ассамблеясы жастар"),
        BenchQuery("kazakh 2", "Kazakh", "мерекесі", lang="kk"),
        BenchQuery("latin kazakh 1", "Latin Kazakh", "Qazaqstan halqy Assambleiasy"),
        BenchQuery("latin kazakh 2", "Latin Kazakh", "jastar"),
        BenchQuery(
            "dates year", "date filter", "ассамблея", date_from=d(2021, 1, 1), date_to=d(2021, 12, 31)
        ),
        BenchQuery("dates since", "date filter", "дружба", date_from=d(2024, 1, 1)),
        BenchQuery("sort date common", "sort by date", "ассамблея", sort="date"),
        BenchQuery("sort date rare", "sort by date", rare["ru"][0], sort="date"),
        BenchQuery("sort date all", "sort by date", "*", sort="date"),
        BenchQuery("facets all", "facet counts", "*"),
        BenchQuery("facets kk", "facet counts", "*", lang="kk"),
        BenchQuery("prefix", "prefix", "этнокульт*"),
    ]
    return mix


_TOKEN = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+')


def fts5_match(query: BenchQuery, analyzers: dict[str, object]) -> str | None:
    """The FTS5 MATCH expression equal to `query` over the same analysed terms; None for match-all.

    Each word becomes an OR of its terms in every language searched (as Whoosh's multifield
    parser does), each phrase an OR of its per-language phrases; words are ANDed.
    """
    if query.text.strip() == "*":
        return None
    langs = [query.lang] if query.lang else list(analyzers)
    parts: list[str] = []
    for token in _TOKEN.findall(query.text):
        if token in ("(", ")"):
            parts.append(token)
        elif token == "OR":
            parts.append("OR")
        elif token.startswith('"'):
            phrases = set()
            for lang in langs:
                terms = _terms(analyzers[lang], token.strip('"'))
                if terms:
                    phrases.add('"' + " ".join(terms) + '"')
            parts.append(_any(sorted(phrases)))
        elif token.endswith("*"):
            stem = token[:-1].lower()
            parts.append(f'"{stem}" *')
        else:
            terms = {t for lang in langs for t in _terms(analyzers[lang], token)}
            if terms:
                parts.append(_any(sorted(f'"{t}"' for t in terms)))
    # FTS5 has an implicit AND only between plain terms: spell it out between groups.
    out: list[str] = []
    for part in parts:
        if out and part not in ("OR", ")") and out[-1] not in ("OR", "("):
            out.append("AND")
        out.append(part)
    return " ".join(out)


def _any(alternatives: list[str]) -> str:
    return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"


def _terms(analyzer, text: str) -> list[str]:
    # unicode61 splits "нур-султан" into two tokens both at index and query time: keep it apart here too.
    return [
        part for token in analyzer(text, mode="query") for part in re.split(r"[\W_]+", token.text) if part
    ]
