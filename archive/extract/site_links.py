"""Which links are a site's own: absolute URLs and their hosts, each worked out once a process."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

from archive.extract.urls import DEFAULT_PORTS


class OwnHosts:
    """The site's host names, www. and http/https folded; the page's own host also by port."""

    def __init__(self, url: str, hosts: Iterable[str]):
        parts = urlsplit(url)
        self.page = (_bare(parts.hostname), _explicit_port(parts))
        self.names = {_bare(h) for h in hosts if h} - {"", self.page[0]}

    def holds(self, url: str) -> bool:
        site = _site(url)
        return site is not None and (site == self.page or site[0] in self.names)


def absolute_link(base: str, href: str) -> str:
    """`href` made absolute against `base`, its #fragment cut off."""
    if href.startswith(("/", "http://", "https://")) and not href.startswith("//"):
        base = _site_root(base)  # such a link reads nothing of the base's path: one answer a site
    return _joined(base, href)


# Every listing page of a site repeats its menus and most of its links: each is read once.
@functools.lru_cache(maxsize=1 << 14)
def _joined(base: str, href: str) -> str:
    return urljoin(base, href).split("#", 1)[0]


@functools.lru_cache(maxsize=1 << 10)
def _site_root(url: str) -> str:
    """ "https://host:8080/" of an http(s) URL: its scheme and host are all a rooted link ("/path",
    "http://host/path") keeps of it; any other URL as it is."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return url
    return f"{parts.scheme}://{parts.netloc}/"


@functools.lru_cache(maxsize=1 << 14)
def _site(url: str) -> tuple[str, int | None] | None:
    """(bare host, explicit port) of an http(s) URL, None for another scheme."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None
    return _bare(parts.hostname), _explicit_port(parts)


def _bare(host: str | None) -> str:
    return (host or "").lower().rstrip(".").removeprefix("www.")


def _explicit_port(parts) -> int | None:
    """The port a URL names, None for the default ones (80, 443): http and https are one site."""
    try:
        port = parts.port
    except ValueError:
        return None
    return None if port in DEFAULT_PORTS.values() else port
