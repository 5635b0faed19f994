"""Page templates of the real sites (as ../shared/SITES.md describes them), for building the gold pages."""
# ruff: noqa: E501  (HTML templates and tables of page data read better unwrapped)

from __future__ import annotations

import html
from dataclasses import dataclass, field

e = html.escape


@dataclass
class Page:
    """What one gold page shows; each site template lays it out in its own markup."""

    url: str
    lang: str
    title: str
    paragraphs: list[str]
    date_text: str = ""  # as the page writes it; "" when the page has no date element
    views: str = ""
    author: str = ""  # the author element's text ("None" on Kazinform's empty ones)
    image: str = ""
    sidebar: list[tuple[str, str]] = field(default_factory=list)  # (headline, date) of other news
    sidebar_first: bool = False  # the sidebar comes before the article in the markup
    tags: list[str] = field(default_factory=list)
    translations: dict[str, str] = field(default_factory=dict)  # lang -> URL of the same article
    meta_published: str = ""  # article:published_time
    extra_head: str = ""


def _doc(page: Page, title: str, body: str, charset: str = "utf-8", html_lang: str | None = None) -> str:
    meta = (
        f'<meta property="article:published_time" content="{page.meta_published}">'
        if page.meta_published
        else ""
    )
    og_image = f'<meta property="og:image" content="{e(page.image)}">' if page.image else ""
    charset_tag = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if charset != "utf-8"
        else '<meta charset="utf-8">'
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{html_lang or page.lang}">\n<head>\n{charset_tag}\n'
        f"<title>{e(title)}</title>\n{og_image}\n{meta}\n{page.extra_head}\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _paragraphs(page: Page) -> str:
    return "\n".join(f"<p>{e(p)}</p>" for p in page.paragraphs)


def _list(items: list[tuple[str, str]], item: str) -> str:
    return "\n".join(item.format(title=e(t), date=e(d)) for t, d in items)


ASSEMBLY_CHROME = {
    "ru": (
        "/ru",
        "Ассамблея народа Казахстана",
        "Поделиться",
        "Версия для печати",
        "Возврат к списку",
        "Главная",
    ),
    "kk": ("", "Қазақстан халқы Ассамблеясы", "Бөлісу", "Басып шығару нұсқасы", "Тізімге оралу", "Басты бет"),
    "en": ("/en", "Assembly of People of Kazakhstan", "Share", "Print version", "Back to the list", "Home"),
}


def assembly(page: Page, chrome: str | None = None) -> str:
    """assembly.kz's Bitrix news.detail (replicas/ASSEMBLY.md), optionally with translation links."""
    prefix, site, share, print_, back, home = ASSEMBLY_CHROME[chrome or page.lang]
    switch = '<a href="/news/">ҚАЗ</a> <a href="/ru/news/">РУС</a> <a href="/en/news/">ENG</a>'
    translations = ""
    if page.translations:
        links = " ".join(
            f'<a href="{e(u)}" hreflang="{lang}">{lang.upper()}</a>' for lang, u in page.translations.items()
        )
        translations = f'<div class="news-translations">{links}</div>'
    body = f"""<header class="header">
  <div class="logo"><a href="{prefix}/"><img src="/local/templates/main/images/logo.png" alt="{e(site)}">{e(site)}</a></div>
  <nav class="main-menu"><ul><li><a href="{prefix}/about/">About</a></li><li><a href="{prefix}/news/">News</a></li></ul></nav>
  <div class="lang-switch">{switch}</div>
  <form action="/search/"><input name="q"></form>
</header>
<div class="content">
  <div class="breadcrumbs"><a href="{prefix}/">{e(home)}</a> / <a href="{prefix}/news/">News</a></div>
  <div class="news-detail">
    <div class="site-name">{e(site)}</div>
    <span class="news-date-time">{e(page.date_text)}</span>
    <span class="news-views">{e(page.views)}</span>
    <h3>{e(page.title)}</h3>
    <img class="detail_picture" src="{e(page.image)}" alt="{e(page.title)}">
    {translations}
    <div class="news-detail-text">
{_paragraphs(page)}
    </div>
    <div class="news-detail-share">
      <a href="https://www.facebook.com/sharer/sharer.php?u=x">{e(share)}</a>
      <a href="?print=Y" rel="nofollow">{e(print_)}</a>
    </div>
    <p><a href="{prefix}/news/">{e(back)}</a></p>
  </div>
</div>
<footer class="footer">© 2025 {e(site)}. All rights reserved.</footer>"""
    return _doc(page, f"{page.title} | {site}", body)


def assembly_drupal(page: Page) -> str:
    """assembly.kz before 2019 (Drupal): no date element, the date inside the body, print links as text."""
    body = f"""<div id="page"><div id="header"><a href="/ru">Ассамблея народа Казахстана</a></div>
<h1 class="title">{e(page.title)}</h1>
<div class="node"><div class="content"><p>{e(page.date_text)}</p>
{_paragraphs(page)}
<p><a href="/ru/print/node/4512">Версия для печати</a></p><p><a href="/ru/printpdf/4512">PDF version</a></p>
</div></div>
<div class="comment-form"><h2>Оставить комментарий</h2><form><textarea></textarea></form></div>
</div>"""
    return _doc(page, f"{page.title} | Ассамблея народа Казахстана", body)


