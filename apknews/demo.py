"""`apknews demo`: serve the bundled assembly.kz replica, crawl it, index it, search it, stop it."""

from __future__ import annotations

import os
import subprocess
import sys

import click

from apknews.app import UserError, cli
from apknews.messages import _, current_ui
from replicas.assembly_data import ARTICLES_DIR
from replicas.assembly_site import AssemblySite
from replicas.server import ReplicaServer

QUERIES = [
    ["Тараз меморандум"],
    ["ассамблея", "--lang", "ru", "--limit", "3"],
    ["Assembly youth", "--limit", "3"],
    ["Қазақстан халқы Ассамблеясы", "--sort", "date", "--limit", "3"],
]


@cli.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8765,
    show_default=True,
    # A fixed port keeps the replica's URLs stable, so a second demo finds nothing new to store.
    help="Port of the replica on 127.0.0.1 (0: any free one).",
)
@click.option(
    "--serve",
    "serve_after",
    is_flag=True,
    help="Then keep the replica up and serve the archive's web page (`apknews serve`) until Ctrl-C.",
)
@click.option(
    "--web-port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="Port of the web page on 127.0.0.1 (with --serve, and in the closing hint).",
)
@click.pass_obj
def demo(obj, port, serve_after, web_port):
    """Crawl, index and search the bundled assembly.kz replica, offline, in the data folder.

    Example: apknews --data-dir demo-data demo --port 8766
    """
    data_dir = str(obj["data_dir"].root)
    # The replica is ours, on loopback: no need to wait between requests as with a real site.
    os.environ.setdefault("APKNEWS_DOWNLOAD_DELAY", "0")
    # Offline: only the replica may be contacted, whatever other sources the config enables.
    os.environ["APKNEWS_ALLOWED_HOSTS"] = "127.0.0.1"
    # The replica never changes what it published: re-checking it would only show "unchanged".
    os.environ.setdefault("APKNEWS_RECHECK_SAMPLE", "0")
    try:
        server = ReplicaServer(AssemblySite(ARTICLES_DIR).handle, port=port).start()
    except OSError as exc:
        raise UserError(
            _("cannot serve the replica on port %(port)s: %(reason)s")
            % {"port": port, "reason": exc.strerror},
            _("try --port 8766"),
        ) from exc
    with server:
        click.echo(_("assembly.kz replica serving at %(address)s") % {"address": server.base_url} + "\n")
        _run(
            "--data-dir",
            data_dir,
            "crawl",
            "--source",
            "assembly",
            "--base-url",
            f"assembly={server.base_url}",
        )
        _run("--data-dir", data_dir, "index")
        for query in QUERIES:
            _run("--data-dir", data_dir, "search", *query)
        click.echo(_("replica requests served: %(count)s") % {"count": len(server.requests)})
        if serve_after:
            # The replica stays up: the article pages' "original" links keep working meanwhile.
            click.echo(
                _("the web page: %(page)s (Ctrl-C stops it and the replica at %(replica)s)")
                % {"page": f"http://127.0.0.1:{web_port}/", "replica": server.base_url}
            )
            _serve("--data-dir", data_dir, "serve", "--port", str(web_port))
            return
    search_command = f"apknews --data-dir {data_dir} search 'Дом дружбы'"
    click.echo(
        _("archive in %(folder)s/; search it with `%(command)s`")
        % {"folder": data_dir, "command": search_command}
    )
    serve_command = f"apknews --data-dir {data_dir} serve" + (
        "" if web_port == 8000 else f" --port {web_port}"
    )
    page = f"http://127.0.0.1:{web_port}/"
    click.echo(
        _("open its web page: run `%(command)s`, then %(page)s") % {"command": serve_command, "page": page}
    )
    click.echo(_("(`make demo SERVE=1` does both and keeps the replica serving)"))


def _run(*args: str) -> None:
    """One step of the demo in its own process, as a user would type it (Scrapy's reactor starts once)."""
    click.echo("$ apknews " + " ".join(args))
    sys.stdout.flush()
    done = subprocess.run([sys.executable, "-m", "apknews", "--lang-ui", current_ui(), *args])
    if done.returncode:
        command = "apknews " + " ".join(args)
        raise UserError(
            _("`%(command)s` failed (exit %(status)s)") % {"command": command, "status": done.returncode}
        )
    click.echo()


def _serve(*args: str) -> None:
    """`apknews serve` in its own process until the user stops it; Ctrl-C ends the demo cleanly."""
    click.echo("$ apknews " + " ".join(args))
    sys.stdout.flush()
    try:
        subprocess.run([sys.executable, "-m", "apknews", "--lang-ui", current_ui(), *args])
    except KeyboardInterrupt:
        click.echo()
