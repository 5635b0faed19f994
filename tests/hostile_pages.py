"""Hostile pages for the extractor, made from a seed: random bytes, mutated gold pages, deep nesting,
crowds of attributes, broken URLs, control characters, wrong charsets."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent / "bench" / "gold" / "pages"
TEXT = "Ассамблея народа Казахстана провела заседание в Астане. " * 12
BROKEN_URLS = ("http://[x", "http://[::1", "javascript:alert(1)", "http://a b/c", "//[", "http://x:99999999/")
CONTROL = "".join(map(chr, range(32))) + "\ufffe\uffff\ud800"
CHARSETS = ("utf-8", "cp1251", "koi8-r", "utf-16", "latin-1", "x-unknown", "utf-7")


def gold_pages() -> list[tuple[bytes, str, str]]:
    """(body, url, source) of each gold page: the seeds of the mutations."""
    pages = []
    for html in sorted(GOLD.glob("*.html")):
        meta = tomllib.loads(html.with_suffix(".toml").read_text())
        pages.append((html.read_bytes(), meta["url"], meta["source"]))
    return pages


def article_page(head: str = "", body: str = "") -> str:
    return (
        f"<html><head><title>Заголовок статьи</title>{head}</head><body><article>"
        f"<h1>Заголовок статьи</h1><p>{TEXT}</p>{body}</article></body></html>"
    )


def _random_bytes(rnd: random.Random, seeds) -> bytes:
    return rnd.randbytes(rnd.choice((0, 1, 50, 4000, 60000)))


def _mutated(rnd: random.Random, seeds) -> bytes:
    body = bytearray(rnd.choice(seeds)[0])
    for _ in range(rnd.randint(1, 40)):
        at = rnd.randrange(len(body) + 1)
        kind = rnd.random()
        if kind < 0.3:
            body[at : at + rnd.randint(1, 200)] = b""
        elif kind < 0.6:
            body[at:at] = rnd.choice((b"<", b">", b"<div>", b"</p>", b"<!--", b"<![CDATA[", b"&#0;", b"\x00"))
        elif kind < 0.8:
            body[at:at] = rnd.randbytes(rnd.randint(1, 30))
        else:
            body[at:at] = f'<img src="{rnd.choice(BROKEN_URLS)}">'.encode()
    return bytes(body[: rnd.choice((len(body), rnd.randrange(len(body) + 1)))])


def _deep(rnd: random.Random, seeds) -> bytes:
    tag = rnd.choice(("div", "span", "b", "table", "ul", "font"))
    depth = rnd.choice((100, 255, 300, 2000, 10000))
    return article_page(body=f"<{tag}>" * depth + TEXT + f"</{tag}>" * depth).encode()


def _crowded(rnd: random.Random, seeds) -> bytes:
    count = rnd.choice((500, 5000, 30000))
    if rnd.random() < 0.5:
        attributes = " ".join(f'a{i}="{i}"' for i in range(count))
        return article_page(body=f"<div {attributes}>x</div>").encode()
    spans = "".join(f'<span class="s" data-i="{i}">слово</span>' for i in range(count))
    return article_page(body=f"<p>{spans}</p>").encode()


def _broken_links(rnd: random.Random, seeds) -> bytes:
    url = rnd.choice(BROKEN_URLS)
    head = rnd.choice(
        (
            f'<link rel="alternate" hreflang="kk" href="{url}">',
            f'<meta http-equiv="refresh" content="0; url={url}">',
            f'<meta property="og:image" content="{url}">',
            f'<link rel="canonical" href="{url}">',
        )
    )
    body = f'<img src="{url}"><p><a href="{url}">Читать далее</a></p>'
    return article_page(head, body).encode()


def _control(rnd: random.Random, seeds) -> bytes:
    junk = "".join(rnd.choice(CONTROL) for _ in range(rnd.randint(1, 20)))
    body = f'<aside>x</aside>{junk}<div class="share">{junk}y</div>{junk}'
    return article_page(f"<title>{junk}</title>", body).encode("utf-8", errors="surrogatepass")


def _wrong_charset(rnd: random.Random, seeds) -> bytes:
    declared = rnd.choice(CHARSETS)
    page = article_page(f'<meta charset="{declared}">')
    return page.encode(rnd.choice(("utf-8", "cp1251", "utf-16", "koi8-r")), errors="replace")


KINDS = (_random_bytes, _mutated, _mutated, _mutated, _deep, _crowded, _broken_links, _control)
KINDS += (_wrong_charset,)


def hostile_pages(count: int, seed: int = 15):
    """`count` (kind, body, url, source, content type) made from `seed`."""
    rnd = random.Random(seed)
    seeds = gold_pages()
    for _ in range(count):
        make = rnd.choice(KINDS)
        body = make(rnd, seeds)
        _, url, source = rnd.choice(seeds)
        content_type = rnd.choice((None, "text/html", f"text/html; charset={rnd.choice(CHARSETS)}"))
        yield make.__name__.lstrip("_"), body, url, source, content_type
