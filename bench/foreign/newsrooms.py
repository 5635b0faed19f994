"""Foreign page layouts of news portals' own engines: regional portals, wires, ministries, sport sites."""
# ruff: noqa: E501  (HTML templates read better unwrapped)

from __future__ import annotations

from bench.foreign.chrome import Chrome
from bench.foreign.kit import Story, doc, dotted, e, human_date, links, render_body


def regional_portal(story: Story, chrome: Chrome, **_) -> str:
    """A Kazakh regional portal: a "read also" card inside the text, a Telegram call, most-read list."""
    read_also = f'<div class="inline-card"><div class="inline-card__label">{e(chrome.read_also_label)}</div><a class="inline-card__link" href="/news/{story.key}-2/">{e(chrome.related[0])}</a></div>'
    telegram = {
        "ru": "Подписывайтесь на наш Telegram-канал, чтобы первыми узнавать главные новости.",
        "kk": "Жаңалықтарды бірінші біліп отыру үшін Telegram-арнамызға жазылыңыз.",
        "en": "Follow our Telegram channel to get the news first.",
    }[story.lang]
    body = f"""<div class="layout"><div class="topline"><div class="topline__weather">Алматы +12°</div><div class="topline__currency">USD 474.20 EUR 512.35</div><div class="topline__langs"><a href="/kz/">ҚАЗ</a><a href="/">РУС</a></div></div>
<header class="header"><a class="header__logo" href="/">{e(chrome.site)}</a><ul class="header__nav">{links(chrome.menu, '<li><a href="/{n}/">{t}</a></li>')}</ul></header>
<div class="content-wrap"><div class="content">
<div class="article" data-id="118204"><div class="article__category"><a href="/news/">{e(chrome.menu[1])}</a></div>
<h1 class="article__title">{e(story.title)}</h1>
<div class="article__meta"><span class="article__date">{dotted(story.date)} 15:40</span><span class="article__views">2 317</span><span class="article__comments">4</span></div>
<div class="article__image"><img src="/uploads/2024/{story.key}.jpg" alt=""><div class="article__image-source">Фото: pixabay.com</div></div>
<div class="article__text">
{render_body(story, read_also=read_also)}
<p class="article__telegram"><a href="https://t.me/portal_news">{e(telegram)}</a></p>
</div>
<div class="article__footer"><div class="article__share"><span>{e(chrome.share[0])}:</span> {" ".join(f'<a class="share-{i}" href="#">{e(s)}</a>' for i, s in enumerate(chrome.share[1:]))}</div></div>
</div>
<div class="most-read"><div class="most-read__title">Самое читаемое</div><ol>{links(chrome.related[1:5], '<li><a href="/news/{n}/">{t}</a></li>')}</ol></div>
</div>
<div class="right-col"><div class="news-feed"><div class="news-feed__title">{e(chrome.menu[1])}</div>{links(chrome.related[3:], '<div class="news-feed__item"><span class="time">12:0{n}</span><a href="/news/{n}/">{t}</a></div>')}</div></div></div>
<footer class="footer"><p>{e(chrome.footer)}</p><p>18+</p></footer></div>"""
    return doc(f"{story.title} - {chrome.site}", body, lang=story.lang)


def wire_service(story: Story, chrome: Chrome, **_) -> str:
    """A news agency: each paragraph a <div data-testid="paragraph-N">, a byline block, trending list."""
    paragraphs = render_body(story, "div")
    count = iter(range(100))
    paragraphs = paragraphs.replace('<div class="paragraph">', "\x00")
    while "\x00" in paragraphs:
        paragraphs = paragraphs.replace(
            "\x00", f'<div data-testid="paragraph-{next(count)}" class="article-body__paragraph__2-BtD">', 1
        )
    body = f"""<div id="fusion-app"><header class="site-header__header__1Lx4D"><a aria-label="{e(chrome.site)}" href="/" class="site-header__logo__3ae_8">{e(chrome.site)}</a><nav class="site-header__nav__2Kx2i"><ul>{links(chrome.menu, '<li><a data-testid="Link" href="/{n}/">{t}</a></li>')}</ul></nav></header>
<main id="main-content" class="regular-article-layout__main__1tVws"><article class="article__container__2GSX-">
<header class="article-header__header__3ZGaX"><div class="article-header__tags__2EQ5m"><a href="/world/">{e(chrome.menu[2])}</a></div><h1 data-testid="Heading" class="text__text__1FZLe heading__base__2T28j">{e(story.title)}</h1>
<div class="article-header__dateline-wrapper__3a9fJ"><time datetime="{story.date}T06:12:00Z" class="date-line__date__23Ge-"><span>{human_date(story.date, story.lang)}</span><span>6:12 AM GMT+6</span></time></div></header>
<div class="article-body__container__3ypuX"><div class="article-body__content__17Yit">
{paragraphs}
</div>
<p class="sign-off">Reporting by staff; editing by the desk</p>
<div class="trust-badge">Our Standards: <a href="/principles/">The Trust Principles.</a></div></div>
</article>
<div class="regular-article-layout__right-rail__1bTdd"><div data-testid="Trending"><h2>Trending</h2><ul>{links(chrome.related[:5], '<li><a href="/world/{n}/">{t}</a></li>')}</ul></div></div></main>
<footer class="site-footer__footer__1G5qM"><p>{e(chrome.footer)}</p></footer></div>"""
    return doc(f"{story.title} | {chrome.site}", body, lang=story.lang)


