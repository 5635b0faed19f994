"""`apknews probe SOURCE`: what the source's selectors match on its pages, a verdict, and config lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from apknews.app import UserError, cli
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
            raise UserError(str(exc)) from exc
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
    click.echo(click.style(f"{step.kind}{where}: {step.url}{status}", bold=True))
    for key, found in step.selectors.items():
        matches = "malformed" if found["matches"] is None else _count(found["matches"], "match", "matches")
        click.echo(f"  {key} {json.dumps(found['css'], ensure_ascii=False)}: {matches}")
    if step.kind == "listing" and not step.error:
        _print_links(step)
    elif step.kind == "article" and not step.error and step.title:
        _print_article(step)
    for note in step.notes:
        click.echo(f"  note: {note}")
    verdict = step.verdict
    click.echo("  " + click.style(verdict, fg="green" if step.ok else "yellow"))
    for line in step.config_lines():
        click.echo(f"  suggested config line: {line}")
    click.echo()


def _print_links(step) -> None:
    how = {"selector": "by listing_selector", "fallback": "by fallback (the page's structure)"}
    click.echo(f"  article links: {len(step.links)} {how.get(step.method, 'from the feed')}")
    for url in step.links:
        click.echo(f"    {url}")
    for reason, urls in step.left_out.items():
        click.echo(f"  left out, {reason}: {len(urls)}")
    if step.other_links:
        click.echo("  links on the site that article_pattern did not match, for example:")
        for url in step.other_links:
            click.echo(f"    {url}")


def _print_article(step) -> None:
    found_by = step.found_by
    click.echo(f"  title: {step.title}  [{found_by.get('title', '?')}]")
    click.echo(f"  date: {step.published or 'none'}  [{found_by.get('date', '-')}]")
    click.echo(f"  language: {step.lang}   author: {step.author or '-'}   dateline: {step.dateline or '-'}")
    click.echo(f"  text: {_count(step.paragraphs, 'paragraph', 'paragraphs')}, {step.characters} characters")
    for line in step.first_lines:
        click.echo(f"    | {line}")
    if step.paragraphs > len(step.first_lines) + len(step.last_lines):
        click.echo("    | …")
    for line in step.last_lines:
        click.echo(f"    | {line}")
    click.echo(f"  dropped by the cleaner: {_count(len(step.dropped_lines), 'line', 'lines')}")
    for line in step.dropped_lines:
        click.echo(f"    - {line}")
    if step.stripped:
        click.echo(
            "  cut from kept lines: " + "; ".join(json.dumps(p, ensure_ascii=False) for p in step.stripped)
        )


def print_summary(source, steps, suggestions: dict[str, str]) -> None:
    problems = [step for step in steps if not step.ok]
    verdict = "OK" if not problems else f"PROBLEM on {len(problems)} of {len(steps)} pages"
    click.echo(click.style(f"{source.name}: {verdict}", bold=True))
    if suggestions:
        click.echo(f"suggested lines for [sources.{source.name}] in config/sources.toml:")
        for key, value in suggestions.items():
            click.echo(f"  {config_line(key, value)}")


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"
