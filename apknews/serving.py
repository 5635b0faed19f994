"""`apknews serve`: the journalists' web page over the archive, on this machine."""

from __future__ import annotations

import logging
import socket

import click

from apknews.app import UserError, cli, require_store


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free one)."
)
@click.option("--quiet", is_flag=True, help="Do not log each request.")
@click.pass_obj
def serve(obj, host, port, quiet):
    """Serve the search page, article pages, archived copies, exports and feeds (read-only).

    Example: apknews serve --port 8000   # then open http://127.0.0.1:8000/
    """
    from werkzeug.serving import make_server

    from web import create_app

    data_dir = obj["data_dir"]
    require_store(data_dir)
    logging.getLogger("werkzeug").setLevel(logging.WARNING if quiet else logging.INFO)
    _check_free(host, port)
    server = make_server(host, port, create_app({"DATA_DIR": data_dir}), threaded=True)
    shown_host = f"[{host}]" if ":" in host else host
    click.echo(f"serving {data_dir.root} at http://{shown_host}:{server.server_port}/ (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def _check_free(host: str, port: int) -> None:
    """UserError when the address is taken (werkzeug would print two lines and exit on its own)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise UserError(f"cannot listen on {host}:{port}: {exc.strerror}; try another --port") from exc
