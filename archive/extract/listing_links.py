"""A listing page's own article links: by the source's CSS hint, else by the page's structure."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml.cssselect import CSSSelector
from lxml.etree import ParserError

from archive.extract.page import decode_body, parse_html
from archive.extract.site_links import OwnHosts, absolute_link
from archive.extract.urls import canonicalize_url

__all__ = ["ListingLinks", "find_listing_links", "is_chrome_heading", "link_key"]

SELECTOR, FALLBACK = "selector", "fallback"
# A link seen on this many earlier listing pages of the source is page furniture (a "most read" box).
REPEAT_LIMIT = 2
# Left-out reasons, as the crawl report and the probe print them.
PAGE_CHROME = "header, nav, aside or footer"
HEADED_BLOCK = 'a "most read" / "related" block'
REPEATED = f"on {REPEAT_LIMIT}+ other listing pages"
OUTSIDE_SELECTOR = "outside the listing selector"
OUTSIDE_MAIN = "outside the page's main content"
OUTSIDE_DENSEST = "outside the densest block of article links"

_CHROME_TAGS = frozenset({"nav", "aside"})
_CHROME_ROLES = frozenset({"navigation", "banner", "complementary", "contentinfo", "search"})
# A header or footer inside one of these is the item's own: <article><header class="entry-header">.
_SECTIONING = frozenset({"article", "main", "section", "aside", "nav"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_MAX_CLIMB = 3  # levels a heading wrapped in its own box climbs to reach the block it heads
_HEADLINE_WORDS = 3  # a lone link beside the listing is kept when its text reads like a headline

# Headings of blocks that list other news than the listing's own, matched whole after lowercasing.
_RU = (
    r"сейчас читают|читают сейчас|(?:самое |самые )?(?:популярн|читаем|обсуждаем|просматриваем)\w*"
    r"|читайте (?:также|еще|тоже)|смотрите также|см\.? также|похож\w+|(?:новости |материалы )?по теме"
    r"|другие (?:новости|материалы)|еще новости|рекомендуем\w*|выбор редакции|реклама"
    r"|(?:новости|материалы) партнеров|партнерск\w+(?: материалы)?|топ(?:-?\d+)?"
)
_KK = (
    r"қазір оқылуда|(?:ең )?көп (?:оқылған|қаралған)\w*|танымал\w*|тағы оқыңыз|сондай-ақ оқыңыз"
    r"|оқи отырыңыз|ұқсас\w*|тақырыпқа қатысты|басқа жаңалықтар|ұсынамыз|редакция таңдауы"
    r"|серіктес\w* жаңалықтары|жарнама|qazir oqyl[ýu]da|k[óo]p oqyl[ǵg]an\w*"
)
_EN = (
    r"currently reading|now reading|(?:the )?most (?:read|viewed|popular|commented|shared)"
    r"|popular(?: now)?|trending(?: now)?|read (?:also|more|next)|also read|see also|related"
    r"|more (?:news|stories)|other news|recommended(?: for you)?|editor'?s (?:choice|picks?)"
    r"|you (?:may|might) (?:also )?like|don'?t miss|partners?'? (?:news|content)|sponsored(?: content)?"
    r"|advertisement"
)
_TAIL = (
    r"(?: (?:новости|материалы|записи|статьи|публикации|за (?:неделю|день|сутки|месяц)|сегодня"
    r"|на сайте|жаңалықтар|материалдар|жазбалар|news|stories|articles|posts|this week|today))*"
)
_CHROME_HEADING = re.compile(rf"(?:{_RU}|{_KK}|{_EN}){_TAIL}")
_HEADING_EDGES = " \t:.!?…»«›‹→>|•·—–-\"'"
_MAX_HEADING_CHARS = 60


@dataclass(frozen=True)
class ListingLinks:
    """What a listing page links to as its own articles, and how that was decided.

    `links`: absolute URLs in page order, one per article (its first spelling on the page);
    `method`: "selector" (the source's `listing_selector` matched and gave links) or "fallback";
    `candidates`: every link on the page that matches the article pattern, chrome included: hand
    them back as `earlier_pages` for the source's next listing page; `left_out`: reason -> links.
    """

    links: tuple[str, ...]
    method: str
    candidates: tuple[str, ...] = ()
    left_out: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "links": list(self.links),
            "method": self.method,
            "candidates": list(self.candidates),
            "left_out": {reason: list(urls) for reason, urls in self.left_out.items()},
        }


@dataclass(frozen=True)
class _Link:
    element: lxml.html.HtmlElement
    url: str  # absolute, as linked
    key: str  # the article's identity on the site: canonical path?query


def find_listing_links(
    page: str | bytes,
    url: str,
    article_pattern: str | re.Pattern,
    *,
    hosts: Iterable[str] = (),
    selector: str = "",
    earlier_pages: Iterable[Iterable[str]] = (),
) -> ListingLinks:
    """The article links listing page `page` (fetched from `url`) gives as its own, in page order.

    A link is an article when it is on the site (the page's host or one of `hosts`, www. and
    http/https folded) and its canonical path (or path?query) matches `article_pattern`, as the
    source's `is_article_url` decides. `selector` (the source's `listing_selector`) is a hint:
    when it matches nothing, or nothing but chrome, the page's structure decides ("fallback").
    Chrome is left out either way: links in header, nav, aside and footer, in blocks headed "Сейчас
    читают" / "Most read" / "Читайте также" and the like, and links that `earlier_pages` (the
    candidates of the source's listing pages read before) show on two pages or more.
    """
    tree = _parse(page)
    if tree is None:
        return ListingLinks((), FALLBACK)
    links = _article_links(tree, url, article_pattern, hosts)
    repeats: Counter = Counter()
    for earlier in earlier_pages:  # a walk's pages, each read again for every later page
        repeats.update(_page_keys(tuple(earlier)))
    left_out: dict[str, str] = {}
    kept = _without_chrome(tree, links, repeats, left_out)
    method, chosen = FALLBACK, []
    if selector:
        chosen = _in_selector(tree, selector, kept)
        method = SELECTOR if chosen else FALLBACK
    if chosen:
        chosen_keys = {link.key for link in chosen}
        _note(left_out, [link for link in kept if link.key not in chosen_keys], OUTSIDE_SELECTOR)
    else:
        chosen = _densest(_in_main(kept, left_out), left_out)
    return _result(links, chosen, method, left_out)


@functools.lru_cache(maxsize=1 << 16)  # a walk asks again for every link of its earlier pages
def link_key(url: str) -> str:
    """What two spellings of one article link share: the canonical path and query, host left out."""
    parts = urlsplit(canonicalize_url(url))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def is_chrome_heading(text: str) -> bool:
    """True when `text` is the heading of a block of other news ("Сейчас читают", "Most read: ")."""
    text = " ".join(text.casefold().replace("ё", "е").split()).strip(_HEADING_EDGES)
    return len(text) <= _MAX_HEADING_CHARS and bool(_CHROME_HEADING.fullmatch(text))


# -- the page's article links -------------------------------------------------------------------


def _parse(page: str | bytes) -> lxml.html.HtmlElement | None:
    text = decode_body(page) if isinstance(page, bytes) else page
    try:
        return parse_html(text)
    except (ParserError, ValueError):
        return None


def _article_links(tree, url: str, pattern: str | re.Pattern, hosts: Iterable[str]) -> list[_Link]:
    base = next((b for b in tree.xpath("//base/@href") if b.strip()), None)
    base = urljoin(url, base.strip()) if base else url
    regex = re.compile(pattern) if isinstance(pattern, str) else pattern
    own = OwnHosts(url, hosts)
    found = []
    for element in tree.iter("a"):
        href = (element.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        absolute = absolute_link(base, href)
        if own.holds(absolute):
            key = link_key(absolute)
            if regex.match(key.split("?", 1)[0]) or ("?" in key and regex.match(key)):
                found.append(_Link(element, absolute, key))
    return found


@functools.lru_cache(maxsize=1 << 12)
def _page_keys(candidates: tuple[str, ...]) -> frozenset[str]:
    """The link keys of one earlier listing page's candidates."""
    return frozenset(map(link_key, candidates))


