"""Alias groups found at indexing: the concept term finds exactly what the phrases of the names find."""

from __future__ import annotations

import pickle

import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq

from archive.settings import DataDir
from archive.store import Store
from indexer.aliases import load_aliases
from indexer.field_terms import FieldReading, JoinedText
from indexer.index import build_schema, open_index, update_index
from indexer.names import (
    NAMES_FIELD,
    NameIndex,
    concept_term,
    concept_value,
    group_id,
    indexed_group_ids,
    read_record,
    write_record,
)
from replicas.assembly_data import assembly_articles
from search.engine import search
from search.query import understand
from tests.test_store import make_article

# (key, language, title, text): the names in their forms and alphabets, and near misses.
ARTICLES = [
    ("ru-session", "ru", "Сессия Ассамблеи народа Казахстана", "Члены Ассамблеи выступили в Нур-Султане."),
    ("ru-text-only", "ru", "Встреча в Таразе", "Члены Ассамблеи народа Казахстана встретились в Таразе."),
    ("ru-abbreviation", "ru", "АНК провела форум", "Форум прошёл в Астане. АНК подвела итоги."),
    ("ru-apart", "ru", "Народ и ассамблея", "Ассамблея молодёжи народа Казахстана и народ Казахстана."),
    ("ru-taraz", "ru", "Праздник в Таразе", "В Таразе прошёл праздник."),
    ("ru-capital", "ru", "Форум в Нур-Султане", "Делегаты приехали в столицу."),
    ("ru-capital-text", "ru", "Форум", "Делегаты приехали в Астану, бывший Целиноград."),
    ("ru-unrelated", "ru", "Урожай в Костанае", "Фермеры собрали урожай пшеницы."),
    ("kk-full", "kk", "Қазақстан халқы Ассамблеясының мерекесі", "Таразда мереке өтті."),
    ("kk-latin", "kk", "Qazaqstan halqy Assambleiasy jinalysy", "Jinalys Astanada ötti."),
    ("kk-abbreviation", "kk", "ҚХА төрағасы", "ҚХА төрағасы Таразда болды."),
    ("en-full", "en", "Session of the Assembly of the People of Kazakhstan", "It was held in Nur-Sultan."),
    ("en-abbreviation", "en", "APK youth", "Members of the APK met in Almaty."),
    ("en-apart", "en", "People of Kazakhstan", "The assembly of the region met the people of Kazakhstan."),
]
ASSEMBLY_EVERYWHERE = {
    "ru-session",
    "ru-text-only",
    "ru-abbreviation",
    "kk-full",
    "kk-latin",
    "kk-abbreviation",
    "en-full",
    "en-abbreviation",
}
ASSEMBLY_QUERIES = [
    "Ассамблеи народа Казахстана",
    '"Ассамблеи народа Казахстана"',
    "Қазақстан халқы Ассамблеясының",
    "Qazaqstan halqy Assambleiasy",
    "Assembly of People of Kazakhstan",
    "АНК",
    "APK",
    "ҚХА",
]


def _fields(lang: str, title: str, text: str) -> dict[str, str]:
    # As indexer.index gives an article's text to the fields of its language.
    return {f"title_{lang}": title, f"text_{lang}": text, f"loose_{lang}": JoinedText(title, text)}


def _all_articles() -> list[tuple[str, str, str, str]]:
    replica = [(a["path"], a["lang"], a["title"], a["text"]) for a in assembly_articles()]
    return ARTICLES + replica


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """A Whoosh index (Whoosh's own writer and analyzers) with the concept field filled by names_in."""
    schema = build_schema()  # it has the concept field
    names = NameIndex.of_aliases(load_aliases(), schema)
    readings = {name: FieldReading.of(schema[name].analyzer) for name in names.fields}
    folder = tmp_path_factory.mktemp("names-index")
    ix = whoosh_index.create_in(str(folder), schema)
    found_by_key = {}
    with ix.writer() as writer:
        for key, lang, title, text in _all_articles():
            values = _fields(lang, title, text)
            found = names.names_in({name: readings[name].terms(value) for name, value in values.items()})
            found_by_key[key] = found
            writer.add_document(
                canonical_url=key,
                lang=lang,
                exact_title=title,
                exact_text=text,
                names=concept_value(found),
                **values,
            )
    searcher = ix.searcher()
    yield searcher, names, found_by_key
    searcher.close()


def _found(searcher, query: wq.Query) -> set[str]:
    return {searcher.stored_fields(d)["canonical_url"] for d in searcher.docs_for_query(query)}


