"""The query language: operators, phrases, fields, exact forms, aliases, errors, random input."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.settings import DataDir
from archive.store import Store
from indexer.aliases import load_aliases
from indexer.index import build_schema, update_index
from search import QueryError, search
from search.dates import parse_date_range
from search.query import understand
from search.syntax import And, Not, Or, Phrase, Word, parse
from tests.conftest import run_apknews
from tests.test_store import make_article

SCHEMA = build_schema()
QUERY_ALPHABET = st.sampled_from(
    list('ab Тараз құ ё"()*-+=:~|&!\\ ORANDNOTИЛИНЕИ және немесе title: lang: date: 5 .,')
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=QUERY_ALPHABET, max_size=40) | st.text(max_size=30))
def test_random_input_raises_nothing_but_query_error(text):
    try:
        understood = understand(text, SCHEMA)
    except QueryError as error:
        assert error.message and error.hint  # one message, one hint
    else:
        assert understood.query is not None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Тараз", "OR", "AND", "NOT", "-мереке", "(", ")", '"Дом дружбы"', "и", "немесе"])
    )
)
def test_operator_soup_raises_nothing_but_query_error(parts):
    with contextlib.suppress(QueryError):
        understand(" ".join(parts), SCHEMA)


def test_operators_in_three_languages():
    assert parse("Астана OR Алматы") == parse("Астана ИЛИ Алматы") == parse("Астана немесе Алматы")
    assert parse("Тараз AND мереке") == parse("Тараз И мереке") == parse("Тараз және мереке")
    assert parse("Тараз NOT мереке") == parse("Тараз НЕ мереке") == parse("Тараз -мереке")
    assert parse("Тараз -мереке") == And([Word("Тараз"), Not(Word("мереке"))])
    assert parse('(Тараз OR Шымкент) "Дом дружбы"~3') == And(
        [Or([Word("Тараз"), Word("Шымкент")]), Phrase("Дом дружбы", slop=3)]
    )
    assert parse("=Таразе ассамбл* title:Тараз") == And(
        [Word("Таразе", exact=True), Word("ассамбл", prefix=True), Word("Тараз", scope="title")]
    )


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("Тараз OR", "on each side"),
        ("OR Тараз", "missing words"),
        ("NOT", "needs a word"),
        ("()", "empty parentheses"),
        ('""', "empty phrase"),
        ('"Дом дружбы"~x', "proximity"),
        ("foo:bar", "unknown field"),
        ("lang:de", "unknown language"),
        ("date:2021-13", "no such date"),
        ("date:2022..2021", "ends before"),
        ("а*", "too short"),
        ("ас*ам", "inside"),
        ("и the", "no searchable words"),
    ],
)
def test_malformed_queries_say_what_and_how_to_fix(query, words):
    with pytest.raises(QueryError) as caught:
        understand(query, SCHEMA)
    assert words in caught.value.message and caught.value.hint


def test_date_ranges():
    assert [str(d) for d in parse_date_range("2021")] == ["2021-01-01", "2021-12-31"]
    assert [str(d) for d in parse_date_range("2020-02")] == ["2020-02-01", "2020-02-29"]
    assert [str(d) for d in parse_date_range("2021-01..2021-06")] == ["2021-01-01", "2021-06-30"]
    assert parse_date_range("..2020")[0] is None and parse_date_range("2021..")[1] is None


def test_explanation_names_lemmas_stems_keys_and_aliases():
    understood = understand("Астана стали Qazaqtanu", SCHEMA)
    text = "\n".join(understood.lines)
    assert "Нур-Султан" in understood.aliases[0] and "Целиноград" in understood.aliases[0]
    assert "сталь, стать" in text  # both readings of the lone word
    assert "қазақтану" in text and "kazaktanu" in text  # read as Kazakh, and its loose key


def test_users_extend_the_aliases_in_the_data_folder(tmp_path):
    (tmp_path / "aliases.toml").write_text('[[group]]\nnames = ["ДД", "Дом дружбы"]\n', encoding="utf-8")
    aliases = load_aliases(tmp_path)
    assert aliases.group_of(["дд"]).names == ("ДД", "Дом дружбы")
    assert aliases.group_of(["астана"]) is not None  # the bundled groups stay


def test_an_edited_aliases_file_is_read_again(tmp_path):
    user_file = tmp_path / "aliases.toml"
    user_file.write_text('[[group]]\nnames = ["ДД", "Дом дружбы"]\n', encoding="utf-8")
    assert load_aliases(tmp_path).group_of(["дд"]) is not None
    user_file.write_text('[[group]]\nnames = ["ЖД", "Жастар дауысы", "Голос молодежи"]\n', encoding="utf-8")
    edited = load_aliases(tmp_path)
    assert edited.group_of(["дд"]) is None
    assert edited.group_of(["жд"]).names == ("ЖД", "Жастар дауысы", "Голос молодежи")
    user_file.unlink()
    assert load_aliases(tmp_path).group_of(["жд"]) is None


@pytest.fixture
def reposted(tmp_path) -> DataDir:
    """Three copies of one story, linked as the store links reposts, and one other article."""
    data_dir = DataDir(tmp_path)
    with Store(data_dir.store_path) as store:
        for number, day in enumerate(["2021-09-29", "2021-09-30", "2021-10-01"]):
            url = f"https://example.kz/news/{number}/"
            store.save(make_article(url=url, canonical_url=url, published=day))
        other = "https://example.kz/news/other/"
        store.save(
            make_article(url=other, canonical_url=other, title="Другое", text="Меморандум в Шымкенте.")
        )
        ids = dict(store.db.execute("SELECT canonical_url, id FROM articles"))
        for number in (1, 2):
            store.db.execute(
                "INSERT INTO article_links (article_id, target_id, kind) VALUES (?, ?, 'repost')",
                (ids[f"https://example.kz/news/{number}/"], ids["https://example.kz/news/0/"]),
            )
        store.db.commit()
        update_index(store, data_dir.index_dir)
    return data_dir


def test_reposts_are_collapsed_under_the_first_copy(reposted):
    result = search(reposted, "меморандум")
    assert result.total == 2 and result.collapsed == 2
    story = next(h for h in result.hits if h.reposts)
    assert story.url == "https://example.kz/news/0/" and story.reposts == 2
    assert sorted(story.repost_urls) == ["https://example.kz/news/1/", "https://example.kz/news/2/"]
    assert search(reposted, "меморандум", collapse_reposts=False).total == 4


def test_cli_explain_exact_and_aliases(reposted):
    explained = run_apknews(reposted.root, "search", "Тараз стали", "--explain")
    assert explained.returncode == 0, explained.stderr
    assert "understood as" in explained.stdout and "сталь, стать" in explained.stdout
    exact = run_apknews(reposted.root, "search", "город", "--exact", "--format", "json")
    assert exact.returncode == 0 and exact.json()["total"] == 0  # the texts say "в городе"
    assert run_apknews(reposted.root, "search", "город", "--format", "json").json()["total"] == 1  # one story
    assert run_apknews(reposted.root, "search", "=городе", "--format", "json").json()["total"] == 1
    astana = run_apknews(reposted.root, "search", "Астана")
    assert "also searched as: Астана → Астана | Astana | Нур-Султан" in astana.stdout


@pytest.mark.parametrize("query", ["Тараз OR", "foo:bar", "date:2021-99", "ас*ам", '"Дом дружбы"~0'])
def test_cli_malformed_query_is_one_line_with_a_hint(reposted, query):
    result = run_apknews(reposted.root, "search", query)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "hint:" in lines[0], result.stderr
