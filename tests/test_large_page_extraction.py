"""Extraction's shortcuts for large pages give what the long way gave: classes, authors, date lines."""

from __future__ import annotations

import random

import pytest
from lxml.cssselect import CSSSelector
from trafilatura.metadata import extract_metadata

from archive.extract import extract_article
from archive.extract.by_class import attached, elements_by_class
from archive.extract.page import decode_body, parse_article_html, parse_html
from archive.extract.page_dates import LINES_AFTER, LINES_BEFORE, article_box
from archive.extract.page_dates import _around as elements_around
from archive.extract.trafilatura_meta import TrafilaturaMetadata
from archive.sources import stub_source
from bench.foreign.scorer import load_cases
from bench.gold.scorer import load_gold
from bench.large_pages import MAX_BYTES, MIN_BYTES, large_pages

CLASSY = """<html><body>
<div class="share">a</div><div class="share share">b</div><div class="x\tshare\nY">c</div>
<div class="Share">d</div><div class="shared">e</div><div class="  sidebar  ">
<p class="share">f</p></div><span class="ya-share2 tags">g</span><p>h</p></body></html>"""


def _saved_pages() -> list[bytes]:
    return [c.html_path.read_bytes() for c in load_gold()] + [c.html_path.read_bytes() for c in load_cases()]


def test_elements_by_class_are_those_css_selects():
    tree = parse_html(CLASSY)
    selectors = (".share", ".sidebar", ".tags", ".ya-share2", ".Share", "div.share", ".news .share")
    found = elements_by_class(tree, selectors)
    assert set(found) == {".share", ".sidebar", ".tags", ".ya-share2", ".Share"}  # the rest by CSS
    for css, elements in found.items():
        assert [e.text_content() for e in elements] == [
            e.text_content() for e in CSSSelector(css, translator="html")(tree)
        ]
    assert [e.text_content() for e in found[".share"]] == ["a", "b", "c", "f"]


def test_an_element_dropped_with_its_block_is_no_longer_attached():
    tree = parse_html(CLASSY)
    sidebar = elements_by_class(tree, (".sidebar",))[".sidebar"][0]
    inner = sidebar.find("p")
    assert attached(inner, tree)
    sidebar.drop_tree()
    assert not attached(inner, tree)


def test_trafilatura_author_and_title_are_its_metadata_passes_on_every_saved_page():
    for body in _saved_pages():
        tree = parse_article_html(decode_body(body))
        whole = extract_metadata(tree, None, {"extensive_search": False}, False, set())
        ours = TrafilaturaMetadata(tree)
        assert (ours.author, ours.title) == (whole.author or "", whole.title or "")


@pytest.mark.parametrize(
    "markup",
    [
        '<span class="byline">Aigerim Seitkali</span>',
        '<div class="post-author__name">Aigerim Seitkali</div>',
        '<p id="Author">Aigerim Seitkali</p>',
        "<author>Aigerim Seitkali</author>",
    ],
)
def test_an_author_only_in_the_markup_is_still_found(markup):
    page = f"<html><body><article><h1>Title</h1>{markup}<p>Text.</p></article></body></html>"
    tree = parse_html(page)
    assert TrafilaturaMetadata(tree).author == extract_metadata(tree).author == "Aigerim Seitkali"


def test_a_page_without_author_words_has_no_trafilatura_author():
    tree = parse_html('<html><body><div class="card">Aigerim Seitkali</div><p>Text.</p></body></html>')
    assert TrafilaturaMetadata(tree).author == ""


def test_large_pages_are_large_many_and_the_same_each_time():
    pages = large_pages()
    assert len(pages) >= 40
    assert all(MIN_BYTES <= len(p.body) <= MAX_BYTES for p in pages)
    assert [p.body for p in pages[:3]] == [p.body for p in large_pages()[:3]]


def test_a_large_page_keeps_its_article_and_loses_its_bulk():
    page = next(p for p in large_pages() if p.case.name.startswith("001-"))
    article = extract_article(
        page.body, url=page.case.url, source=stub_source("foreign", page.case.url), fetched_at="2026-12-01"
    )
    assert article.title == page.case.title
    assert all(line in article.text for line in page.case.must_contain)
    assert "window.__STATE__" not in article.text and "Reply" not in article.text


def _elements_around_by_walking(tree, headline, before: int, after: int) -> list:
    """The date window as a walk of every element reads it: the reference for the XPath one."""
    elements = [e for e in tree.iter() if isinstance(e.tag, str)]
    at = next(n for n, e in enumerate(elements) if e is headline)
    end = at + 1 + sum(1 for _ in headline.iterdescendants())
    ancestors = set(headline.iterancestors())
    window = []
    for distance in range(1, max(before, after) + 1):
        if distance <= before and at - distance >= 0 and elements[at - distance] not in ancestors:
            window.append(elements[at - distance])
        if distance <= after and end + distance - 1 < len(elements):
            window.append(elements[end + distance - 1])
    box = article_box(headline)
    return sorted(window, key=lambda element: not any(a is box for a in element.iterancestors()))


def test_the_date_window_by_the_headline_is_the_walks_for_any_element():
    rng = random.Random(17)
    for body in _saved_pages()[::4]:
        tree = parse_article_html(decode_body(body))
        elements = [e for e in tree.iter() if isinstance(e.tag, str)]
        for headline in rng.sample(elements, min(10, len(elements))):
            expected = _elements_around_by_walking(tree, headline, LINES_BEFORE, LINES_AFTER)
            found = elements_around(tree, headline)
            assert len(found) == len(expected) and all(a is b for a, b in zip(found, expected, strict=True))
