"""The cleaner on texts as trafilatura leaves them (the leftovers in shared/seeds) and on titles."""

from __future__ import annotations

import pytest

from archive.extract.clean import clean_body, clean_text, clean_title
from archive.extract.dates import DEFAULT_FORMATS
from archive.rules import ExtractionRules, load_rules
from archive.sources import ConfigError, Source, load_sources, stub_source


@pytest.fixture(scope="module")
def assembly():
    return load_sources()["assembly"]


def clean(text, source, title=""):
    formats = (*source.rules.date_formats, *DEFAULT_FORMATS)
    return clean_text(text, title=title, source=source, date_formats=formats)


# seeds/002: site name, date, view counter, headline, body, back link.
SEED_002_TITLE = "В Таразе подписан многосторонний меморандум между молодежью региона"
SEED_002_PARAGRAPHS = [
    "Заключен меморандум о многостороннем партнерстве между молодежью региона в целях обеспечения "
    "совместной эффективной работы и установления связей и отношений между этносами.",
    "В свою очередь, Парида Иманжановна подчеркнула, готовность к совместной работе, укрепляя "
    "многосторонние связи, воплощая четкие образы и идеи.",
    '"Мы можем также проводить совместные исследования, анализы, научные работы", - говорится в сообщении.',
]
SEED_002_RAW = "\n".join(
    [
        "Ассамблея народа Казахстана",
        "",
        "29 Сентября, 2021",
        "",
        "268",
        "",
        SEED_002_TITLE,
        "",
        SEED_002_PARAGRAPHS[0],
        "",
        "",
        SEED_002_PARAGRAPHS[1] + "   ",
        "",
        SEED_002_PARAGRAPHS[2],
        "",
        "",
        "Возврат к списку",
    ]
)

# seeds/001: the English chrome.
SEED_001_TITLE = (
    "An online convention dedicated to the implementation of modern methods was held in Nur-Sultan"
)
SEED_001_PARAGRAPHS = [
    "A meeting of the Methodological Council for the introduction of modern management methods "
    "organized by the Assembly of People of Kazakhstan was carried out yesterday in Nur-Sultan.",
    "It was also proposed to strengthen the work on social networks.",
]
SEED_001_RAW = "\n".join(
    [
        "Assembly of People of Kazakhstan",
        "",
        "15 October, 2020",
        "",
        "",
        SEED_001_TITLE,
        "",
        SEED_001_PARAGRAPHS[0],
        "",
        SEED_001_PARAGRAPHS[1],
        "",
        "Back to the list",
    ]
)

# seeds/004: Kazinform with "None" author and source, and a "currently reading" block.
SEED_004_TITLE = "XXIX сессия Ассамблеи народа Казахстана началась в Нур-Султане"
SEED_004_FIRST = (
    "НУР-СУЛТАН. КАЗИНФОРМ – В Нур-Султане стартовала XXIX сессия Ассамблеи народа Казахстана, "
    "передает корреспондент МИА «Казинформ»."
)
SEED_004_LAST = "Как известно, тема сотрудничества широко обсуждается ежегодно на сессии АНК."
SEED_004_RAW = "\n".join(
    [SEED_004_TITLE, "", "None", "None", SEED_004_FIRST, "", SEED_004_LAST, "", "", "Сейчас читают"]
)

# seeds/003: the headline twice, a byline at the end.
SEED_003_TITLE = "Учимся у друзей. Шымкентцы провели лекторий в Таразе"
SEED_003_RAW = "\n\n".join(
    [
        SEED_003_TITLE,
        SEED_003_TITLE,
        "В конце прошлой недели во всех областных центрах состоялся ежегодный республиканский лекторий.",
        "Мероприятие завершилось свободной дискуссией и памятной фотосессией.",
        "Пресс-центр КГУ «Қоғамдық келісім»",
    ]
)


def test_seed_002(assembly):
    assert clean(SEED_002_RAW, assembly, SEED_002_TITLE) == "\n\n".join(SEED_002_PARAGRAPHS)


def test_seed_001(assembly):
    text = clean(SEED_001_RAW, assembly, SEED_001_TITLE)
    assert text.split("\n\n") == SEED_001_PARAGRAPHS


