"""The current query taken away: every hit as CSV, JSONL, XLSX or citations (RIS, BibTeX, CSL-JSON), an
article's citation, and an Atom feed of the newest hits."""

from __future__ import annotations

import logging
import tempfile
from datetime import UTC, datetime

from flask import Blueprint, Response, current_app, render_template, request, send_file, stream_with_context

from search import iter_hits, search
from search.export import (
    CITATION_FIELDS,
    csv_lines,
    describe_export,
    export_rows,
    jsonl_lines,
    resolve_fields,
    write_xlsx,
)
from search.export_fields import hit_options
from search.stories import ARTICLES, STORIES
from search.timeline import count_hits
from web.citations import article_citation, citation_response, export_citations
from web.context import data_dir, not_found, params, reader
from web.params import BadParameter

logger = logging.getLogger(__name__)

blueprint = Blueprint("exports", __name__)


def _export_params(fields: list[str] | None = None):
    p = params()
    if not p.q:
        raise BadParameter("q", "give a query; '*' exports every article")
    with_text = request.args.get("text", "") in ("1", "yes", "on", "true")
    fields = fields or resolve_fields(None, with_text)  # the CLI's default columns
    fold = {"collapse_reposts": p.fold}
    hits = iter_hits(data_dir(), p.q, filters=p.filters, sort="date", **fold, **hit_options(fields))
    # Parse the query now, not inside the streamed response: a bad query is a 400, not a cut file.
    count_hits(data_dir(), p.q, filters=p.filters, **fold)
    return p, export_rows(data_dir(), hits, fields), fields


def _filename(p, suffix: str) -> str:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return f"apknews-export-{stamp}.{suffix}"


@blueprint.get("/export.csv")
def export_csv():
    p, hits, fields = _export_params()
    # With a byte-order mark: a journalist's Excel then reads the Cyrillic and Kazakh letters right.
    body = stream_with_context(chunk.encode("utf-8") for chunk in csv_lines(hits, fields, bom=True))
    return _download(Response(body, mimetype="text/csv", content_type="text/csv; charset=utf-8"), p, "csv")


@blueprint.get("/export.jsonl")
def export_jsonl():
    p, hits, fields = _export_params()
    body = stream_with_context(chunk.encode("utf-8") for chunk in jsonl_lines(hits, fields))
    return _download(Response(body, content_type="application/x-ndjson; charset=utf-8"), p, "jsonl")


@blueprint.get("/export.xlsx")
def export_xlsx():
    p, hits, fields = _export_params()
    about = describe_export(
        data_dir(), p.q, p.filters, "xlsx", fields, "date", STORIES if p.fold else ARTICLES
    )
    # A workbook is a zip: it is built in a temporary file (deleted when sent), then sent whole.
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - send_file closes it after the response
    try:
        write_xlsx(hits, spool, fields, about)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return send_file(
        spool,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        as_attachment=True,
        download_name=_filename(p, "xlsx"),
    )


@blueprint.get("/export.ris", defaults={"fmt": "ris"})
@blueprint.get("/export.bib", defaults={"fmt": "bibtex"})
@blueprint.get("/export.csl.json", defaults={"fmt": "csljson"})
def export_citations_of_query(fmt: str):
    """Every hit as a citation, streamed: an article's, for each story (or copy, fold=0)."""
    p, hits, _fields = _export_params(list(CITATION_FIELDS))
    body = stream_with_context(chunk.encode("utf-8") for chunk in export_citations(hits, fmt))
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return citation_response(body, fmt, f"apknews-export-{stamp}")


@blueprint.get("/article.ris", defaults={"fmt": "ris"})
@blueprint.get("/article.bib", defaults={"fmt": "bibtex"})
@blueprint.get("/article.csl.json", defaults={"fmt": "csljson"})
def cite_article(fmt: str):
    """The article at ?url= as a citation to import into Zotero (or any reference manager)."""
    url = request.args.get("url", "").strip()
    if not url:
        raise BadParameter("url", "give the URL of an archived article")
    stored = reader().read_article(url)
    if stored is None:
        not_found(f"no article archived at {url}")
    return article_citation(stored.article, fmt)


def _download(response: Response, p, suffix: str) -> Response:
    response.headers["Content-Disposition"] = f'attachment; filename="{_filename(p, suffix)}"'
    return response


@blueprint.get("/feed.atom")
def feed():
    """The newest hits of the query as Atom: a feed reader shows new matching articles after each crawl."""
    p = params()
    if not p.q:
        raise BadParameter("q", "give a query to follow; '*' follows every article")
    size = current_app.config["FEED_SIZE"]
    result = search(data_dir(), p.q, filters=p.filters, sort="date", limit=size, collapse_reposts=p.fold)
    entries = [h.to_dict() for h in result.hits]
    updated = max((_atom_time(h["published"]) for h in entries), default=_atom_time(None))
    body = render_template("feed.xml", p=p, entries=entries, updated=updated, atom_time=_atom_time)
    return Response(body, content_type="application/atom+xml; charset=utf-8")


def _atom_time(day: str | None) -> str:
    if day:
        return f"{day}T00:00:00Z"
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
