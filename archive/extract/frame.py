"""The page's frame around its article: menus, sidebars, logos, comments, links to the home page."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import lxml.html

from archive.extract.hostile import link_target
from archive.extract.listing_links import is_chrome_heading

# Blocks that are the site's, not the article's: by tag, and by a word of their class or id.
FRAME_TAGS = frozenset({"nav", "aside"})
EDGE_TAGS = frozenset({"header", "footer"})  # the page's own header and footer; an article's are its own
FRAME_WORDS = frozenset(
    {
        "sidebar", "side", "related", "popular", "comment", "comments", "menu", "nav",
        "navbar", "navigation", "breadcrumb", "breadcrumbs", "logo", "copyright", "rail", "ticker",
        "aside", "banner", "advert", "ads", "promo", "mostread", "mostpopular", "popularposts",
        "readalso", "crumbs",
    }
)  # fmt: skip
# Blocks that hold the article: inside one, a frame word further out does not count. ("widget"
# names no frame either way: Blogger and Elementor wrap the article itself in widgets.)
CONTENT_TAGS = frozenset({"article", "main"})
CONTENT_WORDS = frozenset({"article", "post", "hentry", "entry", "story"})
HOME_PATHS = frozenset({"", "/", "/ru", "/kz", "/kk", "/en", "/index.php", "/index.html"})
HEADING_CHARS = 60  # a heading of a block is short
_WORD = re.compile(r"[a-z]+")


def in_frame(element: lxml.html.HtmlElement) -> bool:
    """True when `element` lies in the page's frame: the nearest block around it (itself included)
    that says what it is is a <nav>, an <aside>, a block headed "Сейчас читают" or the like, or
    names a sidebar, menu, logo, comments or a related/popular list in its class or id, not the
    article, the post or <main>; a <header> or <footer> is the frame unless an article holds it."""
    edge = False
    for node in (element, *element.iterancestors()):
        tag = node.tag if isinstance(node.tag, str) else ""
        words = _words(f"{node.get('class', '')} {node.get('id', '')}")
        if tag in FRAME_TAGS or words & FRAME_WORDS:
            return True
        if tag in CONTENT_TAGS or words & CONTENT_WORDS:
            return False
        if _headed_as_frame(node):
            return True
        edge = edge or tag in EDGE_TAGS
    return edge


def _headed_as_frame(node: lxml.html.HtmlElement) -> bool:
    """True when the block opens with a heading of other news: "Сейчас читают", "Популярное"."""
    first = next((child for child in node if isinstance(child.tag, str)), None)
    if first is None or first.tag in ("p", "a"):
        return False
    text = " ".join(first.text_content().split())
    return 0 < len(text) <= HEADING_CHARS and is_chrome_heading(text)


def _words(names: str) -> set[str]:
    """The words of class names and ids, and each name run together: "most-read" gives "most",
    "read" and "mostread"."""
    names = names.lower()
    return set(_WORD.findall(names)) | {"".join(_WORD.findall(name)) for name in names.split()}


def links_home(element: lxml.html.HtmlElement, page_url: str) -> bool:
    """True when the text of `element` is a link to the site's home page (a logo, the site's name)."""
    link = element if element.tag == "a" else next(element.iterancestors("a"), None)
    links = [link] if link is not None else list(element.iter("a"))
    for a in links:
        if _plainly_elsewhere(a.get("href")):
            continue
        target = link_target(page_url, a.get("href"))
        if target.hostname == urlsplit(page_url).hostname and target.path.rstrip("/") in HOME_PATHS:
            own = " ".join(element.text_content().split())
            return len(" ".join(a.text_content().split())) >= 0.8 * len(own)
    return False


def _plainly_elsewhere(href: str | None) -> bool:
    """True for a path on this site that is plainly not its home ("/news/123/"), told without
    resolving it: a large page has thousands of links. A path with dots ("/ru/../") is resolved."""
    if not href or not href.startswith("/") or href.startswith("//"):
        return False
    path = href.split("?", 1)[0].split("#", 1)[0]
    return not any(c in path for c in ".\\\t\r\n") and path.rstrip("/") not in HOME_PATHS


def site_names(tree: lxml.html.HtmlElement, page_url: str) -> list[str]:
    """Names the page gives its site: og:site_name, application-name, the text of links home in the
    frame (the logo)."""
    names = tree.xpath(
        "//meta[@property='og:site_name' or @name='og:site_name' or @name='application-name']/@content"
    )
    for a in tree.iter("a"):
        if _plainly_elsewhere(a.get("href")):
            continue  # links_home would say no: the link is `a` itself
        text = " ".join(a.text_content().split())
        if text and len(text.split()) <= 6 and links_home(a, page_url) and in_frame(a):
            names.append(text)
    return list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
