"""An article page probed: what its selectors match, the article as the crawl stores it, better selectors."""

from __future__ import annotations

from difflib import SequenceMatcher

from trafilatura import bare_extraction

from archive.articles import Article
from archive.extract import ExtractionError, extract_page
from archive.extract.clean import clean_title, normalize_space
from archive.extract.dates import DEFAULT_FORMATS
from archive.extract.page import (
    decode_body,
    parse_html,
    prepare_for_extraction,
    select_date_text,
    select_text,
)
from archive.extract.published import parse_published
from archive.pages import FetchedPage
from archive.probe.selectors import count_matches, extended, selector_for
from archive.probe.steps import ArticleStep
from archive.said import Said
from archive.sources import Source

LINES_SHOWN = 2  # paragraphs shown from each end of the text
LINE_CHARS = 160  # a shown paragraph is cut to this many characters
SIMILAR = 0.6  # a trafilatura line this like a kept paragraph was shortened, not dropped
DATE_CHARS = 80  # an element holding a date, and little else, as a date selector would want
_HEADINGS = ("h1", "h2", "h3", "h4")


def probe_article(page: FetchedPage, source: Source) -> ArticleStep:
    """Article page `page` of `source`: extracted as the crawl would, and judged."""
    step = ArticleStep("article", page.url, page.status)
    if page.status >= 400:
        step.error = f"HTTP {page.status}"
        return step
    tree = parse_html(decode_body(page.body, page.content_type))
    if tree is None:
        step.error = Said("an empty page")
        return step
    rules = source.rules
    for key in ("title_selector", "date_selector", "author_selector"):
        css = getattr(rules, key)
        if css:
            step.selectors[key] = {"css": css, "matches": count_matches(tree, css)}
    try:
        article = extract_page(page, source)
    except ExtractionError as exc:
        step.problems.append(Said("no article: %(reason)s", reason=Said(exc.reason)))
        return step
    _describe(step, article, tree, source, page)
    _judge_title(step, article, tree, source)
    _judge_date(step, article, tree, source, page.fetched_at)
    return step


def _describe(step: ArticleStep, article: Article, tree, source: Source, page: FetchedPage) -> None:
    step.title, step.lang, step.author, step.dateline = (
        article.title,
        article.lang,
        article.author,
        article.dateline,
    )
    step.published = (
        " ".join(p for p in (article.published, article.published_time, article.utc_offset) if p) or None
    )
    paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
    step.paragraphs, step.characters = len(paragraphs), len(article.text)
    step.first_lines = [_cut(p) for p in paragraphs[:LINES_SHOWN]]
    step.last_lines = [_cut(p) for p in paragraphs[max(LINES_SHOWN, len(paragraphs) - LINES_SHOWN) :]]
    step.found_by = dict(getattr(article, "found_by", None) or {})
    step.found_by.setdefault("title", _title_method(article, tree, source))
    kept = [normalize_space(p) for p in paragraphs]
    for line in _raw_lines(page, source):
        if line in kept or line == article.title:
            continue
        shortened = next((k for k in kept if _similar(line, k)), None)
        if shortened is None:
            step.dropped_lines.append(line)
        else:
            step.stripped += _cut_from(line, shortened)


def _judge_title(step: ArticleStep, article: Article, tree, source: Source) -> None:
    css = source.rules.title_selector
    if step.found_by.get("title") == "selector":
        return
    matches = step.selectors.get("title_selector", {}).get("matches")
    method = step.found_by["title"]  # said in the user's language by the CLI, when it knows the words
    came_from = Said(method)
    if css:
        step.problems.append(
            Said("title_selector matched nothing; the title came from %(method)s", method=came_from)
            if not matches
            else Said("title_selector gave no title; the title came from %(method)s", method=came_from)
        )
    else:
        step.notes.append(Said("no title_selector: the title came from %(method)s", method=came_from))

    def works(candidate: str) -> bool:
        return clean_title(select_text(tree, candidate), source.rules) == article.title

    element = _title_element(tree, article.title, source)
    suggestion = selector_for(element, works) if element is not None else None
    if suggestion:
        step.suggestions["title_selector"] = extended(css, suggestion)


