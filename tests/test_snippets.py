"""Snippets: the word forms a query matched are marked where the article says them, and only those."""

from __future__ import annotations

import pytest
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import TEXT, Schema

from archive.settings import DataDir
from archive.store import Store
from indexer.index import build_schema, update_index
from search import search
from search.snippets import MARK, matched_spans, snippet_for
from tests.test_store import make_article

SCHEMA = build_schema()


def _article(slug: str, **changes):
    url = f"https://assembly.kz/ru/news/{slug}/"
    return make_article(url=url, canonical_url=url, **changes)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> DataDir:
    data_dir = DataDir(tmp_path_factory.mktemp("snippets"))
    with Store(data_dir.store_path) as store:
        store.save(
            _article(
                "memorandum",
                title="Меморандум",
                text="28 сентября в Таразе подписан меморандум от имени ассамблеи. Тараз готовится к форуму.",
            )
        )
        store.save(
            _article(
                "forum",
                title="Форум в столице",
                text="В Нур-Султане прошёл форум. Делегаты из Нур-Султана вернулись домой.",
            )
        )
        store.save(
            _article(
                "latin",
                lang="kk",
                title="Jinalys",
                text="Qazaqstan halqy Assambleiasy Taraz qalasynda jinalys otkizdi.",
            )
        )
        store.save(
            _article(
                "chronicle",
                title="Летопись",
                text="Во втором томе летописи рассказано о Таразе. В том году город рос.",
            )
        )
        store.save(_article("lane", title="Переулок", text="Узкий переулок уже расширили."))
        update_index(store, data_dir.index_dir)
    return data_dir


def _snippets(data_dir: DataDir, query: str) -> dict[str, str]:
    return {hit.url.rstrip("/").rsplit("/", 1)[-1]: hit.snippet for hit in search(data_dir, query).hits}


def _marked(snippet: str) -> list[str]:
    return snippet.split(MARK)[1::2]


def test_an_inflected_form_is_marked_for_the_base_form(archive):
    snippet = _snippets(archive, "Тараз")["memorandum"]
    assert f"в {MARK}Таразе{MARK} подписан" in snippet
    assert _marked(snippet) == ["Таразе", "Тараз"]


def test_the_alias_name_the_article_uses_is_marked(archive):
    snippet = _snippets(archive, "Астана")["forum"]
    assert _marked(snippet) == ["Нур-Султане", "Нур-Султана"]


def test_a_part_of_a_hyphenated_name_is_marked_alone(archive):
    snippet = _snippets(archive, "султан")["forum"]
    assert f"Нур-{MARK}Султане{MARK}" in snippet


def test_a_latin_kazakh_word_is_marked_for_its_cyrillic_query(archive):
    snippet = _snippets(archive, "Қазақстан")["latin"]
    assert snippet.startswith(f"{MARK}Qazaqstan{MARK} halqy")


def test_a_stop_word_is_not_marked_though_it_reads_like_the_query(archive):
    # "уже" may read as the comparative of "узкий", but as the stop word "уже" it is not indexed.
    snippet = _snippets(archive, "узкий")["lane"]
    assert _marked(snippet) == ["Узкий"]


def test_an_exact_search_marks_only_the_form_asked_for(archive):
    snippets = _snippets(archive, "=Таразе")
    assert set(snippets) == {"memorandum", "chronicle"}
    assert _marked(snippets["memorandum"]) == ["Таразе"]  # not "Тараз" in the next sentence
    assert _marked(snippets["chronicle"]) == ["Таразе"]


def test_stop_words_are_marked_in_exact_fields_only():
    text = "Меморандум подписан от имени ассамблеи."
    assert MARK not in snippet_for(SCHEMA, {"text_ru": {"от"}}, ["text_ru"], text)
    assert MARK not in snippet_for(SCHEMA, {"loose_ru": {"от"}}, ["loose_ru"], text)
    assert f"{MARK}от{MARK} имени" in snippet_for(SCHEMA, {"exact_text": {"от"}}, ["exact_text"], text)


MIXED_TEXTS = {  # hyphens plain and typographic, a stress mark, ё, both Kazakh alphabets, English
    "ru": "В Нур-Султане стали работать 30-летия ёлки, из стали; Қазақстан и Kazakhstan, "
    "г.Алматы, Усть\u2011Каменогорск, за\u0301мок Ак-Су\u0301.",
    "kk": "Таразда Қазақстан халқы Ассамблеясының мерекесі өтті; Qazaqstan halqy Assambleiasy, "
    "Нұр-Сұлтан қаласы.",
    "en": "Meetings of the Assembly in Nur-Sultan were held; Тараз hosted them, and Qazaqstan too.",
}


@pytest.mark.parametrize("lang", sorted(MIXED_TEXTS))
@pytest.mark.parametrize("kind", ["title", "text", "loose", "exact"])
def test_every_word_the_index_holds_is_marked_for_its_term(lang, kind):
    # Whatever term the field's own analyzer gives a word when indexing, that word is marked for it.
    fieldname = f"{kind}_{lang}" if kind != "exact" else "exact_text"
    text = MIXED_TEXTS[lang]
    tokens = SCHEMA[fieldname].analyzer(text, chars=True, positions=True, mode="index")
    for term, start, end in [(t.text, t.startchar, t.endchar) for t in tokens]:
        spans = matched_spans(SCHEMA, {fieldname: {term}}, [fieldname], text)
        assert any(s <= start and end <= e for s, e in spans), (term, text[start:end])


def test_a_snippet_reads_past_an_unmatched_opening_to_the_match():
    text = "Вступление без совпадений. " * 200 + "Наконец в Таразе открылся центр."
    snippet = snippet_for(SCHEMA, {"text_ru": {"тараз"}}, ["text_ru"], text)
    assert f"в {MARK}Таразе{MARK} открылся" in snippet and snippet.startswith("…")


def test_a_field_of_another_analyzer_is_marked_by_that_analyzer():
    schema = Schema(body=TEXT(analyzer=StemmingAnalyzer()))
    snippet = snippet_for(schema, {"body": {"meet"}}, ["body"], "Two meetings were held.")
    assert snippet == f"Two {MARK}meetings{MARK} were held."


def test_no_matched_word_gives_the_opening():
    text = "Первое предложение статьи. Второе предложение."
    assert snippet_for(SCHEMA, {"text_ru": {"тараз"}}, ["text_ru"], text) == text