def _both(indexed, text: str, **options) -> tuple[set[str], set[str], object]:
    """Articles found by the concept terms and by the phrases of the names, and the concept reading."""
    searcher, names, _ = indexed
    concept = understand(text, searcher.schema, indexed_names=names.ids, **options)
    expanded = understand(text, searcher.schema, **options)
    return _found(searcher, concept.query), _found(searcher, expanded.query), concept


def _leaves(query: wq.Query) -> list[wq.Query]:
    return list(query.leaves()) if not query.is_leaf() else [query]


@pytest.mark.parametrize("text", ASSEMBLY_QUERIES)
def test_the_assembly_by_any_name_is_one_concept_lookup_finding_what_the_phrases_find(indexed, text):
    by_concept, by_phrases, concept = _both(indexed, text)
    assert by_concept == by_phrases
    crafted = {key for key, *_ in ARTICLES}
    assert by_concept & crafted == ASSEMBLY_EVERYWHERE  # not "ru-apart" nor "en-apart": words apart
    assert all(leaf.fieldname == NAMES_FIELD for leaf in _leaves(concept.query))
    assert concept.aliases and "Ассамблея народа Казахстана" in concept.aliases[0]  # "also searched as"


def test_the_capital_in_another_case_and_its_old_names(indexed):
    by_concept, by_phrases, _ = _both(indexed, "Нур-Султане")
    assert by_concept == by_phrases
    assert {"ru-session", "ru-capital", "ru-capital-text", "ru-abbreviation", "en-full"} <= by_concept
    assert not by_concept & {"ru-taraz", "ru-unrelated", "en-abbreviation"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('title:"Ассамблея народа Казахстана"', ASSEMBLY_EVERYWHERE - {"ru-text-only"}),
        ("title:АНК", ASSEMBLY_EVERYWHERE - {"ru-text-only"}),
        ("text:Астана", {"ru-session", "ru-capital-text", "ru-abbreviation", "kk-latin", "en-full"}),
    ],
)
def test_a_scope_limits_the_concept_as_it_limits_the_phrases(indexed, text, expected):
    by_concept, by_phrases, _ = _both(indexed, text)
    crafted = {key for key, *_ in ARTICLES}
    assert by_concept == by_phrases
    assert by_concept & crafted >= expected
    if text.startswith("title:"):
        assert by_concept & crafted == expected


def test_not_an_alias_leaves_out_every_article_naming_it(indexed):
    by_concept, by_phrases, concept = _both(indexed, "Тараз -АНК")
    assert by_concept == by_phrases
    assert "ru-taraz" in by_concept
    assert not by_concept & {"ru-text-only", "kk-full", "kk-abbreviation"}
    assert concept.alias_terms == {}  # nothing of a left-out name is marked in a hit


def test_one_language_searches_that_languages_articles_only(indexed):
    by_concept, by_phrases, _ = _both(indexed, "Ассамблея народа Казахстана", lang="kk")
    assert by_concept == by_phrases
    crafted = {key for key, *_ in ARTICLES}
    assert by_concept & crafted == {"kk-full", "kk-latin", "kk-abbreviation"}


def test_a_group_the_index_does_not_hold_is_expanded_as_before(indexed, tmp_path):
    searcher, names, _ = indexed
    capital = next(g for g in load_aliases().groups if "Астана" in g.names)
    without_capital = names.ids - {group_id(capital.names)}
    held_back = understand("Нур-Султане", searcher.schema, indexed_names=without_capital)
    assert held_back.query == understand("Нур-Султане", searcher.schema).query
    assert "ru-capital" in _found(searcher, held_back.query)
    assert held_back.alias_terms == {}

    # A group the user added to the data folder after the index was built.
    (tmp_path / "aliases.toml").write_text('[[group]]\nnames = ["Тараз", "Жамбыл"]\n', encoding="utf-8")
    with_user_group = load_aliases(tmp_path)
    by_concept = understand("Жамбыл", searcher.schema, aliases=with_user_group, indexed_names=names.ids)
    assert "ru-taraz" in _found(searcher, by_concept.query)
    assert any(leaf.fieldname == "text_ru" for leaf in _leaves(by_concept.query))


def test_the_index_without_a_concept_field_is_searched_by_phrases():
    schema = build_schema()
    schema.remove(NAMES_FIELD)  # an index built before the concept field
    names = NameIndex.of_aliases(load_aliases(), schema)
    assert understand("АНК", schema, indexed_names=names.ids).query == understand("АНК", schema).query


