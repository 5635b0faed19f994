"""Foreign page layouts of the PHP CMSs: WordPress themes, Drupal 7 and 10, Joomla 3 and 4."""
# ruff: noqa: E501  (HTML templates read better unwrapped)

from __future__ import annotations

from bench.foreign.chrome import Chrome
from bench.foreign.kit import Story, doc, dotted, e, human_date, links, render_body


def wordpress_classic(story: Story, chrome: Chrome, *, comments: bool = True, **_) -> str:
    """A Twenty Twenty-One style theme: entry-header, entry-content, comments and widget sidebar."""
    comment_list = "\n".join(
        f'<li id="comment-{i}" class="comment even thread-even depth-1"><article class="comment-body"><footer class="comment-meta"><div class="comment-author vcard"><b class="fn">{e(name)}</b> <span class="says">says:</span></div><div class="comment-metadata"><a href="#comment-{i}"><time datetime="{story.date}T1{i}:00:00+06:00">{human_date(story.date, story.lang)}</time></a></div></footer><div class="comment-content"><p>{e(text)}</p></div><div class="reply"><a class="comment-reply-link" href="#respond">Reply</a></div></article></li>'
        for i, (name, text) in enumerate(chrome.comments, 1)
    )
    comments_html = (
        f'<div id="comments" class="comments-area default-max-width show-avatars"><h2 class="comments-title">{len(chrome.comments)} thoughts on &ldquo;{e(story.title)}&rdquo;</h2><ol class="comment-list">{comment_list}</ol>'
        '<div id="respond" class="comment-respond"><h2 id="reply-title" class="comment-reply-title">Leave a Reply</h2><form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes">Your email address will not be published.</p><p class="comment-form-comment"><label for="comment">Comment</label><textarea id="comment" name="comment"></textarea></p><p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p></form></div></div>'
        if comments
        else ""
    )
    body = f"""<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header has-title-and-tagline has-menu" role="banner">
<div class="site-branding"><p class="site-title"><a href="/" rel="home">{e(chrome.site)}</a></p><p class="site-description">Local news every day</p></div>
<nav id="site-navigation" class="primary-navigation" role="navigation" aria-label="Primary menu"><div class="primary-menu-container"><ul id="primary-menu-list" class="menu-wrapper">{links(chrome.menu, '<li class="menu-item"><a href="/{n}/">{t}</a></li>')}</ul></div></nav>
</header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main" role="main">
<article id="post-2817" class="post-2817 post type-post status-publish format-standard hentry category-news entry">
<header class="entry-header alignwide"><h1 class="entry-title">{e(story.title)}</h1></header>
<div class="entry-content">
{render_body(story)}
</div>
<footer class="entry-footer default-max-width"><div class="posted-by"><span class="posted-on">Published <time class="entry-date published updated" datetime="{story.date}T09:30:00+06:00">{human_date(story.date, story.lang)}</time></span><span class="byline">By <a href="/author/editor/" rel="author">editor</a></span></div><div class="post-taxonomies"><span class="cat-links">Categorized as <a href="/category/news/" rel="category tag">News</a></span></div></footer>
</article>
<nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post navigation</h2><div class="nav-links"><div class="nav-previous"><a href="/p/2816/" rel="prev"><p class="meta-nav">Previous post</p><p class="post-title">{e(chrome.related[0])}</p></a></div><div class="nav-next"><a href="/p/2818/" rel="next"><p class="meta-nav">Next post</p><p class="post-title">{e(chrome.related[1])}</p></a></div></div></nav>
{comments_html}
</main></div></div>
<aside class="widget-area"><section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>{links(chrome.related[2:])}</ul></section></aside>
<footer id="colophon" class="site-footer" role="contentinfo"><div class="site-info"><div class="site-name">{e(chrome.footer)}</div><div class="powered-by">Proudly powered by <a href="https://wordpress.org/">WordPress</a>.</div></div></footer>
</div>"""
    return doc(
        f"{story.title} – {chrome.site}",
        body,
        lang=story.lang,
        body_attrs=' class="post-template-default single single-post postid-2817 single-format-standard wp-embed-responsive is-light-theme has-main-navigation"',
    )


