"""`apknews index`: bring the search index up to date with the store."""

from __future__ import annotations

import click

from apknews.app import cli, require_store
from archive.store import Store


@cli.command()
@click.option("--rebuild", is_flag=True, help="Rebuild the index from the store from scratch.")
@click.pass_obj
def index(obj, rebuild):
    """Bring the search index up to date with the store (only what changed, unless --rebuild).

    Example: apknews index --rebuild
    """
    from indexer.index import update_index

    data_dir = obj["data_dir"]
    require_store(data_dir)
    with Store(data_dir.store_path) as store:
        report = update_index(store, data_dir.index_dir, rebuild=rebuild)
    action = f"rebuilt ({report.reason})" if report.rebuilt else "updated"
    click.echo(f"index {action}: {report.added} articles indexed, {report.total} in the index")
