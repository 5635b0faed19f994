"""The link finder: a listing's own article links, on both replicas of each site and on trap pages."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from archive.extract.listing_links import (
    FALLBACK,
    HEADED_BLOCK,
    OUTSIDE_DENSEST,
    PAGE_CHROME,
    REPEATED,
    SELECTOR,
    find_listing_links,
    is_chrome_heading,
    link_key,
)
from archive.sources import load_sources
from replicas.assembly_site import PAGE_SIZE as ASSEMBLY_PAGE_SIZE
from replicas.assembly_site import AssemblySite
from replicas.inform_site import PAGE_SIZE as INFORM_PAGE_SIZE
from replicas.inform_site import InformSite
from replicas.taraz_site import PAGE_SIZE as TARAZ_PAGE_SIZE
from replicas.taraz_site import TarazSite
from replicas.variants import VARIANTS

SOURCES = load_sources()


def walk(name: str, site, pages: list[tuple[str, list[str]]], selector: str | None = None):
    """Each listing page read in turn as the spider reads them, the candidates of the pages before
    handed back; yields (path, keys found, keys expected, result)."""
    source = SOURCES[name]
    earlier = []
    for path, expected_links in pages:
        status, _, body = site.handle(path)
        assert status == 200, path
        found = find_listing_links(
            body,
            source.base_url + path,
            source.article_pattern,
            hosts=source.site_hosts,
            selector=source.listing_selector if selector is None else selector,
            earlier_pages=earlier,
        )
        earlier.append(found.candidates)
        yield path, [link_key(u) for u in found.links], [link_key(u) for u in expected_links], found


def first_replica_pages(name: str, site) -> list[tuple[str, list[str]]]:
    """The listing pages of today's replica of `name` with the links each gives its own items."""
    source, pages = SOURCES[name], []
    for lang in source.listings:
        if name == "assembly":
            items = [a for a in site.articles if a.listing == lang]
            links, size = [a.listing_href for a in items], ASSEMBLY_PAGE_SIZE
        elif name == "inform":
            links, size = [site._link(s) for s in site.listed(lang)], INFORM_PAGE_SIZE
        else:
            links, size = [quote(site.path(s)) for s in site.listed(lang)], TARAZ_PAGE_SIZE
        for number in range(1, -(-len(links) // size) + 1):
            path = source.listing_url(lang, number)[len(source.base_url) :]
            pages.append((path, links[(number - 1) * size : number * size]))
    return pages


@pytest.mark.parametrize("selector", [None, ""], ids=["stock selector", "no selector"])
@pytest.mark.parametrize(
    "name, make", [("assembly", AssemblySite), ("inform", InformSite), ("taraz-ank", TarazSite)]
)
def test_todays_replicas_give_exactly_their_listed_articles(name, make, selector):
    site = make()
    for path, found, expected, result in walk(name, site, first_replica_pages(name, site), selector):
        assert found == expected, path
        assert result.method == (
            SELECTOR if SOURCES[name].listing_selector and selector is None else FALLBACK
        )


def test_the_sidebar_of_todays_inform_replica_is_left_out_as_page_chrome():
    site = InformSite()
    _, _, _, result = next(walk("inform", site, first_replica_pages("inform", site)))
    sidebar = {link_key(site.path(s)) for s in site.stories if not s.topic}
    assert {link_key(u) for u in result.left_out[PAGE_CHROME]} == sidebar
    assert sidebar <= {link_key(u) for u in result.candidates}


@pytest.mark.parametrize("name", ["assembly", "inform", "taraz-ank"])
def test_second_replicas_give_exactly_their_listed_articles_by_fallback(name):
    variant = VARIANTS[name]()
    pages = [(page.path, list(page.articles)) for page in variant.listing_pages()]
    for path, found, expected, result in walk(name, variant, pages):
        assert found == expected, path
        assert result.method == FALLBACK
        off_topic = {link_key(p) for p in variant.never_requested()}
        assert off_topic & {link_key(u) for u in result.candidates}, "the page offers no trap"


def test_the_assembly_variants_most_read_box_is_a_headed_block_and_its_menu_page_chrome():
    variant = VARIANTS["assembly"]()
    _, _, _, result = next(walk("assembly", variant, [("/ru/news/", [])]))
    assert {link_key(u) for u in result.left_out[HEADED_BLOCK]} == {
        link_key(variant.path(s)) for s in variant.others if s.lang == "ru" and not s.extra.get("pinned")
    }
    assert [link_key(u) for u in result.left_out[PAGE_CHROME]] == ["/ru/news/ob-assamblee/"]


# -- pages made to trap it -------------------------------------------------------------------------

PATTERN = r"^/news/[a-z0-9-]+/?$"
URL = "https://example.kz/news/"


def page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>Новости</title></head><body>{body}</body></html>"


def items(*slugs: str, words: str = "Заседание совета прошло в области") -> str:
    return "".join(
        f'<div class="item"><a href="/news/{slug}/">{words} {slug}</a><p>12.03.2021</p></div>'
        for slug in slugs
    )


def keys(result) -> list[str]:
    return [link_key(u) for u in result.links]


LISTED = [f"a{n}" for n in range(1, 7)]
LISTED_KEYS = [f"/news/{slug}/" for slug in LISTED]


@pytest.mark.parametrize(
    "heading",
    [
        "<h3>Сейчас читают</h3>",
        "<h2>Самое популярное за неделю:</h2>",
        '<div class="t"><span>Қазір оқылуда</span></div>',
        "<h4>MOST READ</h4>",
        "<strong>Читайте также</strong>",
        "<h3>Related news</h3>",
        "<h3>Көп оқылғандар</h3>",
    ],
)
def test_a_block_headed_as_other_news_is_left_out_wherever_it_sits(heading):
    html = page(
        f'<div class="col">{items(*LISTED)}</div><div class="box">{heading}<ul>{items("x1", "x2")}</ul></div>'
    )
    result = find_listing_links(html, URL, PATTERN)
    assert keys(result) == LISTED_KEYS
    assert sorted(link_key(u) for u in result.left_out[HEADED_BLOCK]) == ["/news/x1/", "/news/x2/"]


def test_a_heading_governs_the_cards_after_it_up_to_the_next_heading_of_its_rank():
    html = page(
        f"<main><h2>Популярное</h2>{items('x1', 'x2')}<h2>Новости Ассамблеи</h2>{items(*LISTED)}</main>"
    )
    assert keys(find_listing_links(html, URL, PATTERN)) == LISTED_KEYS


def test_a_label_heads_only_the_first_block_after_it():
    html = page(f'<div class="lbl">Популярное</div><ul>{items("x1", "x2")}</ul><div>{items(*LISTED)}</div>')
    assert keys(find_listing_links(html, URL, PATTERN)) == LISTED_KEYS


@pytest.mark.parametrize(
    "text", ["Новости", "Ассамблея народа Казахстана", "Популярная певица выступила в Таразе", ""]
)
def test_headlines_and_section_names_are_not_chrome_headings(text):
    assert not is_chrome_heading(text)


def test_a_header_inside_an_article_card_is_the_cards_own():
    cards = "".join(
        f'<article class="post hentry"><header class="entry-header"><h2 class="entry-title">'
        f'<a href="/news/{slug}/">Title {slug}</a></h2></header></article>'
        for slug in LISTED
    )
    html = page(
        f'<header class="site"><nav><a href="/news/about/">О нас</a></nav></header><main>{cards}</main>'
    )
    result = find_listing_links(html, URL, PATTERN)
    assert keys(result) == LISTED_KEYS
    assert [link_key(u) for u in result.left_out[PAGE_CHROME]] == ["/news/about/"]


def test_landmark_roles_count_as_chrome():
    html = page(f'<div role="complementary">{items("x1")}</div><div role="main">{items(*LISTED)}</div>')
    assert keys(find_listing_links(html, URL, PATTERN)) == LISTED_KEYS


def test_a_box_of_other_links_beside_the_list_without_any_sign_loses_to_the_densest_block():
    html = page(f'<div class="l">{items(*LISTED)}</div><div class="r">{items("x1", "x2", "x3")}</div>')
    result = find_listing_links(html, URL, PATTERN)
    assert keys(result) == LISTED_KEYS
    assert len(result.left_out[OUTSIDE_DENSEST]) == 3


def test_a_listed_story_also_in_the_box_beside_the_list_stays():
    html = page(f'<div class="l">{items(*LISTED)}</div><div class="r">{items("a2", "x1", "x2")}</div>')
    assert keys(find_listing_links(html, URL, PATTERN)) == LISTED_KEYS


def test_a_lead_story_beside_the_list_stays():
    lead = '<div class="lead"><a href="/news/lead/">Главное событие недели в Доме дружбы</a></div>'
    html = page(f'<div class="content">{lead}<div class="list">{items(*LISTED)}</div></div>')
    assert keys(find_listing_links(html, URL, PATTERN)) == ["/news/lead/", *LISTED_KEYS]


def test_cards_linking_two_articles_each_are_all_kept():
    cards = "".join(
        f'<p><a href="/news/{s}/">Headline of {s} here</a> <a href="/news/{s}-2/">More on {s} now</a></p>'
        for s in LISTED
    )
    result = find_listing_links(page(f'<div class="list">{cards}</div>'), URL, PATTERN)
    assert len(result.links) == 12


def test_links_seen_on_two_earlier_listing_pages_are_chrome():
    box = f'<div class="r">{items("x1", "x2", words="Погода")}</div>'
    earlier = [["https://example.kz/news/x1/", "/news/x2"], ["https://www.example.kz/news/x1", "/news/x2/"]]
    html = page(f'<div class="l">{items("a1", "a2")}</div>{box}')
    result = find_listing_links(html, URL, PATTERN, earlier_pages=earlier)
    assert keys(result) == ["/news/a1/", "/news/a2/"]
    assert sorted(link_key(u) for u in result.left_out[REPEATED]) == ["/news/x1/", "/news/x2/"]
    once = find_listing_links(html, URL, PATTERN, earlier_pages=earlier[:1])
    assert REPEATED not in once.left_out


def test_inside_main_when_main_holds_most_of_the_articles():
    html = page(f"<div>{items('x1')}</div><main>{items(*LISTED)}</main>")
    assert keys(find_listing_links(html, URL, PATTERN)) == LISTED_KEYS


def test_the_selector_is_a_hint_used_when_it_gives_links():
    html = page(
        f'<div class="news">{items("a1", "a2")}</div><div class="other">{items("b1", "b2", "b3")}</div>'
    )
    hinted = find_listing_links(html, URL, PATTERN, selector=".news")
    assert (keys(hinted), hinted.method) == (["/news/a1/", "/news/a2/"], SELECTOR)
    for selector in (".no-such-class", "div[", ".other a[href*=nothing]"):
        fallback = find_listing_links(html, URL, PATTERN, selector=selector)
        assert fallback.method == FALLBACK
        assert keys(fallback) == ["/news/b1/", "/news/b2/", "/news/b3/"]


def test_chrome_inside_the_selector_is_still_left_out():
    html = page(
        f'<div class="wrap"><div class="list">{items("a1", "a2")}</div><aside>{items("x1")}</aside></div>'
    )
    assert keys(find_listing_links(html, URL, PATTERN, selector=".wrap")) == ["/news/a1/", "/news/a2/"]


def test_only_the_sites_own_hosts_count_and_each_article_comes_once_in_its_first_spelling():
    links = (
        '<a href="https://www.example.kz/news/a1?utm_source=tg">A1 headline words here</a>'
        '<a href="http://example.kz/news/a1/">A1 again</a>'
        '<a href="https://mirror.kz/news/a2/">A2 on the old domain</a>'
        '<a href="https://other.kz/news/a3/">A3 elsewhere</a>'
        '<a href="//example.kz:8080/news/a4/">A4 on another port</a>'
        '<a href="/news/a5/#comments">A5</a><a href="mailto:x@example.kz">mail</a>'
    )
    result = find_listing_links(page(f"<div>{links}</div>"), URL, PATTERN, hosts=["mirror.kz"])
    assert list(result.links) == [
        "https://www.example.kz/news/a1?utm_source=tg",
        "https://mirror.kz/news/a2/",
        "https://example.kz/news/a5/",
    ]


def test_a_base_element_and_bytes_in_windows_1251():
    body = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        '<base href="https://example.kz/news/"></head><body><a href="a1/">Заседание совета</a></body></html>'
    ).encode("cp1251")
    result = find_listing_links(body, "https://example.kz/ru/", PATTERN)
    assert list(result.links) == ["https://example.kz/news/a1/"]


def test_an_empty_page_has_no_links():
    assert find_listing_links("", URL, PATTERN).links == ()
    assert find_listing_links(page(""), URL, PATTERN).to_dict() == {
        "links": [],
        "method": FALLBACK,
        "candidates": [],
        "left_out": {},
    }
