"""The address the web page's absolute links name: configured, never taken from the request's Host header."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from archive.said import Said

# Flask's test client asks for http://localhost/; the page served without a configured address
# names that too, rather than whatever host a request claims to be for.
DEFAULT_BASE_URL = "http://localhost/"


class PublicAddress:
    """WSGI middleware: every request is seen as made to `base_url`, whatever its Host header says.

    Flask builds absolute links (the Atom feed's, the exports' metadata, the JSON's next page)
    from the request's host and scheme; a forged Host header would otherwise put an attacker's
    address into a feed that readers then follow. A path in `base_url` (a proxy's prefix) becomes
    the script name, so the links carry it too.
    """

    def __init__(self, wsgi_app, base_url: str | None = None):
        self.wsgi_app = wsgi_app
        self.use(base_url)

    def use(self, base_url: str | None) -> None:
        """Name `base_url` from now on (`apknews serve` knows its port only once it listens)."""
        self.base_url = public_base_url(base_url)
        parts = urlsplit(self.base_url)
        self.scheme, self.host, self.prefix = parts.scheme, parts.netloc, parts.path.rstrip("/")
        self.server_name = parts.hostname or "localhost"
        self.port = str(parts.port or (443 if parts.scheme == "https" else 80))

    def __call__(self, environ, start_response):
        environ["HTTP_HOST"] = self.host
        environ["SERVER_NAME"] = self.server_name
        environ["SERVER_PORT"] = self.port
        environ["wsgi.url_scheme"] = self.scheme
        environ.pop("HTTP_X_FORWARDED_HOST", None)
        if self.prefix:
            environ["SCRIPT_NAME"] = self.prefix
        return self.wsgi_app(environ, start_response)


def public_base_url(configured: str | None) -> str:
    """`configured` checked and ending in "/", or DEFAULT_BASE_URL; ValueError when it is no http(s) URL."""
    if not configured:
        return DEFAULT_BASE_URL
    parts = urlsplit(configured.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ValueError(
            Said(
                "public_base_url must be an http(s) URL like https://news.example.kz/, not %(url)r",
                url=configured,
            )
        )
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rstrip("/") + "/", "", ""))
