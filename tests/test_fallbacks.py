"""Title, date and body when the configured selectors match nothing: what the page itself says, in order."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter

import pytest

from archive.extract import extract_article
from archive.sources import load_sources, stub_source
from bench.foreign.scorer import load_cases, our_article
from replicas.variants import VARIANTS

FETCHED_AT = "2026-02-01T00:00:00Z"
TITLE = "Дом дружбы в Караганде провел день открытых дверей"
TEXT = (
    "В Доме дружбы Караганды прошел день открытых дверей для школьников и студентов. Гости узнали об "
    "истории этнокультурных объединений региона и посетили мастер-классы по национальным ремеслам.",
    "Участники встречи обсудили проекты молодежного движения Ассамблеи и договорились провести "
    "следующую встречу осенью в Темиртау.",
)


def served(name: str, variant, path: str):
    status, headers, body = variant.handle(path)
    if status in (301, 302):
        status, headers, body = variant.handle(headers["Location"])
    assert status == 200, path
    return headers, body


def variant_articles(name: str):
    """(expected, Article) of every article of the source's second replica, read with the stock config."""
    source, variant = load_sources()[name], VARIANTS[name]()
    for expected in variant.expected():
        headers, body = served(name, variant, expected.path)
        article = extract_article(
            body,
            url=source.base_url + expected.path,
            source=source,
            fetched_at=FETCHED_AT,
            content_type=headers.get("Content-Type"),
        )
        yield expected, article


