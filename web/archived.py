"""The archived copy of a page as fetched: read from its WARC record, made inert (scripts, handlers and
embeds removed) before serving."""

from __future__ import annotations

import logging
import re

import lxml.html
from flask_babel import gettext
from lxml import etree
from lxml_html_clean import Cleaner
from markupsafe import Markup, escape
from w3lib.encoding import html_to_unicode

from archive.articles import WarcPointer
from archive.pages import FetchedPage
from archive.settings import DataDir
from archive.warc import read_response
from web.i18n import current_ui, human_timestamp

logger = logging.getLogger(__name__)

# Served with the copy: even if a script survived the cleaning, the browser would not run it, and
# the page can load nothing from anywhere (no tracking of the reader by the original site).
ARCHIVED_CSP = (
    "sandbox; default-src 'none'; script-src 'none'; object-src 'none'; style-src 'unsafe-inline'; "
    "img-src data:; font-src 'none'; form-action 'none'; frame-ancestors 'self'"
)

_CLEANER = Cleaner(
    scripts=True,  # <script>
    javascript=True,  # on* attributes, javascript: URLs
    comments=True,  # conditional comments can carry scripts
    links=True,  # <link> (stylesheets, preloads)
    meta=True,  # <meta http-equiv=refresh> and a charset we no longer use
    embedded=True,  # <object>, <embed>, <applet>
    frames=True,  # <iframe>, <frame>
    forms=False,  # a form is harmless under form-action 'none' and keeps the page's look
    style=False,
    inline_style=False,
    page_structure=False,
    processing_instructions=True,
    annoying_tags=False,
    remove_unknown_tags=False,
    safe_attrs_only=False,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def inert_page(response: FetchedPage, banner: str) -> str:
    """The archived HTML with scripts removed, links resolved against the original URL, and `banner`
    (trusted HTML made by the app) at the top of the body."""
    _, text = html_to_unicode(response.content_type, response.body)
    text = _XML_DECLARATION.sub("", text)
    try:
        document = lxml.html.document_fromstring(text) if text.strip() else None
    except (etree.ParserError, ValueError):
        document = None
    if document is None:
        empty = Markup("<p>%s</p>") % gettext("The archived response has no HTML to show.")
        return f"<!doctype html><html><body>{banner}{empty}</body></html>"
    document = _CLEANER.clean_html(document)
    head = document.find("head")
    if head is None:
        head = etree.Element("head")
        document.insert(0, head)
    for old_base in head.findall("base"):
        head.remove(old_base)
    base = etree.SubElement(head, "base", href=response.url)
    head.insert(0, base)
    charset = etree.Element("meta", charset="utf-8")
    head.insert(0, charset)
    body = document.find("body")
    if body is None:
        body = etree.SubElement(document, "body")
    banner_element = lxml.html.fragment_fromstring(banner)
    body.insert(0, banner_element)
    return "<!doctype html>\n" + lxml.html.tostring(document, encoding="unicode")


def banner_html(response: FetchedPage, article_link: str) -> str:
    """The strip above an archived copy, in the page's language: what it is, when it was fetched,
    and the way back."""
    # The sentence is escaped first, then each value goes in escaped (Markup % escapes them).
    sentence = gettext(
        "Archived copy of %(url)s as fetched on %(moment)s (HTTP %(status)s); scripts disabled."
    )
    what = Markup(escape(sentence)) % {
        "url": Markup("<code>%s</code>") % response.url,
        "moment": human_timestamp(response.fetched_at),
        "status": response.status,
    }
    back = gettext("Back to the article")
    return (
        f'<div lang="{current_ui()}" style="all:initial;display:block;font:14px/1.4 sans-serif;'
        "background:#fff3bf;color:#222;padding:8px 12px;border-bottom:2px solid #e0b000;"
        'overflow-wrap:anywhere">'
        f"{what} "
        f'<a href="{escape(article_link)}" style="color:#0645ad">{escape(back)}</a></div>'
    )


def archived_response(data_dir: DataDir, article: dict) -> FetchedPage | None:
    """The page as fetched, read from its WARC record; None when the article has no record."""
    if not article.get("warc_file") or article.get("warc_offset") is None:
        return None
    root = data_dir.root.resolve()
    if not (root / article["warc_file"]).resolve().is_relative_to(root):
        logger.warning("WARC path outside the data dir ignored: %s", article["warc_file"])
        return None
    pointer = WarcPointer(article["warc_file"], article["warc_offset"], article["warc_length"] or 0)
    return read_response(root, pointer)
