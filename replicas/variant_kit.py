"""What the second replicas share: their data files, month names, and what a crawl of one must find.

Each variant (`<site>_variant.py`) is the same source as its first replica, written again from
SITES.md with markup of its own. Besides `handle(path)`, each says what a crawl must do: store
`expected()`, never ask for `never_requested()` (paths of other news and menu pages), leave no
`chrome_lines()` and no `off_topic_titles()` in a text; `listing_pages()` lists its HTML listing
pages with the articles each gives as its own (tests/test_unseen_markup.py, test_listing_links.py).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .kit import HERE, Story, body_paragraphs

DATA = HERE / "variant_data"

MONTHS = {
    "ru_genitive": "Января Февраля Марта Апреля Мая Июня Июля Августа Сентября Октября Ноября Декабря",
    "ru": "Январь Февраль Март Апрель Май Июнь Июль Август Сентябрь Октябрь Ноябрь Декабрь",
    "kk": "Қаңтар Ақпан Наурыз Сәуір Мамыр Маусым Шілде Тамыз Қыркүйек Қазан Қараша Желтоқсан",
    "en": "January February March April May June July August September October November December",
}


def month_name(iso_date: str, table: str) -> str:
    return MONTHS[table].split()[int(iso_date[5:7]) - 1]


@dataclass(frozen=True)
class Expected:
    """An article a crawl of a variant must store, once: where, in which language, dated when."""

    path: str  # percent-decoded, without the trailing slash
    lang: str
    date: str  # ISO
    title: str
    date_text: str  # the date as the page writes it: a line of it left in the text is a leftover


@dataclass(frozen=True)
class ListingPage:
    """A listing page of a variant and the articles it lists, in page order (paths as in Expected)."""

    path: str
    lang: str
    articles: tuple[str, ...]


def load_variant_stories(name: str) -> list[Story]:
    """The `[[story]]` tables of replicas/variant_data/<name>.toml, in file order (newest first)."""
    data = tomllib.loads((DATA / f"{name}.toml").read_text(encoding="utf-8"))
    stories = []
    for table in data["story"]:
        known = {k: table.pop(k) for k in list(table) if k in Story.__dataclass_fields__}
        story = Story(**known, extra=table)
        if not story.paragraphs:
            story.paragraphs = body_paragraphs(story.lang, story.title, len(stories) + 3)
        stories.append(story)
    return stories


def plain_path(url_or_path: str) -> str:
    """A link's path as Expected writes paths: percent-decoded, no trailing slash, no query."""
    return unquote(urlsplit(url_or_path).path).rstrip("/") or "/"


def pages_of(items: list, size: int) -> list[list]:
    """`items` cut into listing pages of `size`; an empty listing still has its page 1."""
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]