def ministry_release(story: Story, chrome: Chrome, **_) -> str:
    """A ministry's press release page: accessibility bar, press-release block, attachments, contacts."""
    body = f"""<div class="a11y-bar"><a href="?visually_impaired=1">Version for the visually impaired</a></div>
<div class="gov-header"><div class="gov-header__emblem"><img src="/static/emblem.svg" alt=""></div><div class="gov-header__name">{e(chrome.site)}</div><div class="gov-header__langs"><a href="?lang=kk">Қаз</a> <a href="?lang=ru">Рус</a> <a href="?lang=en">Eng</a></div></div>
<div class="gov-menu"><ul>{links(chrome.menu, '<li><a href="/p/{n}">{t}</a></li>')}</ul></div>
<div class="gov-page"><div class="gov-page__content"><section class="press-release">
<div class="press-release__type">Press release</div>
<h1 class="press-release__title">{e(story.title)}</h1>
<div class="press-release__date">{dotted(story.date)}</div>
<div class="press-release__body">
{render_body(story)}
</div>
<div class="press-release__attachments"><h4>Attachments</h4><a href="/files/rules.pdf">Competition rules.pdf (412 KB)</a></div>
<div class="press-release__contacts">Press office: +7 7172 74 00 00, press@example.gov.kz</div>
</section></div>
<div class="gov-page__side"><div class="side-news"><h3>{e(chrome.related_label)}</h3>{links(chrome.related[:4], '<a class="side-news__item" href="/press/{n}">{t}</a>')}</div></div></div>
<div class="gov-footer">{e(chrome.footer)}</div>"""
    return doc(story.title, body, lang=story.lang)


def sport_portal(story: Story, chrome: Chrome, **_) -> str:
    """A sports portal: match centre widget, the article with its standings table, the site's own table."""
    widget = "".join(
        f'<div class="match"><span class="team">{e(a)}</span><span class="score">{s}</span><span class="team">{e(b)}</span></div>'
        for a, s, b in (
            ("Kairat", "1:1", "Tobol"),
            ("Aktobe", "2:0", "Zhetysu"),
            ("Atyrau", "0:3", "Ordabasy"),
        )
    )
    body = f"""<div class="site"><header class="site-header"><a class="logo" href="/">{e(chrome.site)}</a><nav class="sports-nav">{links(["Football", "Hockey", "Boxing", "Tennis", "Wrestling", "Live"], '<a href="/{n}/">{t}</a>')}</nav></header>
<div class="match-centre"><div class="match-centre__title">Match centre</div>{widget}</div>
<div class="page-grid"><article class="story">
<div class="story__kicker">{e(chrome.menu[4])}</div>
<h1 class="story__headline">{e(story.title)}</h1>
<div class="story__byline"><span class="story__author">{e(story.author)}</span> <time datetime="{story.date}">{human_date(story.date, story.lang)}</time></div>
<div class="story__content">
{render_body(story, table_class="standings")}
</div>
<div class="story__tags"><a href="/tag/league/">Premier League</a></div>
</article>
<aside class="rail"><div class="rail__block"><h3>{e(chrome.related_label)}</h3><ul>{links(chrome.related[:4])}</ul></div><div class="rail__block ad-slot">Advertisement</div></aside></div>
<footer class="site-footer"><p>{e(chrome.footer)}</p></footer></div>"""
    return doc(f"{story.title} - {chrome.site}", body, lang=story.lang)


