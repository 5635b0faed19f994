"""The pages a journalist reads: search results, an article, its archived copy; each with a JSON twin."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

from flask import Blueprint, Response, jsonify, render_template, request, url_for
from flask_babel import gettext

from archive.store import StoredArticle
from search import IndexMissingError, QueryError
from search.entity_facets import ENTITY_FACETS
from search.highlight import ArticleMarks, article_marks
from search.saved import new_hit_counts
from search.timeline import count_over_time
from web.archived import ARCHIVED_CSP, archived_response, banner_html, inert_page
from web.chart import timeline_chart
from web.context import (
    data_dir,
    extra_fields,
    marked_paragraphs,
    marked_spans,
    not_found,
    params,
    reader,
    run_search,
)
from web.entity_pages import article_entities
from web.errors import N_
from web.i18n import page_url
from web.params import MAX_PAGE, PER_PAGE, BadParameter, SearchParams
from web.versions import flagged, history, history_json, status_facet

logger = logging.getLogger(__name__)

blueprint = Blueprint("pages", __name__)


@blueprint.get("/")
@blueprint.get("/search")
def search_page():
    p = params()
    if not p.q:
        return render_template("home.html", p=p, sources=reader().sources(), articles=reader().count())
    result = run_search(p)
    timeline = count_over_time(
        data_dir(), p.q, filters=p.filters, by="month", split=p.split, collapse_reposts=p.fold
    )
    return render_template(
        "search.html",
        p=p,
        result=result,
        hits=flagged([h.to_dict() for h in result.hits], reader()),
        extra_fields=extra_fields,
        pages=_pages(p.page, result.total),
        facets=_facets(p, result.facets),
        sources=reader().sources(),
        chart=timeline_chart(timeline),
        timeline=timeline,
        saved_searches=_saved_searches(p),
    )


def _saved_searches(p: SearchParams) -> list[dict]:
    """The saved searches (`apknews saved add`), each with its link (its query and filters, this page's
    language and folding kept) and how many new hits its next alert run would report."""
    try:
        counted = new_hit_counts(data_dir())
    except IndexMissingError:
        return []
    return [
        {
            "name": saved.name,
            "query": saved.query,
            "link": replace(p, q=saved.query, filters=saved.filters, page=1, sort="relevance").query_string(),
            "new": new,
        }
        for saved, new in counted
    ]


@blueprint.get("/search.json")
def search_json():
    p = params()
    if not p.q:
        raise BadParameter("q", "give a query; '*' matches every article")
    result = run_search(p)
    body = result.to_dict()
    last_page = min(MAX_PAGE, max(1, -(-result.total // PER_PAGE)))
    body["params"] = p.to_dict()
    body["page"] = {"number": p.page, "size": PER_PAGE, "last": last_page}
    if p.page < last_page:
        body["page"]["next"] = (
            url_for("pages.search_json", _external=True) + "?" + p.query_string(page=p.page + 1)
        )
    return jsonify(body)


@blueprint.get("/timeline.json")
def timeline_json():
    p = params()
    if not p.q:
        raise BadParameter("q", "give a query; '*' matches every article")
    by = request.args.get("by", "month")
    counts = count_over_time(
        data_dir(), p.q, filters=p.filters, by=by, split=p.split, collapse_reposts=p.fold
    )
    return jsonify(counts.to_dict())


def _article_or_404(url: str) -> StoredArticle:
    """The article at `url` with its versions and links, read as `apknews show` reads it."""
    if not url:
        raise BadParameter("url", "give the URL of an archived article")
    stored = reader().read_article(url)
    if stored is None:
        not_found(f"no article archived at {url}")
    return stored


def _related(stored: StoredArticle) -> dict[str, list[dict]]:
    """The article's links by kind (repost_of, reposted_as, translations), kinds it has none of left out."""
    return {kind: items for kind, items in stored.links.items() if items}