def wordpress_newspaper(story: Story, chrome: Chrome, *, newsletter: bool = True, **_) -> str:
    """A tagDiv "Newspaper" theme: share bar on top, ad block, related posts inside the post, tags."""
    share = "".join(
        f'<a class="td-social-sharing-button td-social-sharing-button-js td-social-network td-social-{s.lower()}" href="#"><div class="td-social-but-text">{e(s)}</div></a>'
        for s in chrome.share[1:]
    )
    news_box = (
        f'<div class="td-a-rec td-a-rec-id-content_inline"><div class="tdn-newsletter"><h4 class="tdn-title">Newsletter</h4><p>{e(chrome.newsletter)}</p><form class="tdn-form"><input type="email" placeholder="Email"><button>OK</button></form></div></div>'
        if newsletter
        else ""
    )
    half = max(1, len(story.body) // 2)
    top, rest = (
        Story(**{**story.__dict__, "body": story.body[:half]}),
        Story(**{**story.__dict__, "body": story.body[half:], "lead": ""}),
    )
    body = f"""<div id="td-outer-wrap" class="td-theme-wrap">
<div class="td-header-wrap td-header-style-1"><div class="td-header-top-menu-full"><div class="td-header-top-menu"><div class="td_data_time">{human_date(story.date, story.lang)}</div><ul class="top-header-menu">{links(chrome.menu[-2:], '<li><a href="/{n}">{t}</a></li>')}</ul></div></div>
<div class="td-header-menu-wrap-full"><div id="td-header-menu" role="navigation"><ul id="menu-main" class="sf-menu">{links(chrome.menu, '<li class="menu-item"><a href="/c/{n}/">{t}</a></li>')}</ul></div></div></div>
<div class="td-main-content-wrap td-container-wrap"><div class="td-container td-post-template-default"><div class="td-crumb-container"><div class="entry-crumbs"><span><a href="/">{e(chrome.menu[0])}</a></span> <i class="td-icon-right td-bread-sep"></i> <span><a href="/news/">{e(chrome.menu[1])}</a></span></div></div>
<div class="td-pb-row"><div class="td-pb-span8 td-main-content" role="main"><div class="td-ss-main-content">
<article id="post-9921" class="post-9921 post type-post status-publish format-standard has-post-thumbnail category-news">
<div class="td-post-header"><ul class="td-category"><li class="entry-category"><a href="/news/">{e(chrome.menu[1])}</a></li></ul>
<header class="td-post-title"><h1 class="entry-title">{e(story.title)}</h1><div class="td-module-meta-info"><div class="td-post-author-name"><div class="td-author-by">By</div> <a href="/author/desk/">News desk</a></div><span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{story.date}T11:05:00+00:00">{human_date(story.date, story.lang)}</time></span><div class="td-post-views"><i class="td-icon-views"></i><span class="td-nr-views-9921">1482</span></div></div></header></div>
<div class="td-post-sharing-top"><div class="td-post-sharing-classic"></div><div class="td-default-sharing"><div class="td-social-sharing-hidden"><div class="td-social-network-wrap"><span class="td-social-but-text">{e(chrome.share[0])}</span></div>{share}</div></div></div>
<div class="td-post-content tagdiv-type">
<div class="td-post-featured-image"><img width="696" height="464" class="entry-thumb" src="/wp-content/uploads/2024/01/photo-696x464.jpg" alt=""></div>
{render_body(top)}
{news_box}
{render_body(rest)}
</div>
<footer><div class="td-post-source-tags"><ul class="td-tags td-post-small-box clearfix"><li><span>TAGS</span></li><li><a href="/tag/{story.lang}/">{e(chrome.menu[2])}</a></li></ul></div>
<div class="td-block-row td-post-next-prev"><div class="td-block-span6 td-post-prev-post"><div class="td-post-next-prev-content"><span>Previous article</span><a href="/p/9920/">{e(chrome.related[0])}</a></div></div></div></footer>
</article>
<div class="td_block_wrap td_block_related_posts"><h4 class="td-related-title td-block-title"><a class="td-related-left td-cur-simple-item" href="#">RELATED ARTICLES</a><a class="td-related-right" href="#">MORE FROM AUTHOR</a></h4><div class="td_block_inner">{links(chrome.related[1:4], '<div class="td-related-span4"><div class="td_module_related_posts"><h3 class="entry-title td-module-title"><a href="/p/{n}/">{t}</a></h3></div></div>')}</div></div>
</div></div>
<div class="td-pb-span4 td-main-sidebar" role="complementary"><div class="td-ss-main-sidebar"><div class="td_block_wrap td_block_social_counter"><span>{e(chrome.share[1])} 12,400 Fans</span></div><div class="td_block_wrap td_block_9"><h4 class="block-title"><span>Popular</span></h4>{links(chrome.related[4:], '<div class="td_module_8"><h3 class="entry-title"><a href="/p/{n}/">{t}</a></h3></div>')}</div></div></div>
</div></div></div>
<div class="td-footer-wrapper"><div class="td-sub-footer-copy">{e(chrome.footer)}</div></div></div>"""
    return doc(
        f"{story.title} | {chrome.site}",
        body,
        lang=story.lang,
        body_attrs=' class="post-template-default single single-post td-standard-pack global-block-template-1"',
    )


def wordpress_gutenberg(story: Story, chrome: Chrome, *, cookie: bool = True, **_) -> str:
    """A block theme: wp-block-* markup (tables as wp-block-table), AddToAny share bar, GDPR cookie bar."""
    blocks = (
        render_body(story, table_class="has-fixed-layout")
        .replace("<p>", '<p class="wp-block-paragraph">')
        .replace("<h2>", '<h2 class="wp-block-heading">')
        .replace("<ul>", '<ul class="wp-block-list">')
        .replace(
            '<table class="has-fixed-layout">',
            '<figure class="wp-block-table"><table class="has-fixed-layout">',
        )
        .replace("</table>", "</table></figure>")
    )
    cookie_bar = (
        f'<div id="cookie-law-info-bar" data-nosnippet="true"><span>{e(chrome.cookie)} <a role="button" id="cookie_action_close_header" class="cli_action_button">ACCEPT</a> <a href="/privacy/" id="CONSTANT_OPEN_URL" class="cli-plugin-main-link">Read More</a></span></div>'
        if cookie
        else ""
    )
    share = "".join(
        f'<a class="a2a_button_{s.lower()}" href="/#{s.lower()}" title="{e(s)}" rel="nofollow noopener" target="_blank"><span class="a2a_svg"></span>{e(s)}</a>'
        for s in chrome.share[1:]
    )
    body = f"""<div class="wp-site-blocks">
<header class="wp-block-template-part"><div class="wp-block-group alignfull has-global-padding"><p class="wp-block-site-title"><a href="/" rel="home">{e(chrome.site)}</a></p>
<nav class="wp-block-navigation is-layout-flex" aria-label="Menu"><ul class="wp-block-navigation__container">{links(chrome.menu, '<li class="wp-block-navigation-item"><a class="wp-block-navigation-item__content" href="/{n}/"><span class="wp-block-navigation-item__label">{t}</span></a></li>')}</ul></nav></div></header>
<main class="wp-block-group has-global-padding is-layout-constrained">
<div class="wp-block-group alignwide"><h1 class="wp-block-post-title">{e(story.title)}</h1>
<div class="wp-block-post-date"><time datetime="{story.date}T08:00:00+06:00">{human_date(story.date, story.lang)}</time></div></div>
<div class="entry-content wp-block-post-content has-global-padding is-layout-constrained">
{blocks}
<div class="addtoany_share_save_container addtoany_content addtoany_content_bottom"><div class="addtoany_header">{e(chrome.share[0])}:</div><div class="a2a_kit a2a_kit_size_32 addtoany_list">{share}</div></div>
</div>
<div class="wp-block-group"><h2 class="wp-block-heading">{e(chrome.related_label)}</h2><ul class="wp-block-latest-posts__list wp-block-latest-posts">{links(chrome.related[:3])}</ul></div>
</main>
<footer class="wp-block-template-part"><div class="wp-block-group"><p class="has-small-font-size">{e(chrome.footer)}</p></div></footer>
</div>
{cookie_bar}"""
    return doc(
        f"{story.title} – {chrome.site}",
        body,
        lang=story.lang,
        body_attrs=' class="wp-singular post-template-default single single-post wp-theme-twentytwentyfour"',
    )


def drupal7(story: Story, chrome: Chrome, *, comments: bool = True, **_) -> str:
    """Drupal 7 (Bartik): field-name-body, links inline, comment wrapper with a comment form."""
    comment_items = "".join(
        f'<div class="comment comment-by-anonymous clearfix"><div class="attribution"><div class="submitted"><p class="commenter-name"><span class="username">{e(name)}</span></p><p class="comment-time">{dotted(story.date)}</p></div></div><div class="comment-text"><div class="content"><div class="field field-name-comment-body field-type-text-long field-label-hidden"><div class="field-items"><div class="field-item even"><p>{e(text)}</p></div></div></div></div><ul class="links inline"><li class="comment-reply first last"><a href="/comment/reply/">reply</a></li></ul></div></div>'
        for name, text in chrome.comments
    )
    comments_html = (
        f'<div id="comments" class="comment-wrapper"><h2 class="title">{e(chrome.comments_label)}</h2>{comment_items}<h2 class="title comment-form">Add new comment</h2><form class="comment-form" action="/comment/reply/512" method="post" id="comment-form"><div><div class="form-item form-type-textfield form-item-name"><label for="edit-name">Your name </label><input type="text" id="edit-name" name="name" value="" size="30" maxlength="60" class="form-text"></div><div class="form-actions form-wrapper" id="edit-actions"><input type="submit" id="edit-submit" name="op" value="Save" class="form-submit"></div></div></form></div>'
        if comments
        else ""
    )
    body = f"""<div id="page-wrapper"><div id="page">
<div id="header" class="without-secondary-menu"><div class="section clearfix"><a href="/" title="Home" rel="home" id="logo"><img src="/sites/all/themes/bartik/logo.png" alt="Home"></a><div id="name-and-slogan"><div id="site-name"><strong><a href="/" title="Home" rel="home"><span>{e(chrome.site)}</span></a></strong></div></div>
<div id="main-menu" class="navigation"><h2 class="element-invisible">Main menu</h2><ul id="main-menu-links" class="links clearfix">{links(chrome.menu, '<li class="menu-{n}"><a href="/taxonomy/term/{n}">{t}</a></li>')}</ul></div></div></div>
<div id="main-wrapper" class="clearfix"><div id="main" class="clearfix">
<div id="breadcrumb"><h2 class="element-invisible">You are here</h2><div class="breadcrumb"><a href="/">{e(chrome.menu[0])}</a> » <a href="/news">{e(chrome.menu[1])}</a></div></div>
<div id="content" class="column"><div class="section"><a id="main-content"></a>
<h1 class="title" id="page-title">{e(story.title)}</h1>
<div class="tabs"></div>
<div class="region region-content"><div id="block-system-main" class="block block-system"><div class="content">
<div id="node-512" class="node node-article node-promoted node-full clearfix" about="/node/512" typeof="sioc:Item foaf:Document">
<span property="dc:title" content="{e(story.title)}" class="rdf-meta element-hidden"></span>
<div class="meta submitted"><span property="dc:date dc:created" content="{story.date}T10:12:00+06:00" datatype="xsd:dateTime">Submitted by <span class="username">admin</span> on {dotted(story.date)} - 10:12</span></div>
<div class="content clearfix"><div class="field field-name-body field-type-text-with-summary field-label-hidden"><div class="field-items"><div class="field-item even" property="content:encoded">
{render_body(story)}
</div></div></div>
<div class="field field-name-field-tags field-type-taxonomy-term-reference field-label-above"><div class="field-label">Tags:&nbsp;</div><div class="field-items"><div class="field-item even"><a href="/taxonomy/term/7">{e(chrome.menu[3])}</a></div></div></div></div>
<div class="link-wrapper"><ul class="links inline"><li class="comment-add first last active"><a href="/node/512#comment-form">Add new comment</a></li></ul></div>
{comments_html}
</div></div></div></div></div></div>
<div id="sidebar-second" class="column sidebar"><div class="section"><div class="region region-sidebar-second"><div id="block-views-popular-block" class="block block-views"><h2>Popular content</h2><div class="content"><div class="item-list"><ul>{links(chrome.related[:4])}</ul></div></div></div></div></div></div>
</div></div>
<div id="footer-wrapper"><div class="section"><div id="footer" class="clearfix"><div class="region region-footer"><div class="block"><p>{e(chrome.footer)}</p></div></div></div></div></div>
</div></div>"""
    return doc(
        f"{story.title} | {chrome.site}",
        body,
        lang=story.lang,
        body_attrs=' class="html not-front not-logged-in one-sidebar sidebar-second page-node page-node- page-node-512 node-type-article"',
    )


def drupal10(story: Story, chrome: Chrome, **_) -> str:
    """Drupal 10 (Olivero): node--type-article, text-content field, related view block after the node."""
    lead = (
        f'<div class="field field--name-field-lead field--type-string-long"><p>{e(story.lead)}</p></div>'
        if story.lead
        else ""
    )
    plain = Story(**{**story.__dict__, "lead": ""})
    body = f"""<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div id="page-wrapper" class="page-wrapper"><div id="page">
<header id="header" class="site-header" data-drupal-selector="site-header" role="banner"><div class="site-header__fixable"><div class="site-header__initial"></div><div id="site-header__inner" class="site-header__inner"><div class="site-branding"><a href="/" rel="home" class="site-branding__name">{e(chrome.site)}</a></div>
<div class="header-nav"><nav id="block-olivero-main-menu" class="primary-nav block-menu navigation menu--main" aria-labelledby="block-olivero-main-menu-menu" role="navigation"><h2 class="visually-hidden block__title" id="block-olivero-main-menu-menu">Main navigation</h2><ul class="menu primary-nav__menu primary-nav__menu--level-1">{links(chrome.menu, '<li class="primary-nav__menu-item"><a href="/{n}" class="primary-nav__menu-link"><span class="primary-nav__menu-link-inner">{t}</span></a></li>')}</ul></nav></div></div></div></header>
<div id="main-wrapper" class="layout-main-wrapper layout-container"><div id="main" class="layout-main"><div class="main-content"><a id="main-content" tabindex="-1"></a>
<div class="region region--content-above grid-full layout--pass--content-medium"><div id="block-olivero-page-title" class="block block-core block-page-title-block"><h1 class="title page-title"><span class="field field--name-title field--type-string field--label-hidden">{e(story.title)}</span></h1></div></div>
<div class="region region--content grid-full layout--pass--content-medium" id="content"><div id="block-olivero-content" class="block block-system block-system-main-block">
<article data-history-node-id="88" class="node node--type-article node--promoted node--view-mode-full">
<header class="text-content"><div class="node__meta"><span>By <span class="field field--name-uid field--type-entity-reference"><span>editor</span></span></span> <span class="node__meta-date">{human_date(story.date, story.lang)}</span></div></header>
<div class="node__content"><div class="layout--content-medium">{lead}
<div class="text-content clearfix field field--name-body field--type-text-with-summary field--label-hidden field__item">
{render_body(plain)}
</div></div>
<div class="field field--name-field-tags field--type-entity-reference field--label-above field--entity-reference-target-type-taxonomy-term clearfix"><h3 class="field__label">Tags</h3><ul class="links field__items"><li><a href="/taxonomy/term/3" hreflang="{story.lang}">{e(chrome.menu[2])}</a></li></ul></div>
</div></article></div>
<div class="views-element-container block block-views"><h2 class="block__title">{e(chrome.related_label)}</h2><div class="view view-related"><div class="view-content">{links(chrome.related[:3], '<div class="views-row"><div class="views-field views-field-title"><span class="field-content"><a href="/node/{n}" hreflang="en">{t}</a></span></div></div>')}</div></div></div>
</div></div></div></div>
<footer class="site-footer"><div class="site-footer__inner container"><div class="region region--footer-top grid-full"><div class="block"><p>{e(chrome.footer)}</p></div></div></div></footer>
</div></div></div>"""
    return doc(
        f"{story.title} | {chrome.site}",
        body,
        lang=story.lang,
        body_attrs=' class="path-node page-node-type-article"',
    )


def joomla3(story: Story, chrome: Chrome, **_) -> str:
    """Joomla 3 (Protostar): item-page with schema.org microdata, article-info, pagenav."""
    body = f"""<div class="body" id="top"><div class="container">
<header class="header" role="banner"><div class="header-inner clearfix"><a class="brand pull-left" href="/"><span class="site-title" title="{e(chrome.site)}">{e(chrome.site)}</span></a><div class="header-search pull-right"><div class="search"><form action="/index.php" method="post" class="form-inline"><label for="mod-search-searchword" class="element-invisible">Search ...</label> <input name="searchword" id="mod-search-searchword" maxlength="200" class="inputbox search-query" type="search" placeholder="Search ..."><input type="hidden" name="task" value="search"></form></div></div></div></header>
<nav class="navigation" role="navigation"><div class="navbar pull-left"><a class="btn btn-navbar collapsed" data-toggle="collapse" data-target=".nav-collapse"><span class="element-invisible">Toggle Navigation</span></a></div><div class="nav-collapse"><ul class="nav menu nav-pills mod-list">{links(chrome.menu, '<li class="item-{n}"><a href="/index.php/item-{n}">{t}</a></li>')}</ul></div></nav>
<div class="row-fluid"><main id="content" role="main" class="span9">
<div id="system-message-container"></div>
<div class="item-page" itemscope itemtype="https://schema.org/Article"><meta itemprop="inLanguage" content="{story.lang}">
<div class="page-header"><h2 itemprop="headline">{e(story.title)}</h2></div>
<dl class="article-info muted"><dt class="article-info-term">Details</dt>
<dd class="createdby" itemprop="author" itemscope itemtype="https://schema.org/Person">Written by <span itemprop="name">Super User</span></dd>
<dd class="category-name">Category: <a href="/index.php/news" itemprop="genre">{e(chrome.menu[1])}</a></dd>
<dd class="published"><span class="icon-calendar" aria-hidden="true"></span><time datetime="{story.date}T07:15:00+00:00" itemprop="datePublished">Published: {dotted(story.date)}</time></dd>
<dd class="hits"><span class="icon-eye-open" aria-hidden="true"></span><meta itemprop="interactionCount" content="UserPageVisits:317">Hits: 317</dd></dl>
<div itemprop="articleBody">
{render_body(story)}
</div>
<ul class="pager pagenav"><li class="previous"><a class="hasTooltip" title="{e(chrome.related[0])}" href="/index.php/news/101" rel="prev"><span class="icon-chevron-left" aria-hidden="true"></span> <span aria-hidden="true">Prev</span></a></li><li class="next"><a class="hasTooltip" title="{e(chrome.related[1])}" href="/index.php/news/103" rel="next"><span aria-hidden="true">Next</span> <span class="icon-chevron-right" aria-hidden="true"></span></a></li></ul>
</div></main>
<div id="aside" class="span3"><div class="well "><h3 class="page-header">Latest News</h3><ul class="latestnews mod-list">{links(chrome.related[2:], '<li itemscope itemtype="https://schema.org/Article"><a href="/index.php/news/{n}" itemprop="url"><span itemprop="name">{t}</span></a></li>')}</ul></div></div>
</div></div></div>
<footer class="footer" role="contentinfo"><div class="container"><hr><p class="pull-right"><a href="#top" id="back-top">Back to Top</a></p><p>{e(chrome.footer)}</p></div></footer>"""
    return doc(
        f"{story.title}",
        body,
        lang=story.lang,
        body_attrs=' class="site com_content view-article no-layout no-task itemid-101"',
    )


def joomla4(story: Story, chrome: Chrome, **_) -> str:
    """Joomla 4 (Cassiopeia): com-content-article, fields as a list, a related-items module below."""
    body = f"""<header class="header container-header full-width"><div class="grid-child"><div class="navbar-brand"><a class="brand-logo" href="/"><span title="{e(chrome.site)}">{e(chrome.site)}</span></a></div></div>
<div class="grid-child container-nav"><ul class="mod-menu mod-list nav ">{links(chrome.menu, '<li class="nav-item item-{n}"><a href="/{n}">{t}</a></li>')}</ul></div></header>
<div class="site-grid"><div class="grid-child container-component">
<nav class="mod-breadcrumbs__wrapper" aria-label="Breadcrumbs"><ol class="mod-breadcrumbs breadcrumb px-3 py-2"><li class="mod-breadcrumbs__item breadcrumb-item"><a href="/">{e(chrome.menu[0])}</a></li><li class="mod-breadcrumbs__item breadcrumb-item active"><span>{e(story.title)}</span></li></ol></nav>
<main>
<div class="com-content-article item-page" itemscope itemtype="https://schema.org/Article"><meta itemprop="inLanguage" content="{story.lang}-{story.lang.upper()}">
<div class="page-header"><h1 itemprop="headline">{e(story.title)}</h1></div>
<dl class="article-info text-muted"><dt class="article-info-term">Details</dt><dd class="published"><span class="icon-calendar icon-fw" aria-hidden="true"></span><time datetime="{story.date}T12:00:00+05:00" itemprop="datePublished">{dotted(story.date)}</time></dd></dl>
<div itemprop="articleBody" class="com-content-article__body">
{render_body(story)}
</div>
<nav class="pagenavigation" aria-label="Page Navigation"><span class="pagination ms-0"><a class="btn btn-sm btn-secondary previous" href="/news/77" rel="prev"><span class="icon-chevron-left" aria-hidden="true"></span> Prev</a><a class="btn btn-sm btn-secondary next" href="/news/79" rel="next">Next <span class="icon-chevron-right" aria-hidden="true"></span></a></span></nav>
</div></main>
<div class="moduletable "><h3>{e(chrome.related_label)}</h3><ul class="mod-relateditems relateditems mod-list">{links(chrome.related[:4], '<li><a href="/news/{n}">{t}</a></li>')}</ul></div>
</div></div>
<footer class="container-footer footer full-width"><div class="grid-child"><div class="mod-footer"><div class="footer1">{e(chrome.footer)}</div></div></div></footer>"""
    return doc(
        f"{story.title} - {chrome.site}",
        body,
        lang=story.lang,
        body_attrs=' class="site com_content wrapper-static view-article layout-blog no-task itemid-101 has-sidebar-right"',
    )
