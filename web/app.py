"""The journalists' web page: search with filters, article pages, archived copies, exports, an Atom feed.

Every HTML page has a JSON twin (`/search.json`, `/article.json`, `/timeline.json`) with the same
parameters. Nothing here writes to the archive: the store is opened read-only and only GET exists.
"""

from __future__ import annotations

import logging
from pathlib import Path

from flask import Flask, Response, g, jsonify, render_template, request, url_for
from werkzeug.exceptions import HTTPException, NotFound

from apknews import __version__
from apknews.settings import DataDir
from search import IndexMissingError, QueryError, search
from search.engine import MARK
from web.chart import colour_of
from web.params import PER_PAGE, BadParameter, SearchParams
from web.reading import ArticleReader

logger = logging.getLogger(__name__)

# Our own pages run no script at all and load only our own stylesheet.
PAGE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
KNOWN_HIT_FIELDS = {
    *("url", "canonical_url", "title", "source", "lang", "published", "score", "snippet"),
    *("reposts", "repost_urls"),  # collapsed reposts, laid out under the hit
}


def create_app(config: dict | None = None) -> Flask:
    """The Flask app over the archive in config["DATA_DIR"] (default: the `data_dir` setting)."""
    from apknews import settings

    app = Flask(__name__)
    app.config.update(DATA_DIR=settings.get("data_dir"), FEED_SIZE=50)
    app.config.update(config or {})
    app.config["DATA_DIR"] = DataDir(Path(str(_root(app.config["DATA_DIR"]))))
    app.json.ensure_ascii = False
    app.jinja_env.filters["marked"] = marked
    app.jinja_env.filters["web_link"] = web_link
    app.jinja_env.globals.update(colour_of=colour_of, version=__version__, PER_PAGE=PER_PAGE)

    from web import exports, pages

    app.register_blueprint(pages.blueprint)
    app.register_blueprint(exports.blueprint)
    _register_errors(app)

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    @app.teardown_appcontext
    def close_reader(_exc) -> None:
        reader = g.pop("reader", None)
        if reader is not None:
            reader.close()

    return app


def _root(data_dir) -> Path:
    return DataDir.of(data_dir).root


def data_dir() -> DataDir:
    from flask import current_app

    return current_app.config["DATA_DIR"]


def reader() -> ArticleReader:
    """The request's read-only view of the store (opened on first use, closed with the request)."""
    if "reader" not in g:
        if not data_dir().store_path.exists():
            raise IndexMissingError(f"no archive in {data_dir().root}: run `apknews crawl` first")
        g.reader = ArticleReader(data_dir())
    return g.reader


def params() -> SearchParams:
    return SearchParams.from_args(request.args)


def run_search(p: SearchParams):
    return search(data_dir(), p.q, sort=p.sort, limit=PER_PAGE, offset=p.offset, **p.filters())


def marked(snippet: str) -> str:
    """A snippet as HTML: the text escaped first, then its **…** markers turned into <mark>."""
    from markupsafe import Markup, escape

    parts = str(escape(snippet or "")).split(MARK)
    if len(parts) % 2 == 0:  # an unpaired marker: show it, do not leave a <mark> open
        parts[-2:] = [parts[-2] + MARK + parts[-1]]
    return Markup("".join(f"<mark>{p}</mark>" if i % 2 else p for i, p in enumerate(parts)))


def web_link(url: str | None) -> str:
    """`url` when it is an http(s) address, else "#": no javascript: or data: link from a crawled page."""
    text = (url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else "#"


def extra_fields(hit: dict) -> dict:
    """Fields of a hit beyond the ones the page lays out (reposts, explanations …), to show as they are."""
    return {k: v for k, v in hit.items() if k not in KNOWN_HIT_FIELDS and v not in (None, "", [], {}, 0)}


def wants_json() -> bool:
    return request.path.endswith(".json")


def error_response(status: int, title: str, message: str, hint: str = ""):
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
    page = render_template(
        "error.html", status=status, title=title, message=message, hint=hint, p=form, sources=sources
    )
    return page, status


def _register_errors(app: Flask) -> None:
    @app.errorhandler(BadParameter)
    def bad_parameter(exc: BadParameter):
        return error_response(400, "Bad parameter", str(exc.description), "fix it in the address or the form")

    @app.errorhandler(QueryError)
    def bad_query(exc: QueryError):
        return error_response(400, "The query cannot be understood", exc.message, exc.hint)

    @app.errorhandler(IndexMissingError)
    def no_index(exc: IndexMissingError):
        return error_response(503, "No index yet", str(exc), "run `apknews crawl` and `apknews index`")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return error_response(exc.code or 500, exc.name, str(exc.description))

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        logger.exception("unexpected error on %s", request.full_path)
        return error_response(500, "Something went wrong", "The error was logged on the server.")


def not_found(message: str):
    raise NotFound(description=message)


def absolute(endpoint: str, **values) -> str:
    return url_for(endpoint, _external=True, **values)
