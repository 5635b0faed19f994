"""`apknews probe SOURCE`: what the source's selectors match on its pages, a verdict, and config lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from apknews.app import UserError, cli
from apknews.messages import N_, _, ngettext, said
from archive.probe.selectors import config_line, extended
from archive.sources import load_sources, select_sources

PROBLEM_EXIT_STATUS = 3  # as `crawl` and `update` when a source gives nothing


@cli.command()
@click.argument("source_name", metavar="SOURCE")
@click.option("--base-url", metavar="URL", help="Fetch the source from URL instead of its live site.")
@click.option(
    "--html",
    "html_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Probe this saved page (a listing or an article) instead of fetching.",
)
@click.option(
    "--url",
    "page_url",
    metavar="URL",
    help="With --html: the page's address (default: its canonical link, else the base URL); "
    "an address matching article_pattern is an article, any other a listing.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def probe(obj, source_name, base_url, html_file, page_url, fmt):
    """Check a source's config against its site: page 1 of each listing and the first article.

    Fetches politely, as the crawl does (robots.txt obeyed, the same User-Agent and allowed
    hosts), one page after another. For each page: what listing_selector, title_selector and
    date_selector match, the article links found and how (selector, or fallback: the page's
    structure), the article as the crawl would store it (title, date, language, author, first
    and last lines, lines the cleaner dropped), a verdict (OK or PROBLEM), and a config line to
    paste into config/sources.toml where a selector matched nothing. Run it when adding a site
    or after a warning. Exit status 0 when every page is OK, 3 when one has a problem.

    Example: apknews probe inform --base-url http://127.0.0.1:8765
    """
    from crawler.probe import NotProbed, probe_saved_page, probe_source

    overrides = {source_name: base_url} if base_url else {}
    [source] = select_sources(load_sources(obj["sources_file"]), [source_name], overrides)
    if html_file:
        steps = [probe_saved_page(source, html_file.read_bytes(), page_url)]
    else:
        try:
            steps = []
            for step in probe_source(source):
                steps.append(step)
                if fmt == "text":
                    print_step(step)
        except NotProbed as exc:
            raise UserError(said(exc.args[0] if exc.args else exc)) from exc
    suggestions = merged_suggestions(source, steps)
    ok = all(step.ok for step in steps)
    if fmt == "json":
        payload = {
            "source": source.name,
            "base_url": source.base_url,
            "verdict": "OK" if ok else "PROBLEM",
            "steps": [step.to_dict() for step in steps],
            "config_lines": [config_line(k, v) for k, v in suggestions.items()],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        if html_file:
            print_step(steps[0])
        print_summary(source, steps, suggestions)
    if not ok:
        sys.exit(PROBLEM_EXIT_STATUS)


def merged_suggestions(source, steps) -> dict[str, str]:
    """Every page's suggestions for a key joined into one config value (the configured one first)."""
    merged: dict[str, str] = {}
    for step in steps:
        for key, value in step.suggestions.items():
            current = merged.get(key, _configured(source, key))
            for part in value.split(","):
                if part.strip():
                    current = extended(current, part.strip())
            merged[key] = current
    return merged


def _configured(source, key: str) -> str:
    return getattr(source, key, None) or getattr(source.rules, key, "") or ""


def print_step(step) -> None:
    """One page's findings, indented under its address."""
    where = f" {step.lang}" if getattr(step, "lang", None) and step.kind == "listing" else ""
    status = f" (HTTP {step.status})" if step.status else ""
    click.echo(click.style(f"{_(step.kind)}{where}: {step.url}{status}", bold=True))
    for key, found in step.selectors.items():
        matches = found["matches"]
        counted = (
            _("malformed")
            if matches is None
            else _count(matches, ngettext("%(count)s match", "%(count)s matches", matches))
        )
        click.echo(f"  {key} {json.dumps(found['css'], ensure_ascii=False)}: {counted}")
    if step.kind == "listing" and not step.error:
        _print_links(step)
    elif step.kind == "article" and not step.error and step.title:
        _print_article(step)
    for note in step.notes:
        click.echo("  " + _("note: %(note)s") % {"note": said(note)})
    click.echo("  " + click.style(step_verdict(step), fg="green" if step.ok else "yellow"))
    for line in step.config_lines():
        click.echo("  " + _("suggested config line: %(line)s") % {"line": line})
    click.echo()


