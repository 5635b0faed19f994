"""Citations on the web page: an article's RIS, BibTeX and CSL-JSON, and a query's hits as citations."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from flask import Response, current_app, url_for

from archive.sources import load_sources
from archive.warc_ids import record_ids
from search.citation_formats import citation_chunks
from search.citations import Citing, container_names
from web.context import data_dir

# Each citation format: its file ending and media type (RIS and BibTeX have registered ones).
CITATION_TYPES = {
    "ris": ("ris", "application/x-research-info-systems"),
    "bibtex": ("bib", "application/x-bibtex"),
    "csljson": ("csl.json", "application/vnd.citationstyles.csl+json"),
}


def _archived_link(canonical_url: str) -> str:
    """The archived copy's absolute URL, under the configured public address (web/public_address.py)."""
    return url_for("pages.archived_page", url=canonical_url, _external=True)


def citing() -> Citing:
    """The sources' human names (config/sources.toml, or the app's SOURCES_FILE) and this page's
    archived-copy links."""
    sources = load_sources(current_app.config.get("SOURCES_FILE"))
    return Citing(container_names(sources), _archived_link)


def article_citation(article: dict, fmt: str) -> Response:
    """One article's citation in `fmt`, named by its WARC record id as `apknews show` reads it."""
    record = dict(article)
    if article.get("warc_file"):
        pointer = (article["warc_file"], article["warc_offset"])
        record["archive_record_id"] = record_ids(data_dir().root, [pointer]).get(pointer)
    body = "".join(citation_chunks(citing().citations([record]), fmt))
    name = article.get("source") or "article"
    return citation_response(body, fmt, f"apknews-{name}-{(article.get('published') or 'undated')}")


def export_citations(hits: Iterable[dict], fmt: str) -> Iterator[str]:
    return citation_chunks(citing().citations(hits), fmt)


def citation_response(body, fmt: str, stem: str) -> Response:
    ending, media_type = CITATION_TYPES[fmt]
    response = Response(body, content_type=f"{media_type}; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{stem}.{ending}"'
    return response