def _judge_date(step: ArticleStep, article: Article, tree, source: Source, fetched_at: str) -> None:
    rules = source.rules
    formats = tuple(dict.fromkeys((*rules.date_formats, *DEFAULT_FORMATS)))

    def date_in(text: str) -> str | None:
        found = parse_published(text, formats, reference=fetched_at, zone=rules.zone, allow_yearless=True)
        return found.date.isoformat() if found else None

    by_selector = date_in(select_date_text(tree, rules.date_selector)) if rules.date_selector else None
    if by_selector and by_selector == article.published:
        step.found_by.setdefault("date", "selector")
        return
    if article.published is None:
        step.problems.append(Said("no date found on the page"))
        return
    step.found_by.setdefault("date", "the page's text or meta tags")
    matches = step.selectors.get("date_selector", {}).get("matches")
    method = step.found_by["date"]
    came_from = Said(method)
    if rules.date_selector:
        step.problems.append(
            Said("date_selector matched nothing; the date came from %(method)s", method=came_from)
            if not matches
            else Said(
                "date_selector matched no readable date; the date came from %(method)s", method=came_from
            )
        )
    else:
        step.notes.append(Said("no date_selector: the date came from %(method)s", method=came_from))
    element = _date_element(tree, article.published, date_in)
    if element is None:
        return
    suggestion = selector_for(element, lambda c: date_in(select_date_text(tree, c)) == article.published)
    if suggestion:
        step.suggestions["date_selector"] = extended(rules.date_selector, suggestion)


def _title_method(article: Article, tree, source: Source) -> str:
    css = source.rules.title_selector
    if css and clean_title(select_text(tree, css), source.rules) == article.title:
        return "selector"
    element = _title_element(tree, article.title, source)
    return f"<{element.tag}>" if element is not None else "the page's <title> or meta tags"


def _title_element(tree, title: str, source: Source):
    """The element showing the headline: a heading first, else the smallest element saying it."""
    best = None
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("title", "head", "meta", "a", "script"):
            continue
        text = normalize_space(element.text_content())
        if len(text) > len(title) * 2 + 40 or clean_title(text, source.rules) != title:
            continue
        if element.tag in _HEADINGS:
            return element
        best = _deeper(best, element)
    return best


def _date_element(tree, published: str, date_in):
    """The element stating the publication date: a <time>, else the smallest that says little else."""
    fallback = None
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in ("head", "meta", "script", "style", "title"):
            continue
        text = normalize_space(" ".join(filter(None, (element.get("datetime"), element.text_content()))))
        if not text or len(text) > DATE_CHARS or date_in(text) != published:
            continue
        if element.tag == "time":
            return element
        fallback = _deeper(fallback, element)
    return fallback


def _deeper(first, later):
    """`later` when it lies inside `first` (document order visits parents first), else `first`."""
    if first is None or any(a is first for a in later.iterancestors()):
        return later
    return first


def _raw_lines(page: FetchedPage, source: Source) -> list[str]:
    """The lines trafilatura reads from the page after our pruning, before the cleaner."""
    tree = parse_html(decode_body(page.body, page.content_type))
    prepare_for_extraction(tree, source.rules.drop_selectors)
    document = bare_extraction(tree, url=page.url, include_comments=False, with_metadata=False)
    text = getattr(document, "text", "") or ""
    return [line for line in map(normalize_space, text.splitlines()) if line]


def _similar(line: str, paragraph: str) -> bool:
    """The paragraph is `line` with a part cut (a dateline, ", передает Kazinform")."""
    matcher = SequenceMatcher(None, line, paragraph, autojunk=False)
    return matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR


def _cut_from(line: str, paragraph: str) -> list[str]:
    """The pieces of `line` missing from `paragraph`, each as a short quote."""
    matcher = SequenceMatcher(None, line, paragraph, autojunk=False)
    pieces = (
        line[i1:i2].strip() for tag, i1, i2, _, _ in matcher.get_opcodes() if tag in ("delete", "replace")
    )
    return [_cut(piece) for piece in pieces if len(piece) > 1]


def _cut(paragraph: str) -> str:
    paragraph = normalize_space(paragraph)
    return paragraph if len(paragraph) <= LINE_CHARS else paragraph[: LINE_CHARS - 1] + "…"
