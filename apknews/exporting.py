"""`apknews export` and `apknews timeline`: every hit, or counts over time, for a researcher's tools."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import click

from apknews.app import UserError, cli, require_store
from apknews.searching import filter_options
from search.export import FORMATS, ExportError


def _count_hits(data_dir, query, filters) -> int:
    from search.timeline import count_hits

    return count_hits(data_dir, query, filters=filters)


@cli.command()
@click.argument("query")
@filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="csv, jsonl or xlsx (default: from the --output file name, else jsonl).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write ('-' for standard output, csv and jsonl only).",
)
@click.option("--fields", help="Comma-separated columns, in order (default: every field but text, score).")
@click.option("--with-text", is_flag=True, help="Include each article's full text.")
@click.option("--sort", type=click.Choice(["date", "relevance"]), default="date", show_default=True)
@click.option("--bom", is_flag=True, help="CSV: start with a UTF-8 byte-order mark, so Excel reads Cyrillic.")
@click.option("--no-sidecar", is_flag=True, help="Do not write FILE.meta.json describing the export.")
@click.pass_obj
def export(obj, query, filters, fmt, output, fields, with_text, sort, bom, no_sidecar):
    """Export every hit of QUERY (not a page of them) with its stored fields; '*' is everything.

    Streams: memory stays flat however many hits. Beside FILE goes FILE.meta.json, recording the
    query, the filters, the time, the archive's size and the software version, for citing.

    Example: apknews export "Ассамблея" --lang ru --format csv --bom --output hits.csv --with-text
    """
    from search import iter_hits
    from search.export import (
        describe_export,
        export_to_file,
        export_to_stream,
        format_for,
        resolve_fields,
        write_sidecar,
    )

    data_dir = obj["data_dir"]
    require_store(data_dir)
    try:
        fmt = format_for(output, fmt)
        columns = resolve_fields(fields.split(",") if fields else None, with_text)
    except ExportError as exc:
        raise UserError(str(exc)) from exc
    total = _count_hits(data_dir, query, filters)  # also turns a bad query into one line, early
    hits = iter_hits(data_dir, query, filters=filters, sort=sort, with_text="text" in columns)
    if str(output) == "-":
        try:
            count = export_to_stream(hits, sys.stdout, fmt, columns, bom)
        except ExportError as exc:
            raise UserError(str(exc)) from exc
        click.echo(f"exported {count} stories (reposts folded under the copy shown)", err=True)
        return
    about = describe_export(data_dir, query, filters, fmt, columns, sort)
    with _progress(total) as bar:
        report = export_to_file(hits, output, fmt, columns, bom=bom, about=about, on_record=bar)
    click.echo(f"exported {report.count} stories (reposts folded under the copy shown) to {output}", err=True)
    if not no_sidecar:
        sidecar = write_sidecar(output, about, report)
        click.echo(f"described in {sidecar}", err=True)


class _progress:
    """A progress bar on a terminal's stderr; nothing when stderr is a file or a pipe."""

    def __init__(self, total: int):
        self.total = total
        self.bar = None

    def __enter__(self):
        if sys.stderr.isatty() and self.total:
            self.bar = click.progressbar(length=self.total, label="exporting", file=sys.stderr)
            self.bar.__enter__()
        return self

    def __call__(self) -> None:
        if self.bar is not None:
            self.bar.update(1)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)


@cli.command()
@click.argument("query")
@filter_options
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True)
@click.option("--split", type=click.Choice(["lang", "source"]), help="One series per language or source.")
@click.option("--format", "fmt", type=click.Choice(["csv", "png", "svg"]), default=None, help="Default: csv.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default="-",
    help="File to write (default: standard output, csv and svg only).",
)
@click.pass_obj
def timeline(obj, query, filters, by, split, fmt, output):
    """Count the hits of QUERY per day, week, month or year, empty periods as zeros: a table or a chart.

    Example: apknews timeline "Ассамблея" --by month --split lang --format png --output ank.png
    """
    from search.timeline import count_over_time

    data_dir = obj["data_dir"]
    require_store(data_dir)
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".")
        fmt = suffix if suffix in ("csv", "png", "svg") else "csv"
    if fmt == "png" and str(output) == "-":
        raise UserError("a PNG needs a file: give --output FILE.png")
    counts = count_over_time(data_dir, query, filters=filters, by=by, split=split)
    if fmt == "csv":
        if str(output) == "-":
            csv.writer(sys.stdout, lineterminator="\n").writerows(counts.rows())
        else:
            with open(output, "w", encoding="utf-8", newline="") as out:
                csv.writer(out, lineterminator="\r\n").writerows(counts.rows())
    else:
        from search.timeline import plot_timeline

        title = f"{query} — hits per {by}"
        plot_timeline(counts, sys.stdout.buffer if str(output) == "-" else output, fmt, title)
    if str(output) != "-":
        dated = counts.total - counts.undated
        click.echo(f"{len(counts.periods)} periods, {dated} dated {counts.counts} -> {output}", err=True)
    if counts.undated:
        click.echo(f"{counts.undated} {counts.counts} have no publication date and are not counted", err=True)
