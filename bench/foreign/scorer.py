"""The foreign set's scorer: our extraction and trafilatura alone, words found over words expected."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import trafilatura

from archive.extract import ExtractionError, extract_article
from archive.sources import stub_source

DEFAULT_PAGES_DIR = Path(__file__).resolve().parent / "pages"
FETCHED_AT = "2026-12-01T08:00:00Z"
_WORD = re.compile(r"\w+")


@dataclass
class ForeignCase:
    """One saved page and the article a reader sees in it."""

    name: str
    html_path: Path
    url: str
    layout: str
    lang: str
    title: str
    text: str
    hard: list[str]
    must_contain: list[str]
    must_not_contain: list[str]


@dataclass(frozen=True)
class Overlap:
    """Bag-of-words agreement of an extracted text with the expected one."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def bag_of_words(text: str) -> Counter:
    """The text's words, lower-cased, with their counts (punctuation and markup signs are no words)."""
    return Counter(_WORD.findall(text.casefold()))


def overlap(found: str, expected: str) -> Overlap:
    """Precision = expected words among those found; recall = found words among those expected."""
    got, want = bag_of_words(found), bag_of_words(expected)
    common = sum((got & want).values())
    return Overlap(
        precision=common / sum(got.values()) if got else 0.0,
        recall=common / sum(want.values()) if want else 0.0,
    )


@dataclass
class CaseResult:
    case: ForeignCase
    ours: Overlap
    theirs: Overlap
    title: str = ""  # the title our extraction gave
    text: str = ""  # the text our extraction gave
    error: str = ""  # why our extraction found no article
    missing: list[str] = field(default_factory=list)  # must-contain lines our text lacks
    leftovers: list[str] = field(default_factory=list)  # must-not-contain lines our text has

    @property
    def gain(self) -> float:
        """Our F1 minus trafilatura's."""
        return self.ours.f1 - self.theirs.f1


def load_cases(directory: Path | str | None = None) -> list[ForeignCase]:
    """Every page of `directory`: NAME.html with its expected article in NAME.toml."""
    directory = Path(directory) if directory else DEFAULT_PAGES_DIR
    cases = []
    for toml_path in sorted(directory.glob("*.toml")):
        data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        cases.append(ForeignCase(name=toml_path.stem, html_path=toml_path.with_suffix(".html"), **data))
    return cases


def our_article(case: ForeignCase) -> tuple[str, str, str]:
    """(title, text, error) of `archive.extract.extract_article` for a site that has no rules of its own."""
    source = stub_source("foreign", case.url)
    try:
        article = extract_article(
            case.html_path.read_bytes(), url=case.url, source=source, fetched_at=FETCHED_AT
        )
    except ExtractionError as exc:
        return "", "", exc.reason
    return article.title, article.text, ""


def trafilatura_text(case: ForeignCase) -> str:
    """What `trafilatura.extract` makes of the page with its defaults ("" for nothing)."""
    return trafilatura.extract(case.html_path.read_bytes()) or ""


def score_case(case: ForeignCase) -> CaseResult:
    title, text, error = our_article(case)
    return CaseResult(
        case,
        ours=overlap(text, case.text),
        theirs=overlap(trafilatura_text(case), case.text),
        title=title,
        text=text,
        error=error,
        missing=[line for line in case.must_contain if line not in text],
        leftovers=[line for line in case.must_not_contain if line in text],
    )


@dataclass
class ForeignReport:
    results: list[CaseResult]

    def mean_f1(self, who: str) -> float:
        """Mean F1 over the pages of "ours" or "trafilatura"."""
        values = [(r.ours if who == "ours" else r.theirs).f1 for r in self.results]
        return sum(values) / len(values) if values else 0.0

    def worst(self, count: int = 5) -> list[CaseResult]:
        """The pages where we do worst against trafilatura, worst first."""
        return sorted(self.results, key=lambda r: (r.gain, r.case.name))[:count]

    def titles_right(self) -> int:
        return sum(r.title == r.case.title for r in self.results)

    def as_dict(self) -> dict:
        return {
            "pages": len(self.results),
            "mean_f1": {"ours": self.mean_f1("ours"), "trafilatura": self.mean_f1("trafilatura")},
            "titles_right": self.titles_right(),
            "results": [
                {
                    "page": r.case.name,
                    "layout": r.case.layout,
                    "lang": r.case.lang,
                    "hard": r.case.hard,
                    "ours": {"precision": r.ours.precision, "recall": r.ours.recall, "f1": r.ours.f1},
                    "trafilatura": {
                        "precision": r.theirs.precision,
                        "recall": r.theirs.recall,
                        "f1": r.theirs.f1,
                    },
                    "title_right": r.title == r.case.title,
                    "error": r.error,
                    "missing": r.missing,
                    "leftovers": r.leftovers,
                }
                for r in self.results
            ],
        }

    def table(self) -> str:
        """One row per page (ours and trafilatura's precision, recall, F1), then the means."""
        header = ["page", "lang", "ours P", "R", "F1", "traf P", "R", "F1", "gain", "title", "hard cases"]
        rows = [
            [
                r.case.name,
                r.case.lang,
                *(f"{v:.3f}" for v in (r.ours.precision, r.ours.recall, r.ours.f1)),
                *(f"{v:.3f}" for v in (r.theirs.precision, r.theirs.recall, r.theirs.f1)),
                f"{r.gain:+.3f}",
                "ok" if r.title == r.case.title else "WRONG",
                ",".join(r.case.hard) + (f" [{r.error}]" if r.error else ""),
            ]
            for r in self.results
        ]
        total = [
            "MEAN F1",
            "",
            "",
            "",
            f"{self.mean_f1('ours'):.3f}",
            "",
            "",
            f"{self.mean_f1('trafilatura'):.3f}",
        ]
        total += [
            f"{self.mean_f1('ours') - self.mean_f1('trafilatura'):+.3f}",
            f"{self.titles_right()}/{len(rows)}",
            "",
        ]
        widths = [max(len(row[i]) for row in [header, *rows, total]) for i in range(len(header))]

        def line(cells: list[str]) -> str:
            padded = zip(cells, widths, strict=True)
            text = "  ".join(c.ljust(w) if i in (0, 1, 10) else c.rjust(w) for i, (c, w) in enumerate(padded))
            return text.rstrip()

        rule = "-" * len(line(header))
        return "\n".join([line(header), rule, *(line(r) for r in rows), rule, line(total)])


def score(directory: Path | str | None = None) -> ForeignReport:
    """Score every page of the foreign set in `directory`."""
    return ForeignReport([score_case(case) for case in load_cases(directory)])
