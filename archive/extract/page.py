"""A fetched page as HTML: bytes decoded by their charset; headline, date, language; chrome out."""

from __future__ import annotations

import codecs
import functools
import re
from urllib.parse import urlsplit

import lxml.html
from lxml.cssselect import CSSSelector
from lxml.etree import ParserError

from archive.extract.by_class import attached, elements_by_class
from archive.extract.clean import is_paragraph, normalize_space
from archive.extract.hostile import (
    check_tree,
    joined_urls,
    link_target,
    merge_crowded_inlines,
    thin_crowded_tags,
    xml_safe,
)
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
    text = xml_safe(_XML_DECLARATION.sub("", text, count=1))  # lxml refuses a str naming its encoding
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text, parser=_PARSER)
    except (ParserError, ValueError):
        return None


def parse_article_html(text: str) -> lxml.html.HtmlElement | None:
    """parse_html for an article page; raises ExtractionError for a tree over the budget or cut
    at the parser's depth limit."""
    tree = parse_html(thin_crowded_tags(text))
    if tree is not None:
        check_tree(tree, _PARSER)
    return tree


@functools.lru_cache(maxsize=64)
def _selector(css: str) -> CSSSelector:
    return CSSSelector(css, translator="html")


def select_elements(tree: lxml.html.HtmlElement, css: str) -> list[lxml.html.HtmlElement]:
    """The elements matching the CSS selector `css`, in document order ([] without a selector)."""
    return _selector(css)(tree) if css else []


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
    """Remove every element matching one of the CSS `selectors` (sidebars, tag lists, share bars),
    except one that wraps the article: ASP.NET puts the whole page in one <form>."""
    wraps_article = _wrapper_test(tree)
    by_class = elements_by_class(tree, selectors)  # found before any drop: kept only while attached
    for css in selectors:
        for element in by_class[css] if css in by_class else _selector(css)(tree):
            if element.getparent() is None or (css in by_class and not attached(element, tree)):
                continue
            if not wraps_article(element):
                element.drop_tree()


def _wrapper_test(tree: lxml.html.HtmlElement):
    """A test of whether an element holds most of the page's text and its headline: the page
    itself, never a part of it to remove."""
    first_h1 = next(tree.iter("h1"), None)

    @functools.cache
    def page_chars() -> int:  # read only when an element holds the headline: a large page is long
        return len(normalize_space(tree.text_content()))

    def wraps_article(element: lxml.html.HtmlElement) -> bool:
        if first_h1 is not None and not any(e is element for e in first_h1.iterancestors()):
            return False
        return len(normalize_space(element.text_content())) >= WRAPPER_SHARE * page_chars()

    return wraps_article


def prepare_for_extraction(tree: lxml.html.HtmlElement, drop_selectors: tuple[str, ...]) -> None:
    """The tree as trafilatura should read it: layout tables turned into blocks, the `drop_selectors`
    chrome gone, and the sign-up boxes and follow-us lines every kind of site has."""
    unwrap_layout_tables(tree)
    _drop_signup_boxes(tree)
    drop_elements(tree, drop_selectors)
    _drop_follow_us_lines(tree)
    _space_glued_inlines(tree)
    merge_crowded_inlines(tree)


WRAPPER_SHARE = 0.6  # an element with this share of the page's text (and its <h1>) is the page itself
_BLOCKS_IN_A_CELL = ("table", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "form", "blockquote")
_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption")


def unwrap_layout_tables(tree: lxml.html.HtmlElement) -> None:
    """Turn tables that lay out a page (cells holding tables, headings, lists or several paragraphs)
    into <div>s, so that their text reads as blocks; tables of data stay tables."""
    layout = [table for table in tree.iter("table") if any(map(_lays_out, _own_cells(table)))]
    for table in layout:
        for part in [table, *_own_parts(table)]:
            part.tag = "div"
            for name in ("width", "height", "border", "cellpadding", "cellspacing", "valign", "colspan"):
                part.attrib.pop(name, None)


def _own_parts(table: lxml.html.HtmlElement):
    """The rows, cells and sections of `table` itself, not those of tables nested in its cells."""
    for part in table.iterdescendants(*_TABLE_PARTS):
        if part.tag != "table" and next(part.iterancestors("table"), None) is table:
            yield part


def _own_cells(table: lxml.html.HtmlElement):
    return (part for part in _own_parts(table) if part.tag in ("td", "th"))


def _lays_out(cell: lxml.html.HtmlElement) -> bool:
    if any(True for _ in cell.iterdescendants(*_BLOCKS_IN_A_CELL)):
        return True
    return sum(1 for _ in cell.iterdescendants("p", "div")) > 1 or len(cell.text_content()) > 400


_EMAIL_INPUT = "//input[@type='email' or contains(translate(@name, 'EMAIL', 'email'), 'mail')]"
SIGNUP_TEXT_CHARS = 250  # the text a sign-up box puts around its form, at most


def _drop_signup_boxes(tree: lxml.html.HtmlElement) -> None:
    """Remove newsletter boxes: a form asking for an e-mail address, with the few lines around it;
    in a page that is one form (ASP.NET), the block around the e-mail field."""
    wraps_article = _wrapper_test(tree)
    for field in tree.xpath(_EMAIL_INPUT):
        form = next(field.iterancestors("form"), None)
        box = form if form is not None and not wraps_article(form) else field.getparent()
        if box is None or box.getparent() is None or wraps_article(box):
            continue
        around = box.getparent()
        if around.getparent() is not None and _is_signup_pitch(around, box) and not wraps_article(around):
            box = around
        box.drop_tree()


