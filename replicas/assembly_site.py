"""The assembly.kz replica's routing: a request path to status, headers and body (ASSEMBLY.md)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from . import assembly_pages as pages
from .assembly_data import LISTING_PATHS, ReplicaArticle, assembly_articles, load_articles

__all__ = ["AssemblySite", "assembly_articles", "TINY_JPEG", "PAGE_SIZE"]

PAGE_SIZE = 6
HTML = "text/html; charset=UTF-8"

# A valid 1x1 grey baseline JPEG (one 8x8 block, every coefficient zero, one-code Huffman tables).
TINY_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000"
    "ffdb004300" + "01" * 64 + "ffc0000b080001000101011100"
    "ffc40014000100000000000000000000000000000000"
    "ffc40014100100000000000000000000000000000000"
    "ffda0008010100003f00"
    "3f"
    "ffd9"
)

_ARTICLE = re.compile(r"^(?P<prefix>/(?:ru/|en/)?news/)(?P<slug>[^/]+)/?$")
_IMAGE = re.compile(r"^/upload/iblock/[0-9a-f]{3}/[0-9a-f]{32}\.jpg$")
_LANG_BY_PREFIX = {prefix: lang for lang, prefix in LISTING_PATHS.items()}

Response = tuple[int, dict[str, str], bytes]


class AssemblySite:
    """The whole replica site, rendered from the article files in `articles_dir`."""

    def __init__(self, articles_dir: Path | str | None = None) -> None:
        self.articles = load_articles(articles_dir)
        self._by_path = {a.path: a for a in self.articles}
        self._listings: dict[str, list[ReplicaArticle]] = {lang: [] for lang in LISTING_PATHS}
        for article in self.articles:  # already newest first
            self._listings[article.listing].append(article)

    def page_count(self, lang: str) -> int:
        return max(1, -(-len(self._listings[lang]) // PAGE_SIZE))

    def handle(self, path_with_query: str) -> Response:
        """Answer a GET for `path_with_query` (path plus optional `?query`)."""
        parts = urlsplit(path_with_query)
        path, query = parts.path or "/", parse_qs(parts.query)
        if path == "/robots.txt":
            return _respond(200, pages.ROBOTS_TXT, "text/plain; charset=UTF-8")
        if _IMAGE.match(path):
            return 200, {"Content-Type": "image/jpeg"}, TINY_JPEG
        if path in _LANG_BY_PREFIX:
            return self._listing(_LANG_BY_PREFIX[path], query)
        match = _ARTICLE.match(path)
        article = match and self._by_path.get(f"{match['prefix']}{match['slug']}/")
        if article:
            if query.get("print") == ["Y"]:
                return _respond(200, pages.print_page(article))
            # Any other query (utm_* tracking, say) is ignored, as Bitrix does.
            return _respond(200, pages.article_page(article))
        return _respond(404, pages.not_found_page(_lang_of(path)))

    def _listing(self, lang: str, query: dict[str, list[str]]) -> Response:
        page_count = self.page_count(lang)
        try:
            page = int(query.get("PAGEN_1", ["1"])[0])
        except ValueError:
            page = 1
        # Past the last page Bitrix serves the last page again: a crawler must notice no progress.
        page = min(max(page, 1), page_count)
        items = self._listings[lang][(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        return _respond(200, pages.listing_page(lang, items, page, page_count))


def _lang_of(path: str) -> str:
    for lang in ("ru", "en"):
        if path == f"/{lang}" or path.startswith(f"/{lang}/"):
            return lang
    return "kk"


def _respond(status: int, text: str, content_type: str = HTML) -> Response:
    headers = {"Content-Type": content_type, "X-Powered-CMS": "Bitrix Site Manager"}
    return status, headers, text.encode("utf-8")
