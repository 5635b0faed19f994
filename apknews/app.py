"""The `apknews` command group: global options, and user errors as one line on stderr."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import click

from archive import __version__
from archive import settings as apknews_settings
from archive.settings import DataDir
from archive.sources import ConfigError


class UserError(click.ClickException):
    """One clear line on stderr and exit 1."""

    def show(self, file=None) -> None:
        click.echo(f"apknews: error: {self.format_message()}", err=True)


class _Group(click.Group):
    """Turns the errors a user can cause (bad query, no index, bad config, full disk) into one line."""

    def invoke(self, ctx):
        from search import IndexMissingError, QueryError

        try:
            return super().invoke(ctx)
        except (QueryError, IndexMissingError, ConfigError) as exc:
            raise UserError(str(exc)) from exc
        except sqlite3.OperationalError as exc:
            raise UserError(f"the store could not be used: {exc}") from exc
        except OSError as exc:
            raise UserError(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")) from exc


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="apknews")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="APKNEWS_DATA_DIR",
    default=apknews_settings.get("data_dir"),
    show_default=True,
    help="Folder of the store, the WARC files and the index (env APKNEWS_DATA_DIR).",
)
@click.option(
    "--sources",
    "sources_file",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="APKNEWS_SOURCES_FILE",
    default=None,
    help="Sources file (default: config/sources.toml; env APKNEWS_SOURCES_FILE).",
)
@click.pass_context
def cli(ctx, data_dir: Path, sources_file: Path | None):
    """Archive and search news about the Assembly of People of Kazakhstan.

    Example: apknews crawl && apknews index && apknews search "Тараз меморандум"
    """
    ctx.obj = {"data_dir": DataDir(data_dir), "sources_file": sources_file}


def require_store(data_dir: DataDir) -> None:
    """UserError unless `data_dir` holds an archive."""
    if not data_dir.store_path.exists():
        raise UserError(f"no archive in {data_dir.root}: run `apknews crawl` first")


def main() -> None:
    cli(prog_name="apknews")
