"""`apknews warc verify`: every WARC record the store points at, read back from the file it names."""

from __future__ import annotations

import json
import sys

import click

from apknews.app import cli, require_store
from apknews.messages import _, ngettext
from archive.articles import WarcPointer
from archive.store import Store


@cli.group()
def warc():
    """The WARC files the crawls wrote, each page as it was fetched.

    Example: apknews warc verify
    """


@warc.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def verify(obj, fmt):
    """Read back every WARC record the store points at.

    Each article's pointer names a WARC file of the data folder, an offset and a length: on a store
    shared by crawl workers (--store postgresql://…), the file of the worker that fetched it. Every
    record is read and must be the article's page. Prints how many were read and each that failed;
    exit status 1 when any failed.

    Example: apknews --store postgresql://apknews@db.example.kz/apknews warc verify
    """
    from archive.warc_scan import pointer_problem

    data_dir = obj["data_dir"]
    require_store(data_dir)
    read, failed = 0, []
    with Store.open_readonly(data_dir.store_path) as store:
        for article in store.iter_articles():
            if article["warc_file"] is None:
                continue  # stored without a fetch of its own (an import's, a test's)
            pointer = WarcPointer(article["warc_file"], article["warc_offset"], article["warc_length"])
            problem = pointer_problem(data_dir.root, pointer, article["url"])
            if problem:
                failed.append({"url": article["url"], "warc_file": pointer.file, "problem": problem})
            else:
                read += 1
    _report(read, failed, fmt)
    if failed:
        sys.exit(1)


def _report(read: int, failed: list[dict], fmt: str) -> None:
    if fmt == "json":
        payload = {"read": read, "failed": failed, "ok": not failed}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for failure in failed:
        click.echo(_("failed: %(url)s: %(problem)s") % failure)
    total, counts = read + len(failed), {"read": read, "n": read + len(failed), "failed": len(failed)}
    if failed:
        said = ngettext(
            "warc verify: %(read)s of %(n)s WARC record read back, %(failed)s failed",
            "warc verify: %(read)s of %(n)s WARC records read back, %(failed)s failed",
            total,
        )
        click.echo(said % counts, err=True)
        return
    said = ngettext(
        "warc verify: %(n)s WARC record read back, the page it stands for",
        "warc verify: %(n)s WARC records read back, each the page it stands for",
        total,
    )
    click.echo(said % counts)
