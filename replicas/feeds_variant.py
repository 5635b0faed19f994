"""A second ddakmo.kz replica, written from SITES.md alone: WordPress's own sitemaps, a magazine theme.

robots.txt names `/wp-sitemap.xml` (WordPress core, with its XSL stylesheet line): posts, pages,
categories and users sitemaps; only the posts are articles. `/feed/` is RSS 2.0 of the five newest
posts linked by permalink with `?utm_source=rss&...` tracking, the `/?p=<id>` form only in
`<guid>`; `/?p=<id>` answers 301. Article pages follow a magazine theme: the headline in
`h1.tdb-title-text` (no `.entry-title`), the date `d.m.Y` in a `<time>` (no `.posted-on`), Yoast's
`article:published_time` in UTC (a post at 00:40 local is the day before in UTC), an author line
and a view counter, a share bar, "Похожие записи" inside the content and a "Популярное" box in a
plain `<div>` beside it.
"""

from __future__ import annotations

import datetime as dt
from html import escape
from urllib.parse import parse_qs, urlsplit

from .kit import Response, Story, html, redirect
from .variant_kit import Expected, load_variant_stories, plain_path

LIVE = "https://ddakmo.kz"
LOCAL_OFFSET = dt.timedelta(hours=5)  # Aktobe
ROBOTS_TXT = (
    "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
    "Sitemap: https://ddakmo.kz/wp-sitemap.xml\n"
)
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
CHILD_SITEMAPS = (
    "wp-sitemap-posts-post-1.xml",
    "wp-sitemap-posts-page-1.xml",
    "wp-sitemap-taxonomies-category-1.xml",
    "wp-sitemap-users-1.xml",
)
OTHER_PAGES = {"/category/novosti": "Новости", "/author/admin": "admin"}
ARCHIVE_SITEMAPS = {
    "wp-sitemap-taxonomies-category-1.xml": "/category/novosti",
    "wp-sitemap-users-1.xml": "/author/admin",
}
SITE_NAME = "Дом дружбы Актюбинской области"
CHROME = (
    "Популярное",
    "Похожие записи",
    "Поделиться:",
    "Поделиться: Facebook Telegram WhatsApp",
    "Новости",
    "Главная",
    "Автор: admin",
    f"© 2021 {SITE_NAME}",
    SITE_NAME,
)


class FeedsVariant:
    source = "ddakmo"

    def __init__(self) -> None:
        self.stories = load_variant_stories("ddakmo")
        self.posts = [s for s in self.stories if not s.extra.get("page")]
        self._by_path = {self.path(s): s for s in self.stories}
        self._by_id = {str(s.extra["id"]): s for s in self.stories}

    @staticmethod
    def path(story: Story) -> str:
        return f"/{story.slug}"

    def expected(self) -> list[Expected]:
        return [Expected(self.path(s), s.lang, s.date, s.title, _numeric(s.date)) for s in self.posts]

    def never_requested(self) -> set[str]:
        return {self.path(s) for s in self.stories if s.extra.get("page")} | set(OTHER_PAGES)

    def off_topic_titles(self) -> set[str]:
        return set()  # its boxes link its own posts: no other news to leak

    def chrome_lines(self) -> set[str]:
        return set(CHROME) | {s.title for s in self.stories if s.extra.get("page")}

    def listing_pages(self) -> list:
        return []  # a feeds source has no HTML listings

    def handle(self, path_with_query: str) -> Response:
        parts = urlsplit(path_with_query)
        path, query = parts.path, parse_qs(parts.query)
        if path == "/robots.txt":
            return html(200, ROBOTS_TXT, "text/plain; charset=UTF-8")
        if path == "/" and "p" in query:
            story = self._by_id.get(query["p"][0])
            return redirect(f"{self.path(story)}/") if story else self._not_found()
        if path == "/feed/":
            return _xml(self._feed(), "application/rss+xml")
        if path == "/wp-sitemap.xml" or path.lstrip("/") in CHILD_SITEMAPS:
            return _xml(self._sitemap(path.lstrip("/")))
        if not path.endswith("/") and plain_path(path) in self._by_path:
            return redirect(f"{path}/")  # WordPress adds the trailing slash
        story = self._by_path.get(plain_path(path))
        if story is not None:
            return html(200, self._page(story.lang, story.title, _post(story, self.posts), story))
        if plain_path(path) in OTHER_PAGES:
            return html(200, self._page("ru", OTHER_PAGES[plain_path(path)], "<p>Архив записей</p>"))
        return self._not_found()

    def _not_found(self) -> Response:
        return html(404, self._page("ru", "Страница не найдена", "<h1>Упс! Страница не найдена</h1>"))

    # -- feeds and sitemaps ------------------------------------------------------------------

    def _feed(self) -> str:
        items = "".join(
            f"""<item><title>{escape(s.title)}</title>
<link>{LIVE}{self.path(s)}/?utm_source=rss&amp;utm_medium=rss&amp;utm_campaign={_name(s)}</link>
<dc:creator><![CDATA[admin]]></dc:creator><pubDate>{_rfc822(s)}</pubDate>
<category><![CDATA[Новости]]></category><guid isPermaLink="false">{LIVE}/?p={s.extra["id"]}</guid>
<description><![CDATA[{s.paragraphs[0][:120]} [&#8230;]]]></description></item>
"""
            for s in self.posts[:5]
        )
        return (
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
            f"<title>{SITE_NAME}</title><link>{LIVE}</link><language>ru-RU</language>\n{items}</channel></rss>"
        )

    def _sitemap(self, name: str) -> str:
        stylesheet = f'<?xml-stylesheet type="text/xsl" href="{LIVE}/wp-sitemap-index.xsl" ?>\n'
        if name == "wp-sitemap.xml":
            maps = "".join(f"<sitemap><loc>{LIVE}/{child}</loc></sitemap>" for child in CHILD_SITEMAPS)
            return f'{stylesheet}<sitemapindex xmlns="{SITEMAP_NS}">{maps}</sitemapindex>'
        if name == "wp-sitemap-posts-post-1.xml":
            locs = [f"{LIVE}{self.path(s)}/" for s in self.posts]
        elif name == "wp-sitemap-posts-page-1.xml":
            locs = [f"{LIVE}{self.path(s)}/" for s in self.stories if s.extra.get("page")]
        else:
            locs = [f"{LIVE}{ARCHIVE_SITEMAPS[name]}/"]
        urls = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
        return f'{stylesheet}<urlset xmlns="{SITEMAP_NS}">{urls}</urlset>'

    # -- pages -------------------------------------------------------------------------------

    def _page(self, lang: str, title: str, content: str, story: Story | None = None) -> str:
        head = ""
        if story is not None and not story.extra.get("page"):
            head = '\n<meta property="og:type" content="article">'
            head += f'\n<meta property="article:published_time" content="{_utc(story)}">'
            head += f'\n<link rel="shortlink" href="{LIVE}/?p={story.extra["id"]}">'
        popular = "".join(
            f'<div class="td_module_6"><h3 class="entry-title"><a href="{LIVE}{self.path(s)}/">'
            f"{escape(s.title)}</a></h3></div>"
            for s in self.posts[1:4]
        )
        pages = [s for s in self.stories if s.extra.get("page")]
        menu = "".join(f'<li><a href="{LIVE}{self.path(s)}/">{escape(s.title)}</a></li>' for s in pages)
        return f"""<!DOCTYPE html>
<html lang="{"ru-RU" if lang == "ru" else "kk"}">
<head>
<meta charset="UTF-8">
<title>{escape(title)} - {SITE_NAME}</title>{head}
</head>
<body class="post-template-default single single-post td-standard-pack">
<div class="td-header-wrap"><div class="td-header-menu-wrap"><ul id="menu-main" class="sf-menu">
  <li><a href="{LIVE}/">Главная</a></li>
  <li><a href="{LIVE}/category/novosti/">Новости</a></li>{menu}</ul></div></div>
<div class="td-main-content-wrap td-container-wrap"><div class="td-container"><div class="td-pb-row">
  <div class="td-pb-span8 td-main-content"><div class="td-ss-main-content">
{content}
  </div></div>
  <div class="td-pb-span4 td-main-sidebar"><div class="td_block_wrap td_block_popular">
    <h4 class="block-title"><span class="td-pulldown-size">Популярное</span></h4>
    <div class="td_block_inner">{popular}</div></div></div>
</div></div></div>
<div class="td-footer-wrapper"><div class="td-sub-footer-copy">© 2021 {SITE_NAME}</div></div>
</body>
</html>
"""


