"""A second inform.kz replica, written from SITES.md alone: a newer front end's markup, same URLs.

The Assembly's tag listing (`/<ru|kz|en>/assambleya-naroda-kazakhstana_t2345/`, `?page=N`, an
empty page with a "next" link past the end) shows `<article>` cards in `<main>` under class names
no config has seen. Around them: a header with a "Срочно" ticker, a right column `<aside>` headed
"Сейчас читают" (its items are `<article>` cards too) and, under every article, a "Читайте также"
section: all link other news (`topic = false`) that match the article pattern and must never be
fetched. Article pages of both eras: era C writes "11:20, 14 Январь 2026" in a `<time>`, era B
"28 Апреля 2021, 10:15" in a plain `<div>` and opens the text with a dateline ("НУР-СУЛТАН.
КАЗИНФОРМ –", "НҰР-СҰЛТАН. ҚазАқпарат –", "ASTANA. KAZINFORM –"), bold or with a no-break space.
"""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qs, urlsplit

from .kit import Response, Story, html
from .variant_kit import Expected, ListingPage, load_variant_stories, month_name, pages_of, plain_path

PAGE_SIZE = 4
TAG = "assambleya-naroda-kazakhstana_t2345"
URL_LANG = {"ru": "ru", "kk": "kz", "en": "en"}
LANG_OF_URL = {v: k for k, v in URL_LANG.items()}
ROBOTS_TXT = "User-agent: *\nDisallow: /search/\nDisallow: /api/\n"
TAG_NAME = {
    "ru": "Ассамблея народа Казахстана",
    "kk": "Қазақстан халқы Ассамблеясы",
    "en": "Assembly of People of Kazakhstan",
}
NOW_READING = {"ru": "Сейчас читают", "kk": "Қазір оқылуда", "en": "Currently reading"}
READ_ALSO = {"ru": "Читайте также", "kk": "Тағы оқыңыз", "en": "Read also"}
URGENT = {"ru": "Срочно", "kk": "Шұғыл", "en": "Breaking"}
MORE = {"ru": "Показать еще", "kk": "Тағы көрсету", "en": "Show more"}
NOTHING = {"ru": "Материалы не найдены", "kk": "Материалдар табылмады", "en": "No materials found"}
PROMO = {
    "ru": "Больше новостей в нашем Telegram-канале!",
    "kk": "Жаңалықтарды Telegram-арнамыздан оқыңыз!",
    "en": "More news in our Telegram channel!",
}
LEAD_ENDINGS = {"ru": ", передает Kazinform", "kk": ", деп хабарлайды Kazinform", "en": ", Kazinform reports"}
SECTIONS = {
    "ru": (("politika_c1", "Политика"), ("ekonomika_c2", "Экономика"), ("obshchestvo_c5", "Общество")),
    "kk": (("sayasat_c1", "Саясат"), ("ekonomika_c2", "Экономика"), ("qogam_c5", "Қоғам")),
    "en": (("politics_c1", "Politics"), ("economy_c2", "Economy"), ("society_c5", "Society")),
}
FOOTER = "© 1997–2026 МИА «Казинформ». Все права защищены."


