"""Writes the gold pages (bench/gold/pages/*.html) and their expectations (*.toml); run it to rebuild them.

The texts are the assembly.kz replica's releases as the sites in ../shared/SITES.md republish them;
each page's expected values are written here by hand, never read back from the extractor.
Usage: .venv/bin/python -m bench.gold.make_pages
"""
# ruff: noqa: E501  (tables of page data read better unwrapped)

from __future__ import annotations

import html as html_module
import json
import re
import tomllib
from pathlib import Path

from bench.gold import sites
from bench.gold.sites import Page
from replicas.assembly_data import ARTICLES_DIR

ROOT = Path(__file__).resolve().parent
PAGES = ROOT / "pages"
RELEASES = ARTICLES_DIR

KK_LATIN = str.maketrans(
    {
        "а": "a", "ә": "á", "б": "b", "в": "v", "г": "g", "ғ": "ǵ", "д": "d", "е": "e", "ё": "ıo", "ж": "j",
        "з": "z", "и": "ı", "й": "ı", "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ń", "о": "o",
        "ө": "ó", "п": "p", "р": "r", "с": "s", "т": "t", "у": "ý", "ұ": "u", "ү": "ú", "ф": "f", "х": "h",
        "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e",
        "ю": "ıý", "я": "ıa",
    }
)  # fmt: skip


def latin(text: str) -> str:
    """Kazakh Cyrillic in the Latin alphabet of 2018 (the one lat.egemen.kz and qz.inform.kz used)."""
    out = []
    for char in text:
        low = char.lower()
        converted = low.translate(KK_LATIN)
        out.append(converted[:1].upper() + converted[1:] if char != low and converted else converted)
    return "".join(out)


def release(key: str) -> dict:
    data = tomllib.loads((RELEASES / f"{key}.toml").read_text(encoding="utf-8"))
    paragraphs = list(data["paragraphs"]) + ([data["byline"]] if data.get("byline") else [])
    return {**data, "paragraphs": paragraphs}


RU_SIDEBAR = [
    ("В Шымкенте открылся новый центр обслуживания населения", "12:40"),
    ("Курс доллара на торгах 5 февраля", "11:15"),
]
KK_SIDEBAR = [("Алматыда жаңа саябақ ашылды", "09:20"), ("Ауа райы: елдің батысында жаңбыр жауады", "08:05")]
EN_SIDEBAR = [
    ("Kazakhstan and Uzbekistan sign a trade deal", "10:10"),
    ("Weather warning issued for Almaty", "09:05"),
]
SIDEBAR = {"ru": RU_SIDEBAR, "kk": KK_SIDEBAR, "en": EN_SIDEBAR}

CASES: list[dict] = []


def add(
    name: str,
    source: str,
    html: str,
    page: Page,
    *,
    date: str,
    time: str = "",
    offset: str = "",
    script: str = "",
    dateline: str = "",
    author: str = "",
    contains: list[str],
    not_contains: list[str],
    fetched_at: str = "2026-11-20T06:00:00Z",
    encoding: str = "utf-8",
) -> None:
    """One gold page and what a reader expects of it.

    Only chrome the page really shows is listed as must-not-contain, so that no check is empty.
    """
    shown = html_module.unescape(html)
    not_contains = [line for line in not_contains if line and line in shown]
    assert len(not_contains) >= 2 and all(line in shown for line in contains), name
    CASES.append(
        {
            "name": name,
            "html": html,
            "encoding": encoding,
            "case": {
                "url": page.url,
                "source": source,
                "fetched_at": fetched_at,
                "expect": {
                    "title": page.title,
                    "date": date,
                    "time": time,
                    "utc_offset": offset,
                    "lang": page.lang,
                    "script": script or ("Latn" if page.lang == "en" else "Cyrl"),
                    "dateline": dateline,
                    "author": author,
                    "must_contain": contains,
                    "must_not_contain": not_contains,
                },
            },
        }
    )


def core(paragraph: str, start: int = 0, length: int = 70) -> str:
    """A distinctive piece of a paragraph: what must survive cleaning word for word."""
    return paragraph[start : start + length]


def _sidebar_titles(lang: str) -> list[str]:
    return [t for t, _ in SIDEBAR[lang]]


