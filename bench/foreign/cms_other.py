"""Foreign page layouts of other CMSs: 1C-Bitrix, DataLife Engine, uCoz, Blogger, TYPO3, Tilda, Wix, Ghost."""
# ruff: noqa: E501  (HTML templates read better unwrapped)

from __future__ import annotations

from bench.foreign.chrome import Chrome
from bench.foreign.kit import Story, doc, dotted, e, human_date, links, render_body


def bitrix_classic(story: Story, chrome: Chrome, **_) -> str:
    """1C-Bitrix's stock news.detail template: text straight in div.news-detail, split by <br>."""
    body = f"""<div id="panel"></div>
<div class="wrapper"><div class="header"><div class="logo"><a href="/"><img src="/bitrix/templates/main/images/logo.png" alt="{e(chrome.site)}"></a></div>
<div class="top-menu"><ul class="left-menu">{links(chrome.menu, '<li><a href="/{n}/">{t}</a></li>')}</ul></div></div>
<div class="workarea"><div class="breadcrumbs"><a href="/" title="{e(chrome.menu[0])}">{e(chrome.menu[0])}</a> / <a href="/news/" title="{e(chrome.menu[1])}">{e(chrome.menu[1])}</a></div>
<h1>{e(story.title)}</h1>
<div class="news-detail">
<img class="detail_picture" border="0" src="/upload/iblock/4f1/4f1c2a.jpg" width="600" height="400" alt="{e(story.title)}" title="{e(story.title)}">
<span class="news-date-time">{dotted(story.date)}</span>
{render_body(story, "br")}
<div style="clear:both"></div>
<br>
</div>
<p><a href="/news/">Возврат к списку</a></p>
</div>
<div class="sidebar-right"><div class="news-list"><h3>{e(chrome.related_label)}</h3>{links(chrome.related[:4], '<p class="news-item" id="bx_3218110189_{n}"><span class="news-date-time">' + dotted(story.date) + '</span><a href="/news/{n}/"><b>{t}</b></a><br></p>')}</div></div>
<div class="footer"><div class="copyright">{e(chrome.footer)}</div><div class="counter"><!-- Yandex.Metrika --></div></div></div>"""
    head = '<link href="/bitrix/templates/main/styles.css?16180" type="text/css" rel="stylesheet">\n<script type="text/javascript">if(!window.BX)window.BX={message:function(mess){}};</script>'
    return doc(story.title, body, lang=story.lang, head=head)


def bitrix_modern(story: Story, chrome: Chrome, *, share: bool = True, **_) -> str:
    """A newer Bitrix template: detail-news block with <p>s, Yandex share bar, "other news" slider."""
    ya_share = (
        f'<div class="detail-news__share"><span class="detail-news__share-title">{e(chrome.share[0])}:</span><div class="ya-share2" data-curtain data-services="vkontakte,odnoklassniki,telegram,whatsapp"><ul>{links(chrome.share[1:], "<li><a>{t}</a></li>")}</ul></div></div>'
        if share
        else ""
    )
    body = f"""<div class="page"><header class="header"><div class="container header__inner"><a class="header__logo" href="/">{e(chrome.site)}</a><nav class="header__menu"><ul class="menu">{links(chrome.menu, '<li class="menu__item"><a class="menu__link" href="/{n}/">{t}</a></li>')}</ul></nav><div class="header__search"><form action="/search/"><input type="text" name="q" placeholder="Поиск"></form></div></div></header>
<main class="main"><div class="container">
<ul class="breadcrumbs"><li class="breadcrumbs__item"><a href="/">{e(chrome.menu[0])}</a></li><li class="breadcrumbs__item"><a href="/press-center/news/">{e(chrome.menu[1])}</a></li></ul>
<div class="detail-news" id="bx_1878455859_2261">
<div class="detail-news__head"><div class="detail-news__date">{human_date(story.date, story.lang)}</div><h1 class="detail-news__title">{e(story.title)}</h1></div>
<div class="detail-news__picture"><img src="/upload/resize_cache/iblock/0c3/900_600_1/0c3a.jpg" alt=""></div>
<div class="detail-news__text">
{render_body(story)}
</div>
{ya_share}
</div>
<section class="other-news"><h2 class="other-news__title">{e(chrome.related_label)}</h2><div class="other-news__slider swiper">{links(chrome.related[:4], '<div class="swiper-slide news-card"><a class="news-card__link" href="/press-center/news/{n}/"><div class="news-card__date">' + dotted(story.date) + '</div><div class="news-card__title">{t}</div></a></div>')}</div></section>
</div></main>
<footer class="footer"><div class="container"><div class="footer__copy">{e(chrome.footer)}</div></div></footer></div>"""
    return doc(story.title, body, lang=story.lang)


