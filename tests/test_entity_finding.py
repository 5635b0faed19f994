"""Finding who and where (issue 16): Russian NER with names in the nominative, the places of the
gazetteer in every language, the known names found in Kazakh and English, and the main place."""

from __future__ import annotations

import pytest

from archive.entities import CITY, ORG, PERSON, REGION, Entity
from archive.entities.known import Gazetteer, confirmed
from archive.entities.places import mentions
from archive.entities.regions import ArticlePlaces, place_entities
from archive.entities.russian import russian_entities

SESSION = (
    "Глава государства Касым-Жомарт Токаев принял участие в сессии Ассамблеи народа Казахстана. "
    "Заместитель председателя Ассамблеи Марат Азильханов и аким Жамбылской области Бердибек "
    "Сапарбаев выступили в Таразе. Токаев отметил роль Дома дружбы."
)


def _named(entities: list[Entity], kind: str) -> dict[str, int]:
    return {e.name: e.mentions for e in entities if e.kind == kind}


def test_russian_names_come_out_in_the_nominative_and_a_surname_joins_the_full_name():
    first, second, third = russian_entities(
        [
            SESSION,
            "Встреча с Касым-Жомартом Токаевым прошла в Акорде. Гульнаре Ахметовой вручили медаль. "
            "Поблагодарили Бердибека Сапарбаева, Ерлана Карина и членов АНК.",
            "Награду вручили Гаухар Толеповой. Б. Сапарбаев поздравил Айгерим Сейткали.",
        ],
        known_people={"Сапарбаев": "Бердибек Сапарбаев"},
    )
    assert _named(first, PERSON) == {"Касым-Жомарт Токаев": 2, "Марат Азильханов": 1, "Бердибек Сапарбаев": 1}
    assert _named(first, ORG) == {"Ассамблея народа Казахстана": 2, "Дом дружбы": 1}
    assert set(_named(second, PERSON)) == {
        "Касым-Жомарт Токаев",
        "Гульнара Ахметова",
        "Бердибек Сапарбаев",
        "Ерлан Карин",
    }
    assert "Ассамблея народа Казахстана" in _named(second, ORG)
    assert set(_named(third, PERSON)) == {"Гаухар Толепова", "Бердибек Сапарбаев", "Айгерим Сейткали"}


def test_places_the_ner_model_takes_for_people_are_left_out():
    (found,) = russian_entities(
        ["Член совета АНК города Шымкента Икрам Хашимжанов. Фото Целинограда и Акмолы."]
    )
    assert _named(found, PERSON) == {"Икрам Хашимжанов": 1}


def test_an_empty_text_names_nobody():
    assert russian_entities(["", "  "]) == [[], []]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("В Таразе и Жамбылской области, из Нур-Султана", ["Тараз", "Жамбылская область", "Астана"]),
        (
            "Тараз қаласында, Жамбыл облысы, Астанадағы, Өскеменде",
            ["Тараз", "Жамбылская область", "Астана", "Усть-Каменогорск"],
        ),
        (
            "In Taraz, the Zhambyl region, Nur-Sultan, Oskemen",
            ["Тараз", "Жамбылская область", "Астана", "Усть-Каменогорск"],
        ),
        ("Qazaqtanu jobasy Pavlodarda, Jambyl oblysy", ["Павлодар", "Жамбылская область"]),
        ("многодетных семей из Семея; Абай Кунанбаев; Абайской области", ["Семей", "Абайская область"]),
        ("Жетысуский район Алматы, область Жетісу", ["Жетысуский район", "Алматы", "Область Жетісу"]),
    ],
)
def test_places_in_any_language_and_form(text, places):
    assert [m.place.name for m in mentions(text)] == places


def test_the_event_place_outweighs_a_passing_mention():
    found = place_entities(
        ArticlePlaces(
            "В Таразе подписан меморандум",
            "Меморандум подписан. Как и в Алматы в прошлом году, молодежь Алматы и Шымкента участвовала.",
        )
    )
    main = {e.name for e in found if e.main}
    assert main == {"Тараз", "Жамбылская область"}
    assert {e.name for e in found if not e.main} == {"Алматы", "Шымкент"}


