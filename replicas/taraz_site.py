"""The taraz-ank.kz replica: a WordPress-like regional Assembly site in ru (windows-1251) and kk.

Built to SITES.md: `/ru/<slug>`, `/kk/<percent-encoded Cyrillic or Latin slug>`, listings
`/<lang>/topics/news/` then `/<lang>/topics/news/page/N/` (404 past the end, as WordPress does),
numeric dates (`24.02.2021`, or only in `<time datetime>`), a sitemap and an RSS feed. Traps: a
calendar widget whose day and month pages link further months for ever, and `/ru/tag/endless/`
whose pages never run out (each shows one more article). Faults come from taraz-ank/articles.toml:
`faults` (500 then the page), `wrong_charset` (UTF-8 declared in HTTP, windows-1251 sent),
`robots_disallowed`.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote, unquote, urlsplit

from .kit import Faults, Response, Story, html, load_stories

PAGE_SIZE = 5
ROBOTS_TXT = "User-agent: *\nDisallow: /wp-admin/\nDisallow: /ru/draft-\nSitemap: /sitemap.xml\n"
_LISTING = re.compile(r"^/(ru|kk)/topics/news/(?:page/(\d+)/?)?$")
_ENDLESS = re.compile(r"^/ru/tag/endless/(?:page/(\d+)/?)?$")
_CALENDAR = re.compile(r"^/(ru|kk)/(\d{4})/(\d{2})/(?:(\d{2})/)?$")
_ARTICLE = re.compile(r"^/(ru|kk)/([^/]+)/?$")
SITE_NAME = {"ru": "Ассамблея народа Казахстана Жамбылской области", "kk": "Жамбыл облысы ҚХА"}


class TarazSite:
    def __init__(self) -> None:
        self.stories = load_stories("taraz-ank")
        self.published = False
        self._by_path = {self.path(s): s for s in self.stories}
        self.faults = Faults({self.path(s): s.extra["faults"] for s in self.stories if "faults" in s.extra})

    @staticmethod
    def path(story: Story) -> str:
        """The article's path as a browser shows it (Cyrillic as is; links carry it percent-encoded)."""
        return f"/{story.lang}/{story.slug}"

    def publish(self) -> None:
        self.published = True

    def listed(self, lang: str) -> list[Story]:
        return [s for s in self.stories if s.lang == lang and (self.published or not s.hidden)]

    def expected_paths(self) -> set[str]:
        return {
            self.path(s)
            for lang in ("ru", "kk")
            for s in self.listed(lang)
            if "robots_disallowed" not in s.extra
        }

    def handle(self, path_with_query: str) -> Response:
        path = unquote(urlsplit(path_with_query).path)
        if path == "/robots.txt":
            return html(200, ROBOTS_TXT, "text/plain; charset=UTF-8")
        if path == "/sitemap.xml":
            return self._sitemap()
        if path in ("/ru/feed/", "/kk/feed/"):
            return self._feed(path[1:3])
        match = _LISTING.match(path)
        if match:
            return self._listing(match[1], int(match[2] or 1))
        match = _ENDLESS.match(path)
        if match:
            page = int(match[1] or 1)
            body = f'<div class="posts"><a href="/ru/endless-story-{page}">История {page}</a></div>'
            body += f'<a class="next" href="/ru/tag/endless/page/{page + 1}/">Далее</a>'
            return html(200, self._page("ru", "Бесконечная лента", body))
        match = _CALENDAR.match(path)
        if match:
            return self._calendar(match[1], int(match[2]), int(match[3]))
        if path.startswith("/ru/endless-story-"):
            n = path.rsplit("-", 1)[1]
            text = "Эта лента не кончается: у каждой страницы есть следующая. " * 5
            return html(
                200, self._page("ru", f"История {n}", f"<article><h1>История {n}</h1><p>{text}</p></article>")
            )
        story = self._by_path.get(path.rstrip("/"))
        if not story or (story.hidden and not self.published):
            return html(404, "<html><body><h1>Страница не найдена</h1></body></html>")
        return self.faults.intercept(self.path(story)) or self._article(story)

    def _listing(self, lang: str, page: int) -> Response:
        items = self.listed(lang)[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        if not items and page > 1:
            return html(404, "<html><body><h1>Страница не найдена</h1></body></html>")
        posts = "".join(
            f'<article class="post"><h2><a href="{quote(self.path(s))}">{escape(s.title)}</a></h2>'
            f'<span class="entry-date">{_numeric(s.date)}</span></article>'
            for s in items
        )
        nav = f'<a class="next" href="/{lang}/topics/news/page/{page + 1}/">→</a>'
        return html(200, self._page(lang, SITE_NAME[lang], f'<div class="posts">{posts}</div>{nav}'))

    def _calendar(self, lang: str, year: int, month: int) -> Response:
        prev_y, prev_m = (year, month - 1) if month > 1 else (year - 1, 12)
        body = f'<p>Архив {month:02d}.{year}</p><a href="/{lang}/{prev_y}/{prev_m:02d}/">«</a>'
        return html(200, self._page(lang, "Архив", body))

    def _article(self, story: Story) -> Response:
        paragraphs = story.paragraphs
        date = _numeric(story.date)
        if "date_only_in_time" in story.extra:
            date_html = f'<time datetime="{story.date}T10:00:00+06:00">Опубликовано</time>'
        else:
            date_html = f'<time class="entry-date" datetime="{story.date}T10:00:00+06:00">{date}</time>'
        body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
        content = f'<article class="post"><h1 class="entry-title">{escape(story.title)}</h1>{date_html}'
        content += f'<div class="entry-content">{body}</div></article>'
        page = self._page(story.lang, story.title, content)
        if story.lang == "ru":
            # Old WordPress on windows-1251: declared only in <meta>; HTTP names no charset, or a wrong one.
            header = "text/html; charset=UTF-8" if "wrong_charset" in story.extra else "text/html"
            page = page.replace(
                '<meta charset="utf-8">',
                '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
            )
            return html(200, page, header, encoding="cp1251")
        return html(200, page)

    def _page(self, lang: str, title: str, content: str) -> str:
        calendar = (
            f'<div class="widget calendar"><a href="/{lang}/2021/02/">Февраль 2021</a> '
            f'<a href="/{lang}/2021/02/24/">24</a></div>'
        )
        return (
            f'<!DOCTYPE html><html lang="{"ru-RU" if lang == "ru" else "kk-KZ"}"><head><meta charset="utf-8">'
            f"<title>{escape(title)} – {SITE_NAME[lang]}</title></head><body>"
            f'<header><a href="/ru/">РУС</a> <a href="/kk/">ҚАЗ</a></header><main>{content}</main>'
            f"<aside>{calendar}</aside><footer>© {SITE_NAME[lang]}</footer></body></html>"
        )

    def _sitemap(self) -> Response:
        urls = "".join(
            f"<url><loc>https://taraz-ank.kz{quote(self.path(s))}</loc></url>"
            for s in self.stories
            if not s.hidden
        )
        xml = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
        return html(200, xml, "application/xml; charset=UTF-8")

    def _feed(self, lang: str) -> Response:
        items = "".join(
            f"<item><title>{escape(s.title)}</title><link>https://taraz-ank.kz{quote(self.path(s))}</link></item>"
            for s in self.listed(lang)[:10]
        )
        xml = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        xml += f"<title>{SITE_NAME[lang]}</title>{items}</channel></rss>"
        return html(200, xml, "application/rss+xml; charset=UTF-8")


def _numeric(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"
