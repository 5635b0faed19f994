"""`apknews index`: bring the search index up to date with the store, under the run lock."""

from __future__ import annotations

import sqlite3
import time

import click

from apknews.app import UserError, cli, require_store
from apknews.messages import _
from archive.settings import StorageError
from archive.store import Store

_WAIT_POLL_SECONDS = 1.0


@cli.command()
@click.option("--rebuild", is_flag=True, help="Rebuild the index from the store from scratch.")
@click.option("--wait", is_flag=True, help="Wait for a running crawl, update or index to end first.")
@click.pass_obj
def index(obj, rebuild, wait):
    """Bring the search index up to date with the store (only what changed, unless --rebuild).

    A rebuild writes a new index beside the live one, which answers searches until the new one
    takes its place in one step; a rebuild that is stopped leaves the live index as it was. One
    writer at a time: while a crawl, update or index runs in the data folder, this one exits with
    a message (exit status 1), or waits with --wait.

    Example: apknews index --rebuild
    """
    from indexer.index import update_index

    data_dir = obj["data_dir"]
    require_store(data_dir)
    lock = _take_run_lock(data_dir, wait)
    try:
        with Store(data_dir.store_path) as store:
            report = update_index(store, data_dir.index_dir, rebuild=rebuild)
    except (OSError, sqlite3.OperationalError) as exc:  # a full disk, a quota, a file size limit
        if data_dir.store and not isinstance(exc, OSError):
            raise  # the store's server failed, not the folder: said as any store error is
        raise index_failed(exc, data_dir) from exc
    finally:
        lock.release()
    counts = {"added": report.added, "total": report.total, "reason": _(report.reason)}
    if report.rebuilt:
        click.echo(
            _("index rebuilt (%(reason)s): %(added)s articles indexed, %(total)s in the index") % counts
        )
    else:
        click.echo(_("index updated: %(added)s articles indexed, %(total)s in the index") % counts)


def index_failed(exc: Exception, data_dir) -> StorageError:
    """An index write that failed, said in one line: the cause, the folder, and that search goes on
    (update_index leaves the live index as it was and removes what it began)."""
    error = StorageError(exc, data_dir)
    error.strerror = _(
        "%(cause)s (the index was left as it was and still answers searches; "
        "free space and run `apknews index` again)"
    ) % {"cause": error.strerror}
    return error


def _take_run_lock(data_dir, wait: bool):
    from crawler.lock import AlreadyRunning, run_lock

    lock = run_lock(data_dir)
    while True:
        try:
            return lock.acquire()
        except AlreadyRunning:
            if not wait:
                holder = _holder(lock.path)
                raise UserError(
                    _("another apknews run (%(holder)s) writes in %(folder)s; the index was left as it is")
                    % {"holder": holder, "folder": data_dir.root},
                    _("try again when it has ended, or pass --wait"),
                ) from None
        time.sleep(_WAIT_POLL_SECONDS)


def _holder(path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip() or _("another process")
    except OSError:
        return _("another process")