def test_the_dateline_and_the_source_region():
    found = place_entities(ArticlePlaces("XXIX сессия АНК", "Делегаты из Шымкента.", "НУР-СУЛТАН. КАЗИНФОРМ"))
    assert [e for e in found if e.main] == [Entity(REGION, "Астана", 0, True, "dateline")]
    found = place_entities(
        ArticlePlaces("Встреча молодежи", "Прошла встреча.", source_region="Жамбылская область")
    )
    assert found == [Entity(REGION, "Жамбылская область", 0, True, "source")]


def test_a_city_belongs_to_its_oblast_of_the_day():
    before = place_entities(ArticlePlaces("Вебинар в Талдыкоргане", "", published="2021-04-24"))
    after = place_entities(ArticlePlaces("Вебинар в Талдыкоргане", "", published="2023-04-24"))
    assert {e.name for e in before if e.main} == {"Талдыкорган", "Алматинская область"}
    assert {e.name for e in after if e.main} == {"Талдыкорган", "Область Жетісу"}
    assert {e.kind for e in after} == {CITY, REGION}


def test_the_gazetteer_finds_known_names_in_kazakh_and_english():
    gazetteer = Gazetteer([(PERSON, "Касым-Жомарт Токаев"), (PERSON, "Ерлан Карин"), (PERSON, "Карин")])
    kazakh = gazetteer.find(
        "Мемлекет басшысы Қасым-Жомарт Тоқаев Қазақстан халқы Ассамблеясының сессиясында сөйледі. "
        "ҚХА-ның төрағасы. Ерлан Қарин."
    )
    assert _named(kazakh, PERSON) == {"Касым-Жомарт Токаев": 1, "Ерлан Карин": 1}
    assert _named(kazakh, ORG) == {"Ассамблея народа Казахстана": 2}
    english = gazetteer.find("President Kassym-Jomart Tokayev addressed the APK. Karin spoke in Ankara.")
    assert _named(english, PERSON) == {"Касым-Жомарт Токаев": 1}
    assert _named(english, ORG) == {"Ассамблея народа Казахстана": 1}


def test_names_carried_from_a_translation_are_confirmed_in_the_text():
    russian = [
        Entity(PERSON, "Касым-Жомарт Токаев"),
        Entity(PERSON, "Марат Азильханов"),
        Entity(ORG, "Дом дружбы"),
    ]
    carried = confirmed(russian, "Тоқаевтың сөзін Марат Әзілханов жеткізді.")
    assert carried == [
        Entity(PERSON, "Касым-Жомарт Токаев", 1, origin="translation"),
        Entity(PERSON, "Марат Азильханов", 1, origin="translation"),
    ]


def test_the_assemblys_bodies_are_found_in_every_language():
    gazetteer = Gazetteer([])
    for text in (
        "Өскемендегі Достық үйінде «Жаңғыру жолы» қозғалысы жиналды.",
        "Members of Zhangyru Zholy met at the House of Friendship.",
        "Pavlodardağy Dostyq üiınde «Jañğyru joly» erıktılerı jinaldy.",
        "В Доме дружбы собрались волонтеры «Жаңғыру жолы».",
    ):
        assert set(_named(gazetteer.find(text), ORG)) == {"Дом дружбы", "Жаңғыру жолы"}, text
    assert _named(gazetteer.find("укрепление общественного согласия"), ORG) == {}


def test_a_name_takes_endings_not_other_letters():
    gazetteer = Gazetteer([(PERSON, "Ерлан Карин")])
    for text in (
        "Ерлан Қариннің сөзі",
        "Ерлан Қаринге берілді",
        "Yerlan Karin's speech",
        "с Ерланом Кариным",
    ):
        assert _named(gazetteer.find(text), PERSON) == {"Ерлан Карин": 1}, text
    for text in ("Ерлан Каринов выступил", "Yerlan Karimov spoke"):
        assert _named(gazetteer.find(text), PERSON) == {}, text