def test_seed_004_keeps_dateline_drops_none(assembly):
    text = clean(SEED_004_RAW, assembly, SEED_004_TITLE)
    assert text.split("\n\n") == [SEED_004_FIRST, SEED_004_LAST]


def test_seed_003_repeated_title_and_byline(assembly):
    lines = clean(SEED_003_RAW, assembly, SEED_003_TITLE).split("\n\n")
    assert lines[0].startswith("В конце прошлой недели")
    assert lines[-1] == "Пресс-центр КГУ «Қоғамдық келісім»"
    assert SEED_003_TITLE not in lines


def test_title_later_in_text_is_kept(assembly):
    text = "Первый абзац.\n\nВторой абзац.\n\nСессия АНК\n\nПоследний абзац."
    assert clean(text, assembly, "Сессия АНК").split("\n\n") == [
        "Первый абзац.",
        "Второй абзац.",
        "Сессия АНК",
        "Последний абзац.",
    ]


def test_title_repeated_after_a_lead_or_a_kicker_is_dropped(assembly):
    after_lead = "Трафик вернулся на мост на месяц раньше срока.\n\nМост через Иртыш открыт.\n\nТекст."
    assert clean(after_lead, assembly, "Мост через Иртыш открыт").split("\n\n") == [
        "Трафик вернулся на мост на месяц раньше срока.",
        "Текст.",
    ]
    after_rubric = "Sport\n\nASTANA WIN THE LEAGUE\n\nAstana won the league on Sunday."
    assert clean(after_rubric, assembly, "Astana win the league") == "Astana won the league on Sunday."


@pytest.mark.parametrize(
    "line",
    [
        "ассамблея народа казахстана",
        "  Возврат к списку  ",
        "ТІЗІМГЕ ОРАЛУ",
        "Поделиться:",
        "Share",
        "Бөлісу",
        "Версия для печати",
        "Print version",
        "PDF version",
        "Автор: None",
        "Источник: None",
        "None",
        "268",
        "1204",
        "Просмотров: 268",
        "Просмотров:",
        "Views 17",
        "Қаралды: 5",
        "29 Сентября, 2021",
        "30 Сәуір, 2024",
        "07 October, 2016",
        "29 Сентября, 2021 268",  # Bitrix's date and view counter in one element
        "29 Сентября 2021, 14:35",
        "14:35, 24 December 2015 | GMT +6",
        "2021 жылғы 29 қыркүйек",
    ],
)
def test_chrome_lines_dropped(assembly, line):
    assert clean(f"Начало.\n{line}\nКонец.", assembly) == "Начало.\n\nКонец."


@pytest.mark.parametrize(
    "line",
    [
        "28 сентября 2021 года в городе Тараз подписан меморандум.",
        "Пресс-служба КГУ «Қоғамдық келісім»",
        "АЛМАТЫ - В Алматы прошел форум.",
        "Ассамблея народа Казахстана провела сессию",
        "В работе сессии примут участие более 550 человек.",
        "Share your experience, said the chairman.",
    ],
)
def test_content_lines_kept(assembly, line):
    assert clean(f"Начало.\n{line}\nКонец.", assembly) == f"Начало.\n\n{line}\n\nКонец."


def test_blank_lines_and_whitespace(assembly):
    text = "\n\n  Первый   абзац.\u00a0 \n\n\n\n\tВторой абзац.\u200b\n   \n\nТретий.  \n\n"
    assert clean(text, assembly) == "Первый абзац.\n\nВторой абзац.\n\nТретий."


def test_empty(assembly):
    assert clean("", assembly) == ""
    assert clean("Ассамблея народа Казахстана\n13 Июня, 2025\n268\nВозврат к списку", assembly) == ""


