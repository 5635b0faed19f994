"""The journalists' web page: search with filters, article pages, archived copies, exports, an Atom feed.

Every HTML page has a JSON twin (`/search.json`, `/article.json`, `/timeline.json`, `/entity.json`)
with the same parameters. Nothing here writes to the archive: the store is opened read-only and only GET
exists.
"""

from __future__ import annotations

import logging

from flask import Flask, Response, g, request
from werkzeug.exceptions import HTTPException

from archive import __version__, settings
from archive.settings import DataDir
from search import IndexMissingError, QueryError
from web import entity_pages, exports, i18n, pages
from web.chart import colour_of
from web.context import error_response, marked, web_link
from web.params import PER_PAGE, BadParameter
from web.public_address import PublicAddress

logger = logging.getLogger(__name__)

# Our own pages run no script at all and load only our own stylesheet.
PAGE_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)


def create_app(config: dict | None = None) -> Flask:
    """The Flask app over the archive in config["DATA_DIR"] (default: the `data_dir` setting)."""
    app = Flask(__name__)
    app.config.update(DATA_DIR=settings.get("data_dir"), FEED_SIZE=50)
    app.config.update(config or {})
    app.config["DATA_DIR"] = DataDir.of(app.config["DATA_DIR"])
    app.json.ensure_ascii = False
    app.jinja_env.filters["marked"] = marked
    app.jinja_env.filters["web_link"] = web_link
    app.jinja_env.globals.update(colour_of=colour_of, version=__version__, PER_PAGE=PER_PAGE)
    i18n.install(app)

    app.register_blueprint(pages.blueprint)
    app.register_blueprint(exports.blueprint)
    app.register_blueprint(entity_pages.blueprint)
    _register_errors(app)
    # Absolute links name the configured address, never the Host header a request brings.
    app.wsgi_app = PublicAddress(
        app.wsgi_app, app.config.get("PUBLIC_BASE_URL") or settings.get("public_base_url")
    )

    @app.after_request
    def security_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", PAGE_CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if response.mimetype == "text/html" and not i18n.chosen_ui():
            response.vary.add("Accept-Language")  # the language came from the browser's header
        return response

    @app.teardown_appcontext
    def close_reader(_exc) -> None:
        reader = g.pop("reader", None)
        if reader is not None:
            reader.close()

    return app


def _register_errors(app: Flask) -> None:
    @app.errorhandler(BadParameter)
    def bad_parameter(exc: BadParameter):
        hint = exc.hint or "fix it in the address or the form"
        page = (f"parameter {exc.parameter!r}: {exc.why}", hint)  # the page shows the two apart
        return error_response(400, "Bad parameter", str(exc.description), hint, page=page)

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
