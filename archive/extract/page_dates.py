"""Where a page states its publication date: its date element, meta tags, JSON-LD, <time>, a date line."""

from __future__ import annotations

from collections.abc import Iterator

import lxml.html
from lxml import etree

from archive.extract.clean import MAX_DATE_LINE, normalize_space
from archive.extract.dates import strip_dates
from archive.extract.frame import in_frame
from archive.extract.jsonld import LinkedData
from archive.extract.page import select_date_text
from archive.extract.published import PublishedAt, parse_published

# <meta> names, properties and itemprops that carry the publication (never the modification) time.
PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "og:published_time", "datePublished",
    "pubdate", "publishdate", "publish_date", "date", "DC.date.issued", "DC.date", "dc.date",
    "dcterms.issued", "dcterms.created", "DC.date.created",
)  # fmt: skip
RDFA_DATES = frozenset({"dc:date", "dc:created", "dc:issued", "dcterms:created", "dcterms:issued"})
LINES_BEFORE, LINES_AFTER = 30, 40  # elements looked at on either side of the headline for a date line
ARTICLE_CHARS = 200  # text beside the headline that makes a block the article's
DATE_LINE_WORDS = 4  # words a date line may hold besides its date: "Published:", "Submitted by admin on"


class DateReader:
    """Reads dates as the source writes them, in its zone; relative ones count from the fetch."""

    def __init__(self, formats: tuple[str, ...], zone: str, fetched_at: str):
        self.formats, self.zone, self.fetched_at = formats, zone, fetched_at
        # Set once a date without its time is found: what follows is read only for a time of day,
        # and a line that cannot hold one is passed over unread (the date pass was a seventh of
        # an article's extraction, most of it reading lines for a time that none of them had).
        self.timed_only = False
        self._time_needs_colon = all(
            "{hour}:{minute}" in f for f in formats if "{hour}" in f or "{minute}" in f
        )

    def may_hold_time(self, text: str) -> bool:
        """False when `text` cannot hold a time of day: every time this reader reads ("14:35",
        "Сегодня, 13:53", its formats' {hour}:{minute}) is written with a colon."""
        return ":" in text or not self._time_needs_colon

    def absolute(self, text: str) -> PublishedAt | None:
        return parse_published(text, self.formats, zone=self.zone)

    def shown(self, text: str, yearless: bool = False) -> PublishedAt | None:
        """A date the page shows as its own: "Сегодня, 13:53" counts from the fetch."""
        return parse_published(
            text, self.formats, reference=self.fetched_at, zone=self.zone, allow_yearless=yearless
        )


def page_dates(
    tree: lxml.html.HtmlElement,
    date_selector: str,
    headline: lxml.html.HtmlElement | None,
    linked: LinkedData,
    read: DateReader,
) -> Iterator[tuple[str, PublishedAt]]:
    """(method, date) of each place the page states its date, best first: the configured date
    element ("selector"), meta tags ("meta"), microdata ("itemprop"), JSON-LD ("json-ld"), the
    nearest <time> ("time") or short line with a date ("date-line") by the headline, any other
    <time> of the article ("time"). Only the date element may leave out the year; nothing in the
    page's frame (sidebars, menus, comments) counts."""
    found = read.shown(select_date_text(tree, date_selector), yearless=True)
    if found:
        yield "selector", found
    for text in _meta_dates(tree):
        if found := read.absolute(text):
            yield "meta", found
    for element in tree.xpath("//body//*[@itemprop='datePublished']"):
        text = next((element.get(a) for a in ("datetime", "content", "title") if element.get(a)), None)
        if not in_frame(element) and (found := read.shown(text or element.text_content())):
            yield "itemprop", found
    if found := read.absolute(linked.published):
        yield "json-ld", found
    nearby = _around(tree, headline) if headline is not None else []
    for element in nearby:  # the nearest first: a <time> or a line with a date
        if element.tag == "time" and (found := _time(element, read)):
            yield "time", found
        elif element.tag != "time" and (found := _date_line(element, read)):
            yield "date-line", found
    box = article_box(headline) if headline is not None else tree
    far = sorted(tree.iter("time"), key=lambda element: not _inside(element, box))
    for element in far:  # far from the headline, those of the article first
        if element not in nearby and (found := _time(element, read)):
            yield "time", found


def _time(element: lxml.html.HtmlElement, read: DateReader) -> PublishedAt | None:
    if in_frame(element):
        return None
    return read.absolute(element.get("datetime", "")) or read.shown(element.text_content())


def _meta_dates(tree: lxml.html.HtmlElement) -> Iterator[str]:
    metas = [(meta, {meta.get(a) for a in _META_NAMES}) for meta in _METAS_WITH_CONTENT(tree)]
    for name in PUBLISHED_META:  # by name, then in document order: one XPath query, not one a name
        for meta, names in metas:
            if name in names and not in_frame(meta):
                yield meta.get("content")
    for element in tree.xpath("//*[@property][@content]"):
        if RDFA_DATES.intersection(element.get("property").split()):
            yield element.get("content")


_METAS_WITH_CONTENT = etree.XPath("//meta[@content]")
_META_NAMES = ("property", "name", "itemprop")


def _around(tree: lxml.html.HtmlElement, headline: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The elements before and after the headline, neither its own nor its ancestors: those in the
    block that holds the headline and the text first, each part nearest first."""
    ancestors = list(headline.iterancestors())
    if headline is not tree and not any(a is tree for a in ancestors):
        return []
    # In document order, an ancestor stands before the headline and takes a place of the window.
    before = _BEFORE(headline)[::-1]  # nearest first, as `after`: XPath, not a walk of a large page
    after = _AFTER(headline)
    window = []
    for distance in range(1, max(LINES_BEFORE, LINES_AFTER) + 1):
        if distance <= len(before) and not any(before[distance - 1] is a for a in ancestors):
            window.append(before[distance - 1])
        if distance <= len(after):
            window.append(after[distance - 1])
    box = article_box(headline)
    return sorted(window, key=lambda element: not _inside(element, box))  # a stable sort


_BEFORE = etree.XPath(f"(preceding::* | ancestor::*)[position() > last() - {LINES_BEFORE}]")
_AFTER = etree.XPath(f"following::*[position() <= {LINES_AFTER}]")


def article_box(headline: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The nearest block around the headline that holds the article's text too."""
    for ancestor in headline.iterancestors():
        if len(ancestor.text_content()) - len(headline.text_content()) >= ARTICLE_CHARS:
            return ancestor
    return headline


def _inside(element: lxml.html.HtmlElement, box: lxml.html.HtmlElement) -> bool:
    return any(ancestor is box for ancestor in element.iterancestors())


def _date_line(element: lxml.html.HtmlElement, read: DateReader) -> PublishedAt | None:
    """The date of a short line that is a date and a few words at most ("Published: 25.05.2021")."""
    if element.tag in ("script", "style", "a") or next(element.iter("time"), None) is not None:
        return None  # a link is another page's; a <time> inside is read as itself
    text = element.text_content()
    if read.timed_only and not read.may_hold_time(text):
        return None
    text = normalize_space(text)
    if not text or len(text) > MAX_DATE_LINE or not any(c.isdigit() for c in text):
        return None
    rest = strip_dates(text, read.formats)
    if rest == text or sum(1 for w in rest.split() if any(c.isalpha() for c in w)) > DATE_LINE_WORDS:
        return None
    return None if in_frame(element) else read.shown(text)