def elementor(story: Story, chrome: Chrome, *, newsletter: bool = True, **_) -> str:
    """WordPress built with Elementor: sections, columns and widgets nested around the post content."""
    form = (
        f'<div class="elementor-element elementor-widget elementor-widget-form" data-widget_type="form.default"><div class="elementor-widget-container"><h4>{e(chrome.newsletter)}</h4><form class="elementor-form" method="post" name="Newsletter"><input size="1" type="email" name="form_fields[email]" class="elementor-field elementor-size-sm" placeholder="Email"><button type="submit" class="elementor-button elementor-size-sm"><span class="elementor-button-text">Subscribe</span></button></form></div></div>'
        if newsletter
        else ""
    )

    def section(widget: str, inner: str) -> str:
        return f'<section class="elementor-section elementor-top-section elementor-element elementor-section-boxed"><div class="elementor-container elementor-column-gap-default"><div class="elementor-column elementor-col-100 elementor-top-column elementor-element"><div class="elementor-widget-wrap elementor-element-populated"><div class="elementor-element elementor-widget {widget}"><div class="elementor-widget-container">{inner}</div></div></div></div></div></section>'

    share = "".join(
        f'<div class="elementor-grid-item"><div class="elementor-share-btn elementor-share-btn_{s.lower()}" role="button"><span class="elementor-share-btn__title">{e(s)}</span></div></div>'
        for s in chrome.share[1:]
    )
    body = f"""<div data-elementor-type="header" class="elementor elementor-location-header">{section("elementor-widget-theme-site-logo", f'<a href="/">{e(chrome.site)}</a>')}{section("elementor-widget-nav-menu", '<nav class="elementor-nav-menu--main"><ul class="elementor-nav-menu">' + links(chrome.menu, '<li class="menu-item"><a href="/{n}/" class="elementor-item">{t}</a></li>') + "</ul></nav>")}</div>
<div data-elementor-type="single-post" class="elementor elementor-location-single post-7741 post type-post status-publish">
{section("elementor-widget-theme-post-title elementor-page-title", f'<h1 class="elementor-heading-title elementor-size-default">{e(story.title)}</h1>')}
{section("elementor-widget-post-info", f'<ul class="elementor-inline-items elementor-icon-list-items elementor-post-info"><li class="elementor-icon-list-item"><span class="elementor-icon-list-text elementor-post-info__item--type-date">{human_date(story.date, story.lang)}</span></li></ul>')}
{section("elementor-widget-theme-post-content", render_body(story))}
{section("elementor-widget-share-buttons", f'<div class="elementor-grid">{share}</div>')}
{form}
{section("elementor-widget-posts", '<div class="elementor-posts-container">' + links(chrome.related[:3], '<article class="elementor-post"><div class="elementor-post__text"><h3 class="elementor-post__title"><a href="/{n}/">{t}</a></h3></div></article>') + "</div>")}
</div>
<div data-elementor-type="footer" class="elementor elementor-location-footer">{section("elementor-widget-text-editor", f"<p>{e(chrome.footer)}</p>")}</div>"""
    return doc(
        f"{story.title} – {chrome.site}",
        body,
        lang=story.lang,
        body_attrs=' class="post-template-default single single-post elementor-default elementor-kit-5 elementor-page-7741"',
    )


def microdata_portal(story: Story, chrome: Chrome, **_) -> str:
    """An older portal with schema.org microdata: itemprop=articleBody, a photo caption, a poll."""
    body = f"""<div id="container"><div id="top"><div id="logo"><a href="/">{e(chrome.site)}</a></div><div id="menu">{links(chrome.menu, '<a href="/rubric/{n}">{t}</a>')}</div></div>
<div id="middle"><div id="left"><div class="rubric-list"><div class="title">Рубрики</div>{links(chrome.menu[1:], '<div><a href="/rubric/{n}">{t}</a></div>')}</div>
<div class="poll"><div class="title">Опрос</div><p>Как вы оцениваете работу общественного транспорта?</p><label><input type="radio" name="p"> Хорошо</label><label><input type="radio" name="p"> Плохо</label></div></div>
<div id="center"><div class="news_item" itemscope itemtype="http://schema.org/NewsArticle">
<h1 itemprop="headline">{e(story.title)}</h1>
<div class="news_date"><meta itemprop="datePublished" content="{story.date}">{dotted(story.date)}</div>
<div class="news_text" itemprop="articleBody">
{render_body(story)}
</div>
<div class="news_source">Источник: <a href="/">{e(chrome.site)}</a></div>
<div class="news_more"><div class="title">{e(chrome.related_label)}</div>{links(chrome.related[:4], '<div class="item"><a href="/news/{n}.html">{t}</a></div>')}</div>
</div></div></div>
<div id="bottom">{e(chrome.footer)}</div></div>"""
    return doc(story.title, body, lang=story.lang)
