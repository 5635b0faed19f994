"""The pages `apknews probe` looks at: page 1 of each listing (or feed) and the first article it links to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from scrapy.utils.sitemap import Sitemap

from archive.extract.page import decode_body, parse_html
from archive.extract.urls import canonicalize_url
from archive.pages import FetchedPage
from archive.probe import ListingStep, Step, failed_step, feed_listing, probe_article, probe_listing
from archive.said import Said
from archive.sources import Source
from crawler.fetch import FetchFailed, FetchRefused, PoliteFetcher
from crawler.pages import feed_links, utc_stamp

ARTICLES_TRIED = 5  # links of a listing tried, in order, until one may be fetched


class NotProbed(Exception):
    """The source is not read from HTML listings or feeds (a JSON API): nothing here to probe."""


def probe_source(source: Source, fetcher: PoliteFetcher | None = None) -> Iterator[Step]:
    """Each listing's page 1 (each feed, for a feeds source) and the first article it links to, probed."""
    fetcher = fetcher or PoliteFetcher()
    if source.listings:
        earlier: list[list[str]] = []
        for lang in source.listings:
            step = _fetched(fetcher, "listing", source.listing_url(lang, 1))
            if not isinstance(step, FetchedPage):
                yield step
                continue
            listing = probe_listing(step, source, lang, earlier_pages=earlier)
            earlier.append(listing.candidates)
            yield listing
            yield from _first_article(fetcher, source, listing)
    elif source.feeds:
        for feed in source.feeds:
            url = source.on_site(source.base_url + feed if feed.startswith("/") else feed)
            listing = _feed_step(fetcher, source, url)
            yield listing
            yield from _first_article(fetcher, source, listing)
    else:
        raise NotProbed(
            Said(
                "source %(name)r is read from a JSON API (spider %(spider)r), not probed",
                name=source.name,
                spider=source.spider,
            )
        )


def probe_saved_page(source: Source, body: bytes, url: str | None = None) -> Step:
    """A saved page probed as a listing or an article of `source`, by its address's pattern.

    `url`: where the page was fetched from; else its own canonical link or og:url; else the
    source's base URL (a listing).
    """
    url = source.on_site(url or declared_url(body) or source.base_url + "/")
    page = FetchedPage(url=url, status=200, headers=[], body=body, fetched_at=utc_stamp(), source=source.name)
    if source.is_article_url(canonicalize_url(url)):
        return probe_article(page, source)
    return probe_listing(page, source, _lang_of(url, source))


def declared_url(body: bytes) -> str | None:
    """The address a page gives itself: <link rel="canonical">, else <meta property="og:url">."""
    tree = parse_html(decode_body(body))
    if tree is None:
        return None
    found = tree.xpath('//link[@rel="canonical"]/@href') + tree.xpath('//meta[@property="og:url"]/@content')
    return next((u.strip() for u in found if u.strip().startswith(("http://", "https://"))), None)


def _fetched(fetcher: PoliteFetcher, kind: str, url: str) -> FetchedPage | Step:
    try:
        return fetcher.get(url)
    except FetchRefused as exc:
        return failed_step(kind, url, Said("not fetched: %(why)s", why=_why(exc)))  # nor would the crawl
    except FetchFailed as exc:
        return failed_step(kind, url, Said("no answer: %(why)s", why=_why(exc)))


def _why(exc: Exception):
    """What the fetcher said (a Said, kept for the CLI to translate), else the exception's text."""
    said = exc.args[0] if exc.args else ""
    return said if isinstance(said, Said) else str(exc)


def _first_article(fetcher: PoliteFetcher, source: Source, listing: Step) -> Iterator[Step]:
    """The listing's first article the crawl may fetch (robots.txt may forbid some, as it would)."""
    if not isinstance(listing, ListingStep) or not listing.links:
        return
    refused: list[Step] = []
    for link in listing.links[:ARTICLES_TRIED]:
        page = _fetched(fetcher, "article", source.on_site(link))
        if not isinstance(page, FetchedPage) and page.error.startswith("not fetched"):
            refused.append(page)  # the crawl would not fetch it either: try the next one
            continue
        step = probe_article(page, source) if isinstance(page, FetchedPage) else page
        step.notes += [Said("skipped %(url)s: %(why)s", url=r.url, why=r.error) for r in refused]
        yield step
        return
    yield refused[-1]


def _feed_step(fetcher: PoliteFetcher, source: Source, url: str) -> Step:
    """A feed or sitemap's article links; a sitemap index is followed to its first sitemap."""
    page = _fetched(fetcher, "listing", url)
    for _ in range(2):
        if not isinstance(page, FetchedPage):
            return page
        head = page.body[:2048].lower()
        if page.status >= 400 or b"<sitemapindex" not in head:
            break
        children = [entry["loc"] for entry in Sitemap(page.body) if entry.get("loc")]
        if not children:
            break
        page = _fetched(fetcher, "listing", source.on_site(children[0]))
    if not isinstance(page, FetchedPage):
        return page
    head = page.body[:2048].lower()
    if b"<urlset" in head:
        locs = [entry["loc"] for entry in Sitemap(page.body) if entry.get("loc")]
    else:
        locs = feed_links(page.body)
    links = [source.on_site(u.strip()) for u in locs]
    articles = list(dict.fromkeys(u for u in links if source.is_article_url(canonicalize_url(u))))
    return feed_listing(page.url, page.status, articles, _lang_of(page.url, source))


def _lang_of(url: str, source: Source) -> str | None:
    match = re.match(r"^https?://[^/]+/(ru|kk|kz|en)(?:/|$)", url)
    lang = {"kz": "kk"}.get(match[1], match[1]) if match else None
    return lang if lang in source.languages else None
