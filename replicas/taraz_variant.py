"""A second taraz-ank.kz replica, written from SITES.md alone: a stock WordPress theme's markup.

The news category `/<ru|kk>/topics/news/` then `/page/N/` (404 past the end) lists `.hentry`
posts in `<main class="site-main">` with `.entry-title` links, absolute on the live host with a
trailing slash, Cyrillic slugs percent-encoded. No `.posts` anywhere. The header menu and the
footer link WordPress pages (`/ru/o-nas/`, `/kk/байланыс/`) and the `<aside>` widgets a
"Популярные записи" list of other categories' posts, a "Свежие записи" list and a calendar: every
one of those URLs matches the article pattern, none is news. Posts print their date as `d.m.Y`
in `<time class="entry-date published">`, some with a later `<time class="updated">` beside it.
Russian pages are windows-1251, declared only in `<meta>`.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote, unquote, urlsplit

from .kit import Response, Story, html
from .variant_kit import Expected, ListingPage, load_variant_stories, pages_of, plain_path

LIVE = "https://taraz-ank.kz"
PAGE_SIZE = 4
ROBOTS_TXT = (
    "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"
    "Sitemap: https://taraz-ank.kz/wp-sitemap.xml\n"
)
SITE_NAME = {"ru": "Ассамблея народа Казахстана Жамбылской области", "kk": "Жамбыл облысы ҚХА"}
WORDS = {
    "ru": {
        "home": "Главная",
        "news": "Новости",
        "category": "Рубрика: <span>Новости</span>",
        "older": "← Предыдущие записи",
        "popular": "Популярные записи",
        "recent": "Свежие записи",
        "calendar": "Март 2021",
        "posted": "Опубликовано",
        "by": "автор",
        "in": "Рубрика:",
        "reply": "Добавить комментарий",
        "comment": "Комментарий",
        "submit": "Отправить комментарий",
        "not_found": "Ничего не найдено",
        "copyright": "© 2021 Ассамблея народа Казахстана Жамбылской области. Работает на WordPress",
    },
    "kk": {
        "home": "Басты бет",
        "news": "Жаңалықтар",
        "category": "Айдар: <span>Жаңалықтар</span>",
        "older": "← Алдыңғы жазбалар",
        "popular": "Танымал жазбалар",
        "recent": "Соңғы жазбалар",
        "calendar": "Наурыз 2021",
        "posted": "Жарияланды",
        "by": "автор",
        "in": "Айдар:",
        "reply": "Пікір қалдыру",
        "comment": "Пікір",
        "submit": "Пікір жіберу",
        "not_found": "Ештеңе табылмады",
        "copyright": "© 2021 Жамбыл облысы ҚХА. WordPress негізінде жұмыс істейді",
    },
}


class TarazVariant:
    source = "taraz-ank"

    def __init__(self) -> None:
        self.stories = load_variant_stories("taraz-ank")
        self._by_path = {self.path(s): s for s in self.stories}

    @staticmethod
    def path(story: Story) -> str:
        return f"/{story.lang}/{story.slug}"

    @staticmethod
    def href(story: Story) -> str:
        """The link WordPress writes: absolute on the live host, percent-encoded, trailing slash."""
        return f"{LIVE}{quote(f'/{story.lang}/{story.slug}/')}"

    def news(self, lang: str) -> list[Story]:
        return [s for s in self.stories if s.lang == lang and s.topic]

    def expected(self) -> list[Expected]:
        return [
            Expected(self.path(s), s.lang, s.date, s.title, _numeric(s.date))
            for lang in ("ru", "kk")
            for s in self.news(lang)
        ]

    def never_requested(self) -> set[str]:
        return {self.path(s) for s in self.stories if not s.topic}

    def off_topic_titles(self) -> set[str]:
        return {s.title for s in self.stories if not s.topic and not s.extra.get("page")}

    def chrome_lines(self) -> set[str]:
        lines = {s.title for s in self.stories if not s.topic} | set(SITE_NAME.values())
        for words in WORDS.values():
            lines |= {v for k, v in words.items() if "<" not in v}
        return lines

    def listing_pages(self) -> list[ListingPage]:
        pages = []
        for lang in ("ru", "kk"):
            for number, items in enumerate(pages_of(self.news(lang), PAGE_SIZE), start=1):
                suffix = f"page/{number}/" if number > 1 else ""
                pages.append(ListingPage(f"/{lang}/topics/news/{suffix}", lang, tuple(map(self.path, items))))
        return pages

    def handle(self, path_with_query: str) -> Response:
        path = unquote(urlsplit(path_with_query).path)
        if path == "/robots.txt":
            return html(200, ROBOTS_TXT, "text/plain; charset=UTF-8")
        parts = path.strip("/").split("/")
        if len(parts) >= 3 and parts[0] in ("ru", "kk") and parts[1:3] == ["topics", "news"]:
            number = parts[4] if len(parts) == 5 and parts[3] == "page" else "1" if len(parts) == 3 else ""
            if number.isdigit():
                return self._listing(parts[0], int(number))
        story = self._by_path.get(plain_path(path))
        if story is None:
            return self._respond("ru", 404, "404", f"<h1>{WORDS['ru']['not_found']}</h1>")
        return self._respond(story.lang, 200, story.title, _single(story, self._neighbours(story)))

    def _neighbours(self, story: Story) -> tuple[Story | None, Story | None]:
        if not story.topic:
            return None, None
        news = self.news(story.lang)
        at = news.index(story)
        return (news[at + 1] if at + 1 < len(news) else None), (news[at - 1] if at else None)

    def _listing(self, lang: str, number: int) -> Response:
        pages = pages_of(self.news(lang), PAGE_SIZE)
        if number > len(pages):
            return self._respond(lang, 404, "404", f"<h1>{WORDS[lang]['not_found']}</h1>")
        words = WORDS[lang]
        posts = "\n".join(self._excerpt(s) for s in pages[number - 1])
        older = ""
        if number < len(pages):
            link = f'<a href="{LIVE}/{lang}/topics/news/page/{number + 1}/">{words["older"]}</a>'
            older = f'<nav class="navigation posts-navigation"><div class="nav-previous">{link}</div></nav>'
        header = f'<header class="page-header"><h1 class="page-title">{words["category"]}</h1></header>'
        return self._respond(lang, 200, words["news"], f"{header}\n{posts}\n{older}")

    def _excerpt(self, story: Story) -> str:
        teaser = escape(story.paragraphs[0][:160].rsplit(" ", 1)[0])
        return f"""<article id="post-{story.extra["id"]}" class="{_classes(story)}">
  <header class="entry-header">
    <h2 class="entry-title"><a href="{self.href(story)}" rel="bookmark">{escape(story.title)}</a></h2>
    <div class="entry-meta">{_posted_on(story, self.href(story))}</div>
  </header>
  <div class="entry-summary"><p>{teaser} [&hellip;]</p></div>
