"""Who and where, stored by real crawls of the replicas (issue 16): people and regions of known
articles in ru, kk and en, and one release in three languages naming one person."""

from __future__ import annotations

import tomllib

import pytest

from archive.entities import CITY, PERSON, REGION
from archive.store import Store
from replicas.feeds_site import FeedsSite
from replicas.kit import Faults, Story
from replicas.server import ReplicaServer
from tests.conftest import ROOT, run_apknews

TOKAYEV = "Касым-Жомарт Токаев"


def _entities_by_title(data_dir) -> dict[str, dict]:
    """{title: {"lang", "people", "main" (main places), "places"}} of every stored article."""
    with Store.open_readonly(data_dir / "apknews.sqlite3") as store:
        facts = store.entity_facts()
        entities = store.entities_of([row["id"] for row in facts])
    found = {}
    for row in facts:
        items = entities.get(row["id"], [])
        found[row["title"]] = {
            "lang": row["lang"],
            "people": {e.name for e in items if e.kind == PERSON},
            "main": {e.name for e in items if e.main},
            "places": {e.name for e in items if e.kind in (REGION, CITY)},
        }
    return found


@pytest.fixture(scope="module")
def assembly_entities(crawled) -> dict[str, dict]:
    return _entities_by_title(crawled.data_dir)


def test_every_crawled_article_about_one_place_has_it(assembly_entities):
    without = {title for title, found in assembly_entities.items() if not found["main"]}
    # Articles about the whole country: a school gathering "from 17 regions", reports that list
    # regions one after the other ("Жамбыл, Қостанай және Түркістан облыстарының штабтары")
    assert without == {
        "Summer school of the Assembly youth gathers students from 17 regions",
        "Молодежное движение «Жаңғыру жолы» подвело итоги года",
        "«Жаңғыру жолы» жастар қозғалысы жаңа маусымды бастады",
        "Қоғамдық келісім кеңестерінің тәжірибесі онлайн форматта талқыланды",
        "Kazakhtanu project to be extended to all regions",
    }


@pytest.mark.parametrize(
    ("title", "people", "main"),
    [
        ("XXXII сессия Ассамблеи народа Казахстана прошла в Астане", {TOKAYEV}, {"Астана"}),
        ("Қазақстан халқы Ассамблеясының кезекті сессиясы өтті", {TOKAYEV}, {"Астана"}),
        (
            "В Таразе подписан многосторонний меморандум между молодежью региона",
            None,
            {"Тараз", "Жамбылская область"},
        ),
        ("Учимся у друзей. Шымкентцы провели лекторий в Таразе", None, {"Тараз", "Жамбылская область"}),
        ("Council of Public Accord in Shymkent reports on its work", set(), {"Шымкент"}),
        (
            "Өскеменде этномәдени бірлестіктер күзгі жәрмеңке өткізді",
            set(),
            {"Усть-Каменогорск", "Восточно-Казахстанская область"},
        ),
        ("В Доме дружбы показали фотографии Целинограда и Акмолы", set(), {"Астана"}),
        (
            "Ветераны Темиртау рассказали школьникам о выплавке стали",
            set(),
            {"Темиртау", "Карагандинская область"},
        ),
    ],
)
def test_known_articles_name_their_people_and_place(assembly_entities, title, people, main):
    found = assembly_entities[title]
    if people is not None:
        assert found["people"] == people
    assert found["main"] == main


def test_a_lecturer_is_named_in_the_nominative(assembly_entities):
    people = assembly_entities["Учимся у друзей. Шымкентцы провели лекторий в Таразе"]["people"]
    assert {"Жалил Аббосов", "Икрам Хашимжанов", "Гаухар Толепова"} <= people
    assert not any(name.startswith(("Шымкента", "Тараза")) for name in people)