# -- chrome ------------------------------------------------------------------------------------


def _without_chrome(tree, links: list[_Link], repeats: Counter, left_out: dict[str, str]) -> list[_Link]:
    headed = _headed_elements(tree)
    kept = []
    for link in links:
        if _in_page_chrome(link.element):
            left_out.setdefault(link.key, PAGE_CHROME)
        elif any(a in headed for a in link.element.iterancestors()) or link.element in headed:
            left_out.setdefault(link.key, HEADED_BLOCK)
        elif repeats[link.key] >= REPEAT_LIMIT:
            left_out.setdefault(link.key, REPEATED)
        else:
            kept.append(link)
    return kept


def _in_page_chrome(element) -> bool:
    for ancestor in element.iterancestors():
        tag = ancestor.tag if isinstance(ancestor.tag, str) else ""
        if tag in _CHROME_TAGS or (ancestor.get("role") or "").strip().lower() in _CHROME_ROLES:
            return True
        if tag in ("header", "footer") and not any(a.tag in _SECTIONING for a in ancestor.iterancestors()):
            return True
    return False


def _headed_elements(tree) -> set:
    """The blocks headed "Сейчас читают", "Популярное", "Related" and the like: the sibling elements
    after such a heading, up to the next heading of its rank (an h1-h6) or the first block that
    holds links (a label in a <div> or <span>), climbing out of a box that wraps the heading alone."""
    blocks: set = set()
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("a", "script", "style", "title"):
            continue
        own = (element.text or "").strip()
        if not own or not is_chrome_heading(own) or any(a.tag == "a" for a in element.iterancestors()):
            continue
        if is_chrome_heading(element.text_content()):
            blocks.update(_governed(element))
        elif element.tag not in ("body", "main"):
            blocks.add(element)  # "Популярное<ul>…</ul>": the label heads its own box
    return blocks