</article>"""

    def _respond(self, lang: str, status: int, title: str, content: str) -> Response:
        page = self._frame(lang, title, content)
        if lang == "ru":
            page = page.replace(
                '<meta charset="UTF-8">',
                '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
            )
            return html(status, page, "text/html", encoding="cp1251")
        return html(status, page)

    def _frame(self, lang: str, title: str, content: str) -> str:
        words = WORDS[lang]
        pages = [s for s in self.stories if s.lang == lang and s.extra.get("page")]
        menu = "".join(
            f'<li class="menu-item"><a href="{self.href(p)}">{escape(p.title)}</a></li>' for p in pages
        )
        news_link = f'<li class="menu-item"><a href="{LIVE}/{lang}/topics/news/">{words["news"]}</a></li>'
        return f"""<!DOCTYPE html>
<html lang="{"ru-RU" if lang == "ru" else "kk"}">
<head>
<meta charset="UTF-8">
<title>{escape(title)} &#8211; {SITE_NAME[lang]}</title>
<link rel="alternate" type="application/rss+xml" href="{LIVE}/{lang}/feed/">
</head>
<body class="wp-singular">
<div id="page" class="site">
<header id="masthead" class="site-header">
  <div class="site-branding"><p class="site-title"><a href="{LIVE}/{lang}/">{SITE_NAME[lang]}</a></p></div>
  <nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu">
    <li class="menu-item"><a href="{LIVE}/{lang}/">{words["home"]}</a></li>{news_link}{menu}</ul></nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
{content}
</main></div>
{self._widgets(lang)}
</div>
<footer id="colophon" class="site-footer"><div class="site-info">{menu_links(pages, self.href)}
  <span>{words["copyright"]}</span></div></footer>
