"""`apknews saved` and `apknews alerts`: searches kept by name, and their hits new since the last look."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from apknews.app import UserError, cli, require_store
from apknews.messages import _, human_timestamp
from apknews.searching import filter_options
from archive import settings


@cli.group()
def saved():
    """Keep searches by name; `apknews alerts` reports their new hits.

    Example: apknews saved add taraz "Тараз меморандум" --lang ru
    """


@saved.command("add")
@click.argument("name")
@click.argument("query")
@filter_options
@click.pass_obj
def saved_add(obj, name, query, filters):
    """Keep QUERY (and its filters) under NAME; articles stored from now on are its new hits.

    Example: apknews saved add taraz "Тараз меморандум" --lang ru --from 2021
    """
    from apknews.alert_output import described
    from search.saved import save_search

    require_store(obj["data_dir"])
    search = save_search(obj["data_dir"], name, query, filters)
    click.echo(
        _("saved %(name)s: %(search)s; `apknews alerts` reports what is stored from now on")
        % {"name": search.name, "search": described(search)}
    )


@saved.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def saved_list(obj, fmt):
    """List the saved searches, each with the new hits its next alert run would report.

    Example: apknews saved list --format json
    """
    from apknews.alert_output import described
    from search.saved import new_hit_counts

    counted = new_hit_counts(obj["data_dir"])
    if fmt == "json":
        rows = [{**search.to_dict(), "new": new} for search, new in counted]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not counted:
        click.echo(_("no saved search yet: apknews saved add NAME QUERY"))
    for search, new in counted:
        if search.last_alert_at:
            last = _("last alert run %(time)s") % {"time": human_timestamp(search.last_alert_at)}
        else:
            last = _("no alert run yet")
        values = {"name": search.name, "search": described(search), "new": new, "last": last}
        click.echo(_("%(name)s: %(search)s (%(new)s new; %(last)s)") % values)


@saved.command("remove")
@click.argument("name")
@click.pass_obj
def saved_remove(obj, name):
    """Forget the saved search NAME.

    Example: apknews saved remove taraz
    """
    from search.saved import remove_search

    require_store(obj["data_dir"])
    remove_search(obj["data_dir"], name)
    click.echo(_("removed %(name)s") % {"name": name})


@cli.command()
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "atom"]), default="text", show_default=True
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (left as it was when nothing is new) instead of standard output.",
)
@click.option("--mail-to", metavar="ADDRESS", help="Mail the new hits (as text) through sendmail instead.")
@click.pass_obj
def alerts(obj, fmt, output, mail_to):
    """Print each saved search's hits that are new since the last alert run: articles first stored
    since then (a changed article is not new again), each reported once. Prints nothing when
    nothing is new (for cron: `apknews update && apknews alerts --mail-to me@example.kz`); only
    what the index holds counts, so run it after `apknews index` or `update`. --mail-to pipes the
    message to the sendmail_command setting (APKNEWS_SENDMAIL_COMMAND, default
    `/usr/sbin/sendmail -t -oi`). Exit status 1 when the hits could not be delivered: they are
    reported again next time.

    Example: apknews alerts --format atom --output alerts.xml
    """
    from search.saved import mark_alerted, new_hits, saved_searches

    data_dir = obj["data_dir"]
    require_store(data_dir)
    checked = [new_hits(data_dir, search) for search in saved_searches(data_dir)]
    found = [item for item in checked if item.hits]
    if found:
        _deliver(found, fmt, output, mail_to, data_dir)
    mark_alerted(data_dir, checked)


def _deliver(found: list, fmt: str, output: Path | None, mail_to: str | None, data_dir) -> None:
    from apknews import alert_output

    if mail_to:
        try:
            alert_output.mail(found, mail_to, settings.get("sendmail_command"))
        except alert_output.MailError as exc:
            raise UserError(str(exc), _("set APKNEWS_SENDMAIL_COMMAND to a working sendmail")) from exc
        return
    if fmt == "json":
        text = alert_output.as_json(found)
    elif fmt == "atom":
        text = alert_output.as_atom(found, data_dir)
    else:
        text = alert_output.as_text(found)
    if output is None:
        sys.stdout.write(text)
        return
    if not output.parent.exists():
        raise UserError(
            _("no folder %(folder)s for %(file)s") % {"folder": output.parent, "file": output},
            _("create it first or write elsewhere"),
        )
    output.write_text(text, encoding="utf-8")
