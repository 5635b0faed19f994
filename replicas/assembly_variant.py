"""A second assembly.kz replica, written from SITES.md alone: a custom Bitrix template, same URLs.

Listings `/news/` (Kazakh, with a few old English items), `/ru/news/`, `/en/news/`, `?PAGEN_1=N`
(past the last page Bitrix shows the last one again), five `<article>` cards a page in `<main>`,
linked with and without the trailing slash. Inside `<main>`, after the cards and after each
article, a plain `<div>` box headed "Популярное" / "Көп оқылғандар" / "Most read" links notices
(`topic = false`) under `/news/`: they match the article pattern and are not news. The header menu
and the footer link the pinned "About the Assembly" page, also under `/news/`. Article pages
write the date as the site does (`13 Июня, 2025`, `30 Сәуір, 2024`, `07 October, 2016`) in a
plain `<span>` above the `<h1>`, beside a view counter, and end with the back link.
"""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qs, urlsplit

from .assembly_data import LISTING_PATHS, format_date, load_articles
from .kit import Response, Story, html
from .variant_kit import Expected, ListingPage, load_variant_stories, pages_of, plain_path

PAGE_SIZE = 5
ROBOTS_TXT = (
    "User-agent: *\nDisallow: /bitrix/\nDisallow: /search/\nDisallow: /personal/\nDisallow: /local/\n"
)
SITE_NAME = {
    "kk": "Қазақстан халқы Ассамблеясы",
    "ru": "Ассамблея народа Казахстана",
    "en": "Assembly of People of Kazakhstan",
}
WORDS = {
    "kk": {
        "news": "Жаңалықтар",
        "home": "Басты бет",
        "more": "Тағы көрсету",
        "popular": "Көп оқылғандар",
        "back": "Тізімге оралу",
        "share": "Бөлісу:",
        "structure": "Құрылымы",
        "contacts": "Байланыс",
        "rights": "Барлық құқықтар қорғалған.",
    },
    "ru": {
        "news": "Новости",
        "home": "Главная",
        "more": "Показать ещё",
        "popular": "Популярное",
        "back": "Возврат к списку",
        "share": "Поделиться:",
        "structure": "Структура",
        "contacts": "Контакты",
        "rights": "Все права защищены.",
    },
    "en": {
        "news": "News",
        "home": "Home",
        "more": "Show more",
        "popular": "Most read",
        "back": "Back to the list",
        "share": "Share:",
        "structure": "Structure",
        "contacts": "Contacts",
        "rights": "All rights reserved.",
    },
}
HOME = {"kk": "/", "ru": "/ru/", "en": "/en/"}