</div>
</body>
</html>
"""

    def _widgets(self, lang: str) -> str:
        words = WORDS[lang]
        others = [s for s in self.stories if s.lang == lang and not s.topic and not s.extra.get("page")]
        days = "".join(f'<td><a href="{LIVE}/{lang}/2021/03/{day}/">{day}</a></td>' for day in ("12", "22"))
        return f"""<aside id="secondary" class="widget-area">
  <section id="top-posts-2" class="widget widget_top-posts">
    <h2 class="widget-title">{words["popular"]}</h2>
    <ul>{self._items(others)}</ul></section>
  <section id="recent-posts-2" class="widget widget_recent_entries">
    <h2 class="widget-title">{words["recent"]}</h2>
    <ul>{self._items(self.news(lang)[:3])}</ul></section>
  <section id="calendar-2" class="widget widget_calendar">
    <table id="wp-calendar"><caption>{words["calendar"]}</caption><tbody><tr>{days}</tr></tbody></table>
    <nav class="wp-calendar-nav"><a href="{LIVE}/{lang}/2021/02/">« Фев</a></nav></section>
</aside>"""

    def _items(self, stories: list[Story]) -> str:
        return "".join(f'<li><a href="{self.href(s)}">{escape(s.title)}</a></li>' for s in stories)


def menu_links(pages: list[Story], href) -> str:
    return " | ".join(f'<a href="{href(p)}">{escape(p.title)}</a>' for p in pages)


def _classes(story: Story) -> str:
    kind = "page" if story.extra.get("page") else "post"
    category = "category-news" if story.topic else "category-obyavleniya"
    return f"post-{story.extra['id']} {kind} type-{kind} status-publish format-standard hentry {category}"


def _numeric(iso: str) -> str:
    return f"{iso[8:10]}.{iso[5:7]}.{iso[:4]}"


def _time(css: str, iso: str, clock: str) -> str:
    return f'<time class="{css}" datetime="{iso}T{clock}:00+06:00">{_numeric(iso)}</time>'


def _posted_on(story: Story, href: str) -> str:
    stamps = _time("entry-date published", story.date, "10:00")
    if story.extra.get("updated"):
        stamps += _time("updated", story.extra["updated"], "16:30")
    posted = WORDS[story.lang]["posted"]
    return f'<span class="posted-on">{posted} <a href="{href}" rel="bookmark">{stamps}</a></span>'


def _post_parts(story: Story, neighbours: tuple[Story | None, Story | None]) -> tuple[str, str, str]:
    """A post's entry-meta, entry-footer and post-navigation (a WordPress page has none of them)."""
    if story.extra.get("page"):
        return "", "", ""
    words = WORDS[story.lang]
    author = f'<span class="author vcard"><a class="url fn n" href="{LIVE}/author/admin/">admin</a></span>'
    meta = f'<div class="entry-meta">{_posted_on(story, TarazVariant.href(story))} '
    meta += f'<span class="byline">{words["by"]} {author}</span></div>'
    category = f'<a href="{LIVE}/{story.lang}/topics/news/" rel="category tag">{words["news"]}</a>'
    footer = f'<footer class="entry-footer"><span class="cat-links">{words["in"]} {category}</span></footer>'
    links = "".join(
        f'<div class="nav-{side}"><a href="{TarazVariant.href(s)}" rel="{rel}">{escape(s.title)}</a></div>'
        for side, rel, s in (("previous", "prev", neighbours[0]), ("next", "next", neighbours[1]))
        if s is not None
    )
    navigation = f'<nav class="navigation post-navigation"><div class="nav-links">{links}</div></nav>'
    return meta, footer, navigation


def _single(story: Story, neighbours: tuple[Story | None, Story | None]) -> str:
    words = WORDS[story.lang]
    body = "\n".join(f"    <p>{escape(p)}</p>" for p in story.paragraphs)
    meta, footer, navigation = _post_parts(story, neighbours)
    return f"""<article id="post-{story.extra["id"]}" class="{_classes(story)}">
  <header class="entry-header">
    <h1 class="entry-title">{escape(story.title)}</h1>
    {meta}
  </header>
  <div class="entry-content">
{body}
  </div>
  {footer}
</article>
{navigation}
<div id="comments" class="comments-area"><div id="respond" class="comment-respond">
  <h3 id="reply-title" class="comment-reply-title">{words["reply"]}</h3>
  <form action="{LIVE}/wp-comments-post.php" method="post" id="commentform" class="comment-form">
    <p class="comment-form-comment"><label for="comment">{words["comment"]}</label>
      <textarea id="comment" name="comment"></textarea></p>
    <p class="form-submit"><input name="submit" type="submit" class="submit" value="{words["submit"]}"></p>
  </form></div></div>"""
