"""The page as fetched, one record from spider to WARC to extraction, and back out of the WARC."""

from __future__ import annotations

from dataclasses import dataclass, field

from archive.articles import WarcPointer


@dataclass
class FetchedPage:
    """One HTTP response as it came: what the spider yields, the WARC keeps and extraction reads.

    Read back from a WARC record, `source` and `lang_hint` are unknown (empty) and `warc` says
    where it was read from.
    """

    url: str  # final URL, after redirects
    status: int
    headers: list[tuple[str, str]]
    body: bytes = field(repr=False)  # a log line of a dropped page does not print the page
    fetched_at: str  # ISO 8601 UTC
    source: str = ""
    lang_hint: str | None = None  # the language of the listing that linked here
    # A listing kept only in the WARC (a JSON API page whose items become pages): not extracted.
    listing: bool = False
    warc: WarcPointer | None = None  # where the archive keeps it, once it does

    @property
    def content_type(self) -> str | None:
        """The Content-Type header, if the response had one."""
        for name, value in self.headers:
            if name.lower() == "content-type":
                return value
        return None
