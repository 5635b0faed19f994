"""Large article pages (50–300 KB): the foreign set's pages wrapped in the bulk real news sites carry.

Each page of bench/foreign/pages keeps its article and gains, by a fixed seed, what makes a news
page heavy: inline scripts (analytics, an app's state as JSON), styles, a mega-menu, sidebars of
"most read" teasers, related-article grids, a comment thread with replies, HTML comments and a
long footer. The expected text stays the foreign set's, so quality is scored on these pages too.
"""
# ruff: noqa: E501  (markup templates read better unwrapped)

from __future__ import annotations

import html
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from bench.foreign.chrome import chrome_for
from bench.foreign.scorer import DEFAULT_PAGES_DIR, ForeignCase, load_cases

SEED = 17
MIN_BYTES = 50_000
MAX_BYTES = 300_000

e = html.escape
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class LargePage:
    """One large page: the foreign case it wraps and its bytes."""

    case: ForeignCase
    body: bytes


def large_pages(pages_dir: Path = DEFAULT_PAGES_DIR, seed: int = SEED) -> list[LargePage]:
    """Every foreign page, wrapped to a size drawn between MIN_BYTES and MAX_BYTES (same seed, same bytes)."""
    rng = random.Random(seed)
    cases = load_cases(pages_dir)
    words = {lang: _vocabulary(cases, lang) for lang in ("en", "ru", "kk")}
    pages = []
    for turn, case in enumerate(cases):
        low, high = MIN_BYTES * 1.05, MAX_BYTES * 0.85  # the last block may overshoot the target
        target = int(low * (high / low) ** rng.random())  # log-uniform size
        raw = case.html_path.read_bytes()
        encoding = _encoding(raw)
        page = _wrap(raw.decode(encoding), case, words[case.lang], (target, encoding), rng, turn)
        pages.append(LargePage(case, page.encode(encoding, errors="xmlcharrefreplace")))
    return pages


def _encoding(raw: bytes) -> str:
    """The page's own encoding (a few foreign pages are windows-1251): the bulk is written in it."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1251"
    return "utf-8"


def _vocabulary(cases: list[ForeignCase], lang: str) -> list[str]:
    """The words of the set's articles in `lang`: teasers and comments read like the language."""
    return [w for c in cases if c.lang == lang for w in _WORD.findall(c.text) if not w.isdigit()]


def _sentence(rng: random.Random, words: list[str], low: int = 6, high: int = 18) -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(low, high))]
    return " ".join(chosen).capitalize() + "."


def _wrap(page: str, case: ForeignCase, words: list[str], size_in, rng, turn: int) -> str:
    """`page` with bulk in its head, a menu after <body>, side blocks before </body>: `size_in` is
    (bytes, encoding), the size the page grows to in its own encoding."""
    target, encoding = size_in

    def nbytes(text: str) -> int:
        return len(text.encode(encoding, errors="xmlcharrefreplace"))

    chrome = chrome_for(case.lang, "Site", turn)
    head = _head_bulk(rng, words, target // 4)
    top = _mega_menu(rng, words, chrome.menu)
    sides = []
    size = nbytes(page) + nbytes(head) + nbytes(top)
    makers = (_most_read, _related_grid, _comment_thread, _tag_cloud)
    while size < target * 0.92:
        block = rng.choice(makers)(rng, words, chrome)
        sides.append(block)
        size += nbytes(block)
    sides.append(_footer(rng, words, chrome.footer))
    page = _insert_before(page, "</head>", head)
    page = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + top, page, count=1)
    return _insert_before(page, "</body>", "\n".join(sides))


def _insert_before(page: str, tag: str, bulk: str) -> str:
    at = page.rfind(tag)
    return page + bulk if at < 0 else page[:at] + bulk + page[at:]


