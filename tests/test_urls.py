"""Canonical URLs: one identity per article, whatever link led to it."""

from __future__ import annotations

import pytest

from archive.extract.urls import canonicalize_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # trailing slash: one policy
        ("https://assembly.kz/ru/news/slug", "https://assembly.kz/ru/news/slug/"),
        ("https://assembly.kz/ru/news/slug/", "https://assembly.kz/ru/news/slug/"),
        ("https://assembly.kz/ru/news/slug//", "https://assembly.kz/ru/news/slug/"),
        ("https://assembly.kz", "https://assembly.kz/"),
        ("https://assembly.kz/", "https://assembly.kz/"),
        ("https://www.zakon.kz/6012345-slug.html", "https://www.zakon.kz/6012345-slug.html"),
        ("https://www.zakon.kz/6012345-slug.html/", "https://www.zakon.kz/6012345-slug.html"),
        (
            "https://x.kz/news/m.kh.dulati",
            "https://x.kz/news/m.kh.dulati/",
        ),  # a dot is not an extension
        # tracking parameters
        (
            "https://assembly.kz/ru/news/slug/?utm_source=main&utm_medium=banner",
            "https://assembly.kz/ru/news/slug/",
        ),
        (
            "https://assembly.kz/ru/news/slug?UTM_Campaign=x&fbclid=IwAR0",
            "https://assembly.kz/ru/news/slug/",
        ),
        (
            "https://tengrinews.kz/kazakhstan_news/slug-123/?gclid=a&yclid=b&_openstat=c&from=d&ref=e&share=f",
            "https://tengrinews.kz/kazakhstan_news/slug-123/",
        ),
        # print variants
        ("https://assembly.kz/ru/news/slug/?print=Y", "https://assembly.kz/ru/news/slug/"),
        (
            "https://assembly.kz/ru/news/slug/?print=1&utm_source=x",
            "https://assembly.kz/ru/news/slug/",
        ),
        ("https://assembly.kz/ru/news/slug/print", "https://assembly.kz/ru/news/slug/"),
        ("https://assembly.kz/ru/news/slug/print/", "https://assembly.kz/ru/news/slug/"),
        ("https://assembly.kz/print/node/4512", "https://assembly.kz/node/4512/"),
        ("https://assembly.kz/ru/print/node/4512", "https://assembly.kz/ru/node/4512/"),
        ("https://assembly.kz/printpdf/4512", "https://assembly.kz/node/4512/"),
        ("https://assembly.kz/node/4512", "https://assembly.kz/node/4512/"),
        # AMP
        ("https://www.inform.kz/ru/slug_a3841234/amp", "https://www.inform.kz/ru/slug_a3841234/"),
        ("https://www.inform.kz/ru/slug_a3841234/amp/", "https://www.inform.kz/ru/slug_a3841234/"),
        ("https://www.inform.kz/ru/slug_a3841234?amp", "https://www.inform.kz/ru/slug_a3841234/"),
        # fragment, case, port
        ("https://assembly.kz/ru/news/slug/#comments", "https://assembly.kz/ru/news/slug/"),
        ("HTTPS://Assembly.KZ:443/ru/news/Slug/", "https://assembly.kz/ru/news/Slug/"),
        ("http://assembly.kz:80/ru/news/slug", "http://assembly.kz/ru/news/slug/"),
        ("http://127.0.0.1:8765/ru/news/slug?utm_source=a", "http://127.0.0.1:8765/ru/news/slug/"),
        # scheme and www. stay as they are
        ("http://www.assembly.kz/ru/news/slug/", "http://www.assembly.kz/ru/news/slug/"),
        # remaining parameters sorted, kept
        ("https://x.kz/?p=15951&fbclid=abc", "https://x.kz/?p=15951"),
        ("https://x.kz/list/?b=2&a=1", "https://x.kz/list/?a=1&b=2"),
        ("https://assembly.kz/ru/news/?PAGEN_1=2", "https://assembly.kz/ru/news/?PAGEN_1=2"),
        ("https://x.kz/news/?utm_source=a", "https://x.kz/news/"),
        # one spelling of non-ASCII paths
        (
            "https://taraz-ank.kz/kk/Қазақ",
            "https://taraz-ank.kz/kk/%D2%9A%D0%B0%D0%B7%D0%B0%D2%9B/",
        ),
        (
            "https://taraz-ank.kz/kk/%d2%9a%d0%b0%d0%b7%d0%b0%d2%9b",
            "https://taraz-ank.kz/kk/%D2%9A%D0%B0%D0%B7%D0%B0%D2%9B/",
        ),
    ],
)
def test_canonicalize(url, expected):
    assert canonicalize_url(url) == expected


def test_idempotent():
    for url in (
        "https://assembly.kz/ru/news/slug?utm_source=a&x=1#top",
        "http://old.kz/search?q=%C0%CD%CA+x",  # a windows-1251 escape keeps its bytes
        "https://taraz-ank.kz/kk/Қазақ",
    ):
        once = canonicalize_url(url)
        assert canonicalize_url(once) == once


def test_cp1251_query_keeps_its_bytes():
    assert canonicalize_url("http://old.kz/search?q=%C0%CD%CA") == "http://old.kz/search/?q=%C0%CD%CA"


def test_listing_links_of_the_replica_fold_together():
    links = [
        "https://assembly.kz/ru/news/v-taraze/",
        "https://assembly.kz/ru/news/v-taraze",
        "https://assembly.kz/ru/news/v-taraze/?utm_source=main&utm_medium=banner",
        "https://assembly.kz/ru/news/v-taraze/?print=Y",
    ]
    assert {canonicalize_url(u) for u in links} == {"https://assembly.kz/ru/news/v-taraze/"}