def _post(story: Story, posts: list[Story]) -> str:
    body = "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    if story.extra.get("page"):
        title = f'<h1 class="tdb-title-text">{escape(story.title)}</h1>'
        return f'<article class="page type-page">{title}{body}</article>'
    related = "".join(
        f'<div class="jp-relatedposts-post"><h4><a href="{LIVE}/{s.slug}/">'
        f"{escape(s.title)}</a></h4><p>{_numeric(s.date)}</p></div>"
        for s in [p for p in posts if p is not story][:3]
    )
    post = story.extra["id"]
    return f"""<article id="post-{post}" class="post-{post} post type-post status-publish">
  <div class="td-post-header">
    <ul class="td-category"><li><a href="{LIVE}/category/novosti/">Новости</a></li></ul>
    <header class="td-post-title">
      <h1 class="tdb-title-text">{escape(story.title)}</h1>
      <div class="td-module-meta-info">
        <div class="td-post-author-name">Автор: <a href="{LIVE}/author/admin/">admin</a></div>
        <span class="td-post-date">{_time(story)}</span>
        <div class="td-post-views"><span class="td-nr-views">{90 + story.extra["id"] % 300}</span></div>
      </div>
    </header>
  </div>
  <div class="td-post-sharing-top">Поделиться: <a href="https://www.facebook.com/sharer.php">Facebook</a>
    <a href="https://t.me/share/url">Telegram</a> <a href="https://api.whatsapp.com/send">WhatsApp</a></div>
  <div class="td-post-content tagdiv-type">
{body}
    <div id="jp-relatedposts" class="jp-relatedposts">
      <h3 class="jp-relatedposts-headline"><em>Похожие записи</em></h3>
      <div class="jp-relatedposts-items">{related}</div>
    </div>
  </div>
</article>"""


def _name(story: Story) -> str:
    return story.slug.rsplit("/", 1)[1]


def _time(story: Story) -> str:
    css = "entry-date updated td-module-date"
    return f'<time class="{css}" datetime="{_local(story)}">{_numeric(story.date)}</time>'


def _numeric(iso: str) -> str:
    return f"{iso[8:10]}.{iso[5:7]}.{iso[:4]}"


def _moment(story: Story) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{story.date}T{story.time}")


def _local(story: Story) -> str:
    return _moment(story).isoformat() + "+05:00"


def _utc(story: Story) -> str:
    return (_moment(story) - LOCAL_OFFSET).isoformat() + "+00:00"


def _rfc822(story: Story) -> str:
    return (_moment(story) - LOCAL_OFFSET).strftime("%a, %d %b %Y %H:%M:%S +0000")


def _xml(text: str, content_type: str = "application/xml") -> Response:
    return html(200, '<?xml version="1.0" encoding="UTF-8"?>\n' + text, f"{content_type}; charset=UTF-8")
