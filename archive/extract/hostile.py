"""Pages built to hurt a parser: control characters, broken URLs, size and crowding budgets."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urljoin, urlsplit

import lxml.html
from lxml.etree import strip_tags

from archive.extract.errors import TOO_DEEP, TOO_LARGE, ExtractionError

MAX_PAGE_BYTES = 8 * 1024 * 1024  # the crawler's DOWNLOAD_MAXSIZE: a bigger body is no news page
MAX_ELEMENTS = 50_000  # news pages have a few thousand; a page past this is archived, not parsed
MAX_ATTRIBUTES = 100_000
# libxml2 checks each attribute of a tag against the others: 40,000 on one tag take 14 s to parse.
# A tag with more loses them all before parsing; only a tag this long is counted.
MAX_TAG_ATTRIBUTES = 1_000
_LONG_TAG = re.compile(r"<([A-Za-z][\w:-]*)(\s[^<>]{8192,})>")
# A parent with more children than this has the inline tags among them merged into its text before
# trafilatura strips them: stripped, they leave one text node each, and its //p//text() sorts those
# in quadratic time (40,000 <span>s in a <p>: 108 s).
CROWDED_CHILDREN = 256
# The tags trafilatura strips (keeping their text): span and trafilatura.settings.MANUALLY_STRIPPED
# less img and meta, read before; table parts are not inline and stay.
_INLINE = ("span", "abbr", "acronym", "bdi", "bdo", "big", "cite", "data", "dfn", "font", "ins", "mark")
_INLINE += ("nobr", "small", "wbr")
# Characters an XML tree cannot hold: lxml parses them but refuses them when a text is set.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DEPTH_LIMIT = "Excessive depth"


def check_size(body: bytes) -> None:
    """Raise ExtractionError(TOO_LARGE) for a body over the budget."""
    if len(body) > MAX_PAGE_BYTES:
        raise ExtractionError(TOO_LARGE, f"{len(body):,} bytes > {MAX_PAGE_BYTES:,}")


def check_tree(tree: lxml.html.HtmlElement, parser: lxml.html.HTMLParser) -> None:
    """Raise ExtractionError when the parser stopped at its depth limit (what lies below is lost)
    or the tree is over the element or attribute budget."""
    if any(_DEPTH_LIMIT in error.message for error in parser.error_log):
        raise ExtractionError(TOO_DEEP, "nested past the parser's depth limit of 256")
    elements = attributes = 0
    for element in tree.iter():
        elements += 1
        attributes += len(element.attrib) if isinstance(element.tag, str) else 0
    if elements > MAX_ELEMENTS:
        raise ExtractionError(TOO_LARGE, f"{elements:,} elements > {MAX_ELEMENTS:,}")
    if attributes > MAX_ATTRIBUTES:
        raise ExtractionError(TOO_LARGE, f"{attributes:,} attributes > {MAX_ATTRIBUTES:,}")


def xml_safe(text: str) -> str:
    """`text` without the control characters an lxml tree cannot be given."""
    return _NOT_XML.sub("", text)


def thin_crowded_tags(text: str) -> str:
    """`text` with the attributes of every tag that has more than MAX_TAG_ATTRIBUTES dropped."""

    def thinned(match: re.Match) -> str:
        return f"<{match[1]}>" if match[2].count("=") > MAX_TAG_ATTRIBUTES else match[0]

    return _LONG_TAG.sub(thinned, text)


def link_target(base_url: str, href: str | None) -> SplitResult:
    """The parts of `href` read from `base_url`; all empty for an href no URL can be made of."""
    try:
        return urlsplit(urljoin(base_url, href or ""))
    except ValueError:  # "http://[x"
        return urlsplit("")


def joined_urls(base_url: str, hrefs) -> list[str]:
    """Absolute http(s) URLs of `hrefs` read from `base_url`, in order, once each; an href no URL
    can be made of ("http://[x") is left out."""
    urls = []
    for href in hrefs:
        href = (href or "").strip()
        try:
            url = urljoin(base_url, href) if href else ""
            urlsplit(url).port  # noqa: B018 - raises for a port out of range
        except ValueError:
            continue
        if url.startswith("http"):
            urls.append(url)
    return list(dict.fromkeys(urls))


def merge_crowded_inlines(tree: lxml.html.HtmlElement) -> None:
    """Strip the inline tags under a crowded parent and merge its text into whole text nodes."""
    crowded = [e for e in tree.iter() if len(e) > CROWDED_CHILDREN and isinstance(e.tag, str)]
    for parent in crowded:
        strip_tags(parent, *_INLINE)
        for element in parent.iter():
            if element.text:
                element.text = element.text  # setting it again makes one node of the pieces
            if element.tail and element is not parent:
                element.tail = element.tail
