"""Archived articles as citations (RIS, BibTeX, CSL-JSON): what a researcher imports into Zotero.

Each hit becomes a newspaper article: its title, author (only when the page names one: the source
is the container, never the author), the source's human name (`display_name` in
config/sources.toml) as the container title, the publication date, the language, the original URL,
the archived-copy URL (the web page's `/archived` route under the public base URL, when one is
known), the WARC-Record-ID of the page as fetched as the location in the archive, and the fetch
time as the access date. The formats themselves: search/citation_formats.py.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

from search.export_fields import ExportError

CITATION_FORMATS = ("ris", "bibtex", "csljson")
# The export columns a citation is made of (export_rows fills archive_record_id).
CITATION_FIELDS = [
    "title",
    "author",
    "source",
    "published",
    "lang",
    "url",
    "canonical_url",
    "fetched_at",
    "warc_file",
    "archive_record_id",
]
ARCHIVE_NAME = "apknews"
ARCHIVED_ROUTE = "archived"  # web/pages.py's archived_page, under the public base URL

_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9-]+")
_SPACES = re.compile(r"\s+")
_QUERY_SAFE = "!$'()*,/:;?@"


@dataclass(frozen=True)
class Citation:
    """One archived article as a reference manager reads it; dates as YYYY-MM-DD."""

    key: str
    title: str
    author: str | None
    container: str
    published: str | None
    lang: str | None
    url: str
    archived_url: str | None
    record_id: str | None
    accessed: str | None

    def archive_note(self) -> str:
        """'Archived copy: URL; WARC-Record-ID: <urn:uuid:…>' (the parts known), for a notes field."""
        parts = []
        if self.archived_url:
            parts.append(f"Archived copy: {self.archived_url}")
        if self.record_id:
            parts.append(f"WARC-Record-ID: {self.record_id}")
        return "; ".join(parts)


def citation_key(record: Mapping) -> str:
    """A key unique to the article and stable across exports and crawls: source, publication date
    and a hash of the canonical URL (`assembly-2021-09-29-3f2a9c1b0d`); ASCII, so BibTeX takes it."""
    source = _KEY_UNSAFE.sub("-", str(record.get("source") or "article")).strip("-") or "article"
    day = record.get("published") or "undated"
    digest = hashlib.sha1(str(record.get("canonical_url") or record["url"]).encode("utf-8")).hexdigest()
    return f"{source}-{day}-{digest[:10]}"


def checked_base_url(base_url: str) -> str:
    """`base_url` (the web page's public address) ending in "/"; ExportError unless it is an http(s) URL."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ExportError(
            "the public base URL must be an http(s) URL like https://news.example.kz/, not %(url)r",
            url=base_url,
        )
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/", "", ""))


def archived_copy_link(base_url: str) -> Callable[[str], str]:
    """The archived-copy URL of a canonical URL on the web page served at `base_url`, as its
    `/archived?url=` route names it."""
    base = checked_base_url(base_url)
    # Quoted as the web page's own links quote a query value (werkzeug): readable, and the same URL.
    return lambda canonical_url: (
        f"{base}{ARCHIVED_ROUTE}?{urlencode({'url': canonical_url}, safe=_QUERY_SAFE)}"
    )


def cite(
    record: Mapping,
    container_names: Mapping[str, str],
    archived_link: Callable[[str], str] | None = None,
) -> Citation:
    """The citation of one stored article (an export record with CITATION_FIELDS, or the article
    page's record with `archive_record_id` added). Without `archived_link` (no public address
    known) it names no archived-copy URL rather than invent a host."""
    source = record.get("source") or ""
    kept = bool(record.get("warc_file"))
    canonical = record.get("canonical_url") or record["url"]
    return Citation(
        key=citation_key(record),
        title=_one_line(record.get("title")) or record["url"],
        author=_one_line(record.get("author")) or None,
        container=container_names.get(source) or source,
        published=record.get("published") or None,
        lang=record.get("lang") or None,
        url=record["url"],
        archived_url=archived_link(canonical) if archived_link and kept else None,
        record_id=record.get("archive_record_id") or None,
        accessed=(record.get("fetched_at") or "")[:10] or None,
    )


def _one_line(value) -> str:
    """Whitespace (line breaks included) folded to single spaces: every format keeps a value on one line."""
    return _SPACES.sub(" ", str(value or "")).strip()


@dataclass(frozen=True)
class Citing:
    """What a citation needs besides the record: the sources' human names and, when the web page's
    public address is known, how to name an article's archived copy there."""

    container_names: Mapping[str, str]
    archived_link: Callable[[str], str] | None = None

    def citations(self, records: Iterable[Mapping]) -> Iterator[Citation]:
        for record in records:
            yield cite(record, self.container_names, self.archived_link)


def container_names(sources: Mapping) -> dict[str, str]:
    """{source name: its human name} from load_sources()' Sources (`display_name`, else the name)."""
    return {name: getattr(source, "display_name", "") or name for name, source in sources.items()}
