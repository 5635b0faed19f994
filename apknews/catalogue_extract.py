"""What the CLI's catalogue must translate, read from the code for `pybabel extract` (babel.cfg names
`extract`): gettext calls, click help (command docstrings, `help=`), and the English messages that
search and crawler give the CLI as ids (QueryError, FilterError, hints, source health problems)."""

from __future__ import annotations

import ast
import inspect
from collections.abc import Iterator

GETTEXT_CALLS = {"_": 1, "N_": 1, "gettext": 1, "ngettext": 2, "N_plural": 2, "SaidCount": 2}
# Errors and problems built below the CLI: which positional arguments are message ids.
MESSAGE_ARGUMENTS = {
    **{"QueryError": (0, 1), "SavedSearchError": (0, 1), "FilterError": (1, 2)},
    **{"Problem": (0,), "Said": (0,), "ExportError": (0,), "ConfigError": (0,), "AliasFileError": (0,)},
}
CLICK_DECORATORS = {"command", "group"}


def extract(fileobj, keywords=None, comment_tags=None, options=None) -> Iterator[tuple]:
    """Babel's extraction method: (line, function, message, comments) per message of one file."""
    tree = ast.parse(fileobj.read())
    for node in ast.walk(tree):
        for line, _how, message, comments in _messages_of(node):
            # Babel reads each message by the gettext function that would take it: one of its defaults.
            yield line, "ngettext" if isinstance(message, tuple) else "_", message, comments


def _messages_of(node: ast.AST) -> Iterator[tuple]:
    if isinstance(node, ast.Call):
        name = _called(node.func)
        if name in GETTEXT_CALLS:
            texts = [_text(arg) for arg in node.args[: GETTEXT_CALLS[name]]]
            if all(texts):
                yield node.lineno, name, texts[0] if len(texts) == 1 else tuple(texts), []
        for position in MESSAGE_ARGUMENTS.get(name, ()):
            if position < len(node.args):
                yield from _constants(node.args[position], name)
        for keyword in node.keywords:
            if keyword.arg == "help":
                yield from _constants(keyword.value, "help")
    elif isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        named = [t.id.lower() for t in targets if isinstance(t, ast.Name)]
        if any(name.endswith(("hint", "message")) for name in named) and node.value:
            yield from _constants(node.value, "hint")
    elif isinstance(node, ast.FunctionDef) and any(_is_click_command(d) for d in node.decorator_list):
        docstring = ast.get_docstring(node)
        if docstring:
            yield node.lineno, "help", inspect.cleandoc(docstring), []


def _constants(node: ast.AST, name: str) -> Iterator[tuple]:
    """Every non-empty string written in `node` (both branches of `a if c else b`), not in f-strings."""
    for inner in ast.walk(node):
        if isinstance(inner, ast.JoinedStr):
            return
        text = _text(inner)
        if text:
            yield inner.lineno, name, text, []


def _text(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip():
        return node.value
    return None


def _called(func: ast.AST) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _is_click_command(decorator: ast.AST) -> bool:
    return isinstance(decorator, ast.Call) and _called(decorator.func) in CLICK_DECORATORS
