"""What spiders yield: the raw page as fetched, before anything is cleaned."""

from __future__ import annotations

from dataclasses import dataclass

from archive.articles import WarcPointer


@dataclass
class RawPage:
    """One fetched article page, with what the spider knew when it asked for it."""

    url: str  # final URL, after redirects
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: str  # ISO 8601 UTC
    source: str
    lang_hint: str | None = None  # the language of the listing that linked here
    warc: WarcPointer | None = None  # set by the archive pipeline


@dataclass
class ListingRecord:
    """A fetched listing kept only in the WARC: a JSON API page whose items become RawPages."""

    url: str
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    fetched_at: str
    source: str
