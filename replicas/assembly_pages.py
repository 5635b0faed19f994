"""HTML of the assembly.kz replica: Bitrix news.detail, news.list, print and 404 pages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from .assembly_data import LISTING_PATHS, ReplicaArticle

SITE_URL = "https://assembly.kz"
FOOTER_YEAR = 2025  # fixed, so that the replica serves the same bytes every year


@dataclass(frozen=True)
class Chrome:
    """The words and links a page template puts around the content, in one language."""

    html_lang: str
    site_name: str
    home: str
    menu: tuple[tuple[str, str], ...]
    home_label: str
    news_label: str
    back: str
    share: str
    print_version: str
    search: str
    pages: str
    previous: str
    next: str
    footer: str
    not_found: str
    not_found_text: str


CHROME = {
    "kk": Chrome(
        html_lang="kk",
        site_name="Қазақстан халқы Ассамблеясы",
        home="/",
        menu=(
            ("/about/", "Ассамблея туралы"),
            ("/structure/", "Құрылымы"),
            ("/documents/", "Құжаттар"),
            ("/news/", "Жаңалықтар"),
        ),
        home_label="Басты бет",
        news_label="Жаңалықтар",
        back="Тізімге оралу",
        share="Бөлісу",
        print_version="Басып шығару нұсқасы",
        search="Іздеу",
        pages="Беттер:",
        previous="Алдыңғы",
        next="Келесі",
        footer="Қазақстан халқы Ассамблеясы. Барлық құқықтар қорғалған. "
        "Материалдарды пайдаланғанда assembly.kz сайтына сілтеме міндетті.",
        not_found="Бет табылмады",
        not_found_text="Сіз сұраған бет жоқ немесе жойылған.",
    ),
    "ru": Chrome(
        html_lang="ru",
        site_name="Ассамблея народа Казахстана",
        home="/ru/",
        menu=(
            ("/ru/about/", "Об Ассамблее"),
            ("/ru/structure/", "Структура"),
            ("/ru/documents/", "Документы"),
            ("/ru/analitika/", "Аналитика"),
            ("/ru/news/", "Новости"),
        ),
        home_label="Главная",
        news_label="Новости",
        back="Возврат к списку",
        share="Поделиться",
        print_version="Версия для печати",
        search="Поиск",
        pages="Страницы:",
        previous="Пред.",
        next="След.",
        footer="Ассамблея народа Казахстана. Все права защищены. "
        "При использовании материалов ссылка на assembly.kz обязательна.",
        not_found="Страница не найдена",
        not_found_text="Запрошенная страница не существует или была удалена.",
    ),
    "en": Chrome(
        html_lang="en",
        site_name="Assembly of People of Kazakhstan",
        home="/en/",
        menu=(
            ("/en/about/", "About the Assembly"),
            ("/en/structure/", "Structure"),
            ("/en/documents/", "Documents"),
            ("/en/interview", "Interview"),
            ("/en/news/", "News"),
        ),
        home_label="Home",
        news_label="News",
        back="Back to the list",
        share="Share",
        print_version="Print version",
        search="Search",
        pages="Pages:",
        previous="Prev.",
        next="Next",
        footer="Assembly of People of Kazakhstan. All rights reserved. "
        "A link to assembly.kz is required when using the materials.",
        not_found="Page not found",
        not_found_text="The page you asked for does not exist or was removed.",
    ),
}

ROBOTS_TXT = """User-agent: *
Disallow: /bitrix/
Disallow: /search/
Disallow: /*?print=
Disallow: /ru/news/proekt-
Disallow: /personal/
"""

LANG_SWITCH = '<a href="/news/">ҚАЗ</a> <a href="/ru/news/">РУС</a> <a href="/en/news/">ENG</a>'
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s")
PREVIEW_LIMIT = 200


def article_page(article: ReplicaArticle) -> str:
    """The news.detail page; old English items at the root keep the English chrome."""
    chrome = CHROME[article.lang]
    news_path = LISTING_PATHS[article.listing]
    # The share link carries Facebook's own tracking parameters, percent-encoded whole.
    shared = quote(f"{SITE_URL}{article.path}?utm_source=facebook&utm_medium=social", safe="")
    body = "\n".join(f"      <p>{escape(p)}</p>" for p in article.body)
    views = escape(article.views)
    crumbs = f'<a href="{news_path}">{escape(chrome.news_label)}</a>'
    content = f"""{_breadcrumbs(chrome, crumbs)}
  <div class="news-detail">
    <div class="site-name">{escape(chrome.site_name)}</div>
    <span class="news-date-time">{escape(article.date_text)}</span>
    <span class="news-views">{views}</span>
    <h3>{escape(article.title)}</h3>
    <img class="detail_picture" src="{escape(article.image)}" alt="{escape(article.title)}">
    <div class="news-detail-text">
{body}
    </div>
    <div class="news-detail-share">
      <a href="https://www.facebook.com/sharer/sharer.php?u={shared}">{escape(chrome.share)}</a>
      <a href="?print=Y" rel="nofollow">{escape(chrome.print_version)}</a>
    </div>
    <p><a href="{news_path}">{escape(chrome.back)}</a></p>
  </div>"""
    head = f"""<meta property="og:title" content="{escape(article.title)}">
<meta property="og:image" content="{escape(article.image)}">"""
    return _page(chrome, article.title, content, head)


def print_page(article: ReplicaArticle) -> str:
    """The `?print=Y` version: the same text in bare markup, no menus."""
    chrome = CHROME[article.lang]
    body = "\n".join(f"  <p>{escape(p)}</p>" for p in article.body)
    return f"""<!DOCTYPE html>
<html lang="{chrome.html_lang}">
<head>
<meta charset="UTF-8">
<title>{escape(article.title)} | {escape(chrome.site_name)}</title>
<meta name="robots" content="noindex, nofollow">
</head>
<body class="print-version" onload="window.print()">
<div class="print-header">{escape(chrome.site_name)}</div>
<div class="news-detail">
<span class="news-date-time">{escape(article.date_text)}</span>
<h3>{escape(article.title)}</h3>
<div class="news-detail-text">
{body}
</div>
</div>
</body>
</html>
"""


def listing_page(lang: str, items: list[ReplicaArticle], page: int, page_count: int) -> str:
    """One page of news.list with the Bitrix "modern" pager under it."""
    chrome = CHROME[lang]
    news_path = LISTING_PATHS[lang]
    entries = "\n".join(_listing_item(item) for item in items)
    content = f"""{_breadcrumbs(chrome, f"<span>{escape(chrome.news_label)}</span>")}
  <h1>{escape(chrome.news_label)}</h1>
<div class="news-list">
{entries}
</div>
{_pager(chrome, news_path, page, page_count)}"""
    return _page(chrome, chrome.news_label, content)


def not_found_page(lang: str) -> str:
    chrome = CHROME[lang]
    content = f"""{_breadcrumbs(chrome)}
  <h1>404</h1>
  <p class="error-text">{escape(chrome.not_found_text)}</p>"""
    return _page(chrome, chrome.not_found, content)


def preview(article: ReplicaArticle) -> str:
    """The listing's teaser: the first sentence, cut at a word if long, ending in an ellipsis."""
    sentence = _SENTENCE_END.split(article.paragraphs[0], maxsplit=1)[0]
    if len(sentence) > PREVIEW_LIMIT:
        sentence = sentence[:PREVIEW_LIMIT].rsplit(" ", 1)[0]
    return sentence.rstrip(" .,;:!?…") + "…"


def _listing_item(item: ReplicaArticle) -> str:
    return f"""  <div class="news-item">
    <span class="news-date-time">{escape(item.date_text)}</span>
    <a href="{escape(item.listing_href)}"><b>{escape(item.title)}</b></a>
    <p class="preview">{escape(preview(item))}</p>
  </div>"""


def _pager(chrome: Chrome, news_path: str, page: int, page_count: int) -> str:
    def href(number: int) -> str:
        return f"{news_path}?PAGEN_1={number}"

    parts = [f'  <span class="modern-page-title">{escape(chrome.pages)}</span>']
    if page > 1:
        previous = escape(chrome.previous)
        parts.append(f'  <a class="modern-page-previous" href="{href(page - 1)}">{previous}</a>')
    numbers = []
    for number in range(1, page_count + 1):
        if number == page:
            numbers.append(f'<span class="modern-page-current">{number}</span>')
        elif number == 1:
            # Bitrix links page 1 without the parameter, but "previous" from page 2 keeps it.
            numbers.append(f'<a href="{news_path}">1</a>')
        else:
            numbers.append(f'<a href="{href(number)}">{number}</a>')
    parts.append("  " + " ".join(numbers))
    if page < page_count:
        next_label = escape(chrome.next)
        parts.append(f'  <a class="modern-page-next" href="{href(page + 1)}">{next_label}</a>')
    return '<div class="modern-page-navigation">\n' + "\n".join(parts) + "\n</div>"


def _breadcrumbs(chrome: Chrome, after_home: str = "") -> str:
    home = f'<a href="{chrome.home}">{escape(chrome.home_label)}</a>'
    trail = f"{home} / {after_home}" if after_home else home
    return f'  <div class="breadcrumbs">{trail}</div>'


def _page(chrome: Chrome, title: str, content: str, head_extra: str = "") -> str:
    menu = "".join(f'<li><a href="{href}">{escape(label)}</a></li>' for href, label in chrome.menu)
    head_extra = f"\n{head_extra}" if head_extra else ""
    return f"""<!DOCTYPE html>
<html lang="{chrome.html_lang}">
<head>
<meta charset="UTF-8">
<title>{escape(title)} | {escape(chrome.site_name)}</title>{head_extra}
</head>
<body>
<header class="header">
  <div class="logo"><a href="{chrome.home}">{escape(chrome.site_name)}</a></div>
  <nav class="main-menu"><ul>{menu}</ul></nav>
  <div class="lang-switch">{LANG_SWITCH}</div>
  <form action="/search/"><input name="q" placeholder="{escape(chrome.search)}"></form>
</header>
<div class="content">
{content}
</div>
<footer class="footer">© {FOOTER_YEAR} {escape(chrome.footer)}</footer>
</body>
</html>
"""
