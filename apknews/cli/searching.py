"""`apknews search`, `export` and `show`: reading the archive."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from apknews.cli.app import UserError, cli, require_store
from apknews.output import print_hits_table
from apknews.store import Store

FORMATS = ("table", "json", "jsonl")


def _search_options(command):
    """Filters shared by search and export."""
    options = [
        click.option("--lang", type=click.Choice(["ru", "kk", "en"]), help="Only this language."),
        click.option("--source", help="Only this source."),
        click.option("--from", "date_from", type=click.DateTime(["%Y-%m-%d"]), help="Published on or after."),
        click.option("--to", "date_to", type=click.DateTime(["%Y-%m-%d"]), help="Published on or before."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _filters(lang, source, date_from, date_to) -> dict:
    return {
        "lang": lang,
        "source": source,
        "date_from": date_from.date() if date_from else None,
        "date_to": date_to.date() if date_to else None,
    }


@cli.command("search")
@click.argument("query")
@_search_options
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.pass_obj
def search_command(obj, query, lang, source, date_from, date_to, sort, limit, fmt):
    """Search the archive: words in any form, ANDed; "quoted phrases"; OR, NOT, -word.

    Example: apknews search "Тараз меморандум" --lang ru --from 2021-01-01 --format json
    """
    from search import search

    result = search(
        obj["data_dir"], query, sort=sort, limit=limit, **_filters(lang, source, date_from, date_to)
    )
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for hit in result.hits:
            click.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
    else:
        print_hits_table(result)


@cli.command()
@click.argument("query")
@_search_options
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write ('-' for standard output).",
)
@click.option("--with-text", is_flag=True, help="Include each article's full text.")
@click.pass_obj
def export(obj, query, lang, source, date_from, date_to, fmt, output, with_text):
    """Export every hit of QUERY (not a page of them) with its stored fields; '*' is everything.

    Example: apknews export "Ассамблея" --lang ru --format jsonl --output hits.jsonl --with-text
    """
    from search import iter_hits

    hits = iter_hits(
        obj["data_dir"], query, with_text=with_text, **_filters(lang, source, date_from, date_to)
    )
    if str(output) == "-":
        count = sum(1 for _ in _write_jsonl(hits, sys.stdout))
    else:
        # Written beside the target and moved into place: a failed export leaves no half file.
        partial = output.with_name(output.name + ".partial")
        with open(partial, "w", encoding="utf-8") as out:
            count = sum(1 for _ in _write_jsonl(hits, out))
        partial.replace(output)
    click.echo(f"exported {count} articles to {output}", err=True)


def _write_jsonl(records, out):
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        yield record


@cli.command()
@click.argument("url")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.pass_obj
def show(obj, url, fmt):
    """Show one archived article by its URL (any variant of it: tracking parameters, print, slash).

    Example: apknews show https://assembly.kz/ru/news/some-slug/ --format json
    """
    data_dir = obj["data_dir"]
    require_store(data_dir)
    with Store(data_dir.store_path) as store:
        article = store.get(url)
    if article is None:
        raise UserError(f"no article archived at {url}")
    if fmt == "json":
        click.echo(json.dumps(article, ensure_ascii=False, indent=2))
        return
    click.echo(article["title"])
    click.echo(f"{article['published'] or 'no date'} · {article['lang']} · {article['source']}")
    click.echo(article["url"])
    click.echo("")
    click.echo(article["text"])
