"""An assembly.kz replica (the first markup or the second) that rewrites history between two crawls.

`RewritingSite(site)` serves `site` as it is until `rewrite()`; from then on it edits some articles
(a title, one sentence, a date), removes others (404, 410, and served with 200 where the article
was: the news list, the "not found" page, another article), moves one (301 to a new address
serving the same page), changes only the chrome of others (view counter, a "Сейчас читают" box,
the footer's year, spacing) and answers 503 for one until `recover()`. Its pages are the wrapped
site's, changed as text: both markups alike. OUTCOMES says what a re-check must find of each kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from html import escape
from urllib.parse import urlsplit

from .assembly_data import LISTING_PATHS, format_date

Response = tuple[int, dict[str, str], bytes]
HTML = "text/html; charset=UTF-8"

NEW_TITLE_NOTE = " (уточнено)"
NEW_SENTENCE = "По уточнённым данным организаторов, в мероприятии приняли участие двести пятьдесят человек."
NEW_DATE_SHIFT = 3  # days the edited date moves back
_VIEWS = re.compile(r'(views">)(\d*)(</span>)')


@dataclass(frozen=True)
class Change:
    path: str  # the article's canonical path, with the trailing slash
    kind: str  # one of KINDS


# The re-check's finding (outcome) each kind of change must give, and the parts an edit changed.
OUTCOMES = {
    "title": ("edited", ["title"]),
    "sentence": ("edited", ["text"]),
    "date": ("edited", ["date"]),
    "gone-404": ("gone", []),
    "gone-410": ("gone", []),
    "soft-404": ("gone", []),
    "not-found-200": ("gone", []),
    "replaced": ("gone", []),
    "moved": ("moved", []),
    "chrome": ("unchanged", []),
    "unavailable": ("unreachable", []),
}
KINDS = (
    "title",
    "sentence",
    "date",
    "gone-404",
    "gone-410",
    "soft-404",
    "moved",
    "chrome",
    "chrome",
    "chrome",
    "unavailable",
    "not-found-200",
    "replaced",
)


class RewritingSite:
    """`site` (AssemblySite or AssemblyVariant) before and after its source rewrote some history."""

    def __init__(self, site) -> None:
        self.site = site
        self.rewritten = False
        self.unavailable = False
        self.articles = [a for a in site.articles if not a.draft and a.lang == "ru" and len(a.body) >= 2]
        self.changes = [Change(a.path, kind) for a, kind in zip(self.articles, KINDS, strict=False)]
        self._by_path = {a.path: a for a in self.articles}
        self._kind = {c.path: c.kind for c in self.changes}
        self.moved_to = {
            c.path: c.path.rstrip("/") + "-pereneseno/" for c in self.changes if c.kind == "moved"
        }
        self._moved_from = {new: old for old, new in self.moved_to.items()}

    def rewrite(self) -> None:
        """From now on the source has edited, removed and moved articles; one answers 503."""
        self.rewritten = self.unavailable = True

    def recover(self) -> None:
        """The article that answered 503 answers again."""
        self.unavailable = False

    def article(self, path: str):
        return self._by_path[path]

    def paths_of(self, kind: str) -> list[str]:
        return [c.path for c in self.changes if c.kind == kind]

    def handle(self, path_with_query: str) -> Response:
        if not self.rewritten:
            return self.site.handle(path_with_query)
        path = urlsplit(path_with_query).path
        key = path if path.endswith("/") else path + "/"
        if key in self._moved_from:
            return self._rewritten(self._moved_from[key], self.site.handle(self._moved_from[key]))
        kind = self._kind.get(key)
        if kind is None:
            return self.site.handle(path_with_query)
        if kind == "moved":
            return 301, {"Location": self.moved_to[key], "Content-Type": HTML}, b""
        if kind == "gone-404":
            return self.site.handle(key.rstrip("/") + "-net-takoi-stranitsy/")
        if kind == "gone-410":
            status, headers, body = self.site.handle(key.rstrip("/") + "-net-takoi-stranitsy/")
            return 410, headers, body
        if kind == "soft-404":
            return self.site.handle(LISTING_PATHS["ru"])  # the news list, 200, at the article's address
        if kind == "replaced":  # another article's page where this one was
            return self.site.handle(self.articles[-1].path)
        if kind == "not-found-200":  # the site's "not found" page, served with 200
            return 200, *self.site.handle(key.rstrip("/") + "-net-takoi-stranitsy/")[1:]
        if kind == "unavailable" and self.unavailable:
            return 503, {"Content-Type": HTML, "Retry-After": "120"}, b"<h1>503 Service Unavailable</h1>"
        return self._rewritten(key, self.site.handle(path_with_query))

    def _rewritten(self, path: str, response: Response) -> Response:
        status, headers, body = response
        page = body.decode("utf-8")
        article = self._by_path[path]
        kind = self._kind[path]
        if kind == "title":
            page = page.replace(escape(article.title), escape(self.new_title(path)))
        elif kind == "sentence":
            old, new = self.sentence_change(path)
            page = page.replace(escape(old), escape(new))
        elif kind == "date":
            for lang in {article.lang, article.listing}:
                page = page.replace(escape(format_date(article.date, lang)), escape(self.new_date_text(path)))
            page = page.replace(escape(article.date_text), escape(self.new_date_text(path)))
        page = _new_chrome(page)
        return status, headers, page.encode("utf-8")

    def new_title(self, path: str) -> str:
        return self._by_path[path].title + NEW_TITLE_NOTE

    def sentence_change(self, path: str) -> tuple[str, str]:
        """(the sentence taken out, the one put in) of the article's second paragraph."""
        paragraph = self._by_path[path].body[1]
        first = re.split(r"(?<=[.!?])\s", paragraph, maxsplit=1)[0]
        return first, NEW_SENTENCE

    def new_date(self, path: str):
        return self._by_path[path].date - timedelta(days=NEW_DATE_SHIFT)

    def new_date_text(self, path: str) -> str:
        article = self._by_path[path]
        return format_date(self.new_date(path), article.lang)


def _new_chrome(page: str) -> str:
    """Every rewritten page's furniture changes too: more views, a box of other news, the footer's
    year, paragraphs spaced otherwise. None of it is the article."""
    page = _VIEWS.sub(lambda m: f"{m.group(1)}{int(m.group(2) or 0) + 1041}{m.group(3)}", page)
    page = page.replace("© 2025", "© 2026").replace("<p>", "<p>\n        ")
    box = (
        '<aside class="now-reading"><h4>Сейчас читают</h4><ul>'
        '<li><a href="/ru/news/">Все новости</a> <span>5120</span></li>'
        "<li>Погода в Астане: +31 <span>812</span></li></ul></aside>\n"
    )
    return page.replace("<footer", box + "<footer", 1)
