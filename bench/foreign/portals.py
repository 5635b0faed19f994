"""Foreign page layouts of hand-made and framework sites: ASP.NET WebForms, HTML 4 tables, AMP, React."""
# ruff: noqa: E501  (HTML templates read better unwrapped)

from __future__ import annotations

import json

from bench.foreign.chrome import Chrome
from bench.foreign.kit import Story, doc, dotted, e, human_date, links, render_body

_VIEWSTATE = "/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIDD2QWBAIBDxYCHgRUZXh0BQtOZXdzIGRldGFpbGQCAw9kFgICAQ9kFgJmD2QWAgIBDxYCHwAFBTIwMjRkZGQ="


def _aspnet_form(action: str, inner: str) -> str:
    """The one server form ASP.NET WebForms wraps a whole page in, with its hidden state fields."""
    return f"""<form name="aspnetForm" method="post" action="{action}" id="aspnetForm">
<div class="aspNetHidden">
<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="" />
<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="" />
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{_VIEWSTATE}" />
</div>
<script type="text/javascript">var theForm = document.forms['aspnetForm']; function __doPostBack(eventTarget, eventArgument) {{ theForm.submit(); }}</script>
{inner}
<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="CA0B0334" /><input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEdAAOKq2h1" /></div>
</form>"""


def aspnet_news(story: Story, chrome: Chrome, *, headline_tag: str = "h1", **_) -> str:
    """ASP.NET WebForms with a master page: divs named ctl00_*, the text in a Label's <span>, an
    e-mail subscription box in the footer (inside the page's one form, as WebForms has it)."""
    subscribe = f'<div id="ctl00_pnlSubscribe" class="subscribe"><span>{e(chrome.newsletter)}</span><input name="ctl00$txtEmail" type="email" id="ctl00_txtEmail" /><input type="submit" name="ctl00$btnSubscribe" value="OK" /></div>'
    inner = f"""<div id="ctl00_pnlPage" class="page">
<div id="header"><a id="ctl00_hlLogo" href="Default.aspx"><img id="ctl00_imgLogo" src="Images/logo.gif" alt="{e(chrome.site)}" /></a>
<div id="ctl00_pnlSearch" class="search" onkeypress="javascript:return WebForm_FireDefaultButton(event, 'ctl00_btnSearch')"><input name="ctl00$txtSearch" type="text" id="ctl00_txtSearch" /><input type="submit" name="ctl00$btnSearch" value="Search" id="ctl00_btnSearch" /></div>
<div id="ctl00_menu" class="menu">{links(chrome.menu, '<a href="Section.aspx?id={n}" class="ctl00_menu_1">{t}</a> | ')}</div></div>
<div id="content"><div id="ctl00_ContentPlaceHolder1_pnlNews" class="news-detail">
<{headline_tag} class="news-title"><span id="ctl00_ContentPlaceHolder1_lblTitle">{e(story.title)}</span></{headline_tag}>
<span id="ctl00_ContentPlaceHolder1_lblDate" class="date">{dotted(story.date)}</span>
<div class="text"><span id="ctl00_ContentPlaceHolder1_lblText">{render_body(story)}</span></div>
<a id="ctl00_ContentPlaceHolder1_hlBack" href="NewsList.aspx">&lt;&lt; Back to news</a>
</div>
<div id="ctl00_ContentPlaceHolder1_pnlOther" class="other-news"><h3>{e(chrome.related_label)}</h3>{links(chrome.related[:4], '<div><a id="ctl00_ContentPlaceHolder1_rptOther_ctl0{n}_hl" href="NewsDetail.aspx?id={n}">{t}</a></div>')}</div></div>
<div id="footer">{subscribe}<span id="ctl00_lblCopyright">{e(chrome.footer)}</span></div></div>"""
    head = '<link href="App_Themes/Default/style.css" type="text/css" rel="stylesheet" />'
    return doc(
        f"{chrome.site} - {story.title}",
        _aspnet_form("./NewsDetail.aspx?id=5812", inner),
        lang=story.lang,
        head=head,
    )


