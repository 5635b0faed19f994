"""Gold pages of the outlets that report on the Assembly: kazpravda, tengrinews, zakon, informburo, egemen, dknews."""
# ruff: noqa: E501  (HTML templates and tables of page data read better unwrapped)

from __future__ import annotations

import zlib

from bench.gold import sites
from bench.gold.sites import Page

RU_RELATED = [("Токаев подписал закон о госслужбе", "10:15"), ("В Алматы ожидается снег", "09:40")]
KK_RELATED = [("Президент жаңа заңға қол қойды", "10:15"), ("Алматыда қар жауады", "09:40")]
EN_RELATED = [("President signs a new law", "10:15"), ("Snow expected in Almaty", "09:40")]
RELATED = {"ru": RU_RELATED, "kk": KK_RELATED, "en": EN_RELATED}

# Two different reports of the same session on the same day: never one another's repost.
OTHER_SESSION_REPORT = [
    "Выступая на XXXII сессии АНК, Президент Касым-Жомарт Токаев заявил, что межэтническое согласие остается "
    "фундаментом государственности, а язык вражды в соцсетях требует жесткого ответа.",
    "Глава государства предложил расширить полномочия советов общественного согласия при акиматах и привлекать "
    "к их работе больше молодежи и волонтеров.",
    "Кроме того, Президент обратил внимание на необходимость изучения государственного языка взрослыми: по "
    "его словам, курсы в Домах дружбы должны стать бесплатными и доступными в каждом районе.",
    "Эксперты, опрошенные нашим изданием, считают, что предложения Президента изменят работу АНК уже в этом году.",
]