# The article page lays these out under labels of their own; any other field is a technical detail.
LAID_OUT = {
    *("title", "text", "published", "published_time", "utc_offset", "dateline", "author", "source"),
    *("lang", "script", "url", "canonical_url", "fetched_at", "first_seen_at", "content_hash"),
    *("warc_file", "warc_offset", "warc_length", "images", "alternates", "status", "last_checked"),
}


@blueprint.get("/article")
def article_page():
    """The article, the query's words marked when it is opened from a hit (`&q=`)."""
    stored = _article_or_404(request.args.get("url", "").strip())
    article = stored.article
    q = request.args.get("q", "").strip()[:500]
    marks = _marks(q, article)
    return render_template(
        "article.html",
        article=article,
        title=marked_spans(article["title"] or "", marks.title),
        paragraphs=marked_paragraphs(article["text"] or "", marks.text),
        versions=stored.versions,
        **history(stored),
        related=_related(stored),
        entities=article_entities(reader(), article["canonical_url"]),
        other_fields={k: v for k, v in article.items() if k not in LAID_OUT and v not in (None, "", [], {})},
        q=q,
    )


def _marks(q: str, article: dict) -> ArticleMarks:
    """Where the query matched the article; nothing to mark for no query, a bad one or no index."""
    if not q:
        return ArticleMarks()
    try:
        return article_marks(data_dir(), q, article)
    except (QueryError, IndexMissingError):
        return ArticleMarks()


@blueprint.get("/article.json")
def article_json():
    stored = _article_or_404(request.args.get("url", "").strip())
    article = stored.article
    return jsonify(
        {
            **article,
            "versions": stored.versions,
            **history_json(stored),
            "related": _related(stored),
            "entities": article_entities(reader(), article["canonical_url"]),
            "archived_copy": url_for("pages.archived_page", url=article["canonical_url"], _external=True)
            if article.get("warc_file")
            else None,
        }
    )


@blueprint.get("/archived")
def archived_page():
    article = _article_or_404(request.args.get("url", "").strip()).article
    response = archived_response(data_dir(), article)
    if response is None:
        not_found(f"no archived copy of {article['url']} (it was stored without its raw page)")
    back = page_url("pages.article_page", url=article["canonical_url"], _external=True)
    page = inert_page(response, banner_html(response, back))
    served = Response(page, mimetype="text/html")
    served.headers["Content-Security-Policy"] = ARCHIVED_CSP
    return served


def _facets(p: SearchParams, facets: dict[str, dict[str, int]]) -> list[dict]:
    """Each facet's values with their counts, the link that narrows the search to them and, for a
    person, an organisation or a region, the link to its entity page."""
    shown = []
    for name, label in FACET_LABELS:
        values = []
        for value, count in facets.get(name, {}).items():
            if name == "year":
                if not (value.isascii() and value.isdigit() and len(value) == 4):
                    continue
                year = int(value)
                change = {"date_from": date(year, 1, 1), "date_to": date(year, 12, 31)}
                active = p.filters.date_from == change["date_from"] and p.filters.date_to == change["date_to"]
            else:
                change = {name: value}
                active = getattr(p.filters, name) == value
            entity = (
                page_url("entities.entity_page", name=value, kind=name) if name in ENTITY_FACETS else None
            )
            values.append((value, count, p.query_string(page=1, **change), active, entity))
        if name == "year":
            values.sort(reverse=True)
        if values:
            shown.append({"name": name, "label": gettext(label), "values": values})
    return shown + status_facet(p, facets.get("status", {}))


FACET_LABELS = (
    *(("source", N_("Source")), ("lang", N_("Language")), ("year", N_("Year"))),
    *(("person", N_("People")), ("org", N_("Organisations")), ("region", N_("Regions"))),
)


def _pages(current: int, total: int) -> list[int | None]:
    """Page numbers around the current one, with None for a gap: [1, None, 4, 5, 6, None, 20]."""
    last = min(MAX_PAGE, max(1, -(-total // PER_PAGE)))
    shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    pages: list[int | None] = []
    for number in shown:
        if pages and number - pages[-1] > 1:
            pages.append(None)
        pages.append(number)
    return pages
