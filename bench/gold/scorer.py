"""The gold set scorer: saved pages of every source run through extraction and checked field by field."""

from __future__ import annotations

import logging
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from archive.articles import Article
from archive.extract import ExtractionError, extract_article
from archive.sources import Source, load_sources, stub_source

logger = logging.getLogger(__name__)

DEFAULT_GOLD_DIR = Path(__file__).resolve().parent / "pages"
# The columns of the table: each is the share of pages right, except leftovers (a count).
FIELDS = ("title", "date", "time", "lang", "script", "dateline", "author", "text")


@dataclass
class GoldCase:
    """One saved page and what a reader expects extraction to make of it."""

    name: str
    html_path: Path
    url: str
    source: str
    fetched_at: str
    expect: dict


@dataclass
class CaseResult:
    case: GoldCase
    article: Article | None
    error: str = ""
    right: dict[str, bool] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)  # must-contain lines not found
    leftovers: list[str] = field(default_factory=list)  # must-not-contain lines found

    def wrong(self) -> list[str]:
        """Human lines saying what is wrong with this page ([] when all is right)."""
        if self.error:
            return [f"no article: {self.error}"]
        lines = []
        actual = _actual(self.article)
        for name in FIELDS:
            if not self.right[name] and name != "text":
                lines.append(f"{name}: expected {_expected(self.case.expect, name)!r}, got {actual[name]!r}")
        lines += [f"missing: {m!r}" for m in self.missing]
        lines += [f"leftover: {m!r}" for m in self.leftovers]
        return lines


def load_gold(directory: Path | str | None = None) -> list[GoldCase]:
    """Every gold case in `directory`: NAME.html with its expectations in NAME.toml."""
    directory = Path(directory) if directory else DEFAULT_GOLD_DIR
    cases = []
    for toml_path in sorted(directory.glob("*.toml")):
        data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        cases.append(
            GoldCase(
                name=toml_path.stem,
                html_path=toml_path.with_suffix(".html"),
                url=data["url"],
                source=data["source"],
                fetched_at=data["fetched_at"],
                expect=data["expect"],
            )
        )
    return cases


def _expected(expect: dict, name: str) -> str:
    if name == "time":
        return " ".join(p for p in (expect.get("time", ""), expect.get("utc_offset", "")) if p)
    return expect.get(name, "") or ""


def _actual(article: Article) -> dict[str, str]:
    return {
        "title": article.title,
        "date": article.published or "",
        "time": " ".join(p for p in (article.published_time, article.utc_offset) if p),
        "lang": article.lang,
        "script": article.script,
        "dateline": article.dateline or "",
        "author": article.author or "",
        "text": article.text,
    }


def score_case(case: GoldCase, sources: dict[str, Source]) -> CaseResult:
    """Extract `case`'s page as the crawler would and compare every field."""
    source = sources.get(case.source) or stub_source(case.source, case.url)
    try:
        article = extract_article(
            case.html_path.read_bytes(), url=case.url, source=source, fetched_at=case.fetched_at
        )
    except ExtractionError as exc:
        return CaseResult(case, None, error=exc.reason, right=dict.fromkeys(FIELDS, False))
    actual = _actual(article)
    result = CaseResult(case, article)
    result.missing = [line for line in case.expect.get("must_contain", []) if line not in article.text]
    result.leftovers = [line for line in case.expect.get("must_not_contain", []) if line in article.text]
    for name in FIELDS:
        if name == "text":
            result.right[name] = not result.missing
        else:
            result.right[name] = actual[name] == _expected(case.expect, name)
    return result


@dataclass
class GoldReport:
    results: list[CaseResult]

    def accuracy(self, name: str, source: str | None = None) -> float:
        chosen = [r for r in self.results if source is None or r.case.source == source]
        return sum(r.right.get(name, False) for r in chosen) / len(chosen) if chosen else 0.0

    def leftovers(self, source: str | None = None) -> int:
        return sum(len(r.leftovers) for r in self.results if source is None or r.case.source == source)

    def table(self) -> str:
        """Accuracy per field and per source, and the leftover count, as a plain-text table."""
        by_source = defaultdict(list)
        for r in self.results:
            by_source[r.case.source].append(r)
        langs = {s: sorted({r.case.expect["lang"] for r in rs}) for s, rs in by_source.items()}
        header = ["source", "pages", "langs", *FIELDS, "leftovers"]
        rows = []
        for source in [*sorted(by_source), None]:
            chosen = by_source[source] if source else self.results
            rows.append(
                [
                    source or "ALL",
                    str(len(chosen)),
                    ",".join(langs[source])
                    if source
                    else ",".join(sorted({x for v in langs.values() for x in v})),
                    *(f"{100 * self.accuracy(name, source):.1f}%" for name in FIELDS),
                    str(self.leftovers(source)),
                ]
            )
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

        def line(cells):
            padded = zip(cells, widths, strict=True)
            return "  ".join(c.ljust(w) if i < 3 else c.rjust(w) for i, (c, w) in enumerate(padded))

        rule = "-" * len(line(header))
        return "\n".join([line(header), rule, *(line(r) for r in rows[:-1]), rule, line(rows[-1])])


def score(directory: Path | str | None = None, sources_file: Path | str | None = None) -> GoldReport:
    """Score every gold page in `directory` against the sources in `sources_file`."""
    sources = load_sources(sources_file)
    return GoldReport([score_case(case, sources) for case in load_gold(directory)])