def dle(story: Story, chrome: Chrome, *, comments: bool = True, **_) -> str:
    """DataLife Engine: full-story with the text in div#news-id-N, related news, comments, comment form."""
    comment_items = "".join(
        f'<div id="comment-id-{i}"><div class="comment"><div class="com_info"><b>{e(name)}</b> <span class="date">{dotted(story.date)}</span></div><div class="com_content"><div id="comm-id-{i}">{e(text)}</div></div></div></div>'
        for i, (name, text) in enumerate(chrome.comments, 77)
    )
    comments_html = (
        f'<div class="comments"><h4 class="heading">{e(chrome.comments_label)} ({len(chrome.comments)})</h4><div id="dle-ajax-comments"></div>{comment_items}</div><form method="post" name="dle-comments-form" id="dle-comments-form"><div class="addcomment"><h4>Добавить комментарий</h4><textarea name="comments" id="comments"></textarea><button class="btn" type="submit" name="submit">Отправить</button></div></form>'
        if comments
        else ""
    )
    body = f"""<div class="wrp"><div class="header"><a class="logotype" href="/" title="{e(chrome.site)}"><span class="title_hide">{e(chrome.site)}</span></a>
<div class="topmenu"><ul>{links(chrome.menu, '<li><a href="/{n}/">{t}</a></li>')}</ul></div></div>
<div class="cols"><div id="maincol">
<div class="speedbar"><span id="dle-speedbar"><a href="/">{e(chrome.menu[0])}</a> &raquo; <a href="/news/">{e(chrome.menu[1])}</a> &raquo; {e(story.title)}</span></div>
<div id="dle-content"><div class="full-story"><div class="fstory-title"><h1>{e(story.title)}</h1></div>
<div class="fstory-info"><span class="date">{dotted(story.date)}, 14:22</span> <span class="views">Просмотров: 952</span> <span class="cat"><a href="/news/">{e(chrome.menu[1])}</a></span></div>
<div class="fstory-text"><div id="news-id-3318" style="display:inline;">{render_body(story, "br")}</div></div>
<div class="fstory-tags">Теги: <a href="/tags/region/">регион</a></div>
<div class="fstory-rating"><div class="rate"><span>Рейтинг: 0</span></div></div>
</div>
<div class="related"><div class="related-title">{e(chrome.related_label)}:</div><ul>{links(chrome.related[:4], '<li><a href="/news/{n}-news.html">{t}</a></li>')}</ul></div>
{comments_html}
</div></div>
<div id="sidebar"><div class="block"><div class="block-title">Популярное</div>{links(chrome.related[2:], '<div class="short-item"><a href="/news/{n}-x.html">{t}</a></div>')}</div></div></div>
<div class="footer"><div class="copyright">{e(chrome.footer)}</div></div></div>"""
    return doc(f"{story.title} » {chrome.site}", body, lang=story.lang)