def aspnet_results(story: Story, chrome: Chrome, **_) -> str:
    """An ASP.NET sports site in tables: layout table, GridView of results, the article in a td."""
    text = render_body(story, table_class="grid").replace(
        '<table class="grid">',
        '<table class="grid" cellspacing="0" rules="all" border="1" id="ctl00_cph_gvResults" style="border-collapse:collapse;">',
    )
    inner = f"""<table id="layout" width="980" cellpadding="0" cellspacing="0" align="center">
<tr><td colspan="3" class="top"><a href="Default.aspx"><img src="img/top.jpg" alt="{e(chrome.site)}" /></a></td></tr>
<tr><td colspan="3" class="menu"><table cellpadding="4"><tr>{links(chrome.menu, '<td><a href="Page.aspx?p={n}">{t}</a></td>')}</tr></table></td></tr>
<tr><td width="180" valign="top" class="left"><div class="box"><b>Latest</b><br />{links(chrome.related[:3], '<a href="Story.aspx?id={n}">{t}</a><br />')}</div><div class="box">Poll: who will win the cup?<br /><input type="radio" name="ctl00$poll" value="1" />Astana<br /><input type="radio" name="ctl00$poll" value="2" />Tobol<br /><input type="submit" name="ctl00$btnVote" value="Vote" /></div></td>
<td valign="top" class="main"><div class="story">
<h1 id="ctl00_cph_hTitle">{e(story.title)}</h1>
<p class="byline"><span id="ctl00_cph_lblAuthor">{e(story.author)}</span> &middot; <span id="ctl00_cph_lblDate">{human_date(story.date, story.lang)}</span></p>
{text}
</div></td>
<td width="160" valign="top" class="right"><div class="ad"><a href="Ads.aspx?id=7"><img src="img/banner160.gif" alt="Advertisement" /></a></div></td></tr>
<tr><td colspan="3" class="bottom">{e(chrome.footer)}</td></tr></table>"""
    return doc(
        f"{story.title} :: {chrome.site}", _aspnet_form("./Story.aspx?id=20481", inner), lang=story.lang
    )


def aspnet_portal(story: Story, chrome: Chrome, **_) -> str:
    """A government-style ASP.NET portal (SharePoint-like): rich-text field inside zones, left nav."""
    inner = f"""<div id="s4-workspace"><div id="s4-bodyContainer">
<div id="s4-titlerow" class="ms-dialogHidden"><div class="s4-title-inner"><a href="/" id="ctl00_onetidProjectPropertyTitleGraphic"><img src="/_layouts/images/logo.png" alt="{e(chrome.site)}" /></a><h2 class="s4-title-text">{e(chrome.site)}</h2></div></div>
<div id="s4-topheader2" class="s4-pr s4-notdlg"><div class="s4-lp s4-toplinks"><div id="zz1_TopNavigationMenuV4" class="s4-tn"><div class="menu horizontal menu-horizontal"><ul class="root static">{links(chrome.menu, '<li class="static"><a class="static menu-item" href="/Pages/{n}.aspx"><span class="additional-background"><span class="menu-item-text">{t}</span></span></a></li>')}</ul></div></div></div></div>
<div id="s4-mainarea" class="s4-pr s4-widecontentarea"><div id="s4-leftpanel" class="s4-notdlg"><div class="ms-quicklaunchouter"><div class="ms-quickLaunch"><ul class="root static">{links(chrome.related[:4], '<li class="static"><a class="static menu-item" href="/news/Pages/{n}.aspx">{t}</a></li>')}</ul></div></div></div>
<div class="s4-ca s4-ca-dlgNoRibbon" id="MSO_ContentTable"><div class="article article-right"><div class="date-line">{dotted(story.date)}</div>
<h1 class="ms-rteElement-H1">{e(story.title)}</h1>
<div id="ctl00_PlaceHolderMain_ctl01__ControlWrapper_RichHtmlField" class="ms-rtestate-field" style="display:inline" aria-labelledby="ctl00_PlaceHolderMain_ctl01_label">{render_body(story)}</div>
<div class="captioned-image"></div></div></div></div>
<div class="footer"><p>{e(chrome.footer)}</p></div></div></div>"""
    return doc(f"{story.title}", _aspnet_form("/news/Pages/article.aspx", inner), lang=story.lang)


