"""What a page handler needs from the request: the data folder, the store reader, the parameters,
the search, and errors laid out as a page or as JSON (used by the blueprints and by the factory)."""

from __future__ import annotations

from flask import current_app, g, jsonify, render_template, request, url_for
from markupsafe import Markup, escape
from werkzeug.exceptions import NotFound

from archive.settings import DataDir
from archive.store import Store
from search import IndexMissingError, search
from search.engine import MARK
from web.errors import translated
from web.params import PER_PAGE, BadParameter, SearchParams

KNOWN_HIT_FIELDS = {
    *("url", "canonical_url", "title", "source", "lang", "published", "score", "snippet"),
    *("reposts", "repost_urls"),  # collapsed reposts, laid out under the hit
    "translations",  # "also in" under the hit
}


def data_dir() -> DataDir:
    return current_app.config["DATA_DIR"]


def reader() -> Store:
    """The request's read-only store (opened on first use, closed with the request)."""
    if "reader" not in g:
        if not data_dir().store_path.exists():
            raise IndexMissingError(f"no archive in {data_dir().root}: run `apknews crawl` first")
        g.reader = Store.open_readonly(data_dir().store_path)
    return g.reader


def params() -> SearchParams:
    return SearchParams.from_args(request.args)


def run_search(p: SearchParams):
    return search(
        data_dir(),
        p.q,
        filters=p.filters,
        sort=p.sort,
        limit=PER_PAGE,
        offset=p.offset,
        collapse_reposts=p.fold,
    )


def marked(snippet: str) -> str:
    """A snippet as HTML: the text escaped first, then its **…** markers turned into <mark>."""
    parts = str(escape(snippet or "")).split(MARK)
    if len(parts) % 2 == 0:  # an unpaired marker: show it, do not leave a <mark> open
        parts[-2:] = [parts[-2] + MARK + parts[-1]]
    return Markup("".join(f"<mark>{p}</mark>" if i % 2 else p for i, p in enumerate(parts)))


def marked_spans(text: str, spans: list[tuple[int, int]]) -> Markup:
    """`text` as HTML with each (start, end) span in <mark>, the rest escaped."""
    parts, cursor = [], 0
    for start, end in spans:
        if start < cursor or end > len(text):
            continue
        parts.append(f"{escape(text[cursor:start])}<mark>{escape(text[start:end])}</mark>")
        cursor = end
    parts.append(str(escape(text[cursor:])))
    return Markup("".join(parts))


def marked_paragraphs(text: str, spans: list[tuple[int, int]]) -> list[Markup]:
    """The text's paragraphs (split at blank lines) as HTML, the spans of the whole text marked."""
    paragraphs, start = [], 0
    for paragraph in text.split("\n\n"):
        end = start + len(paragraph)
        if paragraph.strip():
            inside = [(s - start, e - start) for s, e in spans if start <= s and e <= end]
            paragraphs.append(marked_spans(paragraph, inside))
        start = end + 2
    return paragraphs


def web_link(url: str | None) -> str:
    """`url` when it is an http(s) address, else "#": no javascript: or data: link from a crawled page."""
    text = (url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else "#"


def extra_fields(hit: dict) -> dict:
    """Fields of a hit beyond the ones the page lays out (reposts, explanations …), to show as they are."""
    return {k: v for k, v in hit.items() if k not in KNOWN_HIT_FIELDS and v not in (None, "", [], {}, 0)}


def wants_json() -> bool:
    return request.path.endswith(".json")


def error_response(
    status: int, title: str, message: str, hint: str = "", page: tuple[str, str] | None = None
):
    """The error as JSON (in English, as search words it) or as a page in the reader's language;
    `page`: the (message, hint) the page shows when they differ from the JSON's."""
    if wants_json():
        body = {"error": {"status": status, "title": title, "message": message, "hint": hint}}
        return jsonify(body), status
    try:
        form = SearchParams.from_args(request.args)
    except BadParameter:
        form = SearchParams(q=request.args.get("q", "")[:500])
    try:
        sources = reader().sources()
    except Exception:  # the error page must not fail because the store cannot be read
        sources = []
    message, hint = page or (message, hint)
    shown = render_template(
        "error.html",
        status=status,
        title=translated(title),
        message=translated(message),
        hint=translated(hint),
        p=form,
        sources=sources,
    )
    return shown, status


def not_found(message: str):
    raise NotFound(description=message)


def absolute(endpoint: str, **values) -> str:
    return url_for(endpoint, _external=True, **values)
