"""`apknews export` and `apknews timeline`: every hit, or counts over time, for a researcher's tools."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import click

from apknews.app import UserError, cli, require_store
from apknews.messages import _, ngettext, translated
from apknews.searching import filter_options
from search.export import CITATION_FORMATS, DEFAULT_FIELDS, FIELDS, FORMATS, ExportError

_FIELDS_HELP = (
    "Comma-separated columns, in order. Default: "
    + ", ".join(DEFAULT_FIELDS)
    + " (and score under --sort relevance). Others: "
    + ", ".join(f for f in FIELDS if f not in DEFAULT_FIELDS)
    + "."
)


def _count_hits(data_dir, query, filters, fold: bool = True) -> int:
    from search.timeline import count_hits

    return count_hits(data_dir, query, filters=filters, collapse_reposts=fold)


@cli.command()
@click.argument("query")
@filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="csv, jsonl, json, xlsx, or citations: ris, bibtex, csljson (default: the --output file's "
    "ending: .csv .jsonl .json .xlsx .ris .bib .csl.json).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="File to write ('-' for standard output: jsonl unless --format csv or json).",
)
@click.option("--fields", metavar="NAMES", help=_FIELDS_HELP)
@click.option("--with-text", is_flag=True, help="Include each article's full text.")
@click.option("--sort", type=click.Choice(["date", "relevance"]), default="date", show_default=True)
@click.option("--bom", is_flag=True, help="CSV: start with a UTF-8 byte-order mark, so Excel reads Cyrillic.")
@click.option("--no-sidecar", is_flag=True, help="Do not write FILE.meta.json describing the export.")
@click.option("--no-fold", is_flag=True, help="One row per article: every copy of a repost on its own row.")
@click.option(
    "--public-base-url",
    metavar="URL",
    help="Citations: the address the web page (apknews serve) is reached at, e.g. https://news.example.kz/, "
    "for each article's archived-copy link (default: APKNEWS_PUBLIC_BASE_URL; without one, no link).",
)
@click.pass_obj
def export(
    obj, query, filters, fmt, output, fields, with_text, sort, bom, no_sidecar, no_fold, public_base_url
):
    """Export every hit of QUERY (not a page of them), one row per story; '*' is everything.

    The columns a researcher reads by default (--fields for the others): the date (a date cell in
    XLSX), source, language, title, address, the snippet where the query matched, how many reposts
    are folded under the row, the translations' addresses and the WARC record id of the page as
    fetched. The format follows the file's ending. Streams: memory stays flat however many hits.
    Beside FILE goes FILE.meta.json, recording the query, the filters, the time, the archive's
    size and the software version, for citing.

    As citations for Zotero and other reference managers (RIS, BibTeX, CSL-JSON), one newspaper
    article per hit: title, author, the source as container, date, language, URL, access date (the
    fetch), the WARC record id as the location in the archive and the archived copy's link on the
    web page (--public-base-url or APKNEWS_PUBLIC_BASE_URL names its address).

    Example: apknews export "Ассамблея" --lang ru --format csv --bom --output hits.csv --with-text

    Example: apknews export "Тараз меморандум" --public-base-url https://news.example.kz/ -o hits.ris
    """
    from search.export import format_for, resolve_fields

    data_dir = obj["data_dir"]
    require_store(data_dir)
    try:
        fmt = format_for(output, fmt)
        citing = None
        if fmt in CITATION_FORMATS:
            columns, citing = _citing(obj, fields, with_text, public_base_url)
        else:
            columns = resolve_fields(fields.split(",") if fields else None, with_text, sort)
        _export(data_dir, query, filters, fmt, output, columns, sort, bom, no_sidecar, not no_fold, citing)
    except ExportError as exc:
        raise UserError(translated(exc.message_id, exc.params)) from exc


def _citing(obj, fields, with_text, public_base_url):
    """The columns a citation reads and what else it needs: the sources' human names, the archived
    copies' address (a warning when none is configured: no host is made up)."""
    from archive import settings
    from archive.sources import load_sources
    from search.citations import CITATION_FIELDS, Citing, archived_copy_link, container_names

    if fields or with_text:
        raise ExportError("a citation has fields of its own: leave out --fields and --with-text")
    base_url = settings.get("public_base_url", public_base_url)
    if not base_url:
        why = _(
            "no public base URL (--public-base-url or APKNEWS_PUBLIC_BASE_URL): "
            "the citations name each archived copy by its WARC record id only, with no link"
        )
        click.echo(f"apknews: {_('warning')}: {why}", err=True)
    link = archived_copy_link(base_url) if base_url else None
    return list(CITATION_FIELDS), Citing(container_names(load_sources(obj["sources_file"])), link)