_SIGNUP_WORDS = re.compile(
    r"newsletter|subscri|sign up|e-?mail|рассылк|подпи(?:шитесь|сывайтесь|ск)|жазыл", re.IGNORECASE
)


def _is_signup_pitch(around: lxml.html.HtmlElement, form: lxml.html.HtmlElement) -> bool:
    """True when the text `around` a sign-up form, besides the form, is a short pitch for it."""
    pitch = normalize_space(around.text_content()).replace(normalize_space(form.text_content()), "")
    return len(pitch) <= SIGNUP_TEXT_CHARS and _SIGNUP_WORDS.search(pitch) is not None


_SOCIAL_HOSTS = re.compile(
    r"(?:^|\.)(?:t\.me|telegram\.(?:me|org)|wa\.me|whatsapp\.com|instagram\.com|facebook\.com|fb\.com|"
    r"vk\.com|ok\.ru|twitter\.com|x\.com|youtube\.com|tiktok\.com|linkedin\.com)$"
)
_LINE_TAGS = ("p", "div", "li", "h2", "h3", "h4", "h5", "h6")
FOLLOW_US_CHARS = 200  # a "follow us" line is never longer


def _drop_follow_us_lines(tree: lxml.html.HtmlElement) -> None:
    """Remove short lines that are mostly a link to a social network or messenger ("Subscribe to our
    Telegram channel"): a call to follow the site, not the article's text."""
    for link in list(tree.iter("a")):
        if not _SOCIAL_HOSTS.search(link_target("", link.get("href")).hostname or ""):
            continue
        line = next(link.iterancestors(*_LINE_TAGS), None)
        if line is None or line.getparent() is None:
            continue
        text = normalize_space(line.text_content())
        if len(text) <= FOLLOW_US_CHARS and len(normalize_space(link.text_content())) >= 0.5 * len(text):
            line.drop_tree()


_GLUED = ("span", "time", "small", "abbr", "a")


def _space_glued_inlines(tree: lxml.html.HtmlElement) -> None:
    """Put a space between inline elements that a stylesheet sets apart but the markup writes
    together (<span>11 December 2018</span><span>4 min</span>): their words must not fuse."""
    for element in tree.iter(*_GLUED):
        after = element.getnext()
        if element.tail or after is None or after.tag not in _GLUED:
            continue
        before_text, after_text = element.text_content(), after.text_content()
        if before_text[-1:].isalnum() and after_text[:1].isalnum():
            element.tail = " "


CALL_TO_ACTION_CHARS = 120  # "CLICK FOR FULL RESULTS": a closing link line is short
CLOSING_LINES = 2  # such lines after the last paragraph, at most


def restore_closing_lines(tree: lxml.html.HtmlElement, text: str, url: str) -> str:
    """`text` with the one-line links to this site that close the article after its last paragraph
    ("CLICK FOR FULL RESULTS"), which trafilatura's link-density test takes for navigation."""
    last = normalize_space(text.rstrip().rpartition("\n")[2])
    if not is_paragraph(last):
        return text  # the text ends with no closing paragraph to stand after
    anchor = None
    for element in tree.iter("p", "li", "div", "h2", "h3", "h4", "h5", "h6"):
        if normalize_space(element.text_content()) == last:
            anchor = element  # the last one: the article's end, not a teaser of it
    if anchor is None:
        return text
    restored = []
    for sibling in anchor.itersiblings():
        line = normalize_space(sibling.text_content()) if isinstance(sibling.tag, str) else ""
        if not line:
            continue
        if len(restored) == CLOSING_LINES or not _is_call_to_action(sibling, line, url):
            break
        restored.append(line)
    return "\n".join([text.rstrip(), *restored]) if restored else text


def _is_call_to_action(element: lxml.html.HtmlElement, line: str, url: str) -> bool:
    """A short line that is one link to another page of the same site, not back to a listing."""
    links = list(element.iter("a"))
    if element.tag not in _LINE_TAGS or len(links) != 1 or len(line) > CALL_TO_ACTION_CHARS:
        return False
    if len(normalize_space(links[0].text_content())) < 0.8 * len(line):
        return False
    target = link_target(url, links[0].get("href"))
    page = urlsplit(url)
    if target.scheme not in ("http", "https") or target.hostname != page.hostname:
        return False
    return target.path.rstrip("/") not in ("", *_parent_paths(page.path))


def _parent_paths(path: str) -> list[str]:
    """ "/a/b/c" -> ["/a/b/c", "/a/b", "/a"]: the page itself and the listings above it."""
    parts = path.rstrip("/").split("/")
    return ["/".join(parts[:n]) for n in range(len(parts), 1, -1)]


def image_urls(tree: lxml.html.HtmlElement, css: str, base_url: str) -> list[str]:
    """Absolute URLs of the article's pictures: og:image, then <img> under `css`, decoration left out."""
    found = tree.xpath("//meta[@property='og:image' or @name='og:image']/@content")
    for element in _selector(css or "img")(tree):
        images = [element] if element.tag == "img" else element.iter("img")
        found.extend(img.get("src") or img.get("data-src") or "" for img in images)
    return [u for u in joined_urls(base_url, found) if not _DECORATION.search(u)]


def alternate_urls(tree: lxml.html.HtmlElement, css: str, base_url: str) -> list[str]:
    """Absolute URLs the page gives as itself in other languages: hreflang links and the `css` links."""
    found = tree.xpath("//link[@rel='alternate'][@hreflang]/@href")
    if css:
        found.extend(a.get("href") or "" for a in _selector(css)(tree))
    return joined_urls(base_url, found)
