"""Raw page to clean Article: decode, drop sidebars, extract with trafilatura, clean, date, language."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from trafilatura import bare_extraction

from archive.articles import Article
from archive.extract.clean import clean_body, clean_title, normalize_space
from archive.extract.dates import DEFAULT_FORMATS
from archive.extract.errors import EMPTY_PAGE, NO_TEXT, NO_TITLE, UNREADABLE, ExtractionError
from archive.extract.headline import Headline, find_headline
from archive.extract.hostile import check_size
from archive.extract.jsonld import LinkedData, read_linked_data
from archive.extract.lang import detect_language, detect_script
from archive.extract.page import (
    alternate_urls,
    decode_body,
    image_urls,
    page_language,
    parse_article_html,
    prepare_for_extraction,
    restore_closing_lines,
    select_text,
)
from archive.extract.page_dates import DateReader, page_dates
from archive.extract.published import PublishedAt, date_from_url
from archive.extract.trafilatura_meta import TrafilaturaMetadata
from archive.extract.urls import canonicalize_url
from archive.pages import FetchedPage
from archive.sources import Source

__all__ = ["ExtractionError", "extract_article", "extract_page"]

DATE_SEARCH_CHARS = 600  # how far into the text a date is looked for without a date element
_NO_AUTHOR = {"", "none", "null", "unknown"}


def extract_article(
    body: bytes,
    *,
    url: str,
    source: Source,
    fetched_at: str,
    content_type: str | None = None,
    lang_hint: str | None = None,
) -> Article:
    """The Article in a fetched page; raises ExtractionError when there is none.

    `content_type` is the HTTP Content-Type header (its charset wins over the page's own);
    `lang_hint` (else the page's <html lang>) decides the language only of a text too short to tell;
    the source's rules (config/sources.toml and config/extraction.toml) say where its parts are, and
    where they find nothing the page's own evidence is read (`Article.found_by` says what served).
    Any failure on a hostile page is an ExtractionError too (UNREADABLE, with what went wrong).
    """
    check_size(body)
    try:
        return _extract(body, url, source, fetched_at, content_type, lang_hint)
    except (ExtractionError, OSError, MemoryError):  # OSError: a temporary file on a full disk
        raise
    except Exception as exc:  # noqa: BLE001 - lxml, trafilatura and urllib raise many kinds
        raise ExtractionError(UNREADABLE, f"{type(exc).__name__}: {exc}"[:200]) from exc


def _extract(body, url, source, fetched_at, content_type, lang_hint) -> Article:
    rules = source.rules
    tree = parse_article_html(decode_body(body, content_type))
    if tree is None:
        raise ExtractionError(EMPTY_PAGE)
    formats = tuple(dict.fromkeys((*rules.date_formats, *DEFAULT_FORMATS)))
    own = _read_own(tree, rules, url, DateReader(formats, rules.zone, fetched_at))
    hint = lang_hint or page_language(tree)
    alternates = alternate_urls(tree, rules.translation_selector, url)
    prepare_for_extraction(tree, rules.drop_selectors)  # after reading what we need, before trafilatura
    images = image_urls(tree, rules.image_selector, url)
    document = _trafilatura(tree, url)

    title, title_by = _title(own.headline, document.metadata, rules)
    cleaned, body_by = _body(document, own.linked, title, rules, formats)
    if not cleaned.text:
        raise ExtractionError(NO_TEXT)
    if not title:
        raise ExtractionError(NO_TITLE)
    date_by, published = own.published or _later_date(document, url, own.read)
    author = _byline(own, cleaned, document.metadata) or cleaned.credit
    canonical = canonicalize_url(url)
    text_for_language = f"{title}\n{cleaned.text}"
    return Article(
        url=url,
        canonical_url=canonical,
        source=source.name,
        lang=detect_language(text_for_language, hint),
        title=title,
        text=cleaned.text,
        published=published.date.isoformat() if published else None,
        fetched_at=fetched_at,
        author=author,
        published_time=published.time if published else None,
        utc_offset=published.utc_offset if published else None,
        dateline=cleaned.dateline,
        script=detect_script(text_for_language),
        images=images,
        alternates=_translations(alternates, canonical, source),
        found_by={"title": title_by, "date": date_by, "body": body_by},
    )


def extract_page(page: FetchedPage, source: Source) -> Article:
    """The Article in `page`, pointing at the page's WARC record; raises ExtractionError."""
    article = extract_article(
        page.body,
        url=page.url,
        source=source,
        fetched_at=page.fetched_at,
        content_type=page.content_type,
        lang_hint=page.lang_hint,
    )
    article.warc = page.warc
    return article


@dataclass(frozen=True)
class _Own:
    """What the page says of itself, read before its frame is pruned for trafilatura."""

    headline: Headline | None
    published: tuple[str, PublishedAt] | None  # (method, date)
    author: str
    linked: LinkedData
    read: DateReader


def _read_own(tree, rules, url: str, read: DateReader) -> _Own:
    linked = read_linked_data(tree)
    headline = find_headline(tree, rules, url, linked)
    element = headline.element if headline else None
    published = first_date(page_dates(tree, rules.date_selector, element, linked, read), read)
    return _Own(headline, published, select_text(tree, rules.author_selector), linked, read)


class _Document(NamedTuple):
    text: str
    metadata: TrafilaturaMetadata  # its title and author, read only when ours find none


def _trafilatura(tree, url: str) -> _Document:
    """The page's text as trafilatura reads it ("" when it finds none), and its metadata."""
    document = bare_extraction(
        tree,  # trafilatura works on a copy: `tree` stays as its metadata is read from
        url=url,
        include_comments=False,  # favor_precision drops closing lines; tables may be the article
        with_metadata=False,  # its date, site name, tags and licence are not used: the least work
    )
    text = restore_closing_lines(tree, document.text or "", url) if document is not None else ""
    return _Document(text, TrafilaturaMetadata(tree))


def _title(headline: Headline | None, metadata: TrafilaturaMetadata, rules) -> tuple[str, str]:
    """(title, method): the page's own headline, else trafilatura's."""
    if headline is not None:
        return headline.text, headline.method
    return clean_title(metadata.title, rules), "trafilatura"


def _byline(own: _Own, cleaned, metadata: TrafilaturaMetadata) -> str | None:
    """The author a byline, a meta tag or JSON-LD of ours names, else trafilatura's (None)."""
    bylines = (own.author, cleaned.author or "", own.linked.author)
    return next((a for a in map(_author, bylines) if a), None) or _author(metadata.author)


def _body(document: _Document, linked: LinkedData, title: str, rules, formats):
    """(cleaned text, method): trafilatura's text, else JSON-LD's articleBody. A page drawn by
    script has its text only in JSON-LD; trafilatura reads it there but runs its paragraphs
    together: they are taken as written."""
    if linked.body and normalize_space(document.text) == normalize_space(linked.body):
        return clean_body(linked.body, title=title, rules=rules, date_formats=formats), "json-ld"
    cleaned = clean_body(document.text, title=title, rules=rules, date_formats=formats)
    if cleaned.text or not linked.body:
        return cleaned, "trafilatura"
    return clean_body(linked.body, title=title, rules=rules, date_formats=formats), "json-ld"


def first_date(evidence, read: DateReader) -> tuple[str, PublishedAt] | None:
    """The first (method, date) of `evidence` (read by `read`); when it has no time, the time of a
    later one of the same day (a meta tag knows the time the page's date line leaves out)."""
    first = next(evidence, None)
    if first is None or first[1].time is not None:
        return first
    read.timed_only = True
    timed = next((d for _, d in evidence if d.date == first[1].date and d.time), None)
    return (first[0], timed) if timed else first


def _later_date(document: _Document, url: str, read: DateReader) -> tuple[str, PublishedAt | None]:
    """(method, date) from what only the extracted text or the URL say ("none", None without).

    Running text may not say "Сегодня" or leave out the year: those words are about the event.
    Trafilatura's own date is not taken: it reads any <time> of the page, a sidebar's too, and a
    page with no date of its own is better left undated than dated by another article.
    """
    found = read.absolute(document.text[:DATE_SEARCH_CHARS])
    if found:
        return "text", found
    from_url = date_from_url(url)
    return ("url", PublishedAt(from_url)) if from_url else ("none", None)


_AUTHOR_LABEL = re.compile(r"^(?:автор(?:ы)?|author|by|авторы материала)\s*:?\s*", re.IGNORECASE)


def _translations(urls: list[str], canonical: str, source: Source) -> list[str]:
    """Canonical URLs of the page in other languages: not itself, not a listing or the home page
    (a language switch that leads to the other language's news list names no translation)."""
    if not urls:
        return []
    listings = _listing_urls(source.base_url, tuple(source.listings.values()))
    return [u for u in dict.fromkeys(map(canonicalize_url, urls)) if u != canonical and u not in listings]


@functools.lru_cache(maxsize=64)
def _listing_urls(base_url: str, listing_paths: tuple[str, ...]) -> frozenset[str]:
    """Canonical URLs of a source's listings and home pages: the same for each of its articles."""
    paths = (*listing_paths, "/", "/ru/", "/en/", "/kz/", "/kk/")
    return frozenset(canonicalize_url(base_url + path) for path in paths)


def _author(name: str) -> str | None:
    """`name` without an "Автор:" label; None for an empty name or the string "None"."""
    name = _AUTHOR_LABEL.sub("", normalize_space(name))
    return None if name.casefold() in _NO_AUTHOR else name
