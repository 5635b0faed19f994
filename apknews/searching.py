"""`apknews search`: reading the archive (`export` lives in exporting.py, `show` in articles.py)."""

from __future__ import annotations

import functools
import json

import click

from apknews.app import UserError, cli, skip_teardown
from apknews.messages import _, current_ui, ngettext, translated
from apknews.output import print_hits_table

FORMATS = ("table", "json", "jsonl")


def filter_options(command):
    """--lang, --source, --from, --to, the entity filters (--person, --org, --region, --city) and
    --status, handed to `command` as one `filters` (a search.Filters)."""

    @functools.wraps(command)
    def with_filters(*args, lang, source, date_from, date_to, person, org, region, city, status, **kwargs):
        from search.filters import FilterError, Filters

        given = {"lang": lang, "source": source, "from": date_from, "to": date_to}
        given.update(person=person, org=org, region=region, city=city)
        given["status"] = status.lower() if status else status  # as `status:` reads it
        try:
            filters = Filters.from_params(given)
        except FilterError as exc:
            message, hint = translated(exc.message_id, exc.params), translated(exc.hint_id, exc.params)
            raise UserError(f"--{exc.name}: {message}", hint) from exc
        return command(*args, filters=filters, **kwargs)

    options = [
        click.option("--lang", metavar="ru|kk|en", help="Only this language."),
        click.option("--source", metavar="NAME", help="Only this source (e.g. assembly)."),
        click.option(
            "--from",
            "date_from",
            metavar="DATE",
            help="Published on or after (YYYY-MM-DD, DD.MM.YYYY, YYYY-MM or YYYY: 2021 = from 2021-01-01).",
        ),
        click.option(
            "--to",
            "date_to",
            metavar="DATE",
            help="Published on or before (YYYY-MM-DD, DD.MM.YYYY, YYYY-MM or YYYY: 2021 = to 2021-12-31).",
        ),
        click.option(
            "--person", metavar="NAME", help='Only articles naming this person ("Токаев" or the whole name).'
        ),
        click.option("--org", metavar="NAME", help="Only articles naming this organisation."),
        click.option(
            "--region",
            metavar="NAME",
            help="Only articles about this region (any spelling: Астана, Nur-Sultan).",
        ),
        click.option("--city", metavar="NAME", help="Only articles naming this city or district."),
        click.option(
            "--status",
            metavar="STATUS",
            help="Only articles whose page the re-checks found so (as status: in a query): "
            "unchecked, unchanged, edited, moved or gone.",
        ),
    ]
    for option in reversed(options):
        with_filters = option(with_filters)
    return with_filters


@cli.command("search")
@click.argument("query")
@filter_options
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance")
@click.option("--limit", type=click.IntRange(1, 1000), default=10, show_default=True, help="Hits per page.")
@click.option(
    "--page", type=click.IntRange(1, 10000), default=1, show_default=True, help="Which page of hits."
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option(
    "--exact", is_flag=True, help="Every word as written: no lemmas, stems, other alphabets, aliases."
)
@click.option("--no-aliases", is_flag=True, help="Do not expand alias names (config/aliases.toml).")
@click.option("--explain", is_flag=True, help="Print how the query was understood, then the hits.")
@click.option(
    "--no-fold", is_flag=True, help="List every copy: reposts on their own, not folded under a story."
)
@click.pass_obj
def search_command(obj, query, filters, sort, limit, page, fmt, exact, no_aliases, explain, no_fold):
    """Search the archive: words in any form and alphabet, ANDed.

    \b
    Тараз меморандум         both words, any form ("в Таразе")
    Астана OR Алматы         either (also ИЛИ, немесе); AND, И, және are the default
    ассамблея -Тараз         not (also NOT, НЕ)
    "Дом дружбы"             a phrase, any form; "ассамблея молодежь"~5: within 5 words
    ассамбл*                 words starting so
    =Таразе  ="в Таразе"     this form only (or --exact for the whole query)
    title:Тараз text:… source:assembly lang:kk date:2021 date:2021-01..2021-06
    person:"Касым-Жомарт Токаев" person:Токаев org:"Нур Отан" region:Астана city:Тараз
    status:edited status:gone status:moved   what `apknews recheck` found of the page
    Kazakh in Cyrillic, the 2021 Latin alphabet or loose English spelling matches all three
    (Qazaqtanu, Kazakhtanu, Қазақтану); alias names (Астана, АНК …) search all their names.

    Example: apknews search "Тараз меморандум" --lang ru --from 2021-01-01 --format json
    """
    from search import search

    result = search(
        obj["data_dir"],
        query,
        filters=filters,
        sort=sort,
        limit=limit,
        offset=(page - 1) * limit,
        exact=exact,
        aliases=not no_aliases,
        collapse_reposts=not no_fold,
    )
    skip_teardown()  # only reads: nothing to close but its output
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    if explain:
        click.echo(_("query %(query)s understood as:") % {"query": repr(query)})
        for line in result.explanation:
            click.echo(f"  {line}")
        click.echo(f"  whoosh: {result.understood}")
    if fmt == "jsonl":
        for hit in result.hits:
            click.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
        return
    for expansion in result.aliases:
        click.echo(_("also searched as: %(names)s") % {"names": expansion})
    for note in result.prefixes:
        click.echo(prefix_line(note))
    print_hits_table(result, offset=(page - 1) * limit)
    if result.collapsed:
        folded = ngettext(
            "(%(n)s repost folded under its first copy)",
            "(%(n)s reposts folded under their first copy)",
            result.collapsed,
        )
        click.echo(folded % {"n": result.collapsed})


def prefix_line(note) -> str:
    """One line for a prefix that stands for fewer words than it starts (search.prefixes.PrefixNote)."""
    line = ngettext(
        "%(prefix)s stands for the %(kept)s most frequent of %(found)s word starting with %(stem)s; "
        "type more letters",
        "%(prefix)s stands for the %(kept)s most frequent of %(found)s words starting with %(stem)s; "
        "type more letters",
        note.found,
    )
    group = "," if current_ui() == "en" else "\u00a0"
    kept, found = (f"{n:,}".replace(",", group) for n in (note.kept, note.found))
    return line % {"prefix": f"{note.stem}*", "stem": note.stem, "kept": kept, "found": found}


# `show` lives in articles.py (with --versions and the article's links).