class AssemblyVariant:
    source = "assembly"

    def __init__(self) -> None:
        self.articles = [a for a in load_articles() if not a.draft]
        self.others = load_variant_stories("assembly")
        self._pages = {plain_path(a.path): (a.listing, self._article_html(a)) for a in self.articles}
        self._pages.update({self.path(s): (s.lang, self._notice_html(s)) for s in self.others})

    @staticmethod
    def path(story: Story) -> str:
        return f"{LISTING_PATHS[story.lang]}{story.slug}"

    def listed(self, lang: str) -> list:
        return [a for a in self.articles if a.listing == lang]

    def expected(self) -> list[Expected]:
        return [
            Expected(plain_path(a.path), a.lang, a.date.isoformat(), a.title, a.date_text)
            for a in self.articles
        ]

    def never_requested(self) -> set[str]:
        return {self.path(s) for s in self.others}

    def off_topic_titles(self) -> set[str]:
        return {s.title for s in self.others}

    def chrome_lines(self) -> set[str]:
        lines = {s.title for s in self.others} | set(SITE_NAME.values())
        for words in WORDS.values():
            lines |= set(words.values()) | {f"{words['share']} Telegram Facebook"}
        return lines

    def listing_pages(self) -> list[ListingPage]:
        pages = []
        for lang, listing in LISTING_PATHS.items():
            for number, items in enumerate(pages_of(self.listed(lang), PAGE_SIZE), start=1):
                query = f"?PAGEN_1={number}" if number > 1 else ""
                pages.append(ListingPage(listing + query, lang, tuple(plain_path(a.path) for a in items)))
        return pages

    def handle(self, path_with_query: str) -> Response:
        parts = urlsplit(path_with_query)
        if parts.path == "/robots.txt":
            return html(200, ROBOTS_TXT, "text/plain; charset=UTF-8")
        for lang, listing in LISTING_PATHS.items():
            if parts.path == listing:
                return html(200, self._listing(lang, parse_qs(parts.query)))
        found = self._pages.get(plain_path(parts.path))
        if found is None:
            lang = "ru" if parts.path.startswith("/ru/") else "en" if parts.path.startswith("/en/") else "kk"
            return html(404, self._frame(lang, "404", '<h1 class="ank-title">404</h1>'))
        return html(200, found[1])

    # -- pages -------------------------------------------------------------------------------

    def _listing(self, lang: str, query: dict) -> str:
        pages = pages_of(self.listed(lang), PAGE_SIZE)
        try:
            number = int(query.get("PAGEN_1", ["1"])[0])
        except ValueError:
            number = 1
        number = min(max(number, 1), len(pages))
        cards = "\n".join(_card(a, i) for i, a in enumerate(pages[number - 1]))
        more = ""
        if number < len(pages):
            href = f"{LISTING_PATHS[lang]}?PAGEN_1={number + 1}"
            more = f'<div class="ank-more"><a href="{href}">{WORDS[lang]["more"]}</a></div>'
        content = f"""<h1 class="ank-title">{WORDS[lang]["news"]}</h1>
  <div class="ank-feed">
{cards}
  </div>
  {more}
  {self._popular(lang)}"""
        return self._frame(lang, WORDS[lang]["news"], content)

    def _popular(self, lang: str) -> str:
        items = "".join(
            f'<li><a href="{self.path(s)}/">{escape(s.title)}</a> <span>{1200 + 37 * i}</span></li>'
            for i, s in enumerate(self.others)
            if s.lang == lang and not s.extra.get("pinned")
        )
        return f"""<div class="ank-rail">
    <h4 class="ank-rail__title">{WORDS[lang]["popular"]}</h4>
    <ol class="ank-rail__list">{items}</ol>
  </div>"""

    def _article_html(self, article) -> str:
        lang, words = article.lang, WORDS[article.lang]
        body = "\n".join(f"      <p>{escape(p)}</p>" for p in article.body)
        shared = f"https://assembly.kz{article.path}"
        share = f'{words["share"]} <a href="https://t.me/share/url?url={shared}">Telegram</a> '
        share += f'<a href="https://www.facebook.com/sharer/sharer.php?u={shared}">Facebook</a>'
        content = f"""<div class="ank-crumbs"><a href="{HOME[lang]}">{words["home"]}</a> ›
    <a href="{LISTING_PATHS[article.listing]}">{words["news"]}</a></div>
  <article class="ank-post">
    <div class="ank-post__meta"><span class="ank-post__date">{escape(format_date(article.date, lang))}</span>
      <span class="ank-post__views">{escape(article.views)}</span></div>
    <h1 class="ank-post__title">{escape(article.title)}</h1>
    <figure class="ank-post__pic"><img src="{escape(article.image)}" alt=""></figure>
    <div class="ank-post__text">
{body}
    </div>
    <div class="ank-post__share">{share}</div>
    <a class="ank-post__back" href="{LISTING_PATHS[article.listing]}">{words["back"]}</a>
  </article>
  {self._popular(lang)}"""
        return self._frame(lang, article.title, content)

    def _notice_html(self, story: Story) -> str:
        body = "".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
        content = f"""<article class="ank-post"><h1 class="ank-post__title">{escape(story.title)}</h1>
    <div class="ank-post__text">{body}</div></article>"""
        return self._frame(story.lang, story.title, content)

    def _frame(self, lang: str, title: str, content: str) -> str:
        words = WORDS[lang]
        about = next(s for s in self.others if s.lang == lang and s.extra.get("pinned"))
        about_link = f'<a href="{self.path(about)}/">{escape(about.title)}</a>'
        langs = " ".join(f'<a href="{LISTING_PATHS[k]}">{k.upper()}</a>' for k in ("kk", "ru", "en"))
        return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="UTF-8">
<title>{escape(title)} — {SITE_NAME[lang]}</title>
<link rel="stylesheet" href="/local/templates/ank2023/template_styles.css">
</head>
<body class="ank">
<header class="ank-header">
  <a class="ank-logo" href="{HOME[lang]}"><img src="/local/ank2023/logo.svg" alt="">{SITE_NAME[lang]}</a>
  <div class="ank-langs">{langs}</div>
  <nav class="ank-menu"><ul><li>{about_link}</li>
    <li><a href="{HOME[lang]}structure/">{words["structure"]}</a></li>
    <li><a href="{LISTING_PATHS[lang]}">{words["news"]}</a></li></ul></nav>
</header>
<main class="ank-main">
  {content}
</main>
<footer class="ank-footer">
  <div class="ank-footer__links">{about_link} <a href="{HOME[lang]}contacts/">{words["contacts"]}</a></div>
  <p>© 2025 {SITE_NAME[lang]}. {words["rights"]}</p>
</footer>
</body>
</html>
"""


def _card(article, index: int) -> str:
    # The picture links the canonical URL; every other title link leaves the slash out.
    title_href = article.path.rstrip("/") if index % 2 else article.path
    teaser = escape(article.paragraphs[0][:150].rsplit(" ", 1)[0]) + "…"
    return f"""    <article class="ank-card">
      <a class="ank-card__pic" href="{article.path}"><img src="{escape(article.image)}" alt=""></a>
      <div class="ank-card__body">
        <span class="ank-card__date">{escape(article.date_text)}</span>
        <h2 class="ank-card__title"><a href="{title_href}">{escape(article.title)}</a></h2>
        <p class="ank-card__lead">{teaser}</p>
      </div>
    </article>"""