def test_other_source_rules():
    source = Source(
        name="inform",
        spider="inform",
        base_url="https://www.inform.kz",
        languages=("ru",),
        listings={"ru": "/ru/"},
        article_pattern=".*",
        rules=ExtractionRules(
            strip_lines=("More news in our Telegram channel!",),
            strip_patterns=(r"^#\S+(\s+#\S+)*$",),
        ),
    )
    text = "Текст.\nMore news in our Telegram channel!\n#АНК #единство\nВозврат к списку"
    # another source's chrome is that source's business: "Возврат к списку" is not inform's
    assert clean_text(text, title="", source=source, date_formats=DEFAULT_FORMATS) == (
        "Текст.\n\nВозврат к списку"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Сессия АНК | Ассамблея народа Казахстана", "Сессия АНК"),
        ("Сессия АНК - Ассамблея народа Казахстана", "Сессия АНК"),
        ("Сессия АНК — Ассамблея народа Казахстана", "Сессия АНК"),
        ("Сессия АНК :: Ассамблея народа Казахстана", "Сессия АНК"),
        ("Ассамблея народа Казахстана | Сессия АНК", "Сессия АНК"),
        ("Қазақстан халқы Ассамблеясы - Сессия", "Сессия"),
        ("Session | ASSEMBLY OF PEOPLE OF KAZAKHSTAN", "Session"),
        ("  Сессия \n АНК  |  Ассамблея народа Казахстана ", "Сессия АНК"),
        ("Сессия АНК", "Сессия АНК"),
        (
            "Ассамблея народа Казахстана провела сессию",
            "Ассамблея народа Казахстана провела сессию",
        ),
        ("В Таразе - меморандум | Ассамблея народа Казахстана", "В Таразе - меморандум"),
        ("Ассамблея народа Казахстана", ""),
        ("", ""),
    ],
)
def test_clean_title(assembly, raw, expected):
    assert clean_title(raw, assembly.rules) == expected


# -- per-source rules of config/extraction.toml: datelines, attribution, tails, bylines ------------


@pytest.fixture(scope="module")
def inform():
    sources = load_sources()
    return (
        sources["inform"] if "inform" in sources else stub_source("inform", "https://www.inform.kz")
    ).rules


def body(text, rules, title=""):
    return clean_body(text, title=title, rules=rules, date_formats=(*rules.date_formats, *DEFAULT_FORMATS))


def test_seed_004_on_kazinform_keeps_the_dateline_as_a_field(inform):
    cleaned = body(SEED_004_RAW, inform, SEED_004_TITLE)
    assert cleaned.dateline == "НУР-СУЛТАН. КАЗИНФОРМ"
    assert cleaned.text.split("\n\n") == [
        "В Нур-Султане стартовала XXIX сессия Ассамблеи народа Казахстана.",
        SEED_004_LAST,
    ]
    assert cleaned.author is None  # "None" is nobody


@pytest.mark.parametrize(
    ("first", "dateline", "rest"),
    [
        ("НҰР-СҰЛТАН. ҚазАқпарат – Елордада сессия өтті, деп хабарлайды ҚазАқпарат тілшісі.",
         "НҰР-СҰЛТАН. ҚазАқпарат", "Елордада сессия өтті."),
        ("ASTANA. KAZINFORM - The session opened, Kazinform correspondent reports.", "ASTANA. KAZINFORM",
         "The session opened."),
        ("УСТЬ-КАМЕНОГОРСК. КАЗИНФОРМ – Открылся кабинет, передает МИА «Казинформ».",
         "УСТЬ-КАМЕНОГОРСК. КАЗИНФОРМ", "Открылся кабинет."),
        ("ASTANA. QazAqparat – Sessıa ótti, dep habarlaıdy QazAqparat tilshisi.", "ASTANA. QazAqparat",
         "Sessıa ótti."),
        ("В Астане прошла сессия, передает Kazinform.", None, "В Астане прошла сессия."),
    ],
)  # fmt: skip
def test_kazinform_datelines_and_attribution(inform, first, dateline, rest):
    cleaned = body(f"{first}\nВторой абзац.", inform)
    assert cleaned.dateline == dateline
    assert cleaned.text == f"{rest}\n\nВторой абзац."


def test_a_dateline_only_opens_the_first_paragraph(inform, assembly):
    text = "Первый абзац.\nНУР-СУЛТАН. КАЗИНФОРМ – Второй абзац."
    assert body(text, inform).text == "Первый абзац.\n\nНУР-СУЛТАН. КАЗИНФОРМ – Второй абзац."
    rules = assembly.rules
    assert body("ALMATY - A fair was held.\nEnd.", rules).dateline == "ALMATY"
    assert body("АНК - это институт.\nКонец.", rules).dateline is None  # a sentence, not a place


