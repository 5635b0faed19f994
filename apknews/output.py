"""How the CLI prints crawl reports and hits for a person at a terminal."""

from __future__ import annotations

import shutil
import sys
import textwrap

import click

from apknews.messages import _, ngettext
from search.engine import ARTICLES, MARK
from search.languages import also_in


def print_crawl_reports(run_id: int, reports) -> None:
    """One line per source: what the crawl fetched and stored, then what went wrong, if anything."""
    for report in reports:
        c = report.counts
        line = (
            f"{report.source}: {c['requests']} requests, {c['listing_pages']} listing pages, "
            f"{c['article_pages']} article pages -> {c['new']} new, {c['changed']} changed, "
            f"{c['unchanged']} unchanged, {c['known_skipped']} already archived, "
            f"{c['robots_blocked']} blocked by robots.txt"
        )
        if c.get("sitemaps_unchanged"):
            line += f", sitemaps unchanged since the last run: {c['sitemaps_unchanged']}"
        click.echo(line)
        dropped = dict(report.dropped)
        # Pages about something else are the topic filter doing its job, not a fault of the crawl.
        off_topic = dropped.pop("off_topic", 0)
        problems = {**report.errors, **{f"dropped {k}": v for k, v in dropped.items()}}
        if c["without_date"]:
            problems["without date"] = c["without_date"]
        if c["retries"]:
            problems["retries"] = c["retries"]
        if problems:
            click.echo("  problems: " + ", ".join(f"{k}: {v}" for k, v in sorted(problems.items())))
        if off_topic:
            click.echo(f"  left out as off-topic: {off_topic}")
        _print_finding(report)
        if not report.ok:
            click.echo(f"  did not finish: {report.finish_reason or 'killed or crashed'}", err=True)
    reposts = sum(r.counts.get("reposts_linked", 0) for r in reports)
    translations = sum(r.counts.get("translations_linked", 0) for r in reports)
    if reposts or translations:
        # relink counts every link in the archive after this run, not the ones this run added.
        click.echo(f"in the archive: {reposts} reposts, {translations} translations linked")
    click.echo(f"run {run_id} recorded")


def _print_finding(report) -> None:
    """How the source's listing links and article fields were found, so the config can be tightened."""
    by = report.listing_links_by
    if by:
        line = "  listing pages by how links were found: " + ", ".join(
            f"{label}: {by[k]}" for k, label in _LINKS_BY.items() if by.get(k)
        )
        if by.get("fallback"):
            line += f" (`apknews probe {report.source}` suggests a listing_selector)"
        click.echo(line)
    if report.fallbacks:
        fields = ", ".join(f"{k}: {v}" for k, v in sorted(report.fallbacks.items()))
        click.echo(f"  pages read by a fallback, not the selector: {fields}")


_LINKS_BY = {"selector": "listing_selector", "fallback": "fallback", "none": "no article link"}


def print_health_warnings(health) -> None:
    """Each source's warnings, one line each on stderr: what cron mails."""
    for item in health:
        for warning in item.warnings:
            click.echo(f"apknews: {_('warning')}: {item.source}: {warning}", err=True)


def print_hits_table(result) -> None:
    """Numbered hits: date, language, source, title, then the snippet and the URL, indented."""
    width = min(shutil.get_terminal_size((100, 20)).columns, 120)
    count = hit_count(result.total, result.total_articles, result.counts)
    click.echo(_("%(count)s for %(query)s") % {"count": count, "query": repr(result.query)})
    for rank, hit in enumerate(result.hits, start=1):
        head = f"{rank:>3}. {hit.published or '----------'} {hit.lang} {hit.source:<10} {hit.title}"
        click.echo(click.style(head, bold=True))
        snippet = _styled(hit.snippet)
        for line in textwrap.wrap(snippet, width - 6):
            click.echo("      " + line)
        click.echo("      " + click.style(hit.url, fg="blue"))
        if hit.translations:
            click.echo(f"      also in: {also_in(hit.translations)}")


def hit_count(total: int, total_articles: int, counts: str) -> str:
    """'26 stories (39 articles)': stories and the copies they fold; '39 articles' when not folded."""
    articles = ngettext("%(n)s article", "%(n)s articles", total_articles) % {"n": total_articles}
    if counts == ARTICLES:
        return articles
    return ngettext("%(n)s story", "%(n)s stories", total) % {"n": total} + f" ({articles})"


def _styled(snippet: str) -> str:
    """Matched forms bold on a terminal; the plain markers stay when output is piped."""
    if not sys.stdout.isatty():
        return snippet
    parts = snippet.split(MARK)
    return "".join(click.style(p, bold=True) if i % 2 else p for i, p in enumerate(parts))