def inform_a(page: Page) -> str:
    """Kazinform to ~2019: en.inform.kz, qz.inform.kz (Latin Kazakh); "Currently reading" beside it."""
    heading = {"en": "Currently reading", "kk": "Qazir oqylýda"}[page.lang]
    sidebar = f"""<div class="read_now_bl"><h3>{heading}</h3><ul>
{_list(page.sidebar, '<li><a href="/news/x">{title}</a> <span>{date}</span></li>')}
</ul></div>"""
    article = f"""<div class="article_bl">
<div class="title_article_bl"><h1>{e(page.title)}</h1></div>
<div class="time_article_bl">{e(page.date_text)}</div>
<div class="body_article_bl">{_paragraphs(page)}</div>
<div class="keywords_bl">{" ".join(f'<a href="/tag_t1">{e(t)}</a>' for t in page.tags)}</div>
</div>"""
    parts = [sidebar, article] if page.sidebar_first else [article, sidebar]
    body = f"""<div class="lang_menu"><a href="https://kaz.inform.kz">Қаз</a> <a href="https://www.inform.kz/ru">Рус</a> <a href="https://en.inform.kz">Eng</a></div>
<div class="container">{"".join(parts)}</div>"""
    return _doc(page, f"{page.title} - Kazinform", body)


def inform_b(page: Page) -> str:
    """Kazinform ~2019-2023: www.inform.kz/{ru,kz,en}/<slug>_a<7 digits>."""
    heading = {"ru": "Сейчас читают", "kk": "Қазір оқылуда", "en": "Currently reading"}[page.lang]
    author_label = {"ru": "Автор", "kk": "Автор", "en": "Author"}[page.lang]
    sidebar = f"""<div class="read_now_bl"><div class="read_now_title">{heading}</div>
{_list(page.sidebar, '<div class="read_now_item"><a href="/ru/x_a1">{title}</a><span class="time">{date}</span></div>')}
</div>"""
    article = f"""<div class="article_bl">
<div class="title_article_bl"><h1>{e(page.title)}</h1></div>
<div class="time_article_bl">{e(page.date_text)}</div> <span class="views">{e(page.views)}</span>
<div class="data_author_bl">{author_label}: <a href="/ru/author">{e(page.author)}</a></div>
<div class="image_article_bl"><img src="{e(page.image)}"></div>
<div class="body_article_bl">{_paragraphs(page)}</div>
<div class="keywords_bl">{" ".join(f'<a href="/ru/t_t1">{e(t)}</a>' for t in page.tags)}</div>
</div>"""
    parts = [sidebar, article] if page.sidebar_first else [article, sidebar]
    body = f"""<div class="lang_menu"><a href="/kz">ҚАЗ</a> <a href="/ru">РУС</a> <a href="/en">ENG</a></div>
<div class="main">{"".join(parts)}</div><footer>© Kazinform</footer>"""
    return _doc(page, f"{page.title}", body)


def inform_c(page: Page) -> str:
    """Kazinform 2023-: www.inform.kz/ru/<slug>-<6 hex>, qazinform.com; news cards around the article."""
    cards = _list(
        page.sidebar,
        '<div class="allNewsCard"><a href="/ru/x-a1b2c3">{title}</a><div class="allNewsCard__date">{date}</div></div>',
    )
    article = f"""<article class="article">
<h1 class="article__title">{e(page.title)}</h1>
<div class="article__date">{e(page.date_text)}</div>
<div class="article__author"><a href="/author">{e(page.author)}</a></div>
<div class="article__photo"><img src="{e(page.image)}"></div>
<div class="article__body-text">{_paragraphs(page)}</div>
<div class="article__tags">{" ".join(f'<a href="/tags/x">#{e(t)}</a>' for t in page.tags)}</div>
<div class="article__share">Поделиться</div>
</article>"""
    parts = [f'<div class="news-feed">{cards}</div>', article]
    if not page.sidebar_first:
        parts.reverse()
    return _doc(page, f"{page.title}", f"<main>{''.join(parts)}</main>")