def test_alias_terms_name_the_words_to_mark_in_a_hit(indexed):
    _, _, concept = _both(indexed, "Ассамблеи народа Казахстана")
    assert {"ассамблея", "народ", "казахстан", "анк"} <= concept.alias_terms["text_ru"]
    assert {"assembl", "peopl", "kazakhstan", "apk"} <= concept.alias_terms["text_en"]
    assert {"asambleia", "narod", "kazakstan"} <= concept.alias_terms["loose_ru"]
    titles_only = understand("title:АНК", indexed[0].schema, indexed_names=indexed[1].ids)
    assert set(titles_only.alias_terms) == {"title_ru", "title_kk", "title_en"}


def test_names_are_counted_per_field_and_repeated_in_the_field_value(indexed):
    _, _, found_by_key = indexed
    assembly = next(g for g in load_aliases().groups if "АНК" in g.names)
    gid = group_id(assembly.names)
    found = found_by_key["ru-abbreviation"]
    assert found[concept_term(gid, "title")] == 1
    assert found[concept_term(gid, "text")] == 2  # the loose field holds the title's АНК and the text's
    assert found_by_key["ru-text-only"] == {concept_term(gid, "text"): 1}
    assert found_by_key["ru-unrelated"] == {}
    assert concept_value({"b@text": 2, "a@title": 1}) == "a@title b@text b@text"


def test_the_record_keeps_the_groups_for_later_updates(indexed, tmp_path):
    searcher, names, found_by_key = indexed
    write_record(tmp_path, names.record())
    record = read_record(tmp_path)
    assert indexed_group_ids(record) == names.ids
    # As a rebuild's writer processes would get it: from the record, or pickled.
    again = pickle.loads(pickle.dumps(NameIndex.from_record(record, searcher.schema)))
    assert again.ids == names.ids
    readings = {name: FieldReading.of(searcher.schema[name].analyzer) for name in again.fields}
    for key, lang, title, text in ARTICLES:
        values = _fields(lang, title, text)
        assert again.names_in({f: readings[f].terms(v) for f, v in values.items()}) == found_by_key[key]
    assert read_record(tmp_path / "nothing-here") is None
    assert indexed_group_ids(None) is None
    assert indexed_group_ids({"version": 0, "groups": []}) is None


def test_a_group_id_depends_on_the_names_only():
    assert group_id(["Астана", "Astana"]) == group_id(["Astana", "Астана", "Astana"])
    assert group_id(["Астана", "Astana"]) != group_id(["Астана", "Astana", "Акмола"])


def test_the_index_tags_the_groups_and_updates_keep_the_rebuilds_groups(tmp_path):
    """The real pipeline: a store, update_index (rebuild, then an update), search()."""
    data_dir = DataDir(tmp_path)
    articles = _all_articles()
    with Store(data_dir.store_path) as store:
        for key, lang, title, text in articles[:-2]:
            store.save(make_article(url=key, canonical_url=key, lang=lang, title=title, text=text))
        update_index(store, data_dir.index_dir, rebuild=True)
    record = read_record(data_dir.index_dir)
    assert indexed_group_ids(record) == NameIndex.of_aliases(load_aliases(tmp_path), build_schema()).ids
    with Store(data_dir.store_path) as store:
        for key, lang, title, text in articles[-2:]:
            store.save(make_article(url=key, canonical_url=key, lang=lang, title=title, text=text))
        # A group added after the rebuild is not tagged by updates: it is searched by its phrases.
        (tmp_path / "aliases.toml").write_text('[[group]]\nnames = ["Тараз", "Жамбыл"]\n', encoding="utf-8")
        assert update_index(store, data_dir.index_dir).added == 2
    assert read_record(data_dir.index_dir) == record
    ix = open_index(data_dir.index_dir)
    with ix.searcher() as searcher:
        for text in ("Ассамблеи народа Казахстана", "Астана", "Қазақстан халқы Ассамблеясы", "Жамбыл"):
            phrases = understand(text, searcher.schema, aliases=load_aliases(tmp_path)).query
            expected = _found(searcher, phrases)
            assert expected, text
            result = search(data_dir, text, limit=1000, collapse_reposts=False)
            assert {h.canonical_url for h in result.hits} == expected, text
            # the bundled groups through their concept terms; the group added later through phrases
            assert ("names:" in result.understood) == (text != "Жамбыл"), result.understood
