"""Where a page states its publication date: its date element, meta tags, JSON-LD, <time>, a date line."""

from __future__ import annotations

from collections.abc import Iterator

import lxml.html

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
DATE_LINE_WORDS = 4  # words a date line may hold besides its date: "Published:", "Submitted by admin on"


class DateReader:
    """Reads dates as the source writes them, in its zone; relative ones count from the fetch."""

    def __init__(self, formats: tuple[str, ...], zone: str, fetched_at: str):
        self.formats, self.zone, self.fetched_at = formats, zone, fetched_at

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
    element ("selector"), meta tags ("meta"), microdata ("itemprop"), JSON-LD ("json-ld"), a <time>
    by the headline ("time"), a short line with a date by the headline ("date-line"), any other
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
    nearby = list(_around(tree, headline)) if headline is not None else []
    times = [t for t in nearby if t.tag == "time"]
    for element in times:
        if found := _time(element, read):
            yield "time", found
    for element in nearby:
        if found := _date_line(element, read):
            yield "date-line", found
    for element in tree.iter("time"):  # far from the headline: after the date lines by it
        if element not in times and (found := _time(element, read)):
            yield "time", found


def _time(element: lxml.html.HtmlElement, read: DateReader) -> PublishedAt | None:
    if in_frame(element):
        return None
    return read.absolute(element.get("datetime", "")) or read.shown(element.text_content())


def _meta_dates(tree: lxml.html.HtmlElement) -> Iterator[str]:
    for name in PUBLISHED_META:
        for meta in tree.xpath("//meta[@property=$n or @name=$n or @itemprop=$n][@content]", n=name):
            if not in_frame(meta):
                yield meta.get("content")
    for element in tree.xpath("//*[@property][@content]"):
        if RDFA_DATES.intersection(element.get("property").split()):
            yield element.get("content")


def _around(tree: lxml.html.HtmlElement, headline: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The elements before and after the headline, nearest first, neither its own nor its ancestors."""
    elements = [e for e in tree.iter() if isinstance(e.tag, str)]
    at = next((n for n, e in enumerate(elements) if e is headline), None)
    if at is None:
        return
    after = at + 1 + sum(1 for _ in headline.iterdescendants())
    ancestors = set(headline.iterancestors())
    for distance in range(1, max(LINES_BEFORE, LINES_AFTER) + 1):
        if distance <= LINES_BEFORE and at - distance >= 0 and elements[at - distance] not in ancestors:
            yield elements[at - distance]
        if distance <= LINES_AFTER and after + distance - 1 < len(elements):
            yield elements[after + distance - 1]


def _date_line(element: lxml.html.HtmlElement, read: DateReader) -> PublishedAt | None:
    """The date of a short line that is a date and a few words at most ("Published: 25.05.2021")."""
    if element.tag in ("script", "style", "a"):
        return None
    text = normalize_space(element.text_content())
    if not text or len(text) > MAX_DATE_LINE or not any(c.isdigit() for c in text):
        return None
    rest = strip_dates(text, read.formats)
    if rest == text or sum(1 for w in rest.split() if any(c.isalpha() for c in w)) > DATE_LINE_WORDS:
        return None
    return None if in_frame(element) else read.shown(text)