def build_assembly() -> None:
    chrome_words = {
        "ru": ["Возврат к списку", "Версия для печати", "Поделиться", "ҚАЗ"],
        "kk": ["Тізімге оралу", "Басып шығару нұсқасы", "Бөлісу", "РУС"],
        "en": ["Back to the list", "Print version", "Share", "ENG"],
    }
    picks = [
        ("ru-xxxii-sessiya-assamblei-naroda-kazahstana-proshla-v-astane", "27 Апреля, 2023", "3410", None),
        ("ru-v-taraze-podpisan-mnogostoronniy-memorandum-mezhdu-molodezhyu-regiona", "29 Сентября, 2021", "268", None),
        ("ru-den-blagodarnosti-otmetili-v-karagande", "01 Марта, 2024", "", None),
        ("kk-aza-stan-hal-y-assambleyasyny-kezekti-sessiyasy-tti", "30 Сәуір, 2024", "512", None),
        ("kk-tarazda-al-ys-aytu-k-nine-arnal-an-mereke-tti", "01 Наурыз, 2025", "77", None),
        ("kk-nauryz-merekesi-dosty-yinde-ke-atalyp-tti", "21 Наурыз, 2023", "", None),
        ("kk-zha-yru-zholy-zhastar-oz-alysy-zha-a-mausymdy-bastady", "12 Қыркүйек, 2023", "1044", None),
        ("en-day-of-unity-of-the-people-of-kazakhstan-celebrated-across-the-country", "01 May, 2025", "95", None),
        ("en-summer-school-of-the-assembly-youth-gathers-students-from-17-regions", "03 August, 2023", "61", None),
        ("en-ethnocultural-centres-of-almaty-hold-a-friendship-fair", "07 October, 2016", "12", "root"),
        ("en-an-online-convention-dedicated-to-the-implementation-of-modern-methods-was-held-in-nur-sultan",
         "15 October, 2020", "230", None),
    ]  # fmt: skip
    for key, date_text, views, where in picks:
        r = release(key)
        lang = r["lang"]
        prefix = "" if where == "root" or lang == "kk" else f"/{lang}"
        page = Page(
            url=f"https://assembly.kz{prefix}/news/{r['slug']}/",
            lang=lang,
            title=r["title"],
            paragraphs=r["paragraphs"],
            date_text=date_text,
            views=views,
            image=f"https://assembly.kz{r['image']}",
        )
        author = r.get("byline", "")
        not_contains = [*chrome_words[lang], date_text] + ([views] if views else [])
        # "ALMATY - A Friendship Fair...": the place is the article's dateline, not its text.
        dateline = re.match(r"([A-ZА-Я]{4,}) - ", r["paragraphs"][0])
        first = r["paragraphs"][0][dateline.end() :] if dateline else r["paragraphs"][0]
        add(
            f"assembly-{key}",
            "assembly",
            sites.assembly(page),
            page,
            date=r["date"],
            author=author,
            dateline=dateline.group(1) if dateline else "",
            contains=[core(first), r["paragraphs"][-1]],
            not_contains=not_contains + ([dateline.group(0)] if dateline else []),
        )
    # The Drupal era: the date only inside the body, print links as text, a comment form.
    r = release("ru-kostanayskie-etnokulturnye-obedineniya-prisoedinilis-k-proektu-aza-tanu")
    page = Page(
        url="https://assembly.kz/ru/node/4512",
        lang="ru",
        title=r["title"],
        paragraphs=r["paragraphs"],
        date_text="11.04.2017",
        meta_published="2017-04-11T10:15:00+06:00",
    )
    add(
        "assembly-drupal-kostanay",
        "assembly",
        sites.assembly_drupal(page),
        page,
        date="2017-04-11",
        time="10:15",
        offset="+06:00",
        contains=[core(r["paragraphs"][0]), r["paragraphs"][-1]],
        not_contains=["Версия для печати", "PDF version", "Оставить комментарий", "11.04.2017"],
    )
    # One release in three languages, the language links given on the page.
    session = release("ru-xxxii-sessiya-assamblei-naroda-kazahstana-proshla-v-astane")
    for lang, title, paragraphs in TRANSLATED_SESSION:
        prefix = {"kk": "", "en": "/en"}[lang]
        page = Page(
            url=f"https://assembly.kz{prefix}/news/{TRANSLATED_SLUGS[lang]}/",
            lang=lang,
            title=title,
            paragraphs=paragraphs,
            date_text={"kk": "27 Сәуір, 2023", "en": "27 April, 2023"}[lang],
            views="150",
            image=f"https://assembly.kz{session['image']}",
            translations={
                other: f"https://assembly.kz{p}/news/{TRANSLATED_SLUGS[other]}/"
                for other, p in (("kk", ""), ("ru", "/ru"), ("en", "/en"))
                if other != lang
            },
        )
        add(
            f"assembly-session-{lang}",
            "assembly",
            sites.assembly(page),
            page,
            date="2023-04-27",
            contains=[core(paragraphs[0]), paragraphs[-1]],
            not_contains=chrome_words[lang],
        )