def step_verdict(step) -> str:
    """OK, or PROBLEM and what is wrong, in the user's language (the JSON keeps the English)."""
    if step.ok:
        return _("OK")
    problems = [step.error] if step.error else step.problems
    return _("PROBLEM: %(problems)s") % {"problems": "; ".join(said(p) for p in problems)}


LINKS_FOUND = {
    "selector": N_("article links: %(count)s by listing_selector"),
    "fallback": N_("article links: %(count)s by fallback (the page's structure)"),
}
# How archive.extract.listing_links names what it left out, and how the extractor found a title or
# date (archive.probe.article): shown in the user's language.
SAID_BELOW = (
    N_("header, nav, aside or footer"),
    N_('a "most read" / "related" block'),
    N_("on 2+ other listing pages"),
    N_("outside the listing selector"),
    N_("outside the page's main content"),
    N_("outside the densest block of article links"),
    N_("selector"),
    N_("the page's <title> or meta tags"),
    N_("the page's text or meta tags"),
    N_("empty page"),
    N_("no article text"),
    N_("no title"),
    N_("too deep"),
    N_("unreadable page"),
    N_("listing"),
    N_("article"),
)


def _print_links(step) -> None:
    found = LINKS_FOUND.get(step.method, N_("article links: %(count)s from the feed"))
    click.echo("  " + _(found) % {"count": len(step.links)})
    for url in step.links:
        click.echo(f"    {url}")
    for reason, urls in step.left_out.items():
        click.echo("  " + _("left out, %(reason)s: %(count)s") % {"reason": _(reason), "count": len(urls)})
    if step.other_links:
        click.echo("  " + _("links on the site that article_pattern did not match, for example:"))
        for url in step.other_links:
            click.echo(f"    {url}")


def _print_article(step) -> None:
    found_by = {key: _(method) for key, method in step.found_by.items()}
    click.echo(
        "  "
        + _("title: %(title)s  [%(method)s]") % {"title": step.title, "method": found_by.get("title", "?")}
    )
    published = step.published or _("none")
    click.echo(
        "  " + _("date: %(date)s  [%(method)s]") % {"date": published, "method": found_by.get("date", "-")}
    )
    described = {"lang": step.lang, "author": step.author or "-", "dateline": step.dateline or "-"}
    click.echo("  " + _("language: %(lang)s   author: %(author)s   dateline: %(dateline)s") % described)
    sizes = {
        "paragraphs": _count(
            step.paragraphs, ngettext("%(count)s paragraph", "%(count)s paragraphs", step.paragraphs)
        ),
        "characters": _count(
            step.characters, ngettext("%(count)s character", "%(count)s characters", step.characters)
        ),
    }
    click.echo("  " + _("text: %(paragraphs)s, %(characters)s") % sizes)
    for line in step.first_lines:
        click.echo(f"    | {line}")
    if step.paragraphs > len(step.first_lines) + len(step.last_lines):
        click.echo("    | …")
    for line in step.last_lines:
        click.echo(f"    | {line}")
    dropped = _count(
        len(step.dropped_lines), ngettext("%(count)s line", "%(count)s lines", len(step.dropped_lines))
    )
    click.echo("  " + _("dropped by the cleaner: %(lines)s") % {"lines": dropped})
    for line in step.dropped_lines:
        click.echo(f"    - {line}")
    if step.stripped:
        cut = "; ".join(json.dumps(p, ensure_ascii=False) for p in step.stripped)
        click.echo("  " + _("cut from kept lines: %(parts)s") % {"parts": cut})


def print_summary(source, steps, suggestions: dict[str, str]) -> None:
    problems = [step for step in steps if not step.ok]
    if problems:
        verdict = ngettext(
            "PROBLEM on %(count)s of %(total)s page", "PROBLEM on %(count)s of %(total)s pages", len(steps)
        ) % {"count": len(problems), "total": len(steps)}
    else:
        verdict = _("OK")
    click.echo(click.style(f"{source.name}: {verdict}", bold=True))
    if suggestions:
        click.echo(
            _("suggested lines for [sources.%(source)s] in config/sources.toml:") % {"source": source.name}
        )
        for key, value in suggestions.items():
            click.echo(f"  {config_line(key, value)}")


def _count(n: int, words: str) -> str:
    """`words` (the form ngettext chose for `n`) with `n` in its %(count)s place."""
    return words % {"count": n}
