"""The spellings people type, folded at indexing and at query time: each fold finds what it must and
nothing that only looks alike (English spellings of names, Kazakh in Russian letters, the 2017 and
2018 Latin alphabets, Kazakh words declined in Russian, hyphenated compounds)."""

from __future__ import annotations

import re

import pytest

from archive.settings import DataDir
from archive.store import Store
from archive.translit import loose_key, to_cyrillic
from indexer import kazakh
from indexer.analysis import WORD_PATTERN, lemmatize
from indexer.index import update_index
from indexer.readings import kazakh_stems, loose_keys, solid_form, word_readings
from search import search
from tests.test_store import make_article

# (key, lang, text): each article names one thing in one spelling; the near misses name another.
ARTICLES = [
    ("ru-tokaev", "ru", "Касым-Жомарт Токаев выступил на сессии Ассамблеи."),
    ("kk-tokaev", "kk", "Қасым-Жомарт Тоқаевтың сөзі тыңдалды."),
    ("en-tokayev", "en", "President Kassym-Jomart Tokayev's speech opened the session."),
    ("en-tokaev", "en", "Tokaev met the youth of the Assembly."),
    ("ru-nazarbaev", "ru", "Нурсултан Назарбаев основал Ассамблею в 1995 году."),
    ("en-nazarbayev", "en", "Nazarbayev proposed the Day of Gratitude."),
    ("ru-nazarbaeva", "ru", "Дарига Назарбаева выступила в Сенате."),
    ("en-nazarbayeva", "en", "Dariga Nazarbayeva spoke in the Senate."),
    ("ru-abay", "ru", "Школьники читали стихи Абая."),
    ("ru-abaev", "ru", "Министр Даурен Абаев вручил награды журналистам."),
    ("ru-zhangyru-typed", "ru", "Движение «Жангыру жолы» провело субботник."),
    ("kk-zhangyru", "kk", "«Жаңғыру жолы» қозғалысы жиналды."),
    ("ru-zhangir", "ru", "Конференция посвящена Жангир хану и его пути."),
    ("kk-typed", "kk", "Достык уйинде мереке отти."),
    ("ru-taraz", "ru", "Форум прошел в Таразе."),
    ("kk-2018", "kk", "Qazaqstan halqy Assambleıasy «Janǵyrý joly» qozǵalysymen kezdesti."),
    ("kk-2017", "kk", "Jan'g'yry' joly qozg'alysy Qog'amdyq kelisim mekemesinde jinaldy."),
    ("kk-qazaq-tili", "kk", "Қазақ тілі курсы басталды."),
    ("kk-qazaqstan", "kk", "Қазақстанда мереке өтті."),
    ("ru-nauryz", "ru", "Этнокультурные объединения отметили Наурыз."),
    ("kk-nauryz", "kk", "Наурыз мерекесі тойланды."),
    ("en-nauryz", "en", "Nauryz was celebrated in Pavlodar."),
    ("ru-nauryzbay", "ru", "На улице Наурызбай батыра открыли сквер."),
    ("ru-etno-hyphen", "ru", "Прошел семинар по этно-медиации."),
    ("ru-etno-solid", "ru", "Кабинет этномедиации открыт."),
    ("ru-mediation", "ru", "Школьная медиация помогает договариваться."),
    ("ru-ust-apart", "ru", "Форум прошел в Усть Каменогорске."),
    ("ru-ust-hyphen", "ru", "Выставка открылась в Усть-Каменогорске."),
    ("ru-ust-talovka", "ru", "Праздник прошел в поселке Усть-Таловка."),
    ("ru-nur-sultan", "ru", "Форум прошел в Нур-Султане."),
]