TRANSLATED_SLUGS = {
    "ru": "xxxii-sessiya-assamblei-naroda-kazahstana-proshla-v-astane",
    "kk": "astanada-aza-stan-hal-y-assambleyasyny-xxxii-sessiyasy-tti",
    "en": "the-32nd-session-of-the-assembly-of-people-of-kazakhstan-held-in-astana",
}
TRANSLATED_SESSION = [
    (
        "kk",
        "Астанада Қазақстан халқы Ассамблеясының XXXII сессиясы өтті",
        [
            "Астанада Мемлекет басшысы Қасым-Жомарт Тоқаевтың төрағалығымен Қазақстан халқы Ассамблеясының "
            "XXXII сессиясы өтті.",
            "Сессия жұмысына Ассамблея мүшелері, Парламент депутаттары, мемлекеттік органдардың басшылары, "
            "этномәдени бірлестіктердің, жұртшылық пен жастардың өкілдері қатысты.",
            "Мемлекет басшысы халық бірлігі Әділетті Қазақстанды құрудың басты шарты екенін атап өтіп, "
            "өңірлердегі Достық үйлерінің жұмысын күшейтуді тапсырды.",
            "Сессия барысында қоғамдық келісімді нығайтуға үлес қосқан Ассамблея мүшелері марапатталды.",
        ],
    ),
    (
        "en",
        "The 32nd session of the Assembly of People of Kazakhstan held in Astana",
        [
            "The XXXII session of the Assembly of People of Kazakhstan was held in Astana, chaired by the Head "
            "of State Kassym-Jomart Tokayev.",
            "Members of the Assembly, deputies of Parliament, heads of government bodies, representatives of "
            "ethnocultural associations, the public and young people took part in the session.",
            "The Head of State stressed that the unity of the people is the main condition for building a Just "
            "Kazakhstan and instructed to strengthen the work of the Houses of Friendship in the regions.",
            "During the session, members of the Assembly who contributed to strengthening public accord were awarded.",
        ],
    ),
]


def main() -> None:
    from bench.gold import make_outlets, make_regional

    build_assembly()
    make_regional.build(add, release, latin)
    make_outlets.build(add, release, latin)
    PAGES.mkdir(exist_ok=True)
    for old in PAGES.glob("*"):
        old.unlink()
    for number, case in enumerate(CASES, start=1):
        stem = f"{number:03d}-{case['name']}"[:90]
        # A windows-1251 page writes the Kazakh letters it lacks as character references, as such sites do.
        (PAGES / f"{stem}.html").write_bytes(case["html"].encode(case["encoding"], "xmlcharrefreplace"))
        (PAGES / f"{stem}.toml").write_text(_toml(case["case"]), encoding="utf-8")
    print(f"wrote {len(CASES)} gold pages to {PAGES}")


def _toml(case: dict) -> str:
    """The expectation file: flat keys, then [expect] (json.dumps writes valid TOML strings and lists)."""
    lines = [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in case.items() if k != "expect"]
    lines.append("\n[expect]")
    for key, value in case["expect"].items():
        if isinstance(value, list):
            lines.append(f"{key} = [")
            lines.extend(f"    {json.dumps(v, ensure_ascii=False)}," for v in value)
            lines.append("]")
        else:
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