def build(add, release, latin) -> None:
    kazpravda = [
        ("ru-xxxii-sessiya-assamblei-naroda-kazahstana-proshla-v-astane",
         "Глава государства принял участие в сессии АНК", "27 апреля 2023 г. 12:28", "2023-04-27", "12:28",
         "+06:00", "Айгуль Серикова", "https://kazpravda.kz/n/glava-gosudarstva-prinyal-uchastie-v-sessii-ank/"),
        ("ru-nauchno-ekspertnyy-sovet-ank-obsudil-voprosy-etnomediacii", None, "18 февраля 2020 г. 17:02",
         "2020-02-18", "17:02", "+06:00", "", "https://kazpravda.kz/n/nauchno-ekspertnyy-sovet-ank/"),
        ("ru-v-dome-druzhby-pavlodara-proshel-festival-nacionalnyh-kultur", None, "14 сентября 2018 г. 10:15",
         "2018-09-14", "10:15", "+06:00", "Ольга Ковалева", "https://kazpravda.kz/n/v-pavlodare-festival/"),
        ("ru-uchimsya-u-druzey-shymkentcy-proveli-lektoriy-v-taraze", None, "8 мая 2020 г. 12:28", "2020-05-08",
         "12:28", "+06:00", "", "https://kazpravda.kz/n/lektoriy-v-taraze/"),
    ]  # fmt: skip
    for key, headline, date_text, date, time, offset, author, url in kazpravda:
        r = release(key)
        _outlet(add, "kazpravda", sites.KAZPRAVDA, " - Казахстанская правда", "Популярное", r, url,
                headline or r["title"], r["paragraphs"], date_text, date, time, offset, author)  # fmt: skip
    _outlet(
        add, "kazpravda", sites.KAZPRAVDA, " - Казахстанская правда", "Популярное", {"lang": "ru", "image": "/x.jpg"},
        "https://kazpravda.kz/n/prezident-yazyk-vrazhdy-trebuet-zhestkogo-otveta/",
        "Президент: язык вражды требует жесткого ответа", OTHER_SESSION_REPORT, "27 апреля 2023 г. 15:02",
        "2023-04-27", "15:02", "+06:00", "Айгуль Серикова",
    )  # fmt: skip

    tengri = [
        ("ru-molodezh-zhambylskoy-oblasti-obsudila-edinstvo", "13 июня 2025, 13:53", "2025-06-13", "13:53",
         "+05:00", "2026-11-20T06:00:00Z"),
        ("ru-proekt-plana-meropriyatiy-domov-druzhby-na-osen", "Сегодня | 13:53", "2025-08-20", "13:53", "+05:00",
         "2025-08-20T10:00:00Z"),
        ("ru-den-blagodarnosti-otmetili-v-karagande", "Вчера | 20:10", "2024-03-01", "20:10", "+05:00",
         "2024-03-02T05:00:00Z"),
        ("ru-xxxii-sessiya-assamblei-naroda-kazahstana-proshla-v-astane", "27 апреля 2023, 15:40", "2023-04-27",
         "15:40", "+06:00", "2026-11-20T06:00:00Z"),
        ("ru-v-almaty-nagradili-pobediteley-konkursa-memlekettik-til-meni-tilim", "01 апреля 2024, 13:53",
         "2024-04-01", "13:53", "+05:00", "2026-11-20T06:00:00Z"),
    ]  # fmt: skip
    for number, (key, date_text, date, time, offset, fetched_at) in enumerate(tengri):
        r = release(key)
        url = f"https://tengrinews.kz/kazakhstan_news/{r['slug'][:40]}-53{number}120/"
        _outlet(add, "tengrinews", sites.TENGRINEWS, " - Tengrinews.kz", "Читайте также", r, url, r["title"],
                r["paragraphs"], date_text, date, time, offset, "", fetched_at=fetched_at)  # fmt: skip

    zakon = [
        ("kk-zha-yru-zholy-zhastar-oz-alysy-zha-a-mausymdy-bastady", "2025 жылғы 29 желтоқсанда", "2025-12-29", "",
         "", "2026-11-20T06:00:00Z"),
        ("kk-al-ys-aytu-k-ni-al-ash-ret-atalyp-tti", "29 желтоқсанда, 10:15", "2025-12-29", "10:15", "+05:00",
         "2026-01-05T03:00:00Z"),
        ("ru-molodezhnoe-dvizhenie-zha-yru-zholy-podvelo-itogi-goda", "29 декабря 2025, 14:20", "2025-12-29",
         "14:20", "+05:00", "2026-11-20T06:00:00Z"),
        ("kk-o-amdy-kelisim-ke-esterini-t-zhiribesi-onlayn-formatta-tal-ylandy", "2021 жылғы 29 қыркүйек 16:45",
         "2021-09-29", "16:45", "+06:00", "2026-11-20T06:00:00Z"),
    ]  # fmt: skip
    for number, (key, date_text, date, time, offset, fetched_at) in enumerate(zakon):
        r = release(key)
        url = f"https://www.zakon.kz/obshestvo/67{number}4512-{r['slug'][:30]}.html"
        _outlet(add, "zakon", sites.ZAKON, " | Zakon.kz", "Соңғы жаңалықтар", r, url, r["title"], r["paragraphs"],
                date_text, date, time, offset, "Айдана Бекова", fetched_at=fetched_at)  # fmt: skip

    informburo = [
        ("ru-kostanayskie-etnokulturnye-obedineniya-prisoedinilis-k-proektu-aza-tanu", "1 апреля 2024, 12:16",
         "2024-04-01", "12:16", "+05:00"),
        ("ru-sovet-materey-provel-vstrechu-s-mnogodetnymi-semyami", "15 мая 2019, 09:30", "2019-05-15", "09:30",
         "+06:00"),
        ("ru-v-taraze-podpisan-mnogostoronniy-memorandum-mezhdu-molodezhyu-regiona", "29 сентября 2021, 18:00",
         "2021-09-29", "18:00", "+06:00"),
    ]  # fmt: skip
    for key, date_text, date, time, offset in informburo:
        r = release(key)
        url = f"https://informburo.kz/novosti/{r['slug'][:40]}"
        _outlet(add, "informburo", sites.INFORMBURO, " | Informburo.kz", "Читайте также", r, url, r["title"],
                r["paragraphs"], date_text, date, time, offset, "Данияр Сериков")  # fmt: skip

    egemen = [
        ("kk-nauryz-merekesi-dosty-yinde-ke-atalyp-tti", "15 Наурыз, 2024", "2024-03-15", False),
        ("kk-aza-stan-hal-y-assambleyasyny-kezekti-sessiyasy-tti", "30 Сәуір, 2024", "2024-04-30", False),
        ("kk-tarazda-etnom-deni-birlestikterdi-festivali-tti", "20 Қыркүйек, 2017", "2017-09-20", False),
        ("kk-al-ys-aytu-k-ni-al-ash-ret-atalyp-tti", "15 Qazan, 2015", "2015-10-15", True),
        ("kk-mediaciya-kabineti-zhastar-a-arnal-an-trening-tkizdi", "13 Qarasha, 2019", "2019-11-13", True),
    ]  # fmt: skip
    for number, (key, date_text, date, is_latin) in enumerate(egemen):
        r = release(key)
        host = "lat.egemen.kz" if is_latin else "egemen.kz"
        convert = latin if is_latin else (lambda s: s)
        url = f"https://{host}/article/{21345 + number}-{r['slug'][:40]}"
        _outlet(add, "egemen", sites.EGEMEN, " - Egemen Qazaqstan", "Оқи отырыңыз", r, url, convert(r["title"]),
                [convert(p) for p in r["paragraphs"]], date_text, date, "", "", "", script="Latn" if is_latin else "",
                related=[(convert(t), d) for t, d in KK_RELATED])  # fmt: skip

    # dknews.kz: the date only in the page's meta (there is no date element).
    r = release("ru-kabinet-kazahskogo-yazyka-otkrylsya-pri-dome-druzhby-v-ust-kamenogorske")
    _outlet(add, "dknews", sites.DKNEWS, " - DKNews.kz", "Читайте также", r,
            "https://dknews.kz/ru/obshestvo/23456-kabinet-kazahskogo-yazyka", r["title"], r["paragraphs"], "",
            "2022-02-08", "14:10", "+06:00", "", meta="2022-02-08T14:10:00+06:00")  # fmt: skip
    r = release("en-council-of-public-accord-in-shymkent-reports-on-its-work")
    _outlet(add, "dknews", sites.DKNEWS, " - DKNews.kz", "Read also", r,
            "https://dknews.kz/en/society/23460-council-of-public-accord", r["title"], r["paragraphs"],
            "16.11.2023", "2023-11-16", "", "", "")  # fmt: skip


def _outlet(
    add, source, cls, suffix, related_heading, r, url, title, paragraphs, date_text, date, time, offset, author,
    *, fetched_at="2026-11-20T06:00:00Z", expect_author=None, script="", related=None, meta="",
) -> None:  # fmt: skip
    lang = r["lang"]
    related = related if related is not None else RELATED[lang]
    host = "/".join(url.split("/")[:3])
    page = Page(
        url=url, lang=lang, title=title, paragraphs=paragraphs, date_text=date_text, author=author,
        image=f"{host}/uploads/{zlib.crc32(url.encode()):08x}.jpg", sidebar=related, sidebar_first=True,
        tags=["АНК", "Қоғам-2025"], meta_published=meta,
    )  # fmt: skip
    add(
        f"{source}-{url.rstrip('/').rsplit('/', 1)[-1].removesuffix('.html')[:50]}", source, sites.outlet(page, cls, suffix, related_heading),
        page, date=date, time=time, offset=offset, script=script,
        author=expect_author if expect_author is not None else (author or r.get("byline", "")),
        contains=[paragraphs[0][:70], paragraphs[-1]],
        not_contains=[related_heading, *[t for t, _ in related], "Қоғам-2025"],
        fetched_at=fetched_at,
    )  # fmt: skip