def html4_tables(story: Story, chrome: Chrome, **_) -> str:
    """Hand-written HTML 4 of the 2000s: nested layout tables, <font>, upper-case tags, unclosed <P>."""
    text = render_body(story, "p4")
    menu = "".join(f'<A HREF="/{i}.htm" CLASS="m">{e(t)}</A><BR>' for i, t in enumerate(chrome.menu))
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<HTML>
<HEAD>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1251">
<TITLE>{e(chrome.site)} :: {e(story.title)}</TITLE>
<LINK REL="stylesheet" HREF="/style.css" TYPE="text/css">
</HEAD>
<BODY BGCOLOR="#FFFFFF" TOPMARGIN="0" LEFTMARGIN="0" MARGINWIDTH="0" MARGINHEIGHT="0">
<TABLE WIDTH="100%" BORDER="0" CELLSPACING="0" CELLPADDING="0">
<TR><TD COLSPAN="3" BGCOLOR="#003366" HEIGHT="80"><IMG SRC="/img/logo.gif" WIDTH="300" HEIGHT="80" ALT="{e(chrome.site)}"></TD></TR>
<TR><TD WIDTH="160" VALIGN="TOP" BGCOLOR="#EEEEEE"><FONT FACE="Verdana" SIZE="2">{menu}</FONT></TD>
<TD WIDTH="10"><IMG SRC="/img/1x1.gif" WIDTH="10" HEIGHT="1"></TD>
<TD VALIGN="TOP"><FONT FACE="Arial, Helvetica" SIZE="2">
<FONT COLOR="#999999">{dotted(story.date)}</FONT><BR>
<FONT SIZE="4"><B>{e(story.title)}</B></FONT><BR><BR>
{text}
<P><A HREF="/news.htm">&lt;&lt; {e(chrome.menu[1])}</A>
</FONT></TD></TR>
<TR><TD COLSPAN="3" ALIGN="CENTER"><HR SIZE="1" NOSHADE><FONT SIZE="1">{e(chrome.footer)}</FONT></TD></TR>
</TABLE>
</BODY>
</HTML>
"""


def html4_center(story: Story, chrome: Chrome, **_) -> str:
    """A hand-written page with <center>, <hr>, a text column table and a link list after the text."""
    text = render_body(story, "p4")
    return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{e(story.title)}</title>
</head>
<body bgcolor="#f5f5dc" link="#003399">
<center><font size="5" face="Times New Roman"><b>{e(chrome.site)}</b></font><br>
<font size="2">{" &middot; ".join(f'<a href="/{i}.html">{e(t)}</a>' for i, t in enumerate(chrome.menu))}</font></center>
<hr width="80%">
<table width="700" align="center" cellpadding="8"><tr><td>
<h2 align="center">{e(story.title)}</h2>
<div align="right"><i>{human_date(story.date, story.lang)}</i></div>
{text}
<hr>
<font size="2"><b>{e(chrome.related_label)}:</b><br>
{links(chrome.related[:4], '&raquo; <a href="/arch/{n}.html">{t}</a><br>')}
</font>
</td></tr></table>
<center><font size="1">{e(chrome.footer)}</font></center>
</body>
</html>
"""


