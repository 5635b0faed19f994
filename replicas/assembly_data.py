"""The assembly.kz replica's articles: TOML files as validated records, with URL and date rules."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

ARTICLES_DIR = Path(__file__).resolve().parent / "assembly" / "articles"

LANGUAGES = ("kk", "ru", "en")
# Kazakh news sits at the root; the old English items listed there share its prefix.
LISTING_PATHS = {"kk": "/news/", "ru": "/ru/news/", "en": "/en/news/"}
DRAFT_PREFIX = "proekt-"
UTM_BANNER = "utm_source=main&utm_medium=banner"
# How a listing links to an article: the site is inconsistent, and the crawler must cope.
LINK_STYLES = ("slash", "no-slash", "utm")

# Russian pages write the month in the genitive, capitalised; Kazakh pages in the nominative.
_MONTH_NAMES = {
    "ru": "Января Февраля Марта Апреля Мая Июня Июля Августа Сентября Октября Ноября Декабря",
    "kk": "Қаңтар Ақпан Наурыз Сәуір Мамыр Маусым Шілде Тамыз Қыркүйек Қазан Қараша Желтоқсан",
    "en": "January February March April May June July August September October November December",
}
MONTHS = {lang: tuple(names.split()) for lang, names in _MONTH_NAMES.items()}

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_IMAGE = re.compile(r"^/upload/iblock/[0-9a-f]{3}/[0-9a-f]{32}\.jpg$")
_KNOWN_KEYS = {
    "slug",
    "lang",
    "date",
    "title",
    "views",
    "image",
    "paragraphs",
    "byline",
    "draft",
    "listing",
    "link",
}


class ArticleFileError(ValueError):
    """An article file breaks the replica's rules; the message names the file."""


@dataclass(frozen=True)
class ReplicaArticle:
    """One news item of the replica, as its TOML file states it."""

    slug: str
    lang: str
    date: dt.date
    title: str
    views: str  # digits, or "" for the empty counter the real site sometimes shows
    image: str
    paragraphs: tuple[str, ...]
    byline: str = ""
    draft: bool = False
    listing: str = ""  # whose listing carries it: its own language unless an old root item
    link: str = "slash"

    @property
    def path(self) -> str:
        """Canonical URL path, with the trailing slash."""
        return f"{LISTING_PATHS[self.listing]}{self.slug}/"

    @property
    def listing_href(self) -> str:
        """The href the listing page uses for this article."""
        if self.link == "no-slash":
            return self.path.rstrip("/")
        if self.link == "utm":
            return f"{self.path}?{UTM_BANNER}"
        return self.path

    @property
    def date_text(self) -> str:
        return format_date(self.date, self.lang)

    @property
    def body(self) -> tuple[str, ...]:
        """The paragraphs of the page body: the byline, when there is one, is the last."""
        return self.paragraphs + ((self.byline,) if self.byline else ())

    @property
    def text(self) -> str:
        """The body as a cleaner should leave it: paragraphs separated by blank lines."""
        return "\n\n".join(self.body)


def format_date(date: dt.date, lang: str) -> str:
    """`13 Июня, 2025`, `30 Сәуір, 2024`, `07 October, 2016`: day zero-padded, as the site does."""
    return f"{date.day:02d} {MONTHS[lang][date.month - 1]}, {date.year}"


def load_articles(articles_dir: Path | str | None = None) -> list[ReplicaArticle]:
    """Every article file in `articles_dir`, validated, newest first (ties by slug)."""
    directory = Path(articles_dir) if articles_dir else ARTICLES_DIR
    articles = [_read_article(path) for path in sorted(directory.glob("*.toml"))]
    if not articles:
        raise ArticleFileError(f"no article files in {directory}")
    paths = [a.path for a in articles]
    duplicates = {p for p in paths if paths.count(p) > 1}
    if duplicates:
        raise ArticleFileError(f"two articles share a URL: {sorted(duplicates)}")
    return sorted(articles, key=lambda a: (-a.date.toordinal(), a.slug))


def assembly_articles(articles_dir: Path | str | None = None) -> list[dict]:
    """The replica's articles as plain dicts: what a crawl of the replica should find.

    Keys: slug, lang, date (YYYY-MM-DD), date_text (as the page writes it), title, path
    (canonical URL path), listing (language of the listing that links to it), listing_href
    (the href used there), draft, views, image, paragraphs, byline, text.
    """
    return [
        {
            "slug": a.slug,
            "lang": a.lang,
            "date": a.date.isoformat(),
            "date_text": a.date_text,
            "title": a.title,
            "path": a.path,
            "listing": a.listing,
            "listing_href": a.listing_href,
            "draft": a.draft,
            "views": a.views,
            "image": a.image,
            "paragraphs": list(a.paragraphs),
            "byline": a.byline,
            "text": a.text,
        }
        for a in load_articles(articles_dir)
    ]


def _read_article(path: Path) -> ReplicaArticle:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ArticleFileError(f"{path.name}: {exc}") from exc
    unknown = set(data) - _KNOWN_KEYS
    if unknown:
        raise ArticleFileError(f"{path.name}: unknown keys {sorted(unknown)}")
    try:
        article = ReplicaArticle(
            slug=data["slug"],
            lang=data["lang"],
            date=dt.date.fromisoformat(data["date"]),
            title=data["title"].strip(),
            views=str(data["views"]),
            image=data["image"],
            paragraphs=tuple(p.strip() for p in data["paragraphs"]),
            byline=data.get("byline", "").strip(),
            draft=bool(data.get("draft", False)),
            listing=data.get("listing", data["lang"]),
            link=data.get("link", "slash"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ArticleFileError(f"{path.name}: bad or missing field: {exc}") from exc
    _check(article, path.name)
    return article


def _check(article: ReplicaArticle, name: str) -> None:
    problems = []
    if name != f"{article.lang}-{article.slug}.toml":
        problems.append("file name is not <lang>-<slug>.toml")
    if article.lang not in LANGUAGES or article.listing not in LANGUAGES:
        problems.append("lang and listing must be kk, ru or en")
    if not _SLUG.match(article.slug):
        problems.append("slug must be lowercase [a-z0-9-]")
    if article.draft != article.slug.startswith(DRAFT_PREFIX):
        problems.append(f"drafts, and only drafts, have slugs starting {DRAFT_PREFIX!r}")
    if article.draft and article.listing != "ru":
        problems.append("drafts live in the Russian listing")
    if article.views and not article.views.isdigit():
        problems.append("views must be an integer or an empty string")
    if not _IMAGE.match(article.image):
        problems.append("image must be /upload/iblock/<3 hex>/<32 hex>.jpg")
    if article.link not in LINK_STYLES:
        problems.append(f"link must be one of {LINK_STYLES}")
    if not article.title or not article.paragraphs or not all(article.paragraphs):
        problems.append("title and paragraphs must not be empty")
    if problems:
        raise ArticleFileError(f"{name}: " + "; ".join(problems))
