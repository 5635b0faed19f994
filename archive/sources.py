"""The news sources as data: config/sources.toml read into typed, validated Source records."""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from archive.bundled import ConfigError, bundled_file
from archive.rules import RULE_KEYS, ExtractionRules, rules_for
from archive.said import Said

DEFAULT_SOURCES_FILE = bundled_file("sources.toml")


@dataclass(frozen=True)
class Source:
    """One news site: where it lives, how its listings and articles look, what chrome to strip."""

    name: str
    spider: str
    base_url: str
    languages: tuple[str, ...]
    display_name: str = ""  # the site's own name, as a citation names the container ("Kazinform")
    listings: dict[str, str] = field(default_factory=dict)
    article_pattern: str = ""
    pagination: str = ""
    max_pages: int = 100
    enabled: bool = True
    # Incremental runs stop paging once this many known articles end a listing page in a row.
    overlap: int = 3
    listing_selector: str = ""  # CSS scope of a listing's own items (sidebars link elsewhere)
    hosts: tuple[str, ...] = ()  # other host names the site answers on (www., an old domain)
    home_url: str = ""  # the live base URL, kept when base_url points at a replica or mirror
    feeds: tuple[str, ...] = ()  # RSS/Atom feeds and sitemaps (paths or URLs) of a feeds source
    discover_feeds: bool = False  # also read Sitemap: lines of robots.txt
    api_path: str = ""  # JSON API of a json source; {project} {page} {size} are replaced
    projects: tuple[str, ...] = ()  # the API's projects to follow
    page_size: int = 10
    api_first_page: int = 1  # number of the API's first page (Spring-style APIs count from 0)
    article_url: str = ""  # how a JSON item's own page is addressed: {project} {id} {lang}
    # Fetch an article by the link's own spelling (no trailing slash added), not the canonical one:
    # for sites that serve /slug but not /slug/ (Kazinform).
    fetch_as_linked: bool = False
    require_keywords: tuple[str, ...] = ()  # keep only articles that mention one (case-insensitive)
    sisters: tuple[str, ...] = ()  # sources that publish this one's releases in other languages
    # The oblast a regional office's site writes about (a config/regions.toml name): its articles'
    # region unless their dateline or title say another place.
    region: str = ""
    # How to clean its pages: its table's cleaning keys (title_selector, strip_lines, ...) merged
    # with config/extraction.toml by load_sources(); a Source made in code has only what it is given.
    rules: ExtractionRules = field(default_factory=ExtractionRules)
    article_regex: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "article_regex", re.compile(self.article_pattern))
        except re.error as exc:
            raise ConfigError(
                "source %(name)r: bad regular expression: %(reason)s", name=self.name, reason=exc
            ) from exc
        _check_base_url(self.name, self.base_url)
        if not self.home_url:
            object.__setattr__(self, "home_url", self.base_url.rstrip("/"))
        if self.overlap < 1 or self.max_pages < 1:
            raise ConfigError("source %(name)r: overlap and max_pages must be at least 1", name=self.name)
        unknown = set(self.listings) - set(self.languages)
        if unknown:
            raise ConfigError(
                "source %(name)r: listings for undeclared languages %(languages)s",
                name=self.name,
                languages=sorted(unknown),
            )

    def with_base_url(self, base_url: str) -> Source:
        """The same source served from another host (a replica, a mirror)."""
        _check_base_url(self.name, base_url)
        return dataclasses.replace(self, base_url=base_url.rstrip("/"))

    def listing_url(self, lang: str, page: int = 1) -> str:
        """URL of listing page `page` (1-based) for `lang`.

        A `pagination` starting with "/" continues the listing's path (WordPress `/page/{page}/`);
        any other is a query string (Bitrix `PAGEN_1={page}`).
        """
        url = self.base_url + self.listings[lang]
        if page > 1 and self.pagination.startswith("/"):
            url = url.rstrip("/") + self.pagination.format(page=page)
        elif page > 1 and self.pagination:
            url += ("&" if "?" in url else "?") + self.pagination.format(page=page)
        return url

    @property
    def site_hosts(self) -> frozenset[str]:
        """Every host name that serves this source: the live one, with and without www., and `hosts`."""
        names = {urlsplit(self.home_url).hostname or "", urlsplit(self.base_url).hostname or ""}
        names |= {h.lower() for h in self.hosts}
        bare = {name.removeprefix("www.") for name in names if name}
        return frozenset(bare | {"www." + name for name in bare})

    def on_site(self, url: str) -> str:
        """`url` moved onto `base_url` when its host is one of the site's (http/https, www. folded)."""
        parts = urlsplit(url)
        if (parts.hostname or "") not in self.site_hosts or parts.scheme not in ("http", "https"):
            return url
        base = urlsplit(self.base_url)
        if (parts.hostname, parts.port, parts.scheme) == (base.hostname, base.port, base.scheme):
            return url
        return base.scheme + "://" + base.netloc + url[len(parts.scheme) + 3 + len(parts.netloc) :]

    def is_article_url(self, url: str) -> bool:
        """True when `url` is on this source's host and its path (or path?query) looks like an article."""
        parts = urlsplit(url)
        base = urlsplit(self.base_url)
        if parts.hostname != base.hostname or parts.port != base.port:
            return False
        if self.article_regex.match(parts.path):
            return True
        return bool(parts.query) and bool(self.article_regex.match(f"{parts.path}?{parts.query}"))

    def mentions_topic(self, text: str) -> bool:
        """True when the source has no `require_keywords` or `text` mentions one of them.

        A keyword matches at the start of a word, in any case ("Ассамбле" finds "ассамблеи"); one
        in capitals is an acronym and matches as a whole word, in capitals ("АНК", not "банк").
        """
        if not self.require_keywords:
            return True
        return any(pattern.search(text) for pattern in _keyword_patterns(self.require_keywords))


