"""Words of Click and Python that the CLI's catalogue translates, marked here for `make translations`
(never imported). Click asks the global gettext domain for its help headings and usage errors,
which apknews.messages.set_ui points at the CLI's catalogue in the user's language; Python's
reasons why a date is none come inside search's errors, and the indexer's reasons for a rebuild in
its report: the CLI translates them where it shows them."""

from __future__ import annotations


def N_(message: str) -> str:
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:
    return singular, plural


HELP = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
    N_("%(prog)s, version %(version)s"),
)

USAGE_ERRORS = (
    N_("No such option {name!r}."),
    N_plural("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    N_("No such command {name!r}."),
    N_("Missing command."),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_plural("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    N_plural("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."),
    N_("Option {name!r} does not take a value."),
    N_plural("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{name} {filename!r} does not exist."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("Error: {message}"),
    N_("Try '{command} {option}' for help."),
    N_("Aborted!"),
)

PYTHON_DATE_ERRORS = (
    N_("month must be in 1..12"),
    N_("day is out of range for month"),
    N_("year 0 is out of range"),
)

INDEXER_REASONS = (N_("asked to rebuild"), N_("no index yet"))

SEARCH_COUNTS = (N_("stories"), N_("articles"))  # what a timeline counts (search.stories)
