"""A small WordPress site (a House of Friendship, after ddakmo.kz) known only by its feed and sitemaps.

robots.txt names `/sitemap_index.xml`, which points at a post sitemap (every article, absolute
URLs on the live host https://ddakmo.kz) and a page sitemap (contacts, about: not articles).
`/feed/` is RSS 2.0 of the five newest posts, linked as `http://www.ddakmo.kz/?p=<id>`, which
301s to the permalink: one article, three spellings. Faults from ddakmo/articles.toml: `faults`
(500 then the page), `no_charset` (no charset anywhere, UTF-8 body).
"""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qs, urlsplit

from .kit import Faults, Response, Story, html, load_stories, redirect

LIVE = "https://ddakmo.kz"
ROBOTS_TXT = (
    "User-agent: *\nDisallow: /wp-admin/\nDisallow: /?s=\nSitemap: https://ddakmo.kz/sitemap_index.xml\n"
)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


class FeedsSite:
    def __init__(self) -> None:
        self.stories = load_stories("ddakmo")
        self.published = False
        self.app_shell = False
        self._by_path = {self.path(s): s for s in self.stories}
        self._by_id = {str(s.extra["id"]): s for s in self.stories}
        self.faults = Faults({self.path(s): s.extra["faults"] for s in self.stories if "faults" in s.extra})

    @staticmethod
    def path(story: Story) -> str:
        return f"/{story.slug}/"

    def publish(self) -> None:
        self.published = True

    def become_javascript_app(self) -> None:
        """The site moves to a JavaScript front end: article pages are an empty shell from now on."""
        self.app_shell = True

    def visible(self) -> list[Story]:
        return [s for s in self.stories if self.published or not s.hidden]

    def expected_paths(self) -> set[str]:
        return {self.path(s) for s in self.visible()}

    def handle(self, path_with_query: str) -> Response:
        parts = urlsplit(path_with_query)
        path, query = parts.path, parse_qs(parts.query)
        if path == "/robots.txt":
            return html(200, ROBOTS_TXT, "text/plain; charset=UTF-8")
        if path == "/" and "p" in query:
            story = self._by_id.get(query["p"][0])
            if story and story in self.visible():
                return redirect(self.path(story))
            return html(404, "<html><body>Не найдено</body></html>")
        if path in ("/contacts/", "/about/", "/o-nas/"):
            return html(200, _page("ru", "Контакты", "<p>г. Актобе, ул. Абая, 1</p>"))
        return self._feed(path) or self._article(path)

    def _feed(self, path: str) -> Response | None:
        """The sitemaps and the RSS feed; None for any other path."""
        if path == "/sitemap_index.xml":
            # As WordPress writes it: a child's lastmod is its newest entry's.
            newest_post = max(s.date for s in self.visible())
            maps = "".join(
                f"<sitemap><loc>{LIVE}/{name}</loc><lastmod>{lastmod}T09:00:00+05:00</lastmod></sitemap>"
                for name, lastmod in (("post-sitemap.xml", newest_post), ("page-sitemap.xml", "2025-06-01"))
            )
            return _xml(f'<sitemapindex xmlns="{SITEMAP_NS}">{maps}</sitemapindex>')
        if path == "/post-sitemap.xml":
            urls = "".join(
                f"<url><loc>{LIVE}{self.path(s)}</loc><lastmod>{s.date}</lastmod></url>"
                for s in self.visible()
            )
            return _xml(f'<urlset xmlns="{SITEMAP_NS}">{urls}</urlset>')
        if path == "/page-sitemap.xml":
            urls = "".join(f"<url><loc>{LIVE}/{p}/</loc></url>" for p in ("contacts", "about", "o-nas"))
            return _xml(f'<urlset xmlns="{SITEMAP_NS}">{urls}</urlset>')
        if path == "/feed/":
            items = "".join(
                f"<item><title>{escape(s.title)}</title><link>http://www.ddakmo.kz/?p={s.extra['id']}</link>"
                f"<guid>http://www.ddakmo.kz/?p={s.extra['id']}</guid><pubDate>{s.date}</pubDate></item>"
                for s in self.visible()[:5]
            )
            return _xml(
                f'<rss version="2.0"><channel><title>Дом дружбы</title>{items}</channel></rss>',
                "application/rss+xml",
            )
        return None

    def _article(self, path: str) -> Response:
        story = self._by_path.get(path if path.endswith("/") else path + "/")
        if not story or story not in self.visible():
            return html(404, "<html><body>Не найдено</body></html>")
        failure = self.faults.intercept(self.path(story))
        if failure:
            return failure
        if self.app_shell:
            return html(
                200, '<html><head><title>Дом дружбы</title></head><body><div id="app"></div></body></html>'
            )
        body = "".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
        year, month, day = story.date.split("-")
        content = (
            f'<article><h1 class="entry-title">{escape(story.title)}</h1>'
            f'<span class="posted-on">{day}.{month}.{year}</span>'
            f'<div class="entry-content">{body}</div></article>'
        )
        page = _page(story.lang, story.title, content)
        if "no_charset" in story.extra:
            return (
                200,
                {"Content-Type": "text/html"},
                page.replace('<meta charset="utf-8">', "").encode("utf-8"),
            )
        return html(200, page)


def _page(lang: str, title: str, content: str) -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{escape(title)} – Дом дружбы</title>"
        f'</head><body><header><a href="/">Главная</a> <a href="/contacts/">Контакты</a></header>'
        f"<main>{content}</main><footer>© Дом дружбы Актюбинской области</footer></body></html>"
    )


def _xml(text: str, content_type: str = "application/xml") -> Response:
    return html(200, '<?xml version="1.0" encoding="UTF-8"?>' + text, f"{content_type}; charset=UTF-8")