TOKAYEV = {"ru-tokaev", "kk-tokaev", "en-tokayev", "en-tokaev"}
ZHANGYRU = {"ru-zhangyru-typed", "kk-zhangyru", "kk-2018", "kk-2017"}
NAURYZ = {"ru-nauryz", "kk-nauryz", "en-nauryz"}
ETNOMEDIACIA = {"ru-etno-hyphen", "ru-etno-solid"}
UST_KAMENOGORSK = {"ru-ust-apart", "ru-ust-hyphen"}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> DataDir:
    data_dir = DataDir(tmp_path_factory.mktemp("spellings"))
    with Store(data_dir.store_path) as store:
        for key, lang, text in ARTICLES:
            url = f"https://example.kz/{key}/"
            latin = "Latn" if re.search("[a-z]{3}", text) and lang == "kk" else "Cyrl"
            store.save(
                make_article(url=url, canonical_url=url, lang=lang, title="Новости", text=text, script=latin)
            )
        update_index(store, data_dir.index_dir)
    return data_dir


def found(data_dir: DataDir, query: str, **options) -> set[str]:
    hits = search(data_dir, query, limit=100, collapse_reposts=False, **options).hits
    return {h.url.rstrip("/").rsplit("/", 1)[-1] for h in hits}


# -- English spellings of Kazakh names ---------------------------------------------------------


@pytest.mark.parametrize("query", ["Tokayev", "Tokaev", "Токаев", "Тоқаев", "Токаева"])
def test_every_spelling_of_tokayev_finds_all_of_them(archive, query):
    assert found(archive, query) == TOKAYEV


@pytest.mark.parametrize("query", ["Nazarbayev", "Nazarbaev", "Назарбаев", "Nazarbayeva", "Назарбаева"])
def test_nazarbayev_with_or_without_y_and_the_feminine_as_russian_reads_it(archive, query):
    # Russian reads "Назарбаева" as the surname Назарбаев: the English "Nazarbayeva" is read alike.
    assert found(archive, query) == {"ru-nazarbaev", "en-nazarbayev", "ru-nazarbaeva", "en-nazarbayeva"}


def test_kassym_is_kasym_and_a_declined_double_name_is_read_whole(archive):
    assert found(archive, "Kassym-Jomart") == {"ru-tokaev", "kk-tokaev", "en-tokayev"}
    assert found(archive, "Касым-Жомарт") == {"ru-tokaev", "kk-tokaev", "en-tokayev"}


def test_y_after_a_vowel_is_the_short_i_not_another_name(archive):
    assert found(archive, "Abay") == {"ru-abay"}  # not Абаев


def test_nursultan_the_man_is_not_the_city_nur_sultan(archive):
    assert found(archive, "Nursultan", aliases=False) == {"ru-nazarbaev"}
    assert found(archive, "Нур-Султан", aliases=False) == {"ru-nur-sultan"}


def test_latin_spellings_read_back_into_kazakh_cyrillic():
    assert to_cyrillic("tokayev") == to_cyrillic("tokaev") == "токаев"  # not "токаыев"
    assert to_cyrillic("nazarbayev") == "назарбаев"
    assert to_cyrillic("abay") == "абай" and to_cyrillic("auyl") == "ауыл"  # 2021 "auyl" keeps ы
    assert loose_key("kassym") == loose_key("қасым") == loose_key("касым")
    assert loose_key("yessimov") == loose_key("есимов")


# -- Kazakh typed with Russian letters ---------------------------------------------------------


@pytest.mark.parametrize("query", ["Жангыру жолы", "Жаңғыру жолы", '"Жангыру жолы"'])
def test_kazakh_typed_with_russian_letters_meets_kazakh_letters(archive, query):
    assert found(archive, query) == ZHANGYRU  # not "Жангир хану ... пути"


@pytest.mark.parametrize("query", ["Достык уйи", "Достық үйі"])
def test_a_kazakh_text_typed_without_kazakh_letters_is_stemmed_as_kazakh(archive, query):
    assert "kk-typed" in found(archive, f"{query} lang:kk")


def test_a_kazakh_form_does_not_find_the_russian_one(archive):
    assert "ru-taraz" not in found(archive, "Таразда")  # its own key, not its Kazakh stem


