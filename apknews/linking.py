"""`apknews links`: the archive's reposts and translations with the score and reason of each link."""

from __future__ import annotations

import json

import click

from apknews.app import cli, require_store
from apknews.messages import _, human_date
from apknews.output import links_summary as _links
from apknews.output import say
from archive.links import relink
from archive.links.doubts import doubts
from archive.store import REPOST, Store


@cli.command()
@click.option("--check", is_flag=True, help="List only doubtful links, each with what makes it doubtful.")
@click.option(
    "--relink",
    "relink_first",
    is_flag=True,
    help="Recompute every link with the current rules first (as each crawl does at its end).",
)
@click.option("--kind", type=click.Choice(["repost", "translation"]), help="Only links of this kind.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_obj
def links(obj, check, relink_first, kind, fmt):
    """List the archive's links: each repost with the earliest copy it repeats, each translation
    with its other language; every link with its score and the reason it was made.

    A repost's score is the share of the shorter text found word for word in the other; a
    translation's, how far the names and numbers of the two agree (none: the page itself links
    its translation). --check lists the links to look at twice: a score near its threshold,
    copies published more than a week apart, headlines with no word in common.

    Example: apknews links --check
    """
    data_dir = obj["data_dir"]
    require_store(data_dir)
    if relink_first:
        with Store(data_dir.store_path) as store:
            report = relink(store)
        if fmt == "text":
            click.echo(_("relinked: %(links)s") % {"links": _links(report.reposts, report.translations)})
    with Store.open_readonly(data_dir.store_path) as store:
        every = [link for link in store.all_links() if kind is None or link["kind"] == kind]
    listed = [(d.link, d.why) for d in doubts(every)] if check else [(link, ()) for link in every]
    if fmt == "json":
        records = [{**link, "doubts": list(why)} if check else link for link, why in listed]
        click.echo(json.dumps({"links": len(every), "listed": records}, ensure_ascii=False, indent=2))
        return
    counts = {k: sum(1 for link in every if link["kind"] == k) for k in ("repost", "translation")}
    summary = {
        "summary": _links(counts["repost"], counts["translation"]),
        "listed": len(listed),
        "all": len(every),
    }
    if check:
        click.echo(_("%(listed)s doubtful of %(all)s links (%(summary)s)") % summary)
    else:
        click.echo(_("%(all)s links (%(summary)s)") % summary)
    for link, why in listed:
        click.echo("")
        _echo_link(link, why)


def _echo_link(link: dict, why: tuple[str, ...]) -> None:
    score = "-" if link["score"] is None else f"{link['score']:.2f}"
    kind, arrow = (
        (_("repost"), _("repost of")) if link["kind"] == REPOST else (_("translation"), _("translation of"))
    )
    click.echo(
        _("%(kind)s score %(score)s: %(reason)s") % {"kind": kind, "score": score, "reason": link["reason"]}
    )
    click.echo(f"  {_end(link, 'a')}")
    click.echo(f"  {arrow} {_end(link, 't')}")
    for doubt in why:
        click.echo("  " + _("doubt: %(doubt)s") % {"doubt": say(doubt)})


def _end(link: dict, side: str) -> str:
    published = human_date(link[f"{side}_published"]) if link[f"{side}_published"] else _("no date")
    return (
        f"{published} {link[f'{side}_lang']} {link[f'{side}_source']}  {link[f'{side}_title']}\n"
        f"    {link[f'{side}_url']}"
    )
