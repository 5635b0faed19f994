"""The probe's findings, one record per page looked at, with its verdict and the config lines it suggests."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from archive.probe.selectors import config_line


@dataclass
class Step:
    """One page the probe looked at: what the source's selectors matched there and what went wrong.

    `selectors`: config key -> {"css", "matches"} (matches None: the selector is malformed);
    `problems` make the verdict; `notes` say what is worth knowing but works; `suggestions`:
    config key -> value that would have matched what the fallbacks found.
    """

    kind: str  # "listing" or "article"
    url: str
    status: int | None = None
    error: str = ""  # the page could not be had: refused, no answer, an HTTP error
    selectors: dict[str, dict] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    suggestions: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.error and not self.problems

    @property
    def verdict(self) -> str:
        if self.ok:
            return "OK"
        return "PROBLEM: " + "; ".join([self.error] if self.error else self.problems)

    def config_lines(self) -> list[str]:
        return [config_line(key, value) for key, value in self.suggestions.items()]

    def to_dict(self) -> dict:
        return {**asdict(self), "verdict": self.verdict, "config_lines": self.config_lines()}


@dataclass
class ListingStep(Step):
    """A listing page: its article links, how they were found, and what was left out and why."""

    lang: str | None = None
    method: str = ""  # "selector", "fallback" (the page's structure) or "feed"
    links: list[str] = field(default_factory=list)
    left_out: dict[str, list[str]] = field(default_factory=dict)  # reason -> links
    other_links: list[str] = field(default_factory=list)  # some on-site links, when none is an article
    # Every article-like link on the page, chrome included: the next listing page's `earlier_pages`.
    candidates: list[str] = field(default_factory=list)


@dataclass
class ArticleStep(Step):
    """An article page: the article extracted from it as the crawl would store it."""

    title: str = ""
    published: str | None = None  # date, and time with offset when known
    lang: str = ""
    author: str | None = None
    dateline: str | None = None
    found_by: dict[str, str] = field(default_factory=dict)  # title/date/body -> method
    paragraphs: int = 0
    characters: int = 0
    first_lines: list[str] = field(default_factory=list)
    last_lines: list[str] = field(default_factory=list)
    dropped_lines: list[str] = field(default_factory=list)  # trafilatura's lines the cleaner took out
    stripped: list[str] = field(default_factory=list)  # what it cut from lines it kept (a dateline, a credit)


def failed_step(kind: str, url: str, error: str, status: int | None = None) -> Step:
    """A page that could not be had: refused by robots.txt or the allowed hosts, or no answer."""
    return Step(kind, url, status=status, error=error)
