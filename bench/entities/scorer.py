"""Scores entity finding on the hand-marked judged set (bench/entities/judged.toml): precision and
recall of people and organisations per language for the NER (natasha run on the text, whatever its
language), the gazetteer and both as the archive stores them (the NER on Russian only), and how
often the main region and city are right.

The gazetteer knows what the archive would know: the NER's names of the corpus's other Russian
articles (never the article's own) and the alias groups. A person found matches a person marked
when their names spell alike word for word (archive.links.names keys: Tokayev = Токаев); an
organisation when its name is, or contains, the marked name or one of its other names.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from archive.entities import CITY, ORG, PERSON, REGION, Entity
from archive.entities.finding import MIN_ORG_ARTICLES
from archive.entities.known import Gazetteer
from archive.entities.regions import ArticlePlaces, place_entities
from archive.entities.russian import russian_entities
from archive.links.names import name_key
from archive.sources import load_sources
from bench.judged.articles import JudgedArticle, corpus

JUDGED_FILE = Path(__file__).resolve().parent / "judged.toml"
SYSTEMS = ("ner", "gazetteer", "both")
LANGUAGES = ("ru", "kk", "en")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@dataclass
class Tally:
    found: int = 0  # entities the system found
    right: int = 0  # of them, marked by hand
    marked: int = 0  # entities marked by hand
    recalled: int = 0  # of them, found

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.recalled / self.marked if self.marked else 1.0

    def add(self, other: Tally) -> None:
        self.found += other.found
        self.right += other.right
        self.marked += other.marked
        self.recalled += other.recalled


@dataclass
class Scores:
    # (system, lang, kind) -> Tally; kind is person, org or "all"
    tallies: dict = field(default_factory=lambda: defaultdict(Tally))
    regions: Counter = field(default_factory=Counter)  # (lang, "right"/"total"), ("city", ...)
    misses: list[str] = field(default_factory=list)  # what each article got wrong, for reading


def _fold(name: str) -> str:
    return " ".join(_WORD.findall(name.replace("ё", "е").casefold()))


def _person_key(name: str) -> tuple[str, ...]:
    return tuple(sorted(name_key(word) or word.casefold() for word in _WORD.findall(name)))


def _org_matches(found: str, marked: str, other_names: dict[str, list[str]]) -> bool:
    folded = f" {_fold(found)} "
    return any(f" {_fold(name)} " in folded for name in [marked, *other_names.get(marked, [])])


def _person_matches(found: str, marked: str, _other_names: dict) -> bool:
    return _person_key(found) == _person_key(marked)


def _tally(found: list[str], marked: list[str], matches, other_names: dict) -> Tally:
    right = sum(any(matches(f, m, other_names) for m in marked) for f in found)
    recalled = sum(any(matches(f, m, other_names) for f in found) for m in marked)
    return Tally(len(found), right, len(marked), recalled)


def load_judged(path: Path = JUDGED_FILE) -> tuple[dict[str, dict], dict[str, list[str]]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {entry["slug"]: entry for entry in data["article"]}, data.get("organisations", {})


def _systems(articles: list[JudgedArticle]) -> dict[str, dict[str, list[Entity]]]:
    """{system: {slug: entities found}}; the gazetteer knows the other Russian articles' NER names."""
    texts = [f"{a.title}\n{a.text}" for a in articles]
    ner = dict(zip((a.slug for a in articles), russian_entities(texts), strict=True))
    russian = [a.slug for a in articles if a.lang == "ru"]
    found: dict[str, dict[str, list[Entity]]] = {system: {} for system in SYSTEMS}
    for article, text in zip(articles, texts, strict=True):
        known: Counter = Counter()
        for slug in russian:
            if slug != article.slug:
                known.update({(e.kind, e.name) for e in ner[slug]})
        gazetteer = Gazetteer({k for k, n in known.items() if k[0] == PERSON or n >= MIN_ORG_ARTICLES})
        from_gazetteer = gazetteer.find(text)
        found["ner"][article.slug] = ner[article.slug]
        found["gazetteer"][article.slug] = from_gazetteer
        # What the archive stores: the NER for Russian only (on Kazakh and English text it reads
        # garbage), the gazetteer for every language.
        own = ner[article.slug] if article.lang == "ru" else []
        seen = {(e.kind, e.name) for e in own}
        found["both"][article.slug] = own + [e for e in from_gazetteer if (e.kind, e.name) not in seen]
    return found


def score(path: Path = JUDGED_FILE) -> Scores:
    judged, other_names = load_judged(path)
    articles = [a for a in corpus() if a.slug in judged]
    missing = sorted(set(judged) - {a.slug for a in articles})
    if missing:
        raise ValueError(f"{path}: articles not in the judged corpus: {missing}")
    scores = Scores()
    for system, by_slug in _systems(articles).items():
        for article in articles:
            marks, entities = judged[article.slug], by_slug[article.slug]
            for kind, matches, key in ((PERSON, _person_matches, "people"), (ORG, _org_matches, "orgs")):
                tally = _tally(
                    [e.name for e in entities if e.kind == kind], marks.get(key, []), matches, other_names
                )
                scores.tallies[(system, article.lang, kind)].add(tally)
                scores.tallies[(system, article.lang, "all")].add(tally)
    _score_places(articles, judged, scores)
    return scores


def _score_places(articles: list[JudgedArticle], judged: dict, scores: Scores) -> None:
    sources = load_sources()
    for article in articles:
        source = sources.get(article.source)
        places = place_entities(
            ArticlePlaces(
                article.title, article.text, None, source.region if source else "", article.date.isoformat()
            )
        )
        region = next((e.name for e in places if e.main and e.kind == REGION), "")
        city = next((e.name for e in places if e.main and e.kind == CITY), "")
        marks = judged[article.slug]
        scores.regions[(article.lang, "total")] += 1
        scores.regions[(article.lang, "right")] += region == marks.get("region", "")
        if marks.get("city"):
            scores.regions[(article.lang, "city_total")] += 1
            scores.regions[(article.lang, "city_right")] += city == marks["city"]
        if region != marks.get("region", ""):
            scores.misses.append(f"{article.slug}: region {region!r}, marked {marks.get('region', '')!r}")


def report(scores: Scores) -> str:
    lines = ["people and organisations: precision / recall (found, marked)", ""]
    lines.append(f"{'':16}" + "".join(f"{lang:>26}" for lang in (*LANGUAGES, "all")))
    for system in SYSTEMS:
        for kind in (PERSON, ORG, "all"):
            cells = []
            for lang in (*LANGUAGES, "all"):
                tally = Tally()
                for each in LANGUAGES if lang == "all" else (lang,):
                    tally.add(scores.tallies[(system, each, kind)])
                cells.append(
                    f"{tally.precision:.2f} / {tally.recall:.2f} ({tally.found:3}, {tally.marked:3})"
                )
            lines.append(f"{system + ' ' + kind:16}" + "".join(f"{c:>26}" for c in cells))
        lines.append("")
    lines.append("main region right (main city right, where one is marked)")
    for lang in (*LANGUAGES, "all"):
        langs = LANGUAGES if lang == "all" else (lang,)
        right = sum(scores.regions[(each, "right")] for each in langs)
        total = sum(scores.regions[(each, "total")] for each in langs)
        city_right = sum(scores.regions[(each, "city_right")] for each in langs)
        city_total = sum(scores.regions[(each, "city_total")] for each in langs)
        lines.append(f"  {lang:4} {right}/{total} = {right / total:.2f}   city {city_right}/{city_total}")
    return "\n".join(lines)