def _governed(heading) -> list:
    rank = _rank(heading)
    node = heading
    for _ in range(_MAX_CLIMB + 1):
        if rank is None and node is not heading:
            rank = _rank(node)
        governed = _following_block(node, rank)
        if governed:
            return governed
        node = node.getparent()
        if node is None or node.tag in ("body", "html", "main"):
            break
    return []


def _following_block(node, rank: int | None) -> list:
    governed = []
    for sibling in node.itersiblings():
        if not isinstance(sibling.tag, str):
            continue
        if _is_boundary(sibling, rank):
            break
        has_links = next(sibling.iter("a"), None) is not None
        if governed and has_links and (rank is None or not _same_kind(sibling, governed[-1])):
            break
        if has_links:
            governed.append(sibling)
    return governed


def _rank(element) -> int | None:
    if element.tag in _HEADINGS:
        return _HEADINGS[element.tag]
    inner = next((e for e in element.iter(*_HEADINGS) if e is not element), None)
    return _HEADINGS[inner.tag] if inner is not None else None


def _is_boundary(sibling, rank: int | None) -> bool:
    if sibling.tag in _HEADINGS:
        return rank is None or _HEADINGS[sibling.tag] <= rank
    return False


def _same_kind(one, other) -> bool:
    return one.tag == other.tag and (one.get("class") or "") == (other.get("class") or "")


# -- the listing's own block ---------------------------------------------------------------------


def _in_selector(tree, selector: str, links: list[_Link]) -> list[_Link]:
    try:
        scopes = set(CSSSelector(selector, translator="html")(tree))
    except Exception:  # a malformed hint is no hint; cssselect raises several kinds
        return []
    return [link for link in links if link.element in scopes or scopes & set(link.element.iterancestors())]


def _in_main(links: list[_Link], left_out: dict[str, str]) -> list[_Link]:
    """Only the links inside <main> / role=main, when it holds at least as many articles as the rest."""
    inside = [link for link in links if _is_in_main(link.element)]
    inside_keys = {link.key for link in inside}
    outside_keys = {link.key for link in links} - inside_keys
    if not inside or len(inside_keys) < len(outside_keys):
        return links
    _note(left_out, [link for link in links if link.key in outside_keys], OUTSIDE_MAIN)
    return inside


def _is_in_main(element) -> bool:
    return any(
        a.tag == "main" or (a.get("role") or "").strip().lower() == "main" for a in element.iterancestors()
    )


def _densest(links: list[_Link], left_out: dict[str, str]) -> list[_Link]:
    """The links of the densest block of articles, walking down from the page's root.

    Where one child of an element holds most of the articles under it, a sibling holding two
    articles or more that the child does not (a box of other news) is left out; a sibling with one
    such article stays when its link reads like a headline (a lead story beside the list). The
    walk stops where no child holds most: the list's own items.
    """
    keys_under: dict = {}
    for link in links:
        for element in (link.element, *link.element.iterancestors()):
            keys_under.setdefault(element, set()).add(link.key)
    headlines = _headline_keys(links)
    dropped = set()
    node = links[0].element.getroottree().getroot() if links else None
    while node is not None:
        children = [child for child in node.iterchildren() if child in keys_under]
        total = len(keys_under[node])
        main = next((c for c in children if len(keys_under[c]) * 2 > total), None)
        if main is None:
            break
        for other in children:
            extra = keys_under[other] - keys_under[main]
            if other is not main and (len(extra) > 1 or (extra and not extra <= headlines)):
                dropped.add(other)
        node = main
    if not dropped:
        return links
    # An article stays when any of its links stays (a listed story also in the box of other news).
    kept_keys = {
        link.key
        for link in links
        if not any(e in dropped for e in (link.element, *link.element.iterancestors()))
    }
    _note(left_out, [link for link in links if link.key not in kept_keys], OUTSIDE_DENSEST)
    return [link for link in links if link.key in kept_keys]


def _headline_keys(links: list[_Link]) -> set[str]:
    return {link.key for link in links if len(link.element.text_content().split()) >= _HEADLINE_WORDS}


def _note(left_out: dict[str, str], links: Sequence[_Link], reason: str) -> None:
    for link in links:
        left_out.setdefault(link.key, reason)


def _result(links: list[_Link], chosen: list[_Link], method: str, left_out: dict[str, str]) -> ListingLinks:
    first_spelling: dict[str, str] = {}
    for link in links:
        first_spelling.setdefault(link.key, link.url)
    chosen_keys = dict.fromkeys(link.key for link in chosen)
    reasons: dict[str, list[str]] = {}
    for key, reason in left_out.items():
        if key not in chosen_keys:
            reasons.setdefault(reason, []).append(first_spelling[key])
    return ListingLinks(
        links=tuple(first_spelling[key] for key in chosen_keys),
        method=method,
        candidates=tuple(first_spelling.values()),
        left_out={reason: tuple(urls) for reason, urls in reasons.items()},
    )