def ucoz(story: Story, chrome: Chrome, *, comments: bool = True, **_) -> str:
    """uCoz: table layout, eBlock with eTitle/eMessage/eDetails, guest comments under the entry."""
    comment_items = "".join(
        f'<div class="comEnt" id="comEnt{i}"><table border="0" cellpadding="0" cellspacing="0" width="100%" class="cBlock1"><tr><td style="padding:3px;"><div class="cTop" style="float:left;"><b>{i - 10}</b> <a href="javascript://"><b>{e(name)}</b></a></div><div style="clear:both;padding-top:2px;float:left;"><div class="cMessage" style="clear:both;padding-top:2px;" id="cMessage{i}">{e(text)}</div></div></td></tr></table></div>'
        for i, (name, text) in enumerate(chrome.comments, 11)
    )
    comments_html = (
        f'<table border="0" cellpadding="0" cellspacing="0" width="100%"><tr><td width="60%" height="25">Всего комментариев: <b>{len(chrome.comments)}</b></td></tr><tr><td colspan="2">{comment_items}</td></tr></table><div align="center" class="commReg">Добавлять комментарии могут только зарегистрированные пользователи.<br />[ <a href="/register">Регистрация</a> | <a href="javascript://">Вход</a> ]</div>'
        if comments
        else ""
    )
    body = f"""<div id="utbr8214" rel="s741"></div>
<table border="0" cellpadding="0" cellspacing="0" width="100%" height="100%"><tr><td valign="top" class="topBlock"><div class="logo"><h1><a href="/">{e(chrome.site)}</a></h1></div></td></tr>
<tr><td valign="top"><table border="0" cellpadding="0" cellspacing="0" width="100%"><tr>
<td valign="top" width="200" class="leftColumn"><div class="boxTable"><div class="boxTitle"><b>Меню сайта</b></div><div class="boxContent"><div id="uMenuDiv1" class="uMenuV"><ul class="uMenuRoot">{links(chrome.menu, '<li><div class="uMenuItem"><a href="/{n}"><span>{t}</span></a></div></li>')}</ul></div></div></div>
<div class="boxTable"><div class="boxTitle"><b>Статистика</b></div><div class="boxContent"><div class="tOnline" id="onl1">Онлайн всего: <b>3</b></div><div class="gOnline" id="onl2">Гостей: <b>3</b></div></div></div></td>
<td valign="top" class="centerColumn"><table border="0" width="100%" cellspacing="1" cellpadding="2" class="eBlock"><tr><td class="eTitle" style="padding-bottom:3px;">{e(story.title)}</td></tr>
<tr><td class="eMessage"><div id="nativeroll_video_cont" style="display:none;"></div>{render_body(story)}</td></tr>
<tr><td class="eDetails"><div style="float:right"><div class="rate-stars-wrapper"></div></div>Категория: <a href="/news/1-0-1">{e(chrome.menu[1])}</a> | Просмотров: 414 | Добавил: <a href="javascript://" rel="nofollow">admin</a> | Дата: <span title="14:02">{dotted(story.date)}</span></td></tr></table>
{comments_html}</td>
<td valign="top" width="200" class="rightColumn"><div class="boxTable"><div class="boxTitle"><b>Новости</b></div><div class="boxContent">{links(chrome.related[:3], '<div class="nwsEntry"><a href="/news/{n}">{t}</a></div>')}</div></div></td>
</tr></table></td></tr>
<tr><td class="copy">{e(chrome.footer)} <a href="https://www.ucoz.ru/" title="Создать сайт бесплатно">uCoz</a></td></tr></table>"""
    return doc(f"{story.title} - {e(chrome.menu[1])} - {chrome.site}", body, lang=story.lang)


