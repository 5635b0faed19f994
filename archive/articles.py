"""The article record every stage shares: what extraction produces, the store keeps and the index reads."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field


@dataclass
class WarcPointer:
    """Where the raw response of an article lies: a WARC file (relative to the data dir) and its record."""

    file: str
    offset: int
    length: int


@dataclass
class Article:
    """A news article cleaned out of one fetched page."""

    url: str  # the URL fetched (after redirects)
    canonical_url: str  # the article's identity: tracking parameters and print variants dropped
    source: str
    lang: str  # ru, kk or en
    title: str
    text: str  # clean body text, paragraphs separated by blank lines
    published: str | None  # YYYY-MM-DD as the page states it; None when the page has no date
    fetched_at: str  # ISO 8601 UTC time of the fetch
    author: str | None = None  # a person or a press service, from the page's byline
    warc: WarcPointer | None = None
    published_time: str | None = None  # HH:MM, local time as the page states it
    utc_offset: str | None = None  # +05:00: the offset of published_time, stated or the source's zone
    dateline: str | None = None  # "НУР-СУЛТАН. КАЗИНФОРМ": the place line cut from the first paragraph
    script: str = "Cyrl"  # Cyrl or Latn: Kazakh is written in both
    images: list[str] = field(default_factory=list)  # absolute URLs of the article's pictures
    alternates: list[str] = field(default_factory=list)  # canonical URLs the page links as its translations
    # How extraction found each part: {"title": "selector"|"h1"|"og:title"|…, "date": …, "body": …}.
    # Not stored and not in the content hash: it describes the page's markup, not the article.
    found_by: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def content_hash(self) -> str:
        """SHA-256 of what a reader sees (title, date, text): a change here is a new version."""
        payload = "\x1f".join([self.title, self.published or "", self.text])
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict:
        return asdict(self)
