"""The Kazinform dateline ("НУР-СУЛТАН. КАЗИНФОРМ –"): cut from the text in any markup, kept, searchable."""

from __future__ import annotations

import pytest

from archive.articles import Article
from archive.extract import extract_article
from archive.extract.datelines import dateline_place
from archive.settings import DataDir
from archive.sources import load_sources
from archive.store import Store
from replicas.variants import VARIANTS
from tests.conftest import run_apknews

FETCHED_AT = "2026-02-01T00:00:00Z"
SEED_004_REST = (
    "В Нур-Султане стартовала XXIX сессия Ассамблеи народа Казахстана, "
    "передает корреспондент МИА «Казинформ»."
)
SECOND = (
    "Сессия проходит под лозунгом «30 лет единства, мира и согласия». В работе сессии в формате онлайн "
    "примут участие более 550 человек из всех регионов страны."
)
SECOND_IN = {
    "ru": SECOND,
    "kk": "Сессияға елдің барлық өңірлерінен этномәдени бірлестіктердің өкілдері қатысты.",
    "en": "Members of ethnocultural associations from every region of the country took part in the meeting.",
}


@pytest.fixture(scope="module")
def inform():
    return load_sources()["inform"]


def kazinform_page(
    first: str, *, lang: str = "ru", title: str = "XXIX сессия Ассамблеи народа Казахстана"
) -> bytes:
    """An article page of a Kazinform front end our config never saw, its text opening with `first`."""
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>
<body><header class="top"><a class="brand" href="/">Kazinform</a></header>
<main><article class="news-item"><div class="news-item__when">28 Апреля 2021, 10:15</div>
<h1 class="news-item__title">{title}</h1>
<div class="news-item__body">{first}<p>{SECOND_IN[lang]}</p></div></article></main>
<footer><p>© МИА «Казинформ»</p></footer></body></html>""".encode()


def extract(page: bytes, source, slug: str = "xxix-sessiya_a3779021", lang: str = "ru") -> Article:
    return extract_article(
        page, url=f"https://www.inform.kz/{lang}/{slug}", source=source, fetched_at=FETCHED_AT
    )


DATELINE = "НУР-СУЛТАН. КАЗИНФОРМ"
REST = "В Нур-Султане стартовала XXIX сессия Ассамблеи народа Казахстана."


@pytest.mark.parametrize(
    "first",
    [
        f"<p>{DATELINE} – {SEED_004_REST}</p>",  # inline, en dash: seed 004
        f"<p>{DATELINE} - {SEED_004_REST}</p>",  # hyphen
        f"<p>{DATELINE} — {SEED_004_REST}</p>",  # em dash
        f"<p>НУР-СУЛТАН.КАЗИНФОРМ–{SEED_004_REST}</p>",  # no space anywhere
        f"<p>{DATELINE} –{SEED_004_REST}</p>",  # no space after the dash
        f"<p>НУР-СУЛТАН.&nbsp;КАЗИНФОРМ&nbsp;— {SEED_004_REST}</p>",  # no-break spaces
        f"<p><b>{DATELINE}</b> – {SEED_004_REST}</p>",  # its own <b>
        f"<p><strong>{DATELINE} –</strong> {SEED_004_REST}</p>",  # <strong> with the dash
        f"<p><strong>{DATELINE}</strong>–{SEED_004_REST}</p>",  # <strong>, dash glued to the text
        f"<p>{DATELINE} –<br>{SEED_004_REST}</p>",  # a line break after the dash
        f"<p><b>{DATELINE}</b><br>– {SEED_004_REST}</p>",  # a line break before the dash
        f"<p><b>{DATELINE}</b><br>{SEED_004_REST}</p>",  # a line break and no dash
        f"<p><strong>{DATELINE}</strong></p><p>{SEED_004_REST}</p>",  # a paragraph of its own
        f"<p><strong>{DATELINE}</strong></p><p>– {SEED_004_REST}</p>",  # ... the dash in the next one
        f"<div>{DATELINE} – {SEED_004_REST}</div>",  # no <p> at all
        f"<p><span class='dl'>{DATELINE}</span> – {SEED_004_REST}</p>",
    ],
)
def test_the_dateline_is_cut_from_the_text_in_every_markup(inform, first):
    article = extract(kazinform_page(first), inform)
    assert article.dateline in (DATELINE, "НУР-СУЛТАН.КАЗИНФОРМ")
    assert article.text.split("\n\n") == [REST, SECOND]
    assert "КАЗИНФОРМ" not in article.text.upper()


@pytest.mark.parametrize(
    ("lang", "first", "dateline", "rest"),
    [
        ("kk", "<p>НҰР-СҰЛТАН. ҚазАқпарат – Елордада Қазақстан халқы Ассамблеясының сессиясы өтті, "
         "деп хабарлайды ҚазАқпарат тілшісі.</p>", "НҰР-СҰЛТАН. ҚазАқпарат",
         "Елордада Қазақстан халқы Ассамблеясының сессиясы өтті."),
        ("en", "<p><strong>ASTANA. KAZINFORM</strong> – The Council of Public Accord met in the capital, "
         "Kazinform correspondent reports.</p>", "ASTANA. KAZINFORM",
         "The Council of Public Accord met in the capital."),
        ("en", "<p>ASTANA.KAZINFORM-The Council of Public Accord met in the capital.</p>", "ASTANA.KAZINFORM",
         "The Council of Public Accord met in the capital."),
        ("en", "<p>14:35, 24 December 2015 | GMT +6 ASTANA. KAZINFORM – The Council of Public Accord "
         "met.</p>",
         "ASTANA. KAZINFORM", "The Council of Public Accord met."),  # the old site's date line, glued on
    ],
)  # fmt: skip
def test_kazakh_and_english_datelines(inform, lang, first, dateline, rest):
    article = extract(kazinform_page(first, lang=lang, title="Session of the Assembly"), inform, lang=lang)
    assert article.dateline == dateline
    assert article.text.split("\n\n")[0] == rest


@pytest.mark.parametrize(
    "first",
    [
        f"<div class='lead'><b>{REST}</b></div><p>{DATELINE} – {SEED_004_REST}</p>",  # a lead above
        f"<p><b>{DATELINE} – {SEED_004_REST}</b></p><p>{DATELINE} – {SEED_004_REST}</p>",  # printed twice
    ],
)
def test_a_first_paragraph_printed_twice_keeps_one_copy_and_no_dateline(inform, first):
    article = extract(kazinform_page(first), inform)
    assert article.dateline == DATELINE
    assert article.text.split("\n\n") == [REST, SECOND]


def test_a_line_that_only_looks_like_a_dateline_stays(inform):
    quoted = f"<p>Об этом говорится в сообщении.</p><p>{DATELINE} – {SEED_004_REST}</p>"
    article = extract(kazinform_page(quoted), inform)
    assert article.dateline is None  # a dateline opens the text or it is a quotation of one
    assert article.text.split("\n\n")[1].startswith(DATELINE)
    shouting = extract(kazinform_page(f"<p>НОВОСТИ</p><p>{SEED_004_REST}</p>"), inform)
    assert shouting.dateline is None and shouting.text.startswith("НОВОСТИ")


def test_every_dateline_of_the_second_kazinform_replica_is_cut_and_kept(inform):
    variant = VARIANTS["inform"]()
    with_dateline = [s for s in variant.stories if "dateline" in s.extra]
    assert {s.extra.get("dateline_markup", "inline") for s in with_dateline} == {"inline", "strong", "nbsp"}
    for story in with_dateline:
        status, headers, body = variant.handle(variant.path(story))
        article = extract_article(
            body, url=inform.base_url + variant.path(story), source=inform, fetched_at=FETCHED_AT
        )
        assert article.dateline == story.extra["dateline"], story.slug
        place = dateline_place(story.extra["dateline"])
        assert not article.text.upper().startswith(place), story.slug


def test_the_place_of_a_dateline():
    assert dateline_place("ASTANA. KAZINFORM") == "ASTANA"
    assert dateline_place("НУР-СУЛТАН. КАЗИНФОРМ") == "НУР-СУЛТАН"
    assert dateline_place("ТАРАЗ") == "ТАРАЗ"
    assert dateline_place(None) == ""


def test_search_finds_the_city_named_only_in_the_dateline(inform, tmp_path):
    """`apknews search Astana` finds the English article whose only "Astana" is its dateline; the
    Russian one datelined НУР-СУЛТАН is found too, under the capital's other names."""
    english = extract(
        kazinform_page(
            "<p><strong>ASTANA. KAZINFORM</strong> – The Council of Public Accord of the Assembly met on "
            "Tuesday to discuss ethnic mediation, Kazinform correspondent reports.</p>",
            lang="en",
            title="Council of Public Accord discusses ethnic mediation",
        ),
        inform,
        slug="council-of-public-accord-discusses-ethnic-mediation_a3812346",
        lang="en",
    )
    russian = extract(kazinform_page(f"<p>{DATELINE} – Совет общественного согласия собрался.</p>"), inform)
    plain = extract(
        kazinform_page("<p>The Council of Public Accord met in Taraz.</p>", lang="en", title="Council met"),
        inform,
        slug="council-met_a3812347",
        lang="en",
    )
    assert (
        "astana" not in f"{english.title} {english.text}".lower() and english.dateline == "ASTANA. KAZINFORM"
    )
    data_dir = DataDir(tmp_path)
    data_dir.ensure()
    with Store(data_dir.store_path) as store:
        for article in (english, russian, plain):
            store.save(article)
    assert run_apknews(tmp_path, "index").returncode == 0
    for query, expected in (
        ("Astana", {english.url, russian.url}),
        ("Нур-Султан", {english.url, russian.url}),
    ):
        result = run_apknews(tmp_path, "search", query, "--format", "json")
        assert result.returncode == 0, result.stderr
        assert {hit["url"] for hit in result.json()["hits"]} == expected, query
    english_only = run_apknews(tmp_path, "search", "Astana", "--lang", "en", "--format", "json").json()
    assert [hit["url"] for hit in english_only["hits"]] == [english.url]
