"""How `apknews show --versions [--diff]` prints an article's history: its texts, what changed from
one to the next (word by word), and what the re-checks of its page found."""

from __future__ import annotations

import sys

import click

from archive.diffs import ADDED, REMOVED, Diff, version_diffs

# Without a terminal, changed words are marked as wdiff marks them.
_MARKS = {REMOVED: ("[-", "-]"), ADDED: ("{+", "+}")}
_COLOURS = {REMOVED: "red", ADDED: "green"}


def history_json(article: dict, earlier: list[dict], checks: list[dict]) -> dict:
    """The JSON twin's additions: each step's diff (from version n to n+1; the last is the current
    text) and the re-checks."""
    diffs = version_diffs(earlier, article)
    steps = [{"from_version": n, "to_version": n + 1, **d.to_dict()} for n, d in enumerate(diffs, start=1)]
    return {"diffs": steps, "checks": checks}


def print_status(article: dict, checks: list[dict]) -> None:
    """One line: what the re-checks found of the page and when it was last checked."""
    if not checks and article.get("status") in (None, "unchecked"):
        return
    last = checks[-1] if checks else None
    line = f"status: {article.get('status')}"
    if article.get("last_checked"):
        line += f", last checked {article['last_checked']}"
    if last and last["outcome"] in ("moved", "gone", "unreachable"):
        why = last["target_url"] or last["detail"] or ""
        line += f" ({last['outcome']}{': ' + why if why else ''})"
    click.echo(line)


def print_history(article: dict, earlier: list[dict], diff: bool, when) -> None:
    """Every earlier text in full, or (with `diff`) what each edit changed."""
    click.echo("")
    if not earlier:
        click.echo("versions: none (the text has not changed since it was first fetched)")
        return
    total = len(earlier) + 1
    if not diff:
        for number, version in enumerate(earlier, start=1):
            click.echo(f"--- version {number} of {total}, fetched {version['fetched_at']}")
            click.echo(version["title"])
            click.echo(when(version))
            click.echo("")
            click.echo(version["text"])
            click.echo("")
        click.echo(f"--- version {total} of {total} (current), fetched {article['fetched_at']}")
        return
    chain = [*earlier, article]
    for number, step in enumerate(version_diffs(earlier, article), start=1):
        fetched = chain[number]["fetched_at"]
        changed = ", ".join(step.parts) or "nothing a reader sees"
        click.echo(f"--- version {number} -> {number + 1} of {total}, fetched {fetched}: {changed}")
        _print_step(step)


def _print_step(step: Diff) -> None:
    for label, pair in (("title", step.title), ("date", step.date), ("author", step.author)):
        if pair:
            click.echo(f"{label}: {_marked(REMOVED, pair[0] or '-')} {_marked(ADDED, pair[1] or '-')}")
    runs = step.short_text()
    if runs:
        click.echo("text: " + " ".join(_marked(op, words) if op in _MARKS else words for op, words in runs))


def _marked(op: str, words: str) -> str:
    """Changed words in colour at a terminal, between [-…-] / {+…+} otherwise."""
    if sys.stdout.isatty():
        return click.style(words, fg=_COLOURS[op], strikethrough=op == REMOVED, underline=op == ADDED)
    start, end = _MARKS[op]
    return f"{start}{words}{end}"