def wordpress(
    page: Page, charset: str = "utf-8", datetime_attr: str = "", views_label: str = "Просмотров"
) -> str:
    """A WordPress-like regional site (taraz-ank.kz, ddakmo.kz): entry-title, entry-date, widgets."""
    widget_title = {"ru": "Последние новости", "kk": "Соңғы жаңалықтар", "en": "Latest news"}[page.lang]
    widgets = f"""<aside class="widget-area"><h2>{widget_title}</h2><ul>
{_list(page.sidebar, '<li><a href="/ru/x">{title}</a> <span class="post-date">{date}</span></li>')}
</ul></aside>"""
    article = f"""<article class="post">
<header class="entry-header"><h1 class="entry-title">{e(page.title)}</h1>
<div class="entry-meta"><time class="entry-date" datetime="{datetime_attr}">{e(page.date_text)}</time>
<span class="views">{views_label}: {e(page.views)}</span></div></header>
<div class="post-thumbnail"><img src="{e(page.image)}"></div>
<div class="entry-content">{_paragraphs(page)}</div>
<footer class="entry-footer"><span class="tags-links">Метки: {", ".join(f'<a href="/tag/x">{e(t)}</a>' for t in page.tags)}</span></footer>
</article>"""
    parts = [widgets, article] if page.sidebar_first else [article, widgets]
    body = f'<div class="site"><header><a class="site-title" href="/">Қоғамдық келісім</a></header>{"".join(parts)}</div>'
    return _doc(page, f"{page.title} – Қоғамдық келісім", body, charset=charset)


def kostdom(page: Page) -> str:
    """kostdom.kz (Joomla K2): itemTitle, itemDateCreated 24.02.2021, itemHits."""
    body = f"""<div class="itemView">
<span class="itemDateCreated">{e(page.date_text)}</span>
<h2 class="itemTitle">{e(page.title)}</h2>
<span class="itemHits">{e(page.views)}</span>
<div class="itemImageBlock"><img src="{e(page.image)}"></div>
<div class="itemFullText">{_paragraphs(page)}</div>
<div class="itemSocialSharing">Поделиться</div>
<div class="itemRelated"><h3>Похожие материалы</h3><ul>
{_list(page.sidebar, '<li><a href="/kz/news/1">{title}</a> {date}</li>')}</ul></div>
</div>"""
    return _doc(page, f"{page.title} - Дом дружбы Костанай", body)


def vkodd(page: Page) -> str:
    """vkodd.kz: .news-full with a date 14-08-2014 and a view count, other news below."""
    body = f"""<div class="news-full"><h1>{e(page.title)}</h1>
<div class="date">{e(page.date_text)}</div><div class="views">{e(page.views)}</div>
<img src="{e(page.image)}">
<div class="text">{_paragraphs(page)}</div></div>
<div class="other-news"><h3>Другие новости</h3>
{_list(page.sidebar, '<div><a href="/news/x">{title}</a> <span>{date}</span></div>')}</div>"""
    return _doc(page, f"{page.title}", body)


def outlet(page: Page, cls: dict, title_suffix: str, related_heading: str) -> str:
    """A news outlet's article page; `cls` names its title, date, author, body, tags and related blocks."""
    related = f"""<div class="{cls["related"]}"><h3>{related_heading}</h3>
{_list(page.sidebar, '<div class="item"><a href="/x">{title}</a> <span class="time">{date}</span></div>')}</div>"""
    author = f'<div class="{cls["author"]}">{e(page.author)}</div>' if page.author else ""
    date = f'<div class="{cls["date"]}">{e(page.date_text)}</div>' if page.date_text else ""
    article = f"""<div class="{cls["article"]}">
<h1 class="{cls["title"]}">{e(page.title)}</h1>
{date}{author}
<div class="{cls["image"]}"><img src="{e(page.image)}"></div>
<div class="{cls["body"]}">{_paragraphs(page)}</div>
<div class="{cls["tags"]}">{" ".join(f'<a href="/tag">{e(t)}</a>' for t in page.tags)}</div>
</div>"""
    parts = [related, article] if page.sidebar_first else [article, related]
    return _doc(page, f"{page.title}{title_suffix}", f"<main>{''.join(parts)}</main>")


KAZPRAVDA = {
    "article": "article", "title": "article__title", "date": "article__date", "author": "article__author-name",
    "image": "article__image", "body": "article__body", "tags": "article__tags", "related": "popular",
}  # fmt: skip
TENGRINEWS = {
    "article": "content_main", "title": "head-single", "date": "date-time", "author": "content_main_author",
    "image": "content_main_thumb", "body": "content_main_text", "tags": "content_main_meta_tags",
    "related": "tn-news-list",
}  # fmt: skip
ZAKON = {
    "article": "newscontent", "title": "article__title", "date": "date", "author": "author__name",
    "image": "article__image", "body": "content", "tags": "tags", "related": "news-feed",
}  # fmt: skip
INFORMBURO = {
    "article": "article", "title": "article-title", "date": "article-date", "author": "article-author",
    "image": "article-image", "body": "article-body", "tags": "article-tags", "related": "article-more",
}  # fmt: skip
EGEMEN = {
    "article": "news", "title": "news-title", "date": "news-date", "author": "news-author",
    "image": "news-image", "body": "news-text", "tags": "news-tags", "related": "news-popular",
}  # fmt: skip
DKNEWS = {
    "article": "article", "title": "article-title", "date": "article-date", "author": "article-author",
    "image": "article-image", "body": "article-text", "tags": "article-tags", "related": "read-more",
}  # fmt: skip
