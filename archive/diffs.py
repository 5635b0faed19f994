"""What changed between two versions of an article: which parts (title, text, date, author), and the
text's changes word by word, blind to spacing and line breaks (both sides are extracted text, so
a page's sidebar or counters never come into it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

PARTS = ("title", "text", "date", "author")
SAME, ADDED, REMOVED = "=", "+", "-"
CONTEXT_WORDS = 12  # unchanged words kept on each side of a change in a short diff


def _words(text: str | None) -> list[str]:
    return (text or "").split()


def changed_parts(before: dict, after: dict) -> list[str]:
    """The parts of an article (dicts with title, text, published, author) that differ, in PARTS order;
    spacing alone is no change."""
    changed = []
    if _words(before.get("title")) != _words(after.get("title")):
        changed.append("title")
    if _words(before.get("text")) != _words(after.get("text")):
        changed.append("text")
    if (before.get("published") or None) != (after.get("published") or None):
        changed.append("date")
    if _words(before.get("author")) != _words(after.get("author")):
        changed.append("author")
    return changed


@dataclass
class Diff:
    """The changes from one version of an article to the next."""

    parts: list[str]  # of PARTS
    title: tuple[str, str] | None = None  # (before, after) when it changed
    date: tuple[str | None, str | None] | None = None
    author: tuple[str | None, str | None] | None = None
    # The text as runs of words: (SAME | ADDED | REMOVED, "the words"), in reading order.
    text: list[tuple[str, str]] = field(default_factory=list)

    def short_text(self, context: int = CONTEXT_WORDS) -> list[tuple[str, str]]:
        """The text's runs with long unchanged stretches cut to `context` words around each change
        ("…" where words were left out)."""
        if not any(op != SAME for op, _ in self.text):
            return []
        runs = []
        last = len(self.text) - 1
        for index, (op, words) in enumerate(self.text):
            if op != SAME:
                runs.append((op, words))
                continue
            split = words.split()
            head = split[:context] if index > 0 else []
            tail = split[-context:] if index < last else []
            if len(split) <= len(head) + len(tail):
                runs.append((op, words))
                continue
            shown = " ".join(head) + (" … " if head else "… ") + " ".join(tail)
            runs.append((op, shown.strip()))
        return runs

    def to_dict(self) -> dict:
        return {
            "parts": self.parts,
            "title": list(self.title) if self.title else None,
            "date": list(self.date) if self.date else None,
            "author": list(self.author) if self.author else None,
            "text": [{"op": op, "words": words} for op, words in self.text],
        }


def word_diff(before: str | None, after: str | None) -> list[tuple[str, str]]:
    """`after` against `before`, word by word: runs of (SAME | ADDED | REMOVED, words), removed
    words before the added ones that replace them."""
    old, new = _words(before), _words(after)
    runs: list[tuple[str, str]] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append((SAME, " ".join(old[i1:i2])))
            continue
        if i2 > i1:
            runs.append((REMOVED, " ".join(old[i1:i2])))
        if j2 > j1:
            runs.append((ADDED, " ".join(new[j1:j2])))
    return runs


def diff_versions(before: dict, after: dict) -> Diff:
    """What changed from `before` to `after` (store records: title, text, published, author)."""
    parts = changed_parts(before, after)
    diff = Diff(parts)
    if "title" in parts:
        diff.title = (before.get("title") or "", after.get("title") or "")
    if "date" in parts:
        diff.date = (before.get("published"), after.get("published"))
    if "author" in parts:
        diff.author = (before.get("author"), after.get("author"))
    diff.text = word_diff(before.get("text"), after.get("text")) if "text" in parts else []
    return diff


def version_diffs(versions: list[dict], current: dict) -> list[Diff]:
    """The diff into each later text: versions[0] -> versions[1], …, versions[-1] -> current."""
    chain = [*versions, current]
    return [diff_versions(chain[i], chain[i + 1]) for i in range(len(chain) - 1)]
