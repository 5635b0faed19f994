"""Raw page to clean Article: decode, extract with trafilatura, clean, date, detect language."""

from __future__ import annotations

from trafilatura import bare_extraction

from apknews.articles import Article
from apknews.extract.clean import clean_text, clean_title
from apknews.extract.dates import DEFAULT_FORMATS, parse_date
from apknews.extract.lang import detect_language
from apknews.extract.page import (
    decode_body,
    meta_content,
    page_language,
    parse_html,
    select_text,
    title_tag,
)
from apknews.extract.urls import canonicalize_url
from apknews.sources import Source

__all__ = ["ExtractionError", "extract_article"]

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
    `lang_hint` (else the page's <html lang>) decides the language only of a text too short to tell.
    """
    tree = parse_html(decode_body(body, content_type))
    if tree is None:
        raise ExtractionError("empty page")
    headline = select_text(tree, source.title_selector)
    date_text = select_text(tree, source.date_selector)
    published_meta = meta_content(tree)
    hint = lang_hint or page_language(tree)
    fallback_title = title_tag(tree)

    document = bare_extraction(
        tree,  # trafilatura works on a copy
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        with_metadata=True,
    )
    raw_text = (document.text or "") if document is not None else ""
    extracted_title = (document.title or "") if document is not None else ""

    candidates = (clean_title(t, source) for t in (headline, extracted_title, fallback_title))
    title = next((t for t in candidates if t), "")
    formats = tuple(dict.fromkeys((*source.date_formats, *DEFAULT_FORMATS)))
    text = clean_text(raw_text, title=title, source=source, date_formats=formats)
    if not text:
        raise ExtractionError("no article text")
    if not title:
        raise ExtractionError("no title")

    published = (
        parse_date(date_text, formats)
        or parse_date(raw_text[:DATE_SEARCH_CHARS], formats)
        or parse_date(published_meta, formats)
    )
    author = (document.author or "").strip() if document is not None else ""
    return Article(
        url=url,
        canonical_url=canonicalize_url(url),
        source=source.name,
        lang=detect_language(f"{title}\n{text}", hint),
        title=title,
        text=text,
        published=published.isoformat() if published else None,
        fetched_at=fetched_at,
        author=None if author.casefold() in _NO_AUTHOR else author,
    )