def blogger(story: Story, chrome: Chrome, *, comments: bool = True, **_) -> str:
    """Blogger: post-body as <div>s and <br>s, post-footer, comments, a blog archive widget."""
    comment_items = "".join(
        f'<li class="comment" id="c{i}"><div class="comment-block"><div class="comment-header"><cite class="user">{e(name)}</cite><span class="datetime secondary-text"><a rel="nofollow" href="#c{i}">{human_date(story.date, story.lang)}</a></span></div><p class="comment-content">{e(text)}</p><span class="comment-actions secondary-text"><a class="comment-reply" target="_self">Reply</a></span></div></li>'
        for i, (name, text) in enumerate(chrome.comments, 5001)
    )
    comments_html = (
        f'<div class="comments" id="comments"><h4>{len(chrome.comments)} comments:</h4><div class="comments-content"><div id="comment-holder"><div class="comment-thread toplevel-thread"><ol id="top-ra">{comment_items}</ol></div></div></div><p class="comment-footer"><a href="/comment/">Post a Comment</a></p></div>'
        if comments
        else ""
    )
    body = f"""<div class="content"><div class="content-outer"><header><div class="header-outer"><div class="Header widget" id="Header1"><div id="header-inner"><div class="titlewrapper"><h1 class="title"><a href="/">{e(chrome.site)}</a></h1></div><div class="descriptionwrapper"><p class="description"><span>Notes from the steppe</span></p></div></div></div></div></header>
<div class="main-outer"><div class="columns fauxcolumns"><div class="column-center-outer"><div class="main section" id="main"><div class="widget Blog" id="Blog1"><div class="blog-posts hfeed">
<div class="date-outer"><h2 class="date-header"><span>{human_date(story.date, story.lang)}</span></h2><div class="date-posts"><div class="post-outer"><div class="post hentry uncustomized-post-template" itemprop="blogPost" itemscope itemtype="http://schema.org/BlogPosting">
<a name="7311"></a><h3 class="post-title entry-title" itemprop="name">{e(story.title)}</h3>
<div class="post-header"><div class="post-header-line-1"></div></div>
<div class="post-body entry-content" id="post-body-7311" itemprop="description articleBody"><div dir="ltr" style="text-align: left;" trbidi="on">{render_body(story, "br")}</div><div style="clear: both;"></div></div>
<div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-author vcard">Posted by <span class="fn" itemprop="author"><span itemprop="name">Aigul</span></span></span> <span class="post-timestamp">at <a class="timestamp-link" href="#" rel="bookmark"><abbr class="published" itemprop="datePublished" title="{story.date}T18:04:00+06:00">18:04</abbr></a></span> <span class="post-comment-link"></span></div>
<div class="post-share-buttons goog-inline-block"><a class="goog-inline-block share-button sb-email" href="#" title="Email This"><span class="share-button-link-text">Email This</span></a><a class="goog-inline-block share-button sb-blog" href="#" title="BlogThis!"><span class="share-button-link-text">BlogThis!</span></a></div>
<div class="post-footer-line post-footer-line-2"><span class="post-labels">Labels: <a href="/search/label/news" rel="tag">news</a></span></div></div></div>
{comments_html}
</div></div></div></div>
<div class="blog-pager" id="blog-pager"><span id="blog-pager-newer-link"><a class="blog-pager-newer-link" href="/2024/newer.html" title="Newer Post">Newer Post</a></span><a class="home-link" href="/">Home</a></div></div></div></div>
<div class="column-right-outer"><div class="sidebar section" id="sidebar-right-1"><div class="widget PopularPosts" id="PopularPosts1"><h2>Popular Posts</h2><div class="widget-content popular-posts"><ul>{links(chrome.related[:3], '<li><div class="item-title"><a href="/p/{n}.html">{t}</a></div></li>')}</ul></div></div></div></div></div></div></div></div>"""
    return doc(
        f"{chrome.site}: {story.title}",
        body,
        lang=story.lang,
        body_attrs=' class="loading variant-simplysimple"',
    )


def typo3(story: Story, chrome: Chrome, **_) -> str:
    """TYPO3 with tx_news: news-single, teaser in a lead div, bodytext paragraphs, news-related-wrap."""
    teaser = (
        f'<div class="teaser-text" itemprop="description"><p>{e(story.lead)}</p></div>' if story.lead else ""
    )
    plain = Story(**{**story.__dict__, "lead": ""})
    text = render_body(plain).replace("<p>", '<p class="bodytext">')
    body = f"""<div id="wrapper"><div id="header"><div id="logo"><a href="/"><img src="/fileadmin/templates/images/logo.png" alt="{e(chrome.site)}"></a></div><div id="mainnavi"><ul>{links(chrome.menu, '<li><a href="/index.php?id={n}">{t}</a></li>')}</ul></div></div>
<div id="content"><!--TYPO3SEARCH_begin--><div id="c1204" class="frame frame-default frame-type-list frame-layout-0"><div class="news news-single"><div class="article" itemscope="itemscope" itemtype="http://schema.org/Article">
<div class="header"><h3 itemprop="headline">{e(story.title)}</h3></div>
<div class="footer"><p><span class="news-list-date"><time itemprop="datePublished" datetime="{story.date}">{dotted(story.date)}</time></span></p></div>
{teaser}
<div class="news-text-wrap" itemprop="articleBody">
{text}
</div>
<div class="news-backlink-wrap"><a href="/news/">Back</a></div>
<div class="news-related-wrap"><div class="news-related news-related-news"><h4>{e(chrome.related_label)}</h4><ul>{links(chrome.related[:3], '<li><span class="news-related-news-date">' + dotted(story.date) + '</span><a title="{t}" href="/news/detail/{n}/">{t}</a></li>')}</ul></div></div>
</div></div></div><!--TYPO3SEARCH_end--></div>
<div id="footer"><p>{e(chrome.footer)}</p><ul class="footer-links"><li><a href="/impressum/">Imprint</a></li><li><a href="/privacy/">Privacy</a></li></ul></div></div>"""
    head = '<meta name="generator" content="TYPO3 CMS">'
    return doc(f"{chrome.site}: {story.title}", body, lang=story.lang, head=head)


