"""A fetched page as HTML: bytes decoded by their charset; headline, date text, language hint."""

from __future__ import annotations

import codecs
import functools
import re
from urllib.parse import urljoin

import lxml.html
from lxml.cssselect import CSSSelector
from lxml.etree import ParserError

from archive.extract.clean import normalize_space
from archive.extract.lang import normalize_language

PRESCAN_BYTES = 8192  # how far into the page a <meta> charset is looked for
FALLBACK_ENCODINGS = ("utf-8", "cp1251")  # tried in turn when the declared charset does not fit
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "pubdate",
    "date",
    "DC.date.issued",
)

_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The same settings trafilatura parses with, so the tree handed over to it is the one it expects.
_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True
)


def _codec(label: str | None) -> str | None:
    """Python's name for a charset label, or None for a label it does not know."""
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def declared_charset(body: bytes, content_type: str | None = None) -> str | None:
    """The charset declared in the HTTP Content-Type, else in a <meta> tag; None if neither."""
    if content_type:
        match = _HEADER_CHARSET.search(content_type)
        if match and _codec(match.group(1)):
            return _codec(match.group(1))
    match = _META_CHARSET.search(body[:PRESCAN_BYTES])
    if match:
        return _codec(match.group(1).decode("ascii", "replace"))
    return None


def decode_body(body: bytes, content_type: str | None = None) -> str:
    """The page as text: by its byte-order mark, declared charset, else UTF-8, else windows-1251.

    A declared charset that does not decode the bytes is not trusted, and a single-byte charset
    declared for a page that is valid UTF-8 loses to UTF-8: neither may turn into mojibake.
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body.decode(encoding, errors="replace")
    declared = declared_charset(body, content_type)
    candidates = [declared] if declared else []
    if declared and not declared.startswith("utf") and not body.isascii():
        candidates.insert(0, "utf-8")  # valid UTF-8 is almost never an accident
    candidates += [e for e in FALLBACK_ENCODINGS if e not in candidates]
    for encoding in candidates:
        try:
            return body.decode(encoding)
        except UnicodeDecodeError:
            continue
    return body.decode(declared or "utf-8", errors="replace")


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    """The page's element tree, or None when there is no HTML in it."""
    text = _XML_DECLARATION.sub("", text, count=1)  # lxml refuses a str that names its encoding
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text, parser=_PARSER)
    except (ParserError, ValueError):
        return None


@functools.lru_cache(maxsize=64)
def _selector(css: str) -> CSSSelector:
    return CSSSelector(css, translator="html")


def select_text(tree: lxml.html.HtmlElement, css: str) -> str:
    """Text of the first element matching the CSS selector `css` that has any ("" if none)."""
    if not css:
        return ""
    for element in _selector(css)(tree):
        text = normalize_space(element.text_content())
        if text:
            return text
    return ""


def select_date_text(tree: lxml.html.HtmlElement, css: str) -> str:
    """The date element's machine-readable value (`datetime`, `content`) then its text ("" if none).

    WordPress writes `<time datetime="2021-01-15T10:00:00+06:00">Опубликовано</time>`: the attribute
    is the page's own date, with its time and offset, and the text may be no date at all.
    """
    if not css:
        return ""
    for element in _selector(css)(tree):
        parts = [element.get(name, "") for name in ("datetime", "content")]
        parts += [child.get("datetime", "") for child in element.iter("time") if child is not element]
        parts.append(element.text_content())
        text = normalize_space(" ".join(p for p in parts if p))
        if text:
            return text
    return ""


def title_tag(tree: lxml.html.HtmlElement) -> str:
    """Text of the page's <title> ("" if none)."""
    return normalize_space(tree.findtext(".//title") or "")


def meta_content(tree: lxml.html.HtmlElement, names: tuple[str, ...] = PUBLISHED_META) -> str:
    """Content of the first <meta> whose property, name or itemprop is in `names` ("" if none)."""
    for name in names:
        for value in tree.xpath("//meta[@property=$n or @name=$n or @itemprop=$n]/@content", n=name):
            if value.strip():
                return value.strip()
    return ""


def page_language(tree: lxml.html.HtmlElement) -> str | None:
    """The language the page declares in <html lang> (ru, kk or en), or None."""
    root = tree.getroottree().getroot()
    return normalize_language(root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"))


# Pictures every page of a site shows: never evidence that two articles are one release.
_DECORATION = re.compile(r"logo|icon|banner|sprite|avatar|counter|pixel|\.svg(?:$|\?)|\.gif(?:$|\?)", re.I)


def drop_elements(tree: lxml.html.HtmlElement, selectors: tuple[str, ...]) -> None:
    """Remove every element matching one of the CSS `selectors` (sidebars, tag lists, share bars)."""
    for css in selectors:
        for element in _selector(css)(tree):
            parent = element.getparent()
            if parent is not None:
                element.drop_tree()


def image_urls(tree: lxml.html.HtmlElement, css: str, base_url: str) -> list[str]:
    """Absolute URLs of the article's pictures: og:image, then <img> under `css`, decoration left out."""
    found = tree.xpath("//meta[@property='og:image' or @name='og:image']/@content")
    for element in _selector(css or "img")(tree):
        images = [element] if element.tag == "img" else element.iter("img")
        found.extend(img.get("src") or img.get("data-src") or "" for img in images)
    urls = (urljoin(base_url, src.strip()) for src in found if src and src.strip())
    return list(dict.fromkeys(u for u in urls if u.startswith("http") and not _DECORATION.search(u)))


def alternate_urls(tree: lxml.html.HtmlElement, css: str, base_url: str) -> list[str]:
    """Absolute URLs the page gives as itself in other languages: hreflang links and the `css` links."""
    found = tree.xpath("//link[@rel='alternate'][@hreflang]/@href")
    if css:
        found.extend(a.get("href") or "" for a in _selector(css)(tree))
    urls = (urljoin(base_url, href.strip()) for href in found if href and href.strip())
    return list(dict.fromkeys(u for u in urls if u.startswith("http")))