RELEASE = [
    (
        "ru",
        "Касым-Жомарт Токаев встретился с членами Ассамблеи в Кокшетау",
        [
            "КОКШЕТАУ. 14 марта 2025 года Глава государства Касым-Жомарт Токаев встретился с членами "
            "Ассамблеи народа Казахстана Акмолинской области в Доме дружбы.",
            "На встрече присутствовали 250 представителей 27 этнокультурных объединений. Аким области "
            "Марат Ахметжанов рассказал о работе 17 кабинетов медиации.",
            "Касым-Жомарт Токаев поручил открыть еще 12 кабинетов до конца 2025 года.",
        ],
    ),
    (
        "kk",
        "Қасым-Жомарт Тоқаев Көкшетауда Ассамблея мүшелерімен кездесті",
        [
            "КӨКШЕТАУ. 2025 жылғы 14 наурызда Мемлекет басшысы Қасым-Жомарт Тоқаев Достық үйінде Ақмола "
            "облысы Қазақстан халқы Ассамблеясының мүшелерімен кездесті.",
            "Кездесуге 27 этномәдени бірлестіктің 250 өкілі қатысты. Облыс әкімі Ахметжановтың айтуынша, 17 "
            "медиация кабинетінің жұмысы туралы айтты.",
            "Қасым-Жомарт Тоқаев 2025 жылдың соңына дейін тағы 12 кабинет ашуды тапсырды.",
        ],
    ),
    (
        "en",
        "Kassym-Jomart Tokayev meets members of the Assembly in Kokshetau",
        [
            "KOKSHETAU. On 14 March 2025 Head of State Kassym-Jomart Tokayev met members of the Assembly "
            "of People of Kazakhstan of the Akmola region at the House of Friendship.",
            "The meeting brought together 250 representatives of 27 ethnocultural associations. Regional "
            "akim Akhmetzhanov spoke about the work of 17 mediation rooms.",
            "Kassym-Jomart Tokayev instructed to open 12 more rooms by the end of 2025.",
        ],
    ),
]


class ReleaseSite(FeedsSite):
    """The House of Friendship replica publishing one release in Russian, Kazakh and English."""

    def __init__(self) -> None:
        super().__init__()
        self.stories = [
            Story(f"2025/03/14/release-{lang}", lang, title, "2025-03-14", paragraphs=text, extra={"id": n})
            for n, (lang, title, text) in enumerate(RELEASE, start=20001)
        ]
        self._by_path = {self.path(s): s for s in self.stories}
        self._by_id = {str(s.extra["id"]): s for s in self.stories}
        self.faults = Faults({})


@pytest.fixture(scope="module")
def release_archive(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("release")
    table = tomllib.loads((ROOT / "config" / "sources.toml").read_text(encoding="utf-8"))["sources"]["ddakmo"]
    sources_file = data_dir / "sources.toml"
    sources_file.write_text(_ddakmo_in_three_languages(table), encoding="utf-8")
    with ReplicaServer(ReleaseSite()) as server:
        base_url = f"ddakmo={server.base_url}"
        crawl = run_apknews(data_dir, "--sources", str(sources_file), "crawl", "--base-url", base_url)
        assert crawl.returncode == 0, crawl.stderr
    return data_dir


def _ddakmo_in_three_languages(table: dict) -> str:
    lines = ["[sources.ddakmo]"]
    for key, value in {**table, "languages": ["ru", "kk", "en"]}.items():
        if isinstance(value, str):
            lines.append(f"{key} = {_toml_string(value)}")
        elif isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, list):
            lines.append(f"{key} = [{', '.join(_toml_string(v) for v in value)}]")
        else:
            lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


def _toml_string(value: str) -> str:
    return "'" + value + "'" if '"' in value or "\\" in value else '"' + value + '"'


def test_the_three_versions_of_one_release_share_the_person(release_archive):
    found = _entities_by_title(release_archive)
    assert sorted(f["lang"] for f in found.values()) == ["en", "kk", "ru"]
    for title, entities in found.items():
        assert TOKAYEV in entities["people"], title
        assert "Марат Ахметжанов" in entities["people"], title
        assert entities["main"] == {"Кокшетау", "Акмолинская область"}, title


def test_the_kazakh_and_english_versions_carry_the_names_from_the_russian(release_archive):
    """The akim is named by his surname alone in Kazakh and English: the gazetteer, which wants the
    full name, does not find him there; the Russian version, linked as their translation, does."""
    with Store.open_readonly(release_archive / "apknews.sqlite3") as store:
        facts = {row["lang"]: row["id"] for row in store.entity_facts()}
        assert len(store.translation_pairs()) >= 2
        entities = store.entities_of(facts.values())
    for lang in ("kk", "en"):
        origins = {e.name: e.origin for e in entities[facts[lang]] if e.kind == PERSON}
        assert origins["Марат Ахметжанов"] == "translation", lang


def test_reextract_finds_the_entities_again(release_archive):
    store_path = release_archive / "apknews.sqlite3"
    with Store(store_path) as store:
        ids = [row["id"] for row in store.entity_facts()]
        before = store.entities_of(ids)
        for article_id in ids:
            store.save_entities(article_id, [])
    result = run_apknews(release_archive, "reextract", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert result.json()["entity_articles"] == 3
    with Store.open_readonly(store_path) as store:
        assert store.entities_of(ids) == before