# How each variant's articles are read: its markup is not the one the stock selectors were written
# for (the assembly and inform selectors match nothing there), so its title and date come from
# the page: the article's <h1>, a meta tag, the date line by the headline.
METHODS = {
    "assembly": {"title/h1": 41, "date/date-line": 41, "body/trafilatura": 41},
    "inform": {"title/h1": 12, "date/meta": 5, "date/date-line": 7, "body/trafilatura": 12},
    "taraz-ank": {"title/selector": 11, "date/selector": 11, "body/trafilatura": 11},
    "ddakmo": {"title/h1": 7, "date/selector": 7, "body/trafilatura": 7},
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_every_article_of_the_second_replicas_gets_its_title_and_date(name):
    found = list(variant_articles(name))
    assert found
    wrong = [
        (e.path, a.title, a.published)
        for e, a in found
        if (a.title, a.published, a.lang) != (e.title, e.date, e.lang)
    ]
    assert wrong == []
    methods = Counter(f"{part}/{method}" for _, a in found for part, method in a.found_by.items())
    assert methods == Counter(METHODS[name])


def test_every_page_of_the_foreign_set_gets_its_title():
    """Fifty pages of thirty CMS layouts with no rules of ours: a logo in <h1>, "Site :: Headline",
    a headline in <h3 itemprop> or in an ASP.NET <span>, all read right."""
    wrong = [(c.name, title) for c in load_cases() if (title := our_article(c)[0]) != c.title]
    assert wrong == []


# -- hand-written pages: each kind of evidence, and their order -------------------------------------


def page(head: str = "", before: str = "", after: str = "", frame: str = "", body: str = "") -> bytes:
    """An article page of a site no selector of ours knows: `head` in <head>, `before` and `after`
    around the text in the article, `frame` a sidebar with other news."""
    text = body or "".join(f"<p>{p}</p>" for p in TEXT)
    return f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8">{head}</head><body>
<header class="site-top"><div class="brand"><h1><a href="/">Ассамблея Караганды</a></h1></div>
<nav><a href="/ru/news/">Новости</a> <a href="/ru/about/">О нас</a></nav></header>
<div class="wrap"><div class="col-main"><div class="item">{before}
<div class="item-text">{text}</div>{after}</div></div>
<div class="col-side"><div class="most-read"><h4>Популярное</h4>{frame}</div></div></div>
<footer class="site-bottom"><p>© 2024 Ассамблея Караганды</p></footer></body></html>""".encode()


def read(body: bytes, source=None, url: str = "https://karaganda-ank.kz/ru/news/den-otkrytyh-dverey/"):
    source = source or stub_source("karaganda", url)
    return extract_article(body, url=url, source=source, fetched_at=FETCHED_AT)


SIDEBAR = (
    '<div class="teaser"><time datetime="2019-01-01T09:00:00+06:00">1 января 2019</time>'
    '<a href="/ru/news/other/">Курс доллара вырос</a></div>'
)


def test_the_articles_h1_not_the_logo():
    article = read(page(f"<title>{TITLE} - Новости - Ассамблея Караганды</title>", f"<h1>{TITLE}</h1>"))
    assert (article.title, article.found_by["title"]) == (TITLE, "h1")


@pytest.mark.parametrize(
    ("head", "before", "method"),
    [
        (f'<meta property="og:title" content="{TITLE} | Ассамблея Караганды">', "", "og:title"),
        (f"<title>Ассамблея Караганды :: {TITLE}</title>", f"<div class='caption'><b>{TITLE}</b></div>",
         "title"),
        (f"<title>{TITLE} - Ассамблея Караганды</title>", "", "title"),
        ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
         f'"headline": "{TITLE}"}}</script>', "", "json-ld"),
        ("<title>Ассамблея Караганды</title>", f'<h3 itemprop="headline">{TITLE}</h3>', "itemprop"),
    ],
)  # fmt: skip
def test_a_headline_without_h1(head, before, method):
    article = read(page(head, before))
    assert (article.title, article.found_by["title"]) == (TITLE, method)


@pytest.mark.parametrize(
    ("before", "after", "published", "time"),
    [
        ('<div class="meta">13 Июня, 2025 · <span>612</span></div>', "", "2025-06-13", None),  # ru
        ('<div class="meta">2024 жылғы 30 сәуір, 10:15</div>', "", "2024-04-30", "10:15"),  # kk
        ("", '<p class="foot"><i>Published: October 7, 2016</i></p>', "2016-10-07", None),  # en, below
        ('<span class="d">06.12.2021</span>', "", "2021-12-06", None),
    ],
)
def test_a_date_line_by_the_headline_in_each_language(before, after, published, time):
    article = read(page(f"<title>{TITLE}</title>", f"<h2>{TITLE}</h2>{before}", after, frame=SIDEBAR))
    assert (article.published, article.published_time) == (published, time)
    assert article.found_by["date"] == "date-line"
    assert "612" not in article.text


# Each piece of evidence, best first; each case leaves out the ones before it.
DATE_EVIDENCE = [
    ("selector", "", '<div class="when">5 марта 2021</div>', "2021-03-05"),
    ("meta", '<meta property="article:published_time" content="2021-03-06T10:00:00+06:00">', "",
     "2021-03-06"),
    ("itemprop", "", '<span itemprop="datePublished" content="2021-03-07">7 марта</span>', "2021-03-07"),
    ("json-ld", '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
     '"2021-03-08T09:00:00+06:00", "author": {"@type": "Person", "name": "Айгуль Серикова"}}</script>', "",
     "2021-03-08"),
    ("time", "", '<time datetime="2021-03-09">9 марта</time>', "2021-03-09"),
    ("date-line", "", '<div class="meta">10.03.2021</div>', "2021-03-10"),
]  # fmt: skip


@pytest.mark.parametrize("first", range(len(DATE_EVIDENCE)))
def test_dates_in_their_order(first):
    heads = "".join(head for _, head, _, _ in DATE_EVIDENCE[first:])
    befores = "".join(before for _, _, before, _ in DATE_EVIDENCE[first:])
    source = stub_source("karaganda", "https://karaganda-ank.kz")
    source = dataclasses.replace(source, rules=source.rules.merged({"date_selector": ".when"}))
    body = page(f"<title>{TITLE}</title>{heads}", f"<h1>{TITLE}</h1>{befores}", frame=SIDEBAR)
    article = read(body, source)
    method, _, _, published = DATE_EVIDENCE[first]
    assert (article.found_by["date"], article.published) == (method, published)


OTHER_NEWS = (
    '<div class="card"><time datetime="2019-01-01T09:00:00+06:00">1 января 2019</time>'
    '<a href="/ru/news/other/">Курс доллара вырос</a></div>'
)


@pytest.mark.parametrize(
    "column",
    [
        f'<div class="c-2"><div class="c-2__t">Сейчас читают</div>{OTHER_NEWS}</div>',  # headed only
        f'<div class="c-2">{OTHER_NEWS}</div>',  # nothing says what it is: it stands outside the article
    ],
)
def test_a_column_of_other_news_before_the_article_never_dates_it(column):
    text = "".join(f"<p>{p}</p>" for p in TEXT)
    body = f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{TITLE}</title></head>
<body><div class="c-1">{column}<div class="c-3"><h1>{TITLE}</h1>
{text}<p class="c-4">Опубликовано: 13 Июня, 2025</p></div></div></body></html>"""
    article = read(body.encode())
    assert (article.published, article.found_by["date"]) == ("2025-06-13", "date-line")


def test_json_ld_author_and_a_sidebar_time_never_dates_the_article():
    json_ld = json.dumps(
        {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "Ассамблея Караганды"},
         {"@type": "NewsArticle", "headline": TITLE, "author": [{"name": "Айгуль Серикова"}]}]},
        ensure_ascii=False,
    )  # fmt: skip
    article = read(page(f'<script type="application/ld+json">{json_ld}</script>', frame=SIDEBAR))
    assert (article.title, article.author, article.published) == (TITLE, "Айгуль Серикова", None)
    assert article.found_by == {"title": "json-ld", "date": "none", "body": "trafilatura"}


def test_the_configured_selector_comes_first():
    source = stub_source("karaganda", "https://karaganda-ank.kz")
    source = dataclasses.replace(source, rules=source.rules.merged({"title_selector": ".kicker"}))
    article = read(
        page(f"<title>{TITLE}</title>", f"<h1>{TITLE}</h1><div class='kicker'>Другой заголовок</div>"), source
    )
    assert (article.title, article.found_by["title"]) == ("Другой заголовок", "selector")


def test_a_page_drawn_by_script_gives_its_json_ld_body():
    """A single-page app: an empty <div id="root"> and the article in its JSON-LD only."""
    json_ld = json.dumps(
        {
            "@type": "NewsArticle",
            "headline": TITLE,
            "datePublished": "2024-04-10",
            "articleBody": "\n".join(TEXT),
        },
        ensure_ascii=False,
    )
    body = f"""<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>{TITLE}</title>
<script type="application/ld+json">{json_ld}</script></head><body><div id="root"></div>
<script src="/static/app.js"></script></body></html>""".encode()
    article = read(body)
    assert article.text.split("\n\n") == list(TEXT)
    assert (article.published, article.found_by) == (
        "2024-04-10",
        {"title": "json-ld", "date": "json-ld", "body": "json-ld"},
    )
