"""`apknews show` and `reextract`: one article as a researcher cites it, and the archive rebuilt."""

from __future__ import annotations

import json

import click

from apknews.app import UserError, cli, require_store
from apknews.messages import N_, _, human_date
from apknews.output import links_summary
from archive.sources import load_sources
from archive.store import Store

SHOWN_CHANGES = 50  # changed articles listed one by one; the rest are only counted


def _when(record: dict) -> str:
    """ "29 September 2021 14:35 +06:00" (as the user's language writes a date) or "no date"."""
    published = human_date(record["published"]) if record.get("published") else _("no date")
    parts = [published, record.get("published_time"), record.get("utc_offset")]
    return " ".join(p for p in parts if p)


@cli.command()
@click.argument("url")
@click.option("--versions", is_flag=True, help="List the earlier texts kept when re-crawls found edits.")
@click.option("--diff", is_flag=True, help="With --versions: what each edit changed, word by word.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_obj
def show(obj, url, versions, diff, fmt):
    """Show one archived article by its URL (any variant of it: tracking parameters, print, slash).

    Also shows the dateline, the author, and the article's links: the earliest copy it reposts,
    its reposts, its translations. With --versions, every earlier text and when it was fetched;
    with --diff, what each edit changed (title, text, date, author; the text word by word, in
    colour at a terminal, else as [-removed-] {+added+}) and what re-checks of its page found.

    Example: apknews show https://assembly.kz/ru/news/some-slug/ --versions --diff
    """
    from apknews.version_output import history_json, print_history, print_status

    versions = versions or diff
    data_dir = obj["data_dir"]
    require_store(data_dir)
    with Store.open_readonly(data_dir.store_path) as store:
        stored = store.read_article(url)
    if stored is None:
        raise UserError(_("no article archived at %(url)s") % {"url": url})
    article, links = stored.article, stored.links
    record_id = _record_id(data_dir, article)
    earlier = stored.versions if versions else []
    if fmt == "json":
        record = {**article, "archive_record_id": record_id, "links": links}
        if versions:
            record["versions"] = earlier
            record.update(history_json(article, earlier, stored.checks))
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    click.echo(article["title"])
    script = f" ({article['script']})" if article.get("script") == "Latn" else ""
    click.echo(f"{_when(article)} · {article['lang']}{script} · {article['source']}")
    click.echo(article["url"])
    shown = (
        ("dateline", article.get("dateline")),
        ("author", article.get("author")),
        ("WARC-Record-ID", record_id),
    )
    for label, value in shown:
        if value:
            click.echo(f"{_(label)}: {value}")
    for label, linked in ((_("repost of"), links["repost_of"]), (_("reposted as"), links["reposted_as"])):
        for other in linked:
            click.echo(f"{label}: {other['url']} ({_when(other)}, {other['source']})")
    for other in links["translations"]:
        click.echo(_("translation (%(lang)s): %(url)s") % other)
    print_status(article, stored.checks)
    click.echo("")
    click.echo(article["text"])
    if versions:
        print_history(article, earlier, diff, _when)


def _record_id(data_dir, article: dict) -> str | None:
    """The WARC-Record-ID of the page as fetched: what a citation names as its place in the archive."""
    from archive.warc_ids import record_ids

    if not article.get("warc_file"):
        return None
    pointer = (article["warc_file"], article["warc_offset"])
    return record_ids(data_dir.root, [pointer]).get(pointer)


@cli.command()
@click.option("--source", "source_name", help="Only this source's articles.")
@click.option("--dry-run", is_flag=True, help="Report what would change; store nothing.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_obj
def reextract(obj, source_name, dry_run, fmt):
    """Rebuild every article from its kept raw page (WARC) with the current cleaner; no network.

    Reports each article whose title, date, time, language, author, dateline or text changed, then
    relinks reposts and translations. Run it after the cleaner or config/extraction.toml changes and
    before the next `crawl --refresh` (so that the edits a re-crawl finds are the sites' edits, not
    ours), then `apknews index` to search the new texts.

    Example: apknews reextract --source assembly --dry-run
    """
    from archive.reextract import reextract as run_reextract

    data_dir = obj["data_dir"]
    require_store(data_dir)
    sources = load_sources(obj["sources_file"])
    if source_name:
        with Store(data_dir.store_path) as store:
            if store.count(source_name) == 0 and source_name not in sources:
                raise UserError(
                    _("no articles of source %(source)r in the archive") % {"source": source_name}
                )
    report = run_reextract(data_dir, sources, source_name, dry_run=dry_run)
    if fmt == "json":
        click.echo(json.dumps({**report.to_dict(), "dry_run": dry_run}, ensure_ascii=False, indent=2))
        return
    _print_reextracted(report, dry_run)


def _print_reextracted(report, dry_run: bool) -> None:
    for change in report.changes[:SHOWN_CHANGES]:
        what = _("changed version of %(url)s") if change.version_id else _("changed %(url)s")
        click.echo(what % {"url": change.url})
        for name, (before, after) in change.fields.items():
            if name == "text":
                sizes = {"before": len(before or ""), "after": len(after or "")}
                click.echo("  " + _("text: %(before)s -> %(after)s characters") % sizes)
            else:
                click.echo(f"  {name}: {before!r} -> {after!r}")
    if len(report.changes) > SHOWN_CHANGES:
        click.echo(_("... and %(count)s more changed") % {"count": len(report.changes) - SHOWN_CHANGES})
    for url, reason in report.failed:
        click.echo(_("not rebuilt %(url)s: %(reason)s") % {"url": url, "reason": reason})
    fields = ", ".join(f"{name} {count}" for name, count in sorted(report.field_counts.items())) or _("none")
    done = (
        _("reextracted %(articles)s articles and %(versions)s earlier versions from the WARC: "
          "%(changes)s would change (fields: %(fields)s), %(failed)s not rebuilt")
        if dry_run
        else _("reextracted %(articles)s articles and %(versions)s earlier versions from the WARC: "
               "%(changes)s changed (fields: %(fields)s), %(failed)s not rebuilt")
    )  # fmt: skip
    values = {"articles": report.articles, "versions": report.versions, "fields": fields}
    click.echo(done % {**values, "changes": len(report.changes), "failed": len(report.failed)})
    if report.links:
        click.echo(
            _("links: %(links)s") % {"links": links_summary(report.links.reposts, report.links.translations)}
        )


# The labels `show` prints before an article's text.
SHOWN_LABELS = (N_("dateline"), N_("author"), N_("WARC-Record-ID"))