def test_the_tail_from_currently_reading_is_cut(assembly):
    rules = assembly.rules
    text = "Текст статьи.\nСейчас читают\nДругая новость дня\n12:40\nЕще одна новость"
    assert body(text, rules).text == "Текст статьи."
    # a sidebar heading before the article is dropped alone: the article after it stays
    assert body("Currently reading\nThe article.\nThe end.", rules).text == "The article.\n\nThe end."


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Автор: Айгуль Сапарова", "Айгуль Сапарова"),
        ("Автор: None", None),
        ("Author: John Smith", "John Smith"),
        ("Фото: пресс-служба акимата", None),
        ("Фото автора: Ерлан Омаров", None),
        ("Теги: АНК, единство, молодежь", None),
        ("Поделиться: Facebook Telegram WhatsApp", None),
    ],
)
def test_bylines_credits_and_chrome_lines_leave_the_text(assembly, line, author):
    cleaned = body(f"Начало.\n{line}\nКонец.", assembly.rules)
    assert cleaned.text == "Начало.\n\nКонец."
    assert cleaned.author == author


def test_a_press_service_credit_stays_in_the_text_and_is_the_author(assembly):
    cleaned = body("Начало.\nПресс-служба КГУ «Қоғамдық келісім»", assembly.rules)
    assert cleaned.text == "Начало.\n\nПресс-служба КГУ «Қоғамдық келісім»"
    assert cleaned.credit == "Пресс-служба КГУ «Қоғамдық келісім»"


def test_rules_file_errors_name_the_place(tmp_path):
    bad = tmp_path / "extraction.toml"
    bad.write_text("[sources.x]\nstrip_phrases = ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"sources\.x.*bad regular expression"):
        load_rules(bad)
    bad.write_text("[sources.x]\ncolour = 'red'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown keys"):
        load_rules(bad)


def test_a_read_also_card_inside_the_text_does_not_cut_the_rest(assembly):
    card = (
        "Первый абзац статьи о новых маршрутах автобусов в городе Алматы.\n\nЧитайте также\n\n"
        "В Алматы построят еще две станции метро\n\n"
        "Еще три маршрута изменят схему движения, сообщили в управлении мобильности.\n\nПоследний абзац."
    )
    assert clean(card, assembly, "Маршруты").split("\n\n") == [
        "Первый абзац статьи о новых маршрутах автобусов в городе Алматы.",
        "Еще три маршрута изменят схему движения, сообщили в управлении мобильности.",
        "Последний абзац.",
    ]
    tail = "Первый абзац.\n\nЧитайте также\n\nВ Алматы построят метро\n\nКурс тенге укрепился"
    assert clean(tail, assembly, "Маршруты") == "Первый абзац."


@pytest.mark.parametrize("meta", ["News · 1 March 2022", "11 December 2018 4 min", "Сегодня | 13:53"])
def test_a_meta_line_above_the_text_is_dropped(assembly, meta):
    assert clean(f"{meta}\n\nThe text.", assembly, "Title") == "The text."


def test_a_short_first_sentence_with_a_date_is_text(assembly):
    text = "Сессия пройдет 12 марта 2024 года.\n\nВторой абзац."
    assert clean(text, assembly, "Сессия").split("\n\n")[0] == "Сессия пройдет 12 марта 2024 года."


def test_page_chrome_above_a_repeated_headline_goes_with_it(assembly):
    text = "Ассамблея народа Казахстана\n\n3410\n\nСессия АНК\n\n1 245\n\nВ Астане прошла сессия."
    assert clean(text, assembly, "Сессия АНК") == "В Астане прошла сессия."


def test_a_source_selector_repeated_in_extraction_toml_is_listed_once():
    from archive.rules import ExtractionRules

    rules = ExtractionRules(title_selector="div.t h1, h1.a").merged(
        {"title_selector": 'h1.a, a[title="x, y"], div.t h1'}
    )
    assert rules.title_selector == 'div.t h1, h1.a, a[title="x, y"]'