def tilda(story: Story, chrome: Chrome, *, cookie: bool = True, **_) -> str:
    """Tilda: t-records blocks, the text one t-text block with <br />s, a cookie notice block."""
    cookie_block = (
        f'<div id="rec301" class="r t-rec" data-record-type="886"><div class="t886 t886_closed"><div class="t886__wrapper"><div class="t886__text t-descr t-descr_xxs">{e(chrome.cookie)}</div><button class="t886__btn t-btn t-btn_sm"><span>OK</span></button></div></div></div>'
        if cookie
        else ""
    )
    text = render_body(story, "br").replace("<br>", "<br />")
    body = f"""<div id="allrecords" class="t-records" data-tilda-page-id="2918" data-tilda-project-id="118" data-tilda-lazy="yes">
<div id="rec210" class="r t-rec" data-record-type="257"><div class="t257"><div class="t-container"><div class="t257__wrapper"><a href="/" class="t257__logo">{e(chrome.site)}</a><ul class="t257__list">{links(chrome.menu[:5], '<li class="t257__list_item"><a class="t-menu__link-item" href="/{n}">{t}</a></li>')}</ul></div></div></div></div>
<div id="rec211" class="r t-rec t-rec_pt_120 t-rec_pb_30" data-record-type="60"><div class="t050"><div class="t-container t-align_center"><div class="t-col t-col_10 t-prefix_1"><div class="t050__title t-title t-title_xxl" field="title">{e(story.title)}</div><div class="t050__descr t-descr t-descr_xl" field="descr">{dotted(story.date)}</div></div></div></div></div>
<div id="rec212" class="r t-rec t-rec_pt_30 t-rec_pb_60" data-record-type="106"><div class="t004"><div class="t-container"><div class="t-col t-col_8 t-prefix_2"><div field="text" class="t-text t-text_md">{text}</div></div></div></div></div>
<div id="rec213" class="r t-rec" data-record-type="215"><div class="t215"><div class="t-container"><a href="/news" class="t-btn"><span>← {e(chrome.menu[1])}</span></a></div></div></div>
<div id="rec214" class="r t-rec" data-record-type="420"><div class="t420"><div class="t-container"><div class="t420__col t-col t-col_4"><div class="t420__text t-descr">{e(chrome.footer)}</div></div></div></div></div>
{cookie_block}
</div>"""
    return doc(story.title, body, lang=story.lang, head='<meta name="generator" content="Tilda">')


def wix(story: Story, chrome: Chrome, **_) -> str:
    """Wix blog: deep div nesting, data-hook attributes, paragraphs as <p> inside spans of classes."""
    parts = (
        render_body(story)
        .replace("<p>", '<p class="_1-6r8" dir="auto"><span class="_2PHJq">')
        .replace("</p>", "</span></p>")
    )
    body = f"""<div id="SITE_CONTAINER"><div id="main_MF"><div id="SITE_HEADER" class="xQ_iF"><div class="_1SQZg"><div id="comp-k3" data-testid="richTextElement"><p class="font_6"><span>{e(chrome.site)}</span></p></div>
<nav aria-label="Site"><ul class="_2oEYo">{links(chrome.menu[:5], '<li><a data-testid="linkElement" href="/{n}"><p class="_3Ea89">{t}</p></a></li>')}</ul></nav></div></div>
<main id="PAGES_CONTAINER" tabindex="-1"><div id="SITE_PAGES"><div class="_3xM1e"><section class="_3BkSS"><div data-hook="post-page"><article data-hook="post" class="_2tIML blog-post-page-font">
<div data-hook="post-header"><div class="_3nKl3"><span data-hook="user-name" class="_2kp1_">Admin</span><span data-hook="time-ago" class="post-metadata__date">{human_date(story.date, story.lang)}</span><span class="_3mOYo">2 min read</span></div>
<h1 data-hook="post-title" class="_1j-51 blog-post-title-font"><span class="post-title__text">{e(story.title)}</span></h1></div>
<div data-hook="post-description" class="_3n9Ie"><div class="_2pDD4"><div data-id="content-viewer" class="_1hN1O"><div class="_2OF4l" data-rce-version="9.7.2"><div class="_1hN1O kZgce">{parts}</div></div></div></div></div>
<div data-hook="post-footer"><div class="_2Cg9I"><span>{e(chrome.share[0])}</span> {" ".join(f'<button aria-label="{e(s)}">{e(s)}</button>' for s in chrome.share[1:])}</div><div data-hook="post-main-actions__stats"><span>48 views</span><span>0 comments</span></div></div>
</article></div>
<div data-hook="recent-posts"><h2 class="_1l5RO">Recent Posts</h2>{links(chrome.related[:3], '<div data-hook="post-list-item"><a href="/post/{n}"><h3 data-hook="post-title">{t}</h3></a></div>')}</div>
</section></div></div></main>
<footer id="SITE_FOOTER"><div data-testid="richTextElement"><p class="font_9"><span>{e(chrome.footer)}</span></p></div></footer></div></div>"""
    return doc(
        f"{story.title}",
        body,
        lang=story.lang,
        head='<meta name="generator" content="Wix.com Website Builder">',
    )


