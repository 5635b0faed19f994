"""Raw page to clean Article: decode, drop sidebars, extract with trafilatura, clean, date, language."""

from __future__ import annotations

import re

from trafilatura import bare_extraction

from archive.articles import Article
from archive.extract.clean import clean_body, clean_title, normalize_space
from archive.extract.dates import DEFAULT_FORMATS
from archive.extract.lang import detect_language, detect_script
from archive.extract.page import (
    alternate_urls,
    decode_body,
    image_urls,
    meta_content,
    page_language,
    parse_html,
    prepare_for_extraction,
    restore_closing_lines,
    select_date_text,
    select_text,
    title_tag,
)
from archive.extract.published import PublishedAt, date_from_url, parse_published
from archive.extract.urls import canonicalize_url
from archive.pages import FetchedPage
from archive.sources import Source

__all__ = ["ExtractionError", "extract_article", "extract_page"]

DATE_SEARCH_CHARS = 600  # how far into the text a date is looked for without a date element
_NO_AUTHOR = {"", "none", "null", "unknown"}


class ExtractionError(Exception):
    """The page holds no article; `reason` says why: "empty page", "no article text", "no title"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


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
    the source's rules (config/sources.toml and config/extraction.toml) say where its parts are.
    """
    rules = source.rules
    tree = parse_html(decode_body(body, content_type))
    if tree is None:
        raise ExtractionError("empty page")
    headline = select_text(tree, rules.title_selector)
    date_text = select_date_text(tree, rules.date_selector)
    author_text = select_text(tree, rules.author_selector)
    published_meta = meta_content(tree)
    hint = lang_hint or page_language(tree)
    fallback_title = title_tag(tree)
    alternates = alternate_urls(tree, rules.translation_selector, url)
    prepare_for_extraction(tree, rules.drop_selectors)  # after reading what we need, before trafilatura
    images = image_urls(tree, rules.image_selector, url)
    raw_text, extracted_title, meta_author = _trafilatura(tree, url)

    candidates = (clean_title(t, rules) for t in (headline, extracted_title, fallback_title))
    title = next((t for t in candidates if t), "")
    formats = tuple(dict.fromkeys((*rules.date_formats, *DEFAULT_FORMATS)))
    cleaned = clean_body(raw_text, title=title, rules=rules, date_formats=formats)
    if not cleaned.text:
        raise ExtractionError("no article text")
    if not title:
        raise ExtractionError("no title")

    published = _published(date_text, raw_text, published_meta, url, formats, fetched_at, rules.zone)
    author = _author(author_text) or cleaned.author or _author(meta_author) or cleaned.credit
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


def _trafilatura(tree, url: str) -> tuple[str, str, str]:
    """(text, title, author) as trafilatura reads the page, "" for what it does not find."""
    document = bare_extraction(
        tree,  # trafilatura works on a copy
        url=url,
        include_comments=False,  # favor_precision drops closing lines; tables may be the article
        with_metadata=True,
    )
    if document is None:
        return "", "", ""
    text = restore_closing_lines(tree, document.text or "", url)
    return text, document.title or "", document.author or ""


def _published(
    date_text: str,
    raw_text: str,
    published_meta: str,
    url: str,
    formats: tuple[str, ...],
    fetched_at: str,
    zone: str,
) -> PublishedAt | None:
    """The page's own date first (its date element, then the top of its text), then meta, then URL.

    Only the date element may say "Сегодня" or leave out the year: in running text those words
    are about the event, not the page.
    """
    meta = parse_published(published_meta, formats, zone=zone)
    own = parse_published(
        date_text, formats, reference=fetched_at, zone=zone, allow_yearless=True
    ) or parse_published(raw_text[:DATE_SEARCH_CHARS], formats, zone=zone)
    if own is not None:
        if own.time is None and meta is not None and meta.date == own.date and meta.time:
            return meta  # the meta tag knows the time of the same day
        return own
    if meta is not None:
        return meta
    from_url = date_from_url(url)
    return PublishedAt(from_url) if from_url else None


_AUTHOR_LABEL = re.compile(r"^(?:автор(?:ы)?|author|by|авторы материала)\s*:?\s*", re.IGNORECASE)


def _translations(urls: list[str], canonical: str, source: Source) -> list[str]:
    """Canonical URLs of the page in other languages: not itself, not a listing or the home page
    (a language switch that leads to the other language's news list names no translation)."""
    listings = {canonicalize_url(source.base_url + path) for path in source.listings.values()}
    listings |= {canonicalize_url(source.base_url + path) for path in ("/", "/ru/", "/en/", "/kz/", "/kk/")}
    return [u for u in dict.fromkeys(map(canonicalize_url, urls)) if u != canonical and u not in listings]


def _author(name: str) -> str | None:
    """`name` without an "Автор:" label; None for an empty name or the string "None"."""
    name = _AUTHOR_LABEL.sub("", normalize_space(name))
    return None if name.casefold() in _NO_AUTHOR else name
