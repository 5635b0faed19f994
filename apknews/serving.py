"""`apknews serve`: the journalists' web page over the archive, on this machine."""

from __future__ import annotations

import ipaddress
import logging
import socket

import click

from apknews.app import UserError, cli, require_store
from apknews.messages import _, said


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free one)."
)
@click.option("--quiet", is_flag=True, help="Do not log each request.")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Serve from N processes under gunicorn, all reading one index (default: one process).",
)
@click.option(
    "--public",
    is_flag=True,
    help="Allow a --host other than this machine's loopback: the whole archive is then open to the network.",
)
@click.pass_obj
def serve(obj, host, port, quiet, public, workers):
    """Serve the search page, article pages, archived copies, exports and feeds (read-only).

    Listens on this machine only unless `--host` names another address and `--public` says so.
    Absolute links (feeds, exports) name the `public_base_url` setting (APKNEWS_PUBLIC_BASE_URL),
    else the address served.

    `--workers N` runs N gunicorn worker processes, each answering from the same index folder
    (its files shared through the page cache), for many readers at once.

    Example: apknews serve --port 8000   # then open http://127.0.0.1:8000/
    """
    from werkzeug.serving import make_server

    from archive import settings
    from web import create_app

    data_dir = obj["data_dir"]
    require_store(data_dir)
    _check_exposure(host, public)
    logging.getLogger("werkzeug").setLevel(logging.WARNING if quiet else logging.INFO)
    port = _check_free(host, port)
    base_url = settings.get("public_base_url")
    try:
        app = create_app(
            {"DATA_DIR": data_dir, "PUBLIC_BASE_URL": base_url, "SOURCES_FILE": obj["sources_file"]}
        )
    except ValueError as exc:  # a malformed public_base_url
        raise UserError(
            said(exc.args[0]), _("set APKNEWS_PUBLIC_BASE_URL to the address readers use")
        ) from exc
    if workers:
        from apknews.web_workers import serve_with_gunicorn

        shown_host = f"[{host}]" if ":" in host else host
        if not base_url:
            app.wsgi_app.use(f"http://{shown_host}:{port}/")
        click.echo(
            f"serving {data_dir.root} at http://{shown_host}:{port}/ with {workers} workers (Ctrl-C stops)"
        )
        serve_with_gunicorn(app, host, port, workers, quiet)
        return
    server = make_server(host, port, app, threaded=True)
    shown_host = f"[{host}]" if ":" in host else host
    if not base_url:
        app.wsgi_app.use(f"http://{shown_host}:{server.server_port}/")
    click.echo(f"serving {data_dir.root} at http://{shown_host}:{server.server_port}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _check_exposure(host: str, public: bool) -> None:
    """UserError for a non-loopback address without --public; a warning on stderr with it."""
    if _is_loopback(host):
        return
    if not public:
        raise UserError(
            f"--host {host} would open the archive to the network",
            "add --public if that is meant, or leave --host at 127.0.0.1",
        )
    click.echo(
        f"apknews: {_('warning')}: serving on {host}: anyone who can reach this machine can read and search "
        "the whole archive (there is no login); set APKNEWS_PUBLIC_BASE_URL for the feeds' links",
        err=True,
    )


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: whatever it resolves to, it is not known to stay here
        return False


def _check_free(host: str, port: int) -> int:
    """The port, a free one chosen for 0; UserError when the address is taken (werkzeug would print
    two lines and exit on its own)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise UserError(f"cannot listen on {host}:{port}: {exc.strerror}; try another --port") from exc
        return probe.getsockname()[1]
