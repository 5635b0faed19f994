"""Hostile pages: every failure is an ExtractionError with a reason, none takes long, none is lost."""

from __future__ import annotations

import os
import resource
import time

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.settings import Settings

from archive.extract import ExtractionError, extract_article
from archive.extract.errors import TOO_DEEP, TOO_LARGE, UNREADABLE
from archive.sources import load_sources
from crawler.middlewares import PageKeepingMetaRefreshMiddleware
from tests.hostile_pages import TEXT, article_page, hostile_pages

FETCHED_AT = "2026-11-22T00:00:00Z"
URL = "https://assembly.kz/ru/news/zasedanie/"
FUZZ_PAGES = int(os.environ.get("APKNEWS_STRESS_PAGES", "2000"))  # `make stress`: 20,000
SOURCES = load_sources()


def extract(body: bytes, url: str = URL, source: str = "assembly", content_type=None):
    return extract_article(
        body,
        url=url,
        source=SOURCES.get(source, SOURCES["assembly"]),
        fetched_at=FETCHED_AT,
        content_type=content_type,
    )


@pytest.mark.parametrize(
    "head, body",
    [
        ("", '<img src="http://[x">'),
        ('<meta property="og:image" content="http://[x">', ""),
        ('<link rel="alternate" hreflang="kk" href="http://[x/kk">', ""),
        ("", '<aside>x</aside>\x01<div class="share">y</div>\x0b'),
        ("", "<p>\x00\x1f\ufffe</p>"),
        ('<meta http-equiv="refresh" content="0; url=javascript:alert(1)">', ""),
        ("", '<p><a href="http://[x">Читать далее</a></p>'),
    ],
    ids=["img", "og-image", "alternate", "control-by-dropped", "control", "refresh", "closing-link"],
)
def test_a_broken_part_does_not_lose_the_article(head, body):
    article = extract(article_page(head, body).encode())
    assert article.title == "Заголовок статьи"
    assert "Ассамблея народа Казахстана провела заседание" in article.text


def test_a_broken_alternate_link_is_left_out_and_a_good_one_kept():
    head = '<link rel="alternate" hreflang="kk" href="http://[x">'
    head += '<link rel="alternate" hreflang="en" href="/en/news/x/">'
    assert extract(article_page(head).encode()).alternates == ["https://assembly.kz/en/news/x/"]


def test_text_below_the_parser_depth_limit_is_a_reason_not_a_silent_loss():
    deep = "<div>" * 10_000 + TEXT + "</div>" * 10_000
    with pytest.raises(ExtractionError) as failure:
        extract(article_page(body=deep).encode())
    assert failure.value.reason == TOO_DEEP and failure.value.lasting


def test_a_page_nested_within_the_limit_still_gives_its_article():
    nested = "<div>" * 200 + "<p>Вложенный абзац статьи.</p>" + "</div>" * 200
    assert "Вложенный абзац статьи." in extract(article_page(body=nested).encode()).text


def timed(body: bytes):
    """The extraction and the CPU seconds it took: a guard against work growing with the square of
    the page (minutes before), not a speed figure; CPU time, so that a loaded machine does not count."""
    started = time.process_time()
    try:
        return extract(body), time.process_time() - started
    except ExtractionError as exc:
        return exc, time.process_time() - started


def test_a_5_mb_page_of_110k_attributes_is_refused_as_too_large_at_once():
    spans = "".join(
        f'<span class="c{i % 9}" data-i="{i}" title="слово {i}" lang="ru" dir="ltr">слово номер {i} </span>'
        for i in range(22_000)
    )
    body = article_page(body=f"<p>{spans}</p>" + "<!-- padding -->" * 200_000).encode()
    assert len(body) > 5_000_000
    result, seconds = timed(body)  # was 92 s inside the crawler's event loop
    assert isinstance(result, ExtractionError) and result.reason == TOO_LARGE, result
    assert seconds < 3


def test_a_paragraph_of_40k_spans_is_read_in_seconds_not_minutes():
    spans = "".join(f'<span class="s" data-i="{i}">слово{i}</span> ' for i in range(40_000))
    article, seconds = timed(article_page(body=f"<p>{spans}</p>").encode())  # was 108 s
    assert not isinstance(article, ExtractionError), article
    assert "слово39999" in article.text and seconds < 10


def test_one_tag_with_40k_attributes_loses_them_and_the_page_is_read_at_once():
    attributes = " ".join(f'a{i}="{i}"' for i in range(40_000))
    article, seconds = timed(article_page(body=f"<div {attributes}>Подпись</div>").encode())  # was 49 s
    assert not isinstance(article, ExtractionError), article
    assert "Ассамблея народа Казахстана" in article.text and seconds < 5


def test_an_error_of_the_extractor_is_an_extraction_error_tried_again_later():
    failure = ExtractionError(UNREADABLE, "ValueError: x")
    assert failure.reason == UNREADABLE and not failure.lasting
    assert str(failure) == "unreadable page (ValueError: x)"


def test_fuzzed_pages_raise_only_extraction_errors_quickly():
    seen, reasons, slowest = {}, {}, (0.0, "")
    for kind, body, url, source, content_type in hostile_pages(FUZZ_PAGES):
        started = time.process_time()
        try:
            extract(body, url, source, content_type)
        except ExtractionError as exc:
            reasons[exc.reason] = reasons.get(exc.reason, 0) + 1
        seconds = time.process_time() - started
        slowest = max(slowest, (seconds, kind))
        seen[kind] = seen.get(kind, 0) + 1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\n{FUZZ_PAGES} pages {seen}; reasons {reasons}")
    print(f"slowest page {slowest[0]:.2f} s ({slowest[1]}); peak memory {peak_mb:.0f} MB")
    assert UNREADABLE not in reasons, reasons  # every failure has a reason of the page's own
    assert slowest[0] < 10  # CPU seconds; about 0.5 alone


def test_the_crawler_keeps_a_page_whose_meta_refresh_leads_to_javascript():
    middleware = PageKeepingMetaRefreshMiddleware(Settings({"METAREFRESH_MAXDELAY": 100}))
    head = '<meta http-equiv="refresh" content="0; url=javascript:alert(1)">'
    request = Request(URL)
    response = HtmlResponse(URL, body=article_page(head).encode(), request=request)
    assert middleware.process_response(request, response) is response  # Scrapy's raised ValueError