def amp(story: Story, chrome: Chrome, *, cookie: bool = True, **_) -> str:
    """An AMP article: amp-img, amp-social-share, amp-ad, amp-consent, amp-sidebar menu."""
    consent = (
        f'<amp-consent id="consent" layout="nodisplay"><script type="application/json">{{"consentInstanceId": "site-consent"}}</script><div id="consent-ui" class="consent-ui"><p>{e(chrome.cookie)}</p><button on="tap:consent.accept">Accept</button><button on="tap:consent.reject">Reject</button></div></amp-consent>'
        if cookie
        else ""
    )
    share = "".join(
        f'<amp-social-share type="{s.lower()}" width="40" height="40" aria-label="{e(s)}"></amp-social-share>'
        for s in chrome.share[1:]
    )
    head = f"""<script async src="https://cdn.ampproject.org/v0.js"></script>
<script async custom-element="amp-social-share" src="https://cdn.ampproject.org/v0/amp-social-share-0.1.js"></script>
<link rel="canonical" href="https://{chrome.site.lower().replace(" ", "")}.kz/news/{story.key}">
<style amp-boilerplate>body{{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both}}</style>
<style amp-custom>.article-body p{{font-size:18px}}</style>"""
    body = f"""<amp-sidebar id="sidebar" layout="nodisplay" side="left"><ul>{links(chrome.menu, '<li><a href="/{n}">{t}</a></li>')}</ul></amp-sidebar>
<header class="amp-header"><button on="tap:sidebar.toggle" class="hamburger">&#9776;</button><a href="/" class="brand">{e(chrome.site)}</a></header>
<main><article class="amp-article">
<header class="article-header"><h1>{e(story.title)}</h1><div class="meta"><time datetime="{story.date}T09:00:00+05:00">{human_date(story.date, story.lang)}</time></div></header>
<amp-img src="/img/{story.key}.jpg" width="1200" height="800" layout="responsive" alt=""></amp-img>
<div class="share-bar">{share}</div>
<div class="article-body">
{render_body(story)}
</div>
<amp-ad width="300" height="250" type="adsense" data-ad-client="ca-pub-0000" data-ad-slot="1"></amp-ad>
<section class="related"><h2>{e(chrome.related_label)}</h2><ul>{links(chrome.related[:3], '<li><a href="/amp/news/{n}">{t}</a></li>')}</ul></section>
</article></main>
<footer class="amp-footer"><p>{e(chrome.footer)}</p></footer>
{consent}"""
    return doc(story.title, body, lang=story.lang, head=head, html_attrs=" ⚡")


def react_jsonld(story: Story, chrome: Chrome, **_) -> str:
    """A React news site: hashed class names, JSON-LD NewsArticle with articleBody, a cookie banner."""
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": story.title,
        "datePublished": f"{story.date}T10:00:00+06:00",
        "inLanguage": story.lang,
        "articleBody": "\n".join(story.expected_lines()),
        "publisher": {"@type": "Organization", "name": chrome.site},
    }
    ld_text = json.dumps(ld, ensure_ascii=False).replace("</", "<\\/")
    text = render_body(story).replace("<p>", '<p class="sc-a1b2c3-0 kXyZpQ">')
    body = f"""<div id="root"><div class="sc-fzXfMv App__Wrapper-sc-1q8r6e9-0 gHmJvZ">
<header class="sc-bdVaJa Header__Bar-sc-9x1k2a-0 cYhTqP"><a class="Logo-sc-1s2x3y-0" href="/">{e(chrome.site)}</a><nav class="sc-htpNat NavList-sc-7k3m1p-0">{links(chrome.menu, '<a class="NavLink-sc-3k2m1p-0 bFqWzE" href="/section/{n}">{t}</a>')}</nav></header>
<main class="sc-bxivhb Layout__Main-sc-1h2j3k-0 eTpRqN"><div class="sc-ifAKCX ArticlePage__Container-sc-5t6y7u-0">
<div class="Breadcrumbs-sc-2w3e4r-0"><a href="/">{e(chrome.menu[0])}</a><span>/</span><a href="/news">{e(chrome.menu[1])}</a></div>
<h1 class="sc-EHOje Headline-sc-1a2s3d-0 hQwErT">{e(story.title)}</h1>
<div class="Meta-sc-4f5g6h-0"><span class="Date-sc-8j9k0l-0">{human_date(story.date, story.lang)}</span><span class="Reading-sc-8j9k0l-1">4 min</span></div>
<div class="sc-bZQynM ArticleBody-sc-6h7j8k-0 dKmNbV">
{text}
</div>
<div class="ShareBar-sc-0p9o8i-0">{"".join(f'<button class="ShareButton-sc-0p9o8i-1" aria-label="{e(s)}">{e(s)}</button>' for s in chrome.share)}</div>
<aside class="MoreNews-sc-5r4e3w-0"><h2 class="MoreNews__Title-sc-5r4e3w-1">{e(chrome.related_label)}</h2>{links(chrome.related[:4], '<a class="Card-sc-2q3w4e-0" href="/news/{n}"><span class="Card__Title-sc-2q3w4e-1">{t}</span></a>')}</aside>
</div></main>
<footer class="Footer-sc-9i8u7y-0"><p>{e(chrome.footer)}</p></footer>
<div class="CookieBanner-sc-1z2x3c-0 fHgJkL" role="dialog"><p>{e(chrome.cookie)}</p><button>OK</button></div>
</div></div>"""
    head = f'<script type="application/ld+json">{ld_text}</script>'
    return doc(f"{story.title} — {chrome.site}", body, lang=story.lang, head=head)


