"""`apknews show` and `reextract`: one article as a researcher cites it, and the archive rebuilt."""

from __future__ import annotations

import json

import click

from apknews.app import UserError, cli, require_store
from archive.sources import load_sources
from archive.store import Store

SHOWN_CHANGES = 50  # changed articles listed one by one; the rest are only counted


def _when(record: dict) -> str:
    """ "2021-09-29 14:35 +06:00", "2021-09-29" or "no date"."""
    parts = [record.get("published") or "no date", record.get("published_time"), record.get("utc_offset")]
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
        raise UserError(f"no article archived at {url}")
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
            click.echo(f"{label}: {value}")
    for original in links["repost_of"]:
        click.echo(
            f"repost of: {original['url']} ({original['published'] or 'no date'}, {original['source']})"
        )
    for copy in links["reposted_as"]:
        click.echo(f"reposted as: {copy['url']} ({copy['published'] or 'no date'}, {copy['source']})")
    for other in links["translations"]:
        click.echo(f"translation ({other['lang']}): {other['url']}")
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
                raise UserError(f"no articles of source {source_name!r} in the archive")
    report = run_reextract(data_dir, sources, source_name, dry_run=dry_run)
    if fmt == "json":
        click.echo(json.dumps({**report.to_dict(), "dry_run": dry_run}, ensure_ascii=False, indent=2))
        return
    for change in report.changes[:SHOWN_CHANGES]:
        what = "version of " if change.version_id else ""
        click.echo(f"changed {what}{change.url}")
        for name, (before, after) in change.fields.items():
            if name == "text":
                click.echo(f"  text: {len(before or '')} -> {len(after or '')} characters")
            else:
                click.echo(f"  {name}: {before!r} -> {after!r}")
    if len(report.changes) > SHOWN_CHANGES:
        click.echo(f"... and {len(report.changes) - SHOWN_CHANGES} more changed")
    for url, reason in report.failed:
        click.echo(f"not rebuilt {url}: {reason}")
    fields = ", ".join(f"{name} {count}" for name, count in sorted(report.field_counts.items())) or "none"
    verb = "would change" if dry_run else "changed"
    click.echo(
        f"reextracted {report.articles} articles and {report.versions} earlier versions from the WARC: "
        f"{len(report.changes)} {verb} (fields: {fields}), {len(report.failed)} not rebuilt"
    )
    if report.links:
        click.echo(f"links: {report.links.reposts} reposts, {report.links.translations} translations")
