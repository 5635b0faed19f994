"""The `apknews` command group: global options, commands loaded when used, user errors as one line."""

from __future__ import annotations

import importlib
import inspect
import os
import sqlite3
import sys
from pathlib import Path

import click

from apknews.messages import UI_LANGUAGES, _, said, set_ui, translated, ui_from_arguments
from archive import __version__
from archive import settings as apknews_settings
from archive.bundled import ConfigError
from archive.reading_process import without_huge_pages
from archive.settings import DataDir


class UserError(click.ClickException):
    """One clear line on stderr, `apknews: error: what (hint: how to fix it)`, and exit 1."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(f"{message} ({_('hint')}: {hint})" if hint else message)

    def show(self, file=None) -> None:
        click.echo(f"apknews: {_('error')}: {self.format_message()}", err=True)


class _Group(click.Group):
    """Loads a command's module only when that command runs (`lazy`: name -> module, filled by the
    package), so that `apknews search` does not import Scrapy, Flask or matplotlib; turns the errors
    a user can cause (bad option, bad query, no index, bad config, full disk) into one line."""

    lazy: dict[str, str] = {}
    reading: frozenset[str] = frozenset()  # commands that answer searches (archive.reading_process)

    def list_commands(self, ctx) -> list[str]:
        return sorted({*self.lazy, *self.commands})

    def get_command(self, ctx, name: str):
        if name in self.reading:
            without_huge_pages()
        if name not in self.commands and name in self.lazy:
            importlib.import_module(self.lazy[name])  # the module registers its commands on `cli`
        command = self.commands.get(name)
        if command is not None:
            translate_help(command)
        return command

    def format_help(self, ctx, formatter) -> None:
        translate_help(self)
        super().format_help(ctx, formatter)

    def make_context(self, info_name, args, parent=None, **extra):
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:  # a bad global option
            raise _usage_error(exc) from exc

    def invoke(self, ctx):
        from search import IndexMissingError, QueryError

        try:
            return super().invoke(ctx)
        except click.UsageError as exc:  # a bad option or argument of a command: one line, exit 1
            raise _usage_error(exc) from exc
        except QueryError as exc:  # its words are search's, in English: said here in the user's
            raise UserError(
                translated(exc.message_id, exc.params), translated(exc.hint_id, exc.params)
            ) from exc
        except IndexMissingError as exc:
            raise UserError(_index_missing(str(exc))) from exc
        except ConfigError as exc:
            raise UserError(said(exc)) from exc
        except sqlite3.OperationalError as exc:
            raise UserError(_("the store could not be used: %(reason)s") % {"reason": exc}) from exc
        except BrokenPipeError:  # `apknews search … | head`: the reader has what it wanted
            _quiet_stdout()
            raise click.exceptions.Exit(0) from None
        except OSError as exc:
            raise UserError(f"{said(exc.strerror or exc)}: {exc.filename or ''}".rstrip(": ")) from exc


def translate_help(command: click.Command) -> None:
    """Give `command` (a group: and its commands) and its options their help in the user's language,
    from the English written in the code (kept aside, so that another language can follow)."""
    originals = command.__dict__.setdefault("english_help", {"": command.help})
    command.help = _(inspect.cleandoc(originals[""])) if originals[""] else originals[""]
    for param in command.params:
        english = originals.setdefault(param.name, getattr(param, "help", None))
        if english:
            param.help = _(english)
    for subcommand in getattr(command, "commands", {}).values():
        if subcommand is not command:
            translate_help(subcommand)


def _index_missing(reason: str) -> str:
    """The indexer's "no index in FOLDER: run `apknews index` first" in the user's language."""
    folder, found, _rest = reason.removeprefix("no index in ").partition(": run `apknews index` first")
    if not reason.startswith("no index in ") or not found:
        return reason  # an index of another schema: said as the indexer says it
    return _("no index in %(folder)s: run `apknews index` first") % {"folder": folder}


def _usage_error(exc: click.UsageError) -> UserError:
    command = exc.ctx.command_path if exc.ctx else "apknews"
    return UserError(exc.format_message().rstrip("."), _("see `%(command)s --help`") % {"command": command})


def _quiet_stdout() -> None:
    """Point standard output at /dev/null: the interpreter's last flush into a closed pipe would
    print "Exception ignored … BrokenPipeError" and change the exit status."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


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
@click.option(
    "--store",
    metavar="postgresql://…",
    envvar="APKNEWS_STORE",
    default=None,
    help="Keep the store on this PostgreSQL server instead of the data folder's SQLite file "
    "(env APKNEWS_STORE); the WARC files and the index stay in the data folder.",
)
@click.option(
    "--lang-ui",
    type=click.Choice(UI_LANGUAGES),
    default=None,
    help="Language of the CLI's messages (default: as LANG says, else English).",
)
@click.pass_context
def cli(ctx, data_dir: Path, sources_file: Path | None, store: str | None, lang_ui: str | None):
    """Archive and search news about the Assembly of People of Kazakhstan.

    Example: apknews crawl && apknews index && apknews search "Тараз меморандум"
    """
    if lang_ui:
        set_ui(lang_ui)
    ctx.obj = {"data_dir": _data_dir(data_dir, store), "sources_file": sources_file}


def _data_dir(folder: Path, store: str | None) -> DataDir:
    """The data folder, its store on `store`'s server when one is named; the crawl's and the web
    page's worker processes find that server in the environment, as this one was given it."""
    try:
        data_dir = DataDir(folder, store=store or None)
    except ValueError as exc:
        raise UserError(
            _("not a PostgreSQL address: %(store)s") % {"store": store},
            _("give postgresql://USER@HOST/DATABASE, or leave --store out for the data folder's store"),
        ) from exc
    if store:
        os.environ[apknews_settings.STORE_ENV] = store
    return data_dir


def require_store(data_dir: DataDir) -> None:
    """UserError unless `data_dir` holds an archive."""
    if not data_dir.store_path.exists():
        raise UserError(_("no archive in %(folder)s: run `apknews crawl` first") % {"folder": data_dir.root})


_skip_teardown = False


def skip_teardown() -> None:
    """Let main() end the process without the interpreter's teardown (freeing ~400 modules and the
    morphology dictionary: ~40 ms of a 250 ms search). Only for a command that wrote nothing but
    its output: no file, store or lock is left to close."""
    global _skip_teardown
    _skip_teardown = True


def main() -> None:
    set_ui(ui_from_arguments(sys.argv[1:]))  # known before click renders any help or usage error
    try:
        cli(prog_name="apknews")
    except SystemExit as done:
        try:
            sys.stdout.flush()  # output still buffered for a pipe that closed: end as quietly
        except BrokenPipeError:
            _quiet_stdout()
        if _skip_teardown:
            sys.stderr.flush()
            os._exit(done.code if isinstance(done.code, int) else 1 if done.code else 0)
        raise