def test_typed_endings_get_their_kazakh_letters_back():
    assert kazakh.with_kazakh_letters("облыстын") == "облыстың"
    assert kazakh.with_kazakh_letters("таразга") == "таразға"
    assert kazakh.with_kazakh_letters("уйи") == "уйі"
    assert kazakh.with_kazakh_letters("болатын") != "болатын"  # no Kazakh letter: it may be ң
    assert kazakh.with_kazakh_letters("келетін") == "келетін"  # Kazakh letters: typed as meant
    assert "облыс" in kazakh_stems("облыстын") and "уй" in kazakh_stems("уйи")


def test_only_words_the_russian_dictionary_does_not_know_get_their_own_loose_key():
    assert "jangiru" in loose_keys("ru", "жангыру")
    assert loose_keys("ru", "городами") == ["gorod"]  # a Russian word: its lemma only


# -- the 2017 and 2018 Latin alphabets ---------------------------------------------------------


@pytest.mark.parametrize("query", ["Janǵyrý joly", "Jan'g'yry' joly", "Jan’g’yry’ joly", "Jañğyru joly"])
def test_every_latin_alphabet_finds_zhangyru(archive, query):
    assert found(archive, query) == ZHANGYRU


def test_an_apostrophe_inside_a_word_is_no_word_break(archive):
    assert found(archive, "Qazaq'stan") == {"kk-qazaqstan", "kk-2018"}  # not "Қазақ тілі"
    assert found(archive, "Qazaqstan halqy Assambleıasy", aliases=False) == {"kk-2018"}
    assert re.findall(WORD_PATTERN, "Jan'g'yry' joly, Tokayev's 'Astana'") == [
        "Jan'g'yry'",
        "joly",
        "Tokayev's",
        "Astana'",  # the 2017 apostrophe closes a word; its parts are indexed too
    ]
    assert to_cyrillic("jan'g'yry'") == "жаңғыру" and to_cyrillic("janǵyrý") == "жанғыру"
    assert to_cyrillic("assambleıasy") == "ассамблеясы" and to_cyrillic("qostanaı") == "қостанай"


def test_an_english_possessive_is_found_by_the_name_and_as_written(archive):
    assert "en-tokayev" in found(archive, "=Tokayev")
    assert "en-tokayev" in found(archive, "=Tokayev's")
    hit = next(h for h in search(archive, "Tokayev", limit=100).hits if h.url.endswith("/en-tokayev/"))
    assert "**Tokayev's**" in hit.snippet


# -- Kazakh words declined in Russian ----------------------------------------------------------


@pytest.mark.parametrize("query", ["Наурыз", "Наурыза", "Наурызом", "Наурызе", "Nauryz"])
def test_a_kazakh_word_declined_in_russian_finds_it_in_every_language(archive, query):
    assert found(archive, query) == NAURYZ  # not Наурызбай


def test_an_unknown_word_is_not_read_as_a_guessed_verb():
    assert lemmatize("Наурыз") == lemmatize("Наурыза") == lemmatize("Наурызом") == "наурыз"
    assert lemmatize("стали") in ("стать", "сталь")  # known words keep their readings


# -- hyphenated compounds ----------------------------------------------------------------------


@pytest.mark.parametrize("query", ["этномедиация", "этно-медиация", "этномедиации"])
def test_a_combining_form_hyphenated_or_solid(archive, query):
    assert found(archive, query) == ETNOMEDIACIA  # not plain "медиация"


@pytest.mark.parametrize("query", ["Усть-Каменогорск", "Усть Каменогорск", "Усть-Каменогорске"])
def test_a_hyphen_or_a_space(archive, query):
    assert found(archive, query, aliases=False) == UST_KAMENOGORSK  # not Усть-Таловка


def test_only_combining_forms_are_joined():
    assert solid_form("этно-медиации") == "этномедиации"
    assert solid_form("нур-султан") is None and solid_form("усть-каменогорск") is None
    assert "этномедиация" in word_readings("ru", "этно-медиации")
    assert "касым-жомарт" in word_readings("ru", "касым-жомарта")  # its parts' lemmas, joined