@functools.lru_cache(maxsize=32)
def _keyword_patterns(keywords: tuple[str, ...]) -> tuple[re.Pattern, ...]:
    patterns = []
    for keyword in keywords:
        if keyword.isupper():
            patterns.append(re.compile(rf"(?<!\w){re.escape(keyword)}(?!\w)"))
        else:
            patterns.append(re.compile(rf"(?<!\w){re.escape(keyword)}", re.IGNORECASE))
    return tuple(patterns)


def _check_base_url(name: str, url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError("source %(name)r: base URL %(url)r is not an http(s) URL", name=name, url=url)


_TUPLE_FIELDS = {"languages", "hosts", "feeds", "projects", "require_keywords", "sisters"}
_KNOWN_FIELDS = ({f.name for f in dataclasses.fields(Source) if f.init} - {"rules"}) | RULE_KEYS


def load_sources(path: Path | str | None = None) -> dict[str, Source]:
    """Every source declared in the TOML file at `path`, by name, in file order."""
    path = Path(path) if path else DEFAULT_SOURCES_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError("sources file not found: %(path)s", path=path) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("%(path)s: %(reason)s", path=path, reason=exc) from exc
    sources = {}
    for name, table in data.get("sources", {}).items():
        unknown = set(table) - _KNOWN_FIELDS
        if unknown:
            raise ConfigError(
                "%(path)s: source %(name)r has unknown keys %(keys)s",
                path=path,
                name=name,
                keys=sorted(unknown),
            )
        own_rules = {k: v for k, v in table.items() if k in RULE_KEYS}
        rules = rules_for(name, own_rules, Said("%(path)s: source %(name)r", path=path, name=name))
        values = {k: tuple(v) if k in _TUPLE_FIELDS else v for k, v in table.items() if k not in RULE_KEYS}
        try:
            sources[name] = Source(name=name, rules=rules, **values)
        except TypeError as exc:
            raise ConfigError(
                "%(path)s: source %(name)r: %(reason)s", path=path, name=name, reason=exc
            ) from exc
    return sources


def parse_base_url_overrides(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """`["assembly=http://127.0.0.1:8765"]` -> `{"assembly": "http://127.0.0.1:8765"}`."""
    overrides = {}
    for pair in pairs:
        name, sep, url = pair.partition("=")
        if not sep or not name or not url:
            raise ConfigError("--base-url expects NAME=URL, got %(value)r", value=pair)
        overrides[name.strip()] = url.strip()
    return overrides


def select_sources(
    sources: dict[str, Source],
    names: list[str] | tuple[str, ...] = (),
    base_urls: dict[str, str] | None = None,
) -> list[Source]:
    """The sources to crawl: those named (or every enabled one), with base URL overrides applied."""
    base_urls = base_urls or {}
    for name in [*names, *base_urls]:
        if name not in sources:
            raise ConfigError(
                "unknown source %(name)r; known: %(known)s", name=name, known=", ".join(sources)
            )
    chosen = [sources[n] for n in names] if names else [s for s in sources.values() if s.enabled]
    return [s.with_base_url(base_urls[s.name]) if s.name in base_urls else s for s in chosen]


def stub_source(name: str, url: str) -> Source:
    """A Source with no crawl facts, for extracting pages of a site that is not in sources.toml
    (config/extraction.toml may still hold its rules)."""
    parts = urlsplit(url)
    return Source(
        name=name,
        spider="",
        base_url=f"{parts.scheme}://{parts.netloc}",
        languages=("kk", "ru", "en"),
        listings={},
        article_pattern=".*",
        enabled=False,
        rules=rules_for(name),
    )
