"""How the CLI prints crawl reports and hits for a person at a terminal."""

from __future__ import annotations

import shutil
import sys
import textwrap

import click

from apknews.messages import N_, _, ngettext, translated
from search.engine import ARTICLES, MARK
from search.languages import also_in


def print_crawl_reports(run_id: int, reports) -> None:
    """One line per source: what the crawl fetched and stored, then what went wrong, if anything."""
    for report in reports:
        c = report.counts
        line = _(
            "%(source)s: %(requests)s requests, %(listing_pages)s listing pages, %(article_pages)s "
            "article pages -> %(new)s new, %(changed)s changed, %(unchanged)s unchanged, "
            "%(known_skipped)s already archived, %(robots_blocked)s blocked by robots.txt"
        ) % {"source": report.source, **c}
        if c.get("sitemaps_unchanged"):
            line += _(", sitemaps unchanged since the last run: %(count)s") % {
                "count": c["sitemaps_unchanged"]
            }
        click.echo(line)
        dropped = dict(report.dropped)
        # Pages about something else are the topic filter doing its job, not a fault of the crawl.
        off_topic = dropped.pop("off_topic", 0)
        problems = {**report.errors, **{_("dropped %(why)s") % {"why": k}: v for k, v in dropped.items()}}
        if c["without_date"]:
            problems[_("without date")] = c["without_date"]
        if c["retries"]:
            problems[_("retries")] = c["retries"]
        if problems:
            listed = ", ".join(f"{k}: {v}" for k, v in sorted(problems.items()))
            click.echo("  " + _("problems: %(problems)s") % {"problems": listed})
        if off_topic:
            click.echo("  " + _("left out as off-topic: %(count)s") % {"count": off_topic})
        _print_finding(report)
        if not report.ok:
            reason = report.finish_reason or _("killed or crashed")
            click.echo("  " + _("did not finish: %(reason)s") % {"reason": reason}, err=True)
    _print_links(reports)
    click.echo(_("run %(run)s recorded") % {"run": run_id})


def _print_links(reports) -> None:
    """This run's new reposts and translations, then the archive's totals (relinking counts all)."""
    counted = {k: sum(r.counts.get(k, 0) for r in reports) for k in _LINK_COUNTS}
    if counted["reposts_linked"] or counted["translations_linked"]:
        click.echo(
            _("links this run: %(new)s; in the archive: %(total)s")
            % {
                "new": links_summary(counted["reposts_new"], counted["translations_new"]),
                "total": links_summary(counted["reposts_linked"], counted["translations_linked"]),
            }
        )


_LINK_COUNTS = ("reposts_new", "translations_new", "reposts_linked", "translations_linked")


def links_summary(reposts: int, translations: int) -> str:
    """'2 reposts, 4 translations', with each language's plural forms."""
    return ", ".join(
        (
            ngettext("%(n)s repost", "%(n)s reposts", reposts) % {"n": reposts},
            ngettext("%(n)s translation", "%(n)s translations", translations) % {"n": translations},
        )
    )


def _print_finding(report) -> None:
    """How the source's listing links and article fields were found, so the config can be tightened."""
    by = report.listing_links_by
    if by:
        line = "  " + _("listing pages by how links were found: %(counts)s") % {
            "counts": ", ".join(f"{_(label)}: {by[k]}" for k, label in _LINKS_BY.items() if by.get(k))
        }
        if by.get("fallback"):
            line += " " + _("(`apknews probe %(source)s` suggests a listing_selector)") % {
                "source": report.source
            }
        click.echo(line)
    if report.fallbacks:
        fields = ", ".join(f"{k}: {v}" for k, v in sorted(report.fallbacks.items()))
        click.echo("  " + _("pages read by a fallback, not the selector: %(fields)s") % {"fields": fields})


_LINKS_BY = {"selector": "listing_selector", "fallback": N_("fallback"), "none": N_("no article link")}


def say(problem) -> str:
    """A problem the crawler's health check found (crawler.health.Problem), in the user's language."""
    return translated(getattr(problem, "message_id", str(problem)), getattr(problem, "params", None))


def print_health_warnings(health) -> None:
    """Each source's warnings, one line each on stderr: what cron mails."""
    for item in health:
        for warning in item.warnings:
            click.echo(f"apknews: {_('warning')}: {item.source}: {say(warning)}", err=True)


def print_hits_table(result, offset: int = 0) -> None:
    """Numbered hits: date, language, source, title, then the snippet and the URL, indented; first
    the count, as "showing 11–20 of 26 stories (39 articles)" when the list goes on beyond this page."""
    width = min(shutil.get_terminal_size((100, 20)).columns, 120)
    count = hit_count(result.total, result.total_articles, result.counts)
    values = {
        "count": count,
        "query": repr(result.query),
        "first": offset + 1,
        "last": offset + len(result.hits),
    }
    if result.hits and (offset or len(result.hits) < result.total):
        click.echo(_("showing %(first)s–%(last)s of %(count)s for %(query)s") % values)
    else:
        click.echo(_("%(count)s for %(query)s") % values)
    for rank, hit in enumerate(result.hits, start=offset + 1):
        head = f"{rank:>3}. {hit.published or '----------'} {hit.lang} {hit.source:<10} {hit.title}"
        click.echo(click.style(head, bold=True) + _folded(hit.reposts))
        snippet = _styled(hit.snippet)
        for line in textwrap.wrap(snippet, width - 6):
            click.echo("      " + line)
        click.echo("      " + click.style(hit.url, fg="blue"))
        if hit.translations:
            click.echo("      " + _("also in: %(languages)s") % {"languages": also_in(hit.translations)})


def _folded(reposts: int) -> str:
    """'  [+3 reposts]' after a hit that stands for its copies too."""
    if not reposts:
        return ""
    return "  [" + ngettext("+%(n)s repost", "+%(n)s reposts", reposts) % {"n": reposts} + "]"


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
