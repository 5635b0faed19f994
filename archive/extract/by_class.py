"""Elements by class name for many `.class` selectors at once: one look at the page, not one each.

A CSS class selector costs a walk of the whole tree with a string test at every element; a large
news page has thousands of elements and a source a dozen such selectors to drop.
"""

from __future__ import annotations

import re

import lxml.html

_CLASS_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")  # ".share", ".ya-share2": no escapes, no tag
_XML_SPACE = re.compile(r"[ \t\r\n]+")  # what XPath's normalize-space, and so CSS, splits classes on
_WITH_CLASS = "descendant-or-self::*[@class]"


def elements_by_class(tree: lxml.html.HtmlElement, selectors: tuple[str, ...]) -> dict[str, list]:
    """For each selector of `selectors` that is one class name alone, the elements of `tree` that
    have it, in document order, as `CSSSelector(selector)(tree)` gives them now; other selectors are
    not in the answer."""
    classes = {}
    for css in selectors:
        match = _CLASS_SELECTOR.fullmatch(css)
        if match:
            classes.setdefault(match[1], css)
    found: dict[str, list] = {css: [] for css in classes.values()}
    if not found:
        return found
    for element in tree.xpath(_WITH_CLASS):
        for name in _XML_SPACE.split(element.get("class")):
            css = classes.get(name)
            if css is not None and (not found[css] or found[css][-1] is not element):
                found[css].append(element)
    return found


def attached(element: lxml.html.HtmlElement, tree: lxml.html.HtmlElement) -> bool:
    """Whether `element` still hangs in `tree` (an element dropped with a block around it does not)."""
    return element is tree or any(ancestor is tree for ancestor in element.iterancestors())
