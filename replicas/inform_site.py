"""The inform.kz (Kazinform) replica: the Assembly's tag listing in ru/kz/en, two markup eras, faults.

Built to SITES.md. Faults, each driven by a field of inform/articles.toml: `faults` (503, 503 then
the page; 502 once; a 3 s stall, a timeout for a client that waits 2 s), `gone` (404),
`moved_from` (301 from an old slug), `broken_markup`, `huge` (a 3 MB page that still holds an
article), `trap_megabytes` (a 9 MB page), `robots_disallowed`. Listing pages past the end come
back empty but still offer a "next" link. Every page carries the "Сейчас читают" sidebar of
off-topic news (`topic = false`), which a crawler must not follow.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import parse_qs, urlsplit

from .kit import Faults, Response, Story, html, load_stories, redirect

PAGE_SIZE = 8
TAG_PATH = "assambleya-naroda-kazakhstana_t2345"
URL_LANG = {"ru": "ru", "kk": "kz", "en": "en"}  # Kazinform writes Kazakh as /kz/
ROBOTS_TXT = "User-agent: *\nDisallow: /ru/draft-\nDisallow: /search/\n"

RU_GENITIVE = [  # fmt: skip
    "Января",
    "Февраля",
    "Марта",
    "Апреля",
    "Мая",
    "Июня",
    "Июля",
    "Августа",
    "Сентября",
    "Октября",
    "Ноября",
    "Декабря",
]
RU_NOMINATIVE = [  # fmt: skip
    "Январь",
    "Февраль",
    "Март",
    "Апрель",
    "Май",
    "Июнь",
    "Июль",
    "Август",
    "Сентябрь",
    "Октябрь",
    "Ноябрь",
    "Декабрь",
]
KK_MONTHS = [  # fmt: skip
    "Қаңтар",
    "Ақпан",
    "Наурыз",
    "Сәуір",
    "Мамыр",
    "Маусым",
    "Шілде",
    "Тамыз",
    "Қыркүйек",
    "Қазан",
    "Қараша",
    "Желтоқсан",
]
EN_MONTHS = [  # fmt: skip
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DATELINES = {
    "ru": "НУР-СУЛТАН. КАЗИНФОРМ – ",
    "kk": "НҰР-СҰЛТАН. ҚазАқпарат – ",
    "en": "NUR-SULTAN. KAZINFORM – ",
}
LEAD_ENDINGS = {
    "ru": ", передает Kazinform.",
    "kk": ", деп хабарлайды Kazinform.",
    "en": ", Kazinform reports.",
}
SIDEBAR_TITLE = {"ru": "Сейчас читают", "kk": "Қазір оқылуда", "en": "Currently reading"}
_LISTING = re.compile(rf"^/(ru|kz|en)/{TAG_PATH}/?$")
_ARTICLE = re.compile(r"^/(ru|kz|en)/([A-Za-z0-9-]+(?:_a\d{7}|-[0-9a-f]{6}))/?(amp)?/?$")


class InformSite:
    """The replica; `publish()` reveals the stories marked hidden (news between two crawls)."""

    def __init__(self) -> None:
        self.stories = load_stories("inform")
        self.published = False
        self.redesigned = False
        self._by_path = {self.path(s): s for s in self.stories}
        self._moved = {s.extra["moved_from"]: self.path(s) for s in self.stories if "moved_from" in s.extra}
        self.faults = Faults({self.path(s): s.extra["faults"] for s in self.stories if "faults" in s.extra})

    @staticmethod
    def path(story: Story) -> str:
        return f"/{URL_LANG[story.lang]}/{story.slug}"

    def publish(self) -> None:
        self.published = True

    def redesign(self) -> None:
        """The agency's new templates: the tag listing's cards in new markup (a crawler's selector misses)."""
        self.redesigned = True

    def listed(self, lang: str) -> list[Story]:
        return [s for s in self.stories if s.lang == lang and s.topic and (self.published or not s.hidden)]

    def expected_paths(self) -> set[str]:
        """Paths (no trailing slash) of the articles a crawl must store, as things stand."""
        return {
            self.path(s)
            for lang in URL_LANG
            for s in self.listed(lang)
            if not {"gone", "robots_disallowed", "trap_megabytes"} & set(s.extra)
        }

    def handle(self, path_with_query: str) -> Response:
        parts = urlsplit(path_with_query)
        path = parts.path
        if path == "/robots.txt":
            return html(200, ROBOTS_TXT, "text/plain; charset=UTF-8")
        match = _LISTING.match(path)
        if match:
            lang = {v: k for k, v in URL_LANG.items()}[match[1]]
            return self._listing(lang, parse_qs(parts.query))
        if path.rstrip("/") in self._moved:
            return redirect(self._moved[path.rstrip("/")])
        match = _ARTICLE.match(path)
        story = match and self._by_path.get(f"/{match[1]}/{match[2]}")
        if not story or (story.hidden and not self.published):
            return html(404, "<html><body><h1>404</h1>Страница не найдена</body></html>")
        failure = self.faults.intercept(self.path(story))
        if failure:
            return failure
        if "gone" in story.extra:
            return html(404, "<html><body><h1>404</h1>Страница не найдена</body></html>")
        return html(200, self._article(story))

    def _listing(self, lang: str, query: dict) -> Response:
        try:
            page = max(1, int(query.get("page", ["1"])[0]))
        except ValueError:
            page = 1
        items = self.listed(lang)[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        cards = "".join(
            f'<div class="allNewsCard"><a href="{self._link(s)}"><img src="/img/{s.slug}.jpg"></a>'
            f'<a class="allNewsCard__title" href="{self._link(s)}">{escape(s.title)}</a>'
            f'<span class="allNewsCard__date">{_date_line(s)}</span></div>'
            for s in items
        )
        base = f"/{URL_LANG[lang]}/{TAG_PATH}/"
        # The CMS offers a "next" page for ever; past the end the list is simply empty.
        if self.redesigned:
            cards = cards.replace("allNewsCard", "news-grid__item")
        listing_class = "news-grid" if self.redesigned else "tag-news-list"
        body = (
            f'<h1>Ассамблея народа Казахстана</h1><div class="{listing_class}">{cards}</div>'
            f'<div class="pagination"><a href="{base}?page={page + 1}">Следующая</a></div>'
        )
        return html(200, self._page(lang, "Ассамблея народа Казахстана", body))

    def _link(self, story: Story) -> str:
        return story.extra.get("link") or story.extra.get("moved_from") or self.path(story)

    def _article(self, story: Story) -> str:
        paragraphs = list(story.paragraphs)
        if story.era == "b":
            paragraphs[0] = DATELINES[story.lang] + paragraphs[0]
            body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
            content = (
                f'<div class="title_article_bl"><h1>{escape(story.title)}</h1></div>'
                f'<div class="time_article_bl">{_date_line(story)}</div>'
                f'<span class="views">1024</span><div class="body_article_bl">{body}</div>'
                f'<div class="keywords_bl"><a href="/{URL_LANG[story.lang]}/{TAG_PATH}/">АНК</a></div>'
                '<div class="data_author_bl"><a href="/ru/author/1">Айгуль Серикова</a></div>'
            )
        else:
            paragraphs[0] += LEAD_ENDINGS[story.lang]
            body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
            content = (
                f'<article class="article"><h1 class="article__title">{escape(story.title)}</h1>'
                f'<div class="article__date">{_date_line(story)}</div>'
                f'<div class="article__body-text">{body}</div>'
                '<p class="article__telegram">More news in our Telegram channel!</p></article>'
            )
        if "broken_markup" in story.extra:  # unclosed elements, stray end tags, no </body>
            content = content.replace("</p>", "", 2).replace("</div>", "</span></div></td>", 1) + "<div><b>"
        page = self._page(story.lang, story.title, content)
        if "huge" in story.extra:  # an inline data blob the page carries (a gallery's JSON)
            blob = "x" * (story.extra["huge"] * 1024 * 1024)
            page = page.replace("</head>", f'<script>var gallery = "{blob}";</script></head>')
        if "trap_megabytes" in story.extra:
            page += "<!--" + "0" * (story.extra["trap_megabytes"] * 1024 * 1024) + "-->"
        if "broken_markup" in story.extra:
            page = page.replace("</body></html>", "")
        return page

    def _page(self, lang: str, title: str, content: str) -> str:
        sidebar = "".join(
            f'<li><a href="{self.path(s)}">{escape(s.title)}</a></li>' for s in self.stories if not s.topic
        )
        return (
            f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"</head><body><header><nav><a href='/ru/'>Рус</a> <a href='/kz/'>Қаз</a> <a href='/en/'>Eng</a>"
            f"</nav></header><main>{content}</main>"
            f'<aside class="sidebar"><h3>{SIDEBAR_TITLE[lang]}</h3><ul>{sidebar}</ul></aside>'
            "<footer>© Kazinform</footer></body></html>"
        )


def _date_line(story: Story) -> str:
    year, month, day = (int(x) for x in story.date.split("-"))
    if story.era == "b":
        if story.lang == "ru":
            return f"{day} {RU_GENITIVE[month - 1]} {year}, {story.time}"
        if story.lang == "kk":
            return f"{day} {KK_MONTHS[month - 1]} {year}, {story.time}"
        return f"{day} {EN_MONTHS[month - 1]} {year}, {story.time}"
    months = {"ru": RU_NOMINATIVE, "kk": KK_MONTHS, "en": EN_MONTHS}[story.lang]
    return f"{story.time}, {day} {months[month - 1]} {year} | GMT +5"
