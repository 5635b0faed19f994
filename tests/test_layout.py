"""The house's floors, read from the code: no package imports one above it, no module loop, small modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Each package with the packages of ours it may import (its floor and those below). `replicas`
# stands apart: fake sites that know nothing of the archive.
MAY_IMPORT = {
    "archive": set(),
    "replicas": set(),
    "indexer": {"archive"},
    "search": {"archive", "indexer"},
    "crawler": {"archive"},
    "web": {"archive", "indexer", "search"},
    "apknews": {"archive", "indexer", "search", "crawler", "web", "replicas"},
}
OURS = set(MAY_IMPORT) | {"bench", "tests", "scripts", "config"}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def modules() -> dict[str, Path]:
    """Every module of the installed packages by dotted name."""
    found = {}
    for package in MAY_IMPORT:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imported_modules(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of ours that `name` imports anywhere in its body (lazy imports inside functions count)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                # `from pkg import module` names the module; `from module import name` the module itself
                targets.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {t for t in targets if t.split(".")[0] in OURS}


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imported_modules(name, path, known) for name, path in known.items()}


def test_no_package_imports_one_above_it(graph):
    upward = [
        f"{name} imports {target}"
        for name, targets in graph.items()
        for target in targets
        if (top := target.split(".")[0]) != name.split(".")[0] and top not in MAY_IMPORT[name.split(".")[0]]
    ]
    assert upward == []


def test_no_import_loop(graph):
    def loop_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        seen = set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    return [*trail, start]
                if nxt not in seen and nxt in graph:
                    seen.add(nxt)
                    stack.append((nxt, [*trail, nxt]))
        return None

    loops = [" -> ".join(trail) for name in sorted(graph) if (trail := loop_from(name))]
    assert loops == []


def test_modules_and_functions_stay_small():
    too_long = []
    for path in modules().values():
        text = path.read_text(encoding="utf-8")
        if (lines := text.count("\n")) > MAX_MODULE_LINES:
            too_long.append(f"{path.relative_to(ROOT)}: {lines} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    too_long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}(): {length} lines")
    assert too_long == []


def test_sql_lives_in_the_store():
    """Only the store and its schema speak SQL; everyone else calls the store."""
    allowed = {ROOT / "archive" / "store.py", ROOT / "archive" / "store_schema.py"}
    speaking = []
    for path in modules().values():
        if path in allowed or path.parent == ROOT / "archive" / "store":
            continue
        text = path.read_text(encoding="utf-8")
        if "sqlite3.connect" in text or ".execute(" in text or ".executemany(" in text:
            speaking.append(str(path.relative_to(ROOT)))
    assert speaking == []


def test_every_package_ships_in_the_wheel():
    """pyproject.toml lists the packages by hand (config/ is mapped into archive.config): none forgotten."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for package in MAY_IMPORT
        for init in (ROOT / package).rglob("__init__.py")
    }
    assert on_disk - listed == set()
