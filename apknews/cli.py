"""The `apknews` command: a thin layer over the crawler, the indexer and search()."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import click

from apknews import __version__
from apknews import settings as apknews_settings
from apknews.output import print_crawl_reports, print_hits_table
from apknews.settings import DataDir
from apknews.sources import ConfigError, load_sources, parse_base_url_overrides, select_sources
from apknews.store import Store

FORMATS = ("table", "json", "jsonl")


class UserError(click.ClickException):
    """One clear line on stderr and exit 1."""

    def show(self, file=None) -> None:
        click.echo(f"apknews: error: {self.format_message()}", err=True)


class _Group(click.Group):
    """Turns the errors a user can cause (bad query, no index, bad config, full disk) into one line."""

    def invoke(self, ctx):
        from search import IndexMissingError, QueryError

        try:
            return super().invoke(ctx)
        except (QueryError, IndexMissingError, ConfigError) as exc:
            raise UserError(str(exc)) from exc
        except sqlite3.OperationalError as exc:
            raise UserError(f"the store could not be used: {exc}") from exc
        except OSError as exc:
            raise UserError(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")) from exc


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="apknews")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="APKNEWS_DATA_DIR",
    default=apknews_settings.get("data_dir"),
    show_default=True,
    help="Folder of the store, the WARC files and the index (env APKNEWS_DATA_DIR).",
)
@click.option(
    "--sources",
    "sources_file",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="APKNEWS_SOURCES_FILE",
    default=None,
    help="Sources file (default: config/sources.toml; env APKNEWS_SOURCES_FILE).",
)
@click.pass_context
def cli(ctx, data_dir: Path, sources_file: Path | None):
    """Archive and search news about the Assembly of People of Kazakhstan.

    Example: apknews crawl && apknews index && apknews search "Тараз меморандум"
    """
    ctx.obj = {"data_dir": DataDir(data_dir), "sources_file": sources_file}


@cli.command()
@click.option("--source", "source_names", multiple=True, help="Crawl only this source (repeatable).")
@click.option(
    "--base-url",
    "base_urls",
    multiple=True,
    metavar="NAME=URL",
    help="Fetch source NAME from URL instead of its live site (repeatable).",
)
@click.option("--refresh", is_flag=True, help="Fetch articles again even when already stored.")
@click.option("--verbose", "-v", is_flag=True, help="Show Scrapy's log.")
@click.pass_obj
def crawl(obj, source_names, base_urls, refresh, verbose):
    """Fetch new articles of every enabled source (or those named) into the archive.

    Example: apknews crawl --source assembly --base-url assembly=http://127.0.0.1:8765
    """
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawler.settings")
    from crawler.run import run_crawl

    sources = select_sources(
        load_sources(obj["sources_file"]), source_names, parse_base_url_overrides(base_urls)
    )
    if not sources:
        raise UserError("no source is enabled in the sources file")
    run_id, reports = run_crawl(
        sources, obj["data_dir"], refresh=refresh, log_level="INFO" if verbose else "WARNING"
    )
    print_crawl_reports(run_id, reports)
    if not all(r.ok for r in reports):
        sys.exit(1)


@cli.command()
@click.option("--rebuild", is_flag=True, help="Rebuild the index from the store from scratch.")
@click.pass_obj
def index(obj, rebuild):
    """Bring the search index up to date with the store (only what changed, unless --rebuild).

    Example: apknews index --rebuild
    """
    from indexer.index import update_index

    data_dir = obj["data_dir"]
    if not data_dir.store_path.exists():
        raise UserError(f"no archive in {data_dir.root}: run `apknews crawl` first")
    with Store(data_dir.store_path) as store:
        report = update_index(store, data_dir.index_dir, rebuild=rebuild)
    action = f"rebuilt ({report.reason})" if report.rebuilt else "updated"
    click.echo(f"index {action}: {report.added} articles indexed, {report.total} in the index")


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
    if not data_dir.store_path.exists():
        raise UserError(f"no archive in {data_dir.root}: run `apknews crawl` first")
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


def main() -> None:
    cli(prog_name="apknews")