def nextjs(story: Story, chrome: Chrome, *, newsletter: bool = True, **_) -> str:
    """A Next.js site: div#__next, tailwind classes, a newsletter form mid-article, __NEXT_DATA__."""
    half = max(1, len(story.body) // 2)
    first = Story(**{**story.__dict__, "body": story.body[:half]})
    second = Story(**{**story.__dict__, "body": story.body[half:], "lead": ""})
    box = (
        f'<div class="my-8 rounded-lg bg-slate-100 p-6"><p class="text-lg font-semibold">{e(chrome.newsletter)}</p><form class="mt-4 flex gap-2"><input type="email" class="flex-1 rounded border px-3 py-2" placeholder="email@example.com"><button class="rounded bg-blue-600 px-4 py-2 text-white">OK</button></form></div>'
        if newsletter
        else ""
    )
    data = json.dumps(
        {
            "props": {"pageProps": {"slug": story.key, "lang": story.lang}},
            "page": "/news/[slug]",
            "buildId": "x7Yk2",
        }
    )
    body = f"""<div id="__next"><div class="flex min-h-screen flex-col">
<header class="sticky top-0 z-50 border-b bg-white"><div class="container mx-auto flex h-16 items-center justify-between px-4"><a class="text-xl font-bold" href="/">{e(chrome.site)}</a><nav class="hidden gap-6 md:flex">{links(chrome.menu, '<a class="text-sm hover:underline" href="/c/{n}">{t}</a>')}</nav></div></header>
<main class="container mx-auto flex-1 px-4 py-8"><div class="grid grid-cols-12 gap-8"><article class="col-span-12 lg:col-span-8">
<p class="text-sm uppercase text-slate-500">{e(chrome.menu[1])} · {human_date(story.date, story.lang)}</p>
<h1 class="mt-2 text-4xl font-extrabold leading-tight">{e(story.title)}</h1>
<div class="prose prose-lg mt-6 max-w-none">
{render_body(first)}
{box}
{render_body(second)}
</div></article>
<aside class="col-span-12 lg:col-span-4"><h2 class="text-lg font-bold">{e(chrome.related_label)}</h2><ul class="mt-4 space-y-3">{links(chrome.related, '<li><a class="font-medium hover:underline" href="/news/{n}">{t}</a></li>')}</ul></aside></div></main>
<footer class="border-t py-6 text-center text-sm text-slate-500">{e(chrome.footer)}</footer></div></div>
<script id="__NEXT_DATA__" type="application/json">{data}</script>"""
    return doc(f"{story.title} | {chrome.site}", body, lang=story.lang)