def _head_bulk(rng, words: list[str], size: int) -> str:
    """Scripts and styles of a modern page: analytics, an app state as JSON, CSS."""
    state = {"articles": [], "user": None, "ads": {"slots": [f"slot-{n}" for n in range(40)]}}
    while len(json.dumps(state, ensure_ascii=False)) < size * 0.7:
        state["articles"].append(
            {
                "id": rng.randint(10_000, 999_999),
                "title": _sentence(rng, words, 5, 10),
                "lead": _sentence(rng, words, 15, 30),
                "url": f"/news/{rng.randint(1000, 99999)}/",
            }
        )
    css = "".join(
        f".c{n}{{margin:{rng.randint(0, 40)}px;padding:{rng.randint(0, 20)}px;color:#{rng.randrange(16**6):06x}}}\n"
        for n in range(max(1, size // 300))
    )
    analytics = (
        "(function(w,d){w.dataLayer=w.dataLayer||[];w.dataLayer.push({event:'pageview'});})(window,document);"
    )
    return (
        f"<script>{analytics}</script>\n<style>{css}</style>\n"
        f"<script>window.__STATE__ = {json.dumps(state, ensure_ascii=False)};</script>\n"
        '<script type="application/json" id="ads-config">{"refresh": 30, "lazy": true}</script>\n'
    )


def _mega_menu(rng, words: list[str], menu: list[str]) -> str:
    """A header menu whose every section drops down into dozens of links."""
    sections = []
    for label in menu:
        links = "".join(
            f'<li><a href="/{label.lower()}/{n}/">{e(_sentence(rng, words, 1, 3)[:-1])}</a></li>'
            for n in range(rng.randint(15, 40))
        )
        sections.append(
            f'<li class="menu-item"><a href="/{e(label.lower())}/">{e(label)}</a><ul class="sub">{links}</ul></li>'
        )
    return f'\n<!-- header -->\n<header class="site-header"><nav class="mega-menu"><ul>{"".join(sections)}</ul></nav></header>\n'


def _teaser(rng, words: list[str], lead: bool) -> str:
    n = rng.randint(1000, 99999)
    text = f'<span class="card-lead">{e(_sentence(rng, words, 8, 16)[:-1])}…</span>' if lead else ""
    return (  # the whole card is one link, as on most news sites; a lead is cut short
        f'<div class="card"><a class="card-link" href="/news/{n}/"><img src="/img/{n}.jpg" alt="">'
        f'<span class="card-title">{e(_sentence(rng, words, 5, 10))}</span>{text}</a>'
        f"<time>{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2024</time>"
        f'<span class="views">{rng.randint(10, 9999)}</span></div>'
    )


def _most_read(rng, words: list[str], chrome) -> str:
    cards = "".join(_teaser(rng, words, False) for _ in range(rng.randint(10, 25)))
    return f'<aside class="sidebar most-read"><h2>{e(chrome.related_label)}</h2>{cards}</aside>'


def _related_grid(rng, words: list[str], chrome) -> str:
    cards = "".join(_teaser(rng, words, True) for _ in range(rng.randint(8, 20)))
    return f'<!-- related --><section class="related-articles"><h2>{e(chrome.read_also_label)}</h2><div class="grid">{cards}</div></section>'


def _comment_thread(rng, words: list[str], chrome) -> str:
    comments = []
    for n in range(rng.randint(10, 40)):
        name, _ = chrome.comments[n % len(chrome.comments)]
        reply = ' class="comment reply"' if rng.random() < 0.3 else ' class="comment"'
        comments.append(
            f'<li{reply} id="comment-{rng.randint(1, 10**6)}"><div class="comment-meta"><b>{e(name)}</b>'
            f"<time>{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2024 {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}</time></div>"
            f'<div class="comment-body"><p>{e(_sentence(rng, words, 8, 40))}</p></div>'
            f'<a class="reply-link" href="#">Reply</a></li>'
        )
    return f'<section id="comments" class="comments"><h2>{e(chrome.comments_label)}</h2><ol class="comment-list">{"".join(comments)}</ol></section>'


def _tag_cloud(rng, words: list[str], chrome) -> str:
    tags = "".join(
        f'<a class="tag" href="/tag/{n}/">{e(rng.choice(words))}</a> ' for n in range(rng.randint(30, 80))
    )
    share = "".join(f'<a class="share" href="#">{e(s)}</a>' for s in chrome.share)
    return f'<div class="widget tags">{tags}</div><div class="share-bar">{share}</div><div class="ad-slot" data-slot="{rng.randint(1, 40)}"></div>'


def _footer(rng, words: list[str], text: str) -> str:
    columns = "".join(
        "<ul>"
        + "".join(f'<li><a href="/p/{n}/">{e(rng.choice(words))}</a></li>' for n in range(12))
        + "</ul>"
        for _ in range(5)
    )
    return f'<!-- footer --><footer class="site-footer">{columns}<p>{e(text)}</p></footer>'