class InformVariant:
    """The replica; `requests` of the ReplicaServer serving it show what a crawl asked for."""

    source = "inform"

    def __init__(self) -> None:
        self.stories = load_variant_stories("inform")
        self._by_path = {self.path(s): s for s in self.stories}
        self.other_news = [s for s in self.stories if not s.topic]

    @staticmethod
    def path(story: Story) -> str:
        return f"/{URL_LANG[story.lang]}/{story.slug}"

    def listed(self, lang: str) -> list[Story]:
        return [s for s in self.stories if s.lang == lang and s.topic]

    def expected(self) -> list[Expected]:
        return [
            Expected(self.path(s), s.lang, s.date, s.title, _date_text(s))
            for lang in URL_LANG
            for s in self.listed(lang)
        ]

    def never_requested(self) -> set[str]:
        return {self.path(s) for s in self.other_news}

    def off_topic_titles(self) -> set[str]:
        return {s.title for s in self.other_news}

    def chrome_lines(self) -> set[str]:
        lines = {s.title for s in self.other_news} | {FOOTER, "Kazinform"}
        for table in (NOW_READING, READ_ALSO, URGENT, MORE, PROMO, TAG_NAME):
            lines |= set(table.values())
        return lines

    def datelines(self) -> set[str]:
        return {s.extra["dateline"] for s in self.stories if "dateline" in s.extra}

    def listing_pages(self) -> list[ListingPage]:
        pages = []
        for lang, prefix in URL_LANG.items():
            for number, items in enumerate(pages_of(self.listed(lang), PAGE_SIZE), start=1):
                query = f"?page={number}" if number > 1 else ""
                paths = tuple(self.path(s) for s in items)
                pages.append(ListingPage(f"/{prefix}/{TAG}/{query}", lang, paths))
        return pages

    def handle(self, path_with_query: str) -> Response:
        parts = urlsplit(path_with_query)
        path = parts.path
        if path == "/robots.txt":
            return html(200, ROBOTS_TXT, "text/plain; charset=UTF-8")
        segments = path.strip("/").split("/")
        if len(segments) == 2 and segments[0] in LANG_OF_URL and segments[1] == TAG:
            page = _page_number(parse_qs(parts.query))
            return html(200, self._listing(LANG_OF_URL[segments[0]], page))
        story = self._by_path.get(plain_path(path))
        if story is None:
            return html(404, self._frame("ru", "404", "<h1>404</h1><p>Страница не найдена</p>"))
        return html(200, self._article(story))

    # -- pages -------------------------------------------------------------------------------

    def _listing(self, lang: str, page: int) -> str:
        items = self.listed(lang)[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
        cards = "\n".join(self._card(s) for s in items) or f'<p class="tag-feed__empty">{NOTHING[lang]}</p>'
        base = f"/{URL_LANG[lang]}/{TAG}/"
        content = f"""<div class="tag-page">
  <h1 class="tag-page__name">{TAG_NAME[lang]}</h1>
  <div class="tag-feed">
{cards}
  </div>
  <div class="tag-page__more"><a class="btn-more" href="{base}?page={page + 1}">{MORE[lang]}</a></div>
</div>"""
        return self._frame(lang, TAG_NAME[lang], content)

    def _card(self, story: Story) -> str:
        link = escape(story.extra.get("link", self.path(story)))
        return f"""    <article class="feed-card">
      <a class="feed-card__cover" href="{link}"><img src="/static/photos/{story.slug}.webp" alt=""></a>
      <div class="feed-card__info">
        <a class="feed-card__headline" href="{link}">{escape(story.title)}</a>
        <span class="feed-card__when">{_date_text(story)}</span>
      </div>
    </article>"""

    def _article(self, story: Story) -> str:
        lang = story.lang
        text = "\n".join(f"      <p>{p}</p>" for p in _body(story))
        also = "".join(
            f'<li><a href="{self.path(s)}">{escape(s.title)}</a></li>'
            for s in self.other_news
            if s.lang == lang
        )
        content = f"""<article class="story">
    {_meta(story)}
    <h1 class="story__headline">{escape(story.title)}</h1>
    <div class="story__text">
{text}
    </div>
    <div class="story__tags"><a href="/{URL_LANG[lang]}/{TAG}/">{TAG_NAME[lang]}</a></div>
    <p class="story__promo"><a href="https://t.me/kazinform_news">{PROMO[lang]}</a></p>
  </article>
  <section class="story-more">
    <h2 class="story-more__title">{READ_ALSO[lang]}</h2>
    <ul class="story-more__list">{also}</ul>
  </section>"""
        # Era B pages come from the older templates: no published_time meta, the date only as text.
        published = _iso(story) if story.era == "c" else ""
        return self._frame(lang, story.title, content, published)

    def _frame(self, lang: str, title: str, content: str, published: str = "") -> str:
        ticker = next(s for s in self.other_news if s.extra.get("ticker"))
        urgent = f'<b>{URGENT[lang]}</b> <a href="{self.path(ticker)}">{escape(ticker.title)}</a>'
        sections = " ".join(
            f'<a href="/{URL_LANG[lang]}/{slug}/">{name}</a>' for slug, name in SECTIONS[lang]
        )
        column = "\n".join(
            f'<article class="feed-card feed-card--mini">'
            f'<a class="feed-card__headline" href="{self.path(s)}">{escape(s.title)}</a></article>'
            for s in self.other_news
        )
        meta = f'\n<meta property="article:published_time" content="{published}">' if published else ""
        return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{escape(title)}</title>{meta}
</head>
<body>
<header class="site-head">
  <a class="site-head__logo" href="/{URL_LANG[lang]}/">Kazinform</a>
  <nav class="site-head__sections">{sections}</nav>
  <div class="site-head__langs"><a href="/ru/">RU</a> <a href="/kz/">KZ</a> <a href="/en/">EN</a></div>
  <div class="site-head__ticker">{urgent}</div>
</header>
<main class="layout__main">
  {content}
</main>
<aside class="layout__aside">
  <div class="rail-box">
    <div class="rail-box__title">{NOW_READING[lang]}</div>
{column}
  </div>
</aside>
<footer class="site-foot"><p>{FOOTER}</p></footer>
</body>
</html>
"""


def _page_number(query: dict) -> int:
    try:
        return max(1, int(query.get("page", ["1"])[0]))
    except ValueError:
        return 1


def _date_text(story: Story) -> str:
    year, day = story.date[:4], int(story.date[8:])
    if story.era == "b":
        table = {"ru": "ru_genitive", "kk": "kk", "en": "en"}[story.lang]
        return f"{day} {month_name(story.date, table)} {year}, {story.time}"
    gmt = _offset(story)[:3].replace("+0", "+")
    return f"{story.time}, {day} {month_name(story.date, story.lang)} {year} | GMT {gmt}"


def _offset(story: Story) -> str:
    return "+05:00" if story.date >= "2024-03-01" else "+06:00"


def _iso(story: Story) -> str:
    return f"{story.date}T{story.time}:00{_offset(story)}"


def _meta(story: Story) -> str:
    if story.era == "b":
        return f'<div class="story__date">{_date_text(story)}</div>'
    return f'<div class="story__meta"><time datetime="{_iso(story)}">{_date_text(story)}</time></div>'


def _body(story: Story) -> list[str]:
    """The paragraphs as HTML: era C's lead ends ", передает Kazinform"; era B opens with the dateline."""
    paragraphs = [escape(p) for p in story.paragraphs]
    if story.era == "c":
        first, dot, rest = paragraphs[0].partition(". ")
        first = first if dot else first.rstrip(".")
        paragraphs[0] = f"{first}{LEAD_ENDINGS[story.lang]}.{' ' + rest if dot else ''}"
        return paragraphs
    dateline = escape(story.extra.get("dateline", ""))
    markup = story.extra.get("dateline_markup", "")
    if markup == "strong":
        paragraphs[0] = f"<strong>{dateline}</strong> – {paragraphs[0]}"
    elif markup == "nbsp":
        place, _, agency = dateline.partition(". ")
        paragraphs[0] = f"{place}.&nbsp;{agency}&nbsp;— {paragraphs[0]}"
    else:
        paragraphs[0] = f"{dateline} – {paragraphs[0]}"
    return paragraphs