def ghost(story: Story, chrome: Chrome, *, newsletter: bool = True, **_) -> str:
    """Ghost (Casper): gh-article with an excerpt, gh-content, a members sign-up box after the post."""
    excerpt = f'<p class="article-excerpt">{e(story.lead)}</p>' if story.lead else ""
    plain = Story(**{**story.__dict__, "lead": ""})
    signup = (
        f'<section class="footer-cta outer"><div class="inner"><h2 class="footer-cta-title">Sign up for {e(chrome.site)}</h2><p>{e(chrome.newsletter)}</p><a class="footer-cta-button" href="#/portal" data-portal><div class="footer-cta-input">Enter your email</div><span>Subscribe</span></a></div></section>'
        if newsletter
        else ""
    )
    body = f"""<div class="viewport"><header id="gh-head" class="gh-head outer"><div class="gh-head-inner inner"><div class="gh-head-brand"><a class="gh-head-logo" href="/">{e(chrome.site)}</a></div><nav class="gh-head-menu"><ul class="nav">{links(chrome.menu[:5], '<li class="nav-{n}"><a href="/{n}/">{t}</a></li>')}</ul></nav><div class="gh-head-actions"><a class="gh-head-button" href="#/portal/signup" data-portal="signup">Subscribe</a></div></div></header>
<div class="site-content"><main id="site-main" class="site-main">
<article class="article post tag-news">
<header class="article-header gh-canvas"><div class="article-tag post-card-tags"><span class="post-card-primary-tag"><a href="/tag/news/">{e(chrome.menu[1])}</a></span></div>
<h1 class="article-title">{e(story.title)}</h1>{excerpt}
<div class="article-byline"><div class="article-byline-content"><div class="article-byline-meta"><h4 class="author-name"><a href="/author/desk/">Desk</a></h4><div class="byline-meta-content"><time class="byline-meta-date" datetime="{story.date}">{human_date(story.date, story.lang)}</time><span class="byline-reading-time"><span class="bull">&bull;</span> 3 min read</span></div></div></div></div></header>
<section class="gh-content gh-canvas">
{render_body(plain)}
</section>
</article>
</main>
{signup}
<aside class="read-more-wrap outer"><div class="read-more inner">{links(chrome.related[:3], '<article class="post-card post"><a class="post-card-image-link" href="/p{n}/"></a><div class="post-card-content"><a class="post-card-content-link" href="/p{n}/"><header class="post-card-header"><h2 class="post-card-title">{t}</h2></header></a></div></article>')}</div></aside>
</div>
<footer class="site-footer outer"><div class="inner"><section class="copyright"><a href="/">{e(chrome.site)}</a> &copy; 2024</section><nav class="site-footer-nav"><ul class="nav"><li><a href="/privacy/">Privacy</a></li></ul></nav><div class="gh-powered-by"><a href="https://ghost.org/" target="_blank" rel="noopener">Powered by Ghost</a></div></div></footer></div>"""
    return doc(
        f"{story.title}",
        body,
        lang=story.lang,
        body_attrs=' class="post-template tag-news is-head-left-logo has-cover"',
    )
