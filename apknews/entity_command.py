"""`apknews entity`: the articles naming a person, an organisation or a place, by month, where, with whom."""

from __future__ import annotations

import json

import click

from apknews.app import cli, skip_teardown
from apknews.messages import _

FORMATS = ("table", "json")
KIND_CHOICES = ("person", "org", "region", "city")


@cli.command("entity")
@click.argument("name")
@click.option(
    "--kind", type=click.Choice(KIND_CHOICES), help="What NAME is (default: what the archive names most)."
)
@click.option("--page", type=click.IntRange(1, 500), default=1, show_default=True)
@click.option(
    "--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Stories per page."
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option(
    "--no-fold", is_flag=True, help="List every copy: reposts on their own, not folded under a story."
)
@click.pass_obj
def entity_command(obj, name, kind, page, limit, fmt, no_fold):
    """The articles naming a person, an organisation, a region or a city, newest first, folded into
    stories as search folds them; the stories per month by language; its regions; the people and
    organisations most often named with it. A surname alone names the person ("Токаев"); a place
    may be spelled any way the gazetteer knows (Nur-Sultan, Астана, Ақмола).

    Example: apknews entity "Касым-Жомарт Токаев" --format json
    """
    from search.entity_page import entity_report

    report = entity_report(
        obj["data_dir"], name, kind, limit=limit, offset=(page - 1) * limit, collapse_reposts=not no_fold
    )
    skip_teardown()  # only reads: nothing to close but its output
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    _print_report(report)


def _print_report(report) -> None:
    from apknews.output import print_hits_table

    report.result.query = f'{report.kind}:"{report.name}"'
    print_hits_table(report.result)
    months = [
        (period, {lang: counts[i] for lang, counts in report.timeline.series.items() if counts[i]})
        for i, period in enumerate(report.timeline.periods)
    ]
    if any(by_lang for _, by_lang in months):
        click.echo("\n" + _("by month:"))
        for period, by_lang in months:
            if by_lang:
                click.echo(f"  {period}  " + "  ".join(f"{lang} {n}" for lang, n in by_lang.items()))
    _print_counts(_("regions"), report.regions)
    _print_counts(_("people named with it"), report.named_with.get("person", {}))
    _print_counts(_("organisations named with it"), report.named_with.get("org", {}))


def _print_counts(title: str, counts: dict[str, int]) -> None:
    if counts:
        click.echo(f"\n{title}:")
        for value, n in counts.items():
            click.echo(f"  {n:>4}  {value}")
