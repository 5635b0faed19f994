"""What a page's JSON-LD says of its article: headline, datePublished, author, articleBody."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import lxml.html

# Types whose headline and dates are the page's own; a WebPage only when no article is described.
ARTICLE_TYPES = frozenset(
    {
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "BlogPosting", "Report", "ScholarlyArticle", "LiveBlogPosting",
    }
)  # fmt: skip
PAGE_TYPES = frozenset({"WebPage", "ItemPage"})
_COMMENTS = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")


@dataclass(frozen=True)
class LinkedData:
    """The article a page describes in JSON-LD; "" for what it does not say."""

    headline: str = ""
    published: str = ""
    author: str = ""
    body: str = ""


def read_linked_data(tree: lxml.html.HtmlElement) -> LinkedData:
    """The first article the page's <script type="application/ld+json"> blocks describe (a WebPage
    when they describe no article); empty when there is none or the JSON is broken."""
    items = []
    for script in tree.xpath("//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"):
        try:
            items.extend(_objects(json.loads(_COMMENTS.sub("", script.text or "").strip().rstrip(";"))))
        except ValueError:
            continue
    for types in (ARTICLE_TYPES, PAGE_TYPES):
        for item in items:
            if _types(item) & types:
                return LinkedData(
                    headline=_text(
                        item.get("headline") or (item.get("name") if types is ARTICLE_TYPES else "")
                    ),
                    published=_text(item.get("datePublished") or item.get("dateCreated")),
                    author=_names(item.get("author")),
                    body=_lines(item.get("articleBody")),
                )
    return LinkedData()


def _objects(value) -> list[dict]:
    """Every object in a JSON-LD value: lists, @graph and nested mainEntity included."""
    if isinstance(value, list):
        return [obj for item in value for obj in _objects(item)]
    if not isinstance(value, dict):
        return []
    found = [value]
    for key in ("@graph", "mainEntity", "mainEntityOfPage"):
        if isinstance(value.get(key), (list, dict)):
            found.extend(_objects(value[key]))
    return found


def _types(item: dict) -> set[str]:
    kind = item.get("@type", ())
    kinds = [kind] if isinstance(kind, str) else kind if isinstance(kind, list) else []
    return {k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def _text(value) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), "")
    return " ".join(value.split()) if isinstance(value, str) else ""


def _lines(value) -> str:
    """A text with its line breaks kept: the paragraphs of an articleBody."""
    return value.strip() if isinstance(value, str) else ""


def _names(value) -> str:
    """An author value as names: "A", {"name": "A"}, or a list of either, joined by ", "."""
    values = value if isinstance(value, list) else [value]
    names = [_text(v.get("name") if isinstance(v, dict) else v) for v in values]
    return ", ".join(n for n in names if n)
