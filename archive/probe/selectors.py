"""CSS selectors for the probe: how many elements a configured one matches, and one written for an element."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable

from lxml.cssselect import CSSSelector

_PLAIN_NAME = re.compile(r"^-?[A-Za-z_][A-Za-z0-9_-]*$")
# Class names a page's scripts add and take away: no anchor for a config line.
_FLEETING = re.compile(r"^(?:active|current|selected|open|show|hidden|visible|clearfix|js-.*|is-.*|has-.*)$")
_MAX_CLIMB = 6  # ancestors tried above the element itself


def count_matches(tree, css: str) -> int | None:
    """Elements of `tree` that `css` matches; None when `css` is empty or malformed."""
    if not css:
        return None
    try:
        return len(CSSSelector(css, translator="html")(tree))
    except Exception:  # cssselect raises several kinds for a malformed selector
        return None


def own_selectors(element) -> list[str]:
    """Selectors naming `element` by itself, steadiest first: tag#id, tag.class, tag.class.class."""
    tag = element.tag if isinstance(element.tag, str) else ""
    if not tag:
        return []
    found = []
    ident = (element.get("id") or "").strip()
    if _PLAIN_NAME.match(ident) and not re.search(r"\d{3,}", ident):
        found.append(f"{tag}#{ident}")
    classes = [
        c for c in (element.get("class") or "").split() if _PLAIN_NAME.match(c) and not _FLEETING.match(c)
    ]
    found += [f"{tag}.{c}" for c in classes]
    if len(classes) > 1:
        found.append(tag + "".join(f".{c}" for c in classes))
    return found


def selector_for(element, works: Callable[[str], bool], climb: bool = False) -> str | None:
    """A selector for `element` that `works` accepts, or None.

    Tried in turn: the element's own id and classes, its tag under a named parent
    (`.entry-header h1`), its bare tag; with `climb`, the same for its ancestors (a listing's
    links share a block further up).
    """
    for candidate in _candidates(element, climb):
        if works(candidate):
            return candidate
    return None


def _candidates(element, climb: bool) -> Iterable[str]:
    tag = element.tag if isinstance(element.tag, str) else ""
    yield from own_selectors(element)
    parent = element.getparent()
    for _ in range(3):
        if parent is None or parent.tag in ("body", "html"):
            break
        for named in own_selectors(parent):
            yield f"{named} {tag}"
        parent = parent.getparent()
    if tag and tag not in ("div", "span", "ul", "li", "a", "p"):
        yield tag
    if climb:
        ancestor = element.getparent()
        for _ in range(_MAX_CLIMB):
            if ancestor is None or ancestor.tag in ("body", "html"):
                break
            yield from own_selectors(ancestor)
            ancestor = ancestor.getparent()


def common_ancestor(elements: list):
    """The nearest element holding every one of `elements` (itself when there is one)."""
    if not elements:
        return None
    paths = [[e, *e.iterancestors()][::-1] for e in elements]
    shared = None
    for level in zip(*paths, strict=False):
        if any(node is not level[0] for node in level):
            break
        shared = level[0]
    return shared


def extended(existing: str, new: str) -> str:
    """`new` added to a configured selector list, which keeps matching the markup it was written for."""
    parts = dict.fromkeys(p.strip() for p in [*existing.split(","), new] if p.strip())
    return ", ".join(parts)


def config_line(key: str, value: str) -> str:
    """`key = "value"` as config/sources.toml writes it."""
    return f"{key} = {json.dumps(value, ensure_ascii=False)}"
