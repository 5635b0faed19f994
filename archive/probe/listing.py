"""A listing page probed: what listing_selector matches, the links found and how, a selector that fits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from urllib.parse import urljoin, urlsplit

from archive.extract.listing_links import FALLBACK, ListingLinks, find_listing_links, link_key
from archive.extract.page import decode_body, parse_html
from archive.pages import FetchedPage
from archive.probe.selectors import count_matches, extended, selector_for
from archive.probe.steps import ListingStep
from archive.said import Said, SaidCount
from archive.sources import Source

OTHER_LINKS_SHOWN = 8  # on-site links shown when none is an article: what article_pattern missed


def probe_listing(
    page: FetchedPage,
    source: Source,
    lang: str | None = None,
    earlier_pages: Iterable[Sequence[str]] = (),
) -> ListingStep:
    """Listing page `page` of `source` as the crawl reads it: the same links, found the same way.

    `earlier_pages`: the candidates of listing pages read before (as the crawl passes them).
    """
    step = ListingStep("listing", page.url, page.status, lang=lang)
    if page.status >= 400:
        step.error = f"HTTP {page.status}"
        return step
    text = decode_body(page.body, page.content_type)
    tree = parse_html(text)
    if tree is None:
        step.error = Said("an empty page")
        return step
    selector, earlier = source.listing_selector, [tuple(p) for p in earlier_pages]
    if selector:
        step.selectors["listing_selector"] = {"css": selector, "matches": count_matches(tree, selector)}
    found = _find(text, page.url, source, selector, earlier)
    step.method, step.links, step.candidates = found.method, list(found.links), list(found.candidates)
    step.left_out = {reason: list(urls) for reason, urls in found.left_out.items()}
    if not found.links:
        step.other_links = _other_links(tree, page.url, source)
        step.problems.append(
            Said("no article link: none of the page's links on the site matches article_pattern")
            if step.other_links
            else Said("no article link: the page links nowhere on the site")
        )
        return step
    if found.method == FALLBACK:
        _judge_fallback(step, text, tree, source, found, earlier)
    return step


def feed_listing(url: str, status: int, links: list[str], lang: str | None = None) -> ListingStep:
    """A feed or sitemap probed: its item links that are articles (read by the caller)."""
    step = ListingStep("listing", url, status, lang=lang, method="feed", links=list(links))
    if status >= 400:
        step.error = f"HTTP {status}"
    elif not links:
        step.problems.append(Said("no article link in the feed: none of its items matches article_pattern"))
    return step


def _find(text: str, url: str, source: Source, selector: str, earlier: list) -> ListingLinks:
    return find_listing_links(
        text, url, source.article_regex, hosts=source.site_hosts, selector=selector, earlier_pages=earlier
    )


def _judge_fallback(step: ListingStep, text: str, tree, source: Source, found: ListingLinks, earlier) -> None:
    selector = source.listing_selector
    matches = step.selectors.get("listing_selector", {}).get("matches")
    if not selector:
        step.notes.append(Said("no listing_selector: the links were found by the page's structure"))
    elif matches is None:
        step.problems.append(Said("listing_selector is not a valid CSS selector; links found by fallback"))
    elif matches == 0:
        step.problems.append(Said("listing_selector matched nothing; links found by fallback"))
    else:
        step.problems.append(
            SaidCount(
                "listing_selector matched %(count)s element, no article link in it; links found by fallback",
                "listing_selector matched %(count)s elements, no article link in them; "
                "links found by fallback",
                matches,
            )
        )
    wanted = set(found.links)

    def works(css: str) -> bool:
        again = _find(text, step.url, source, css, earlier)
        return again.method != FALLBACK and set(again.links) == wanted

    block = _block_of(tree, step.url, {link_key(u) for u in found.links})
    suggestion = selector_for(block, works, climb=True) if block is not None else None
    if suggestion:
        step.suggestions["listing_selector"] = extended(selector, suggestion)
    else:
        step.notes.append(Said("no one block holds exactly these links: no listing_selector to suggest"))


def _block_of(tree, url: str, keys: set[str]):
    """The deepest element holding a link to every article in `keys` (the first such, in page order)."""
    under: dict = {}
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        key = link_key(urljoin(url, href)) if href and not href.startswith("#") else None
        if key in keys:
            for element in (anchor, *anchor.iterancestors()):
                under.setdefault(element, set()).add(key)
    holding = [element for element, held in under.items() if held == keys]
    if not holding:
        return None
    return max(holding, key=lambda e: sum(1 for _ in e.iterancestors()))


def _other_links(tree, url: str, source: Source) -> list[str]:
    hosts = source.site_hosts | {urlsplit(url).hostname or ""}
    seen: dict[str, None] = {}
    for href in tree.xpath("//a/@href"):
        absolute = urljoin(url, href.strip()).split("#", 1)[0]
        if urlsplit(absolute).hostname in hosts and absolute.rstrip("/") != url.rstrip("/"):
            seen.setdefault(absolute, None)
    return list(seen)[:OTHER_LINKS_SHOWN]
