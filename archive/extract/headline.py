"""The article's headline: the configured selector's, else what the page itself says (<h1>, og:title…)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

import lxml.html

from archive.extract.clean import clean_title, normalize_space
from archive.extract.frame import in_frame, links_home, site_names
from archive.extract.jsonld import LinkedData
from archive.extract.page import meta_content, select_elements, title_tag
from archive.rules import ExtractionRules

HEADLINE_WORDS = 3  # an <h1> the page's titles do not confirm is a headline only with this many words
SHORTEST_MATCH = 12  # characters a headline must have to be found inside a longer title
# Where a <title> joins the headline and the site's name: "A | B", "A - B", "Site :: A", "Site: A".
_TITLE_JOINS = re.compile(r"\s+(?:\||-|—|–|::|/|»|·)\s+|(?<=\w):\s+")


@dataclass(frozen=True)
class Headline:
    """An article's headline, the method that found it and, when known, the element showing it."""

    text: str
    method: str  # selector, h1, itemprop, og:title, json-ld, title
    element: lxml.html.HtmlElement | None = None


def find_headline(
    tree: lxml.html.HtmlElement, rules: ExtractionRules, url: str, linked: LinkedData
) -> Headline | None:
    """The headline by the configured `title_selector`, else by the page's own evidence in turn:
    its <h1> in the article (not the site's logo) that its titles confirm, an itemprop="headline",
    og:title, JSON-LD's headline, the part of <title> the page shows, an unconfirmed <h1>, the
    <title> without the site's name. None when the page says nothing (trafilatura may still know)."""
    for element in select_elements(tree, rules.title_selector):
        text = clean_title(element.text_content(), rules)
        if text:
            return Headline(text, "selector", element)
    rules = dataclasses.replace(rules, title_suffixes=(*rules.title_suffixes, *site_names(tree, url)))
    headings = [(h, t) for h in tree.iter("h1") if (t := _heading_text(h, rules, url))]
    said = {
        "og:title": clean_title(meta_content(tree, ("og:title", "twitter:title")), rules),
        "json-ld": clean_title(linked.headline, rules),
        "title": clean_title(title_tag(tree), rules),
    }
    confirmed = next(((h, t) for h, t in headings if any(_agree(t, s) for s in said.values())), None)
    if confirmed:
        return Headline(confirmed[1], "h1", confirmed[0])
    for element in tree.xpath("//body//*[@itemprop='headline']"):
        text = clean_title(element.get("content") or element.text_content(), rules)
        if text and not in_frame(element):
            return Headline(text, "itemprop", element)
    for method in ("og:title", "json-ld"):
        if said[method]:
            return Headline(said[method], method, shown(tree, said[method]))
    return _from_title(tree, rules, headings)


def _from_title(tree, rules: ExtractionRules, headings: list) -> Headline | None:
    """The part of <title> the page shows as its own line ("Site :: Headline" shows "Headline"), an
    <h1> of a few words, else the <title> without the site's names."""
    for part in title_parts(title_tag(tree)):
        element = shown(tree, part)
        if element is not None and clean_title(part, rules):
            return Headline(clean_title(part, rules), "title", element)
    for element, text in headings:
        if len(text.split()) >= HEADLINE_WORDS:
            return Headline(text, "h1", element)
    text = clean_title(title_tag(tree), rules)
    return Headline(text, "title", shown(tree, text)) if text else None


def title_parts(title: str) -> list[str]:
    """`title` whole, then every run of it that a separator cuts off at either end, longest first."""
    title = normalize_space(title)
    parts = [title]
    for join in _TITLE_JOINS.finditer(title):
        parts += [title[: join.start()].strip(), title[join.end() :].strip()]
    unique = dict.fromkeys(p for p in parts if len(p.split()) >= 2)
    return sorted(unique, key=len, reverse=True)


def shown(tree: lxml.html.HtmlElement, text: str) -> lxml.html.HtmlElement | None:
    """The element of the article (not of the page's frame) whose whole text is `text`, or None."""
    words = text.split()
    if not words:
        return None
    wanted = normalize_space(text).casefold()
    for parent in tree.xpath("//body//text()[contains(., $w)]/..", w=words[0]):
        for element in (parent, *list(parent.iterancestors())[:3]):
            if element.tag in ("body", "html"):
                break
            if normalize_space(element.text_content()).casefold() == wanted:
                if not in_frame(element):
                    return element
                break  # a breadcrumb or a teaser of it: look on
    return None


def _heading_text(heading: lxml.html.HtmlElement, rules: ExtractionRules, url: str) -> str:
    """The text of an <h1> that may be the headline: not in the page's frame, not a link home."""
    if in_frame(heading) or links_home(heading, url):
        return ""
    return clean_title(heading.text_content(), rules)


def _agree(heading: str, title: str) -> bool:
    """True when `title` (og:title, <title>) names the same article as `heading`."""

    def key(s: str) -> str:
        return normalize_space(s).casefold().strip(" .!?:«»\"'“”")

    a, b = key(heading), key(title)
    if not a or not b:
        return False
    return a == b or (len(a) >= SHORTEST_MATCH and a in b) or (len(b) >= SHORTEST_MATCH and b in a)