def _export(data_dir, query, filters, fmt, output, columns, sort, bom, no_sidecar, fold, citing=None) -> None:
    from search import iter_hits
    from search.export import describe_export, export_rows, export_to_file, export_to_stream, write_sidecar
    from search.export_fields import hit_options
    from search.stories import ARTICLES, STORIES

    total = _count_hits(data_dir, query, filters, fold)  # also turns a bad query into one line, early
    hits = iter_hits(
        data_dir, query, filters=filters, sort=sort, collapse_reposts=fold, **hit_options(columns)
    )
    hits = export_rows(data_dir, hits, columns)
    if str(output) == "-":
        count = export_to_stream(hits, sys.stdout, fmt, columns, bom, citing)
        click.echo(_exported(count, fold), err=True)
        return
    about = describe_export(data_dir, query, filters, fmt, columns, sort, STORIES if fold else ARTICLES)
    with _progress(total) as bar:
        report = export_to_file(
            hits, output, fmt, columns, bom=bom, about=about, on_record=bar, citing=citing
        )
    click.echo(
        _("%(exported)s to %(file)s") % {"exported": _exported(report.count, fold), "file": output}, err=True
    )
    if not no_sidecar:
        sidecar = write_sidecar(output, about, report)
        click.echo(_("described in %(file)s") % {"file": sidecar}, err=True)


def _exported(count: int, fold: bool) -> str:
    if fold:
        return ngettext(
            "exported %(n)s story (reposts folded under the copy shown)",
            "exported %(n)s stories (reposts folded under the copy shown)",
            count,
        ) % {"n": count}
    return ngettext("exported %(n)s article (every copy)", "exported %(n)s articles (every copy)", count) % {
        "n": count
    }


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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "png", "svg"]),
    default=None,
    help="Default: the --output file's ending (.csv .png .svg), csv on standard output.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default="-",
    help="File to write (default: standard output, csv and svg only).",
)
@click.option("--no-fold", is_flag=True, help="Count every copy of a repost, not each story once.")
@click.pass_obj
def timeline(obj, query, filters, by, split, fmt, output, no_fold):
    """Count the hits of QUERY per day, week, month or year, empty periods as zeros: a table or a chart.

    Example: apknews timeline "Ассамблея" --by month --split lang --format png --output ank.png
    """
    from search.export import format_for
    from search.timeline import FORMATS as TIMELINE_FORMATS
    from search.timeline import count_over_time

    data_dir = obj["data_dir"]
    require_store(data_dir)
    try:
        fmt = format_for(output, fmt, "csv", TIMELINE_FORMATS)
    except ExportError as exc:
        raise UserError(translated(exc.message_id, exc.params)) from exc
    if fmt == "png" and str(output) == "-":
        raise UserError(_("a PNG needs a file: give --output FILE.png"))
    if str(output) != "-" and not output.parent.is_dir():
        raise UserError(
            _("no folder %(folder)s for %(file)s: create it first, or write elsewhere")
            % {"folder": output.parent, "file": output}
        )
    counts = count_over_time(
        data_dir, query, filters=filters, by=by, split=split, collapse_reposts=not no_fold
    )
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
        values = {"periods": len(counts.periods), "dated": dated, "counts": _(counts.counts), "file": output}
        click.echo(_("%(periods)s periods, %(dated)s dated %(counts)s -> %(file)s") % values, err=True)
    if counts.undated:
        values = {"undated": counts.undated, "counts": _(counts.counts)}
        click.echo(
            _("%(undated)s %(counts)s have no publication date and are not counted") % values, err=True
        )
