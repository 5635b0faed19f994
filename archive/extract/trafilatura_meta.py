"""Trafilatura's title and author of a page, each read only when asked for.

Its whole metadata pass (with_metadata) also dates the page, finds its site name, categories, tags
and licence, none of which we use, and ran on every page: about a fifth of our extraction time on
large pages. The title is needed only when our own headline search finds none, the author only
when no byline, meta tag or JSON-LD of ours names one. Both are read as that pass reads them:
meta tags, then JSON-LD, then the page's markup.
"""

from __future__ import annotations

import functools
import re

import lxml.html
from trafilatura.metadata import examine_meta, extract_author, extract_meta_json, extract_title
from trafilatura.settings import Document


class TrafilaturaMetadata:
    """The title and author trafilatura's metadata pass gives `tree` ("" for none), computed on first
    use; `tree` must not change before then (trafilatura's extraction works on a copy)."""

    def __init__(self, tree: lxml.html.HtmlElement):
        self._tree = tree

    @functools.cached_property
    def _from_head(self) -> Document:
        """What the page's meta tags and JSON-LD say, as trafilatura reads them."""
        metadata = examine_meta(self._tree)
        if metadata.author and " " not in metadata.author:
            metadata.author = None  # one word is a handle or a site, not a name (trafilatura's rule)
        try:
            return extract_meta_json(self._tree, metadata)
        except Exception:  # noqa: BLE001 - trafilatura tolerates its JSON-LD reader's bugs the same way
            return metadata

    @functools.cached_property
    def title(self) -> str:
        return _trimmed(self._from_head.title or extract_title(self._tree))

    @functools.cached_property
    def author(self) -> str:
        return _trimmed(self._from_head.author or _markup_author(self._tree))


# Every attribute trafilatura's author XPaths test, and a word each of their tests needs (lower-cased):
# a page with none of these words has no author for them to find, and their regular expressions,
# run on a copy of the whole tree, are a tenth of the time of a large page.
_AUTHOR_ATTRIBUTES = "//@class|//@id|//@rel|//@itemprop|//@data-testid|//@data-component"
_AUTHOR_WORDS = re.compile(
    "author|byl|bbl|username|zuozhe|bianji|xiaobian|channel-name|submitted-by|posted-by|"
    "journalist-name|screenname|writer"
)


def _markup_author(tree: lxml.html.HtmlElement) -> str | None:
    """trafilatura's `extract_author`, not run when no element could match its XPaths."""
    if next(tree.iter("author", "rel"), None) is None:  # elements its XPaths name ("//author")
        values = " ".join(tree.xpath(_AUTHOR_ATTRIBUTES)).lower()
        if not _AUTHOR_WORDS.search(values):
            return None
    return extract_author(tree)


def _trimmed(value: str | None) -> str:
    """`value` cut, unescaped and spaced as trafilatura leaves its metadata fields."""
    document = Document()
    document.title = value
    document.clean_and_trim()
    return document.title or ""
