"""Dates as the sources write them, in Russian, Kazakh (Cyrillic and Latin) and English."""

from __future__ import annotations

import datetime
import re

import pytest

from archive.extract.dates import (
    DEFAULT_FORMATS,
    compile_formats,
    is_date_line,
    month_number,
    parse_date,
    strip_dates,
)
from archive.extract.published import PublishedAt, date_from_url, parse_published, zone_offset
from archive.sources import load_sources

D = datetime.date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13 Июня, 2025", D(2025, 6, 13)),  # assembly.kz ru: genitive, capitalised, comma
        ("30 Сәуір, 2024", D(2024, 4, 30)),  # assembly.kz kk: nominative
        ("07 October, 2016", D(2016, 10, 7)),  # assembly.kz en: zero-padded day
        ("29 Сентября 2021, 14:35", D(2021, 9, 29)),  # inform.kz
        ("13:13, 20 Январь 2026 | GMT +5", D(2026, 1, 20)),  # inform.kz, nominative month
        ("14:35, 24 December 2015 | GMT +6", D(2015, 12, 24)),
        ("2021 жылғы 29 қыркүйек", D(2021, 9, 29)),  # what dateparser cannot read
        ("24.02.2021", D(2021, 2, 24)),  # kostdom.kz
        ("01.09.2022 12:12", D(2022, 9, 1)),
        ("14-08-2014", D(2014, 8, 14)),  # vkodd.kz
        ("2021-09-29", D(2021, 9, 29)),  # ISO
        ("2021-09-29T10:00:00+06:00", D(2021, 9, 29)),
        ("8 мая 2020 г. 12:28", D(2020, 5, 8)),  # kazpravda.kz
        ("01 апреля 2024, 13:53", D(2024, 4, 1)),  # tengrinews.kz
        ("15 Наурыз, 2024", D(2024, 3, 15)),  # egemen.kz
        ("October 7, 2016", D(2016, 10, 7)),
        ("1 Sept. 2019", D(2019, 9, 1)),
        ("13 ИЮНЯ, 2025", D(2025, 6, 13)),
        ("13 июня,2025", D(2025, 6, 13)),
        ("13\u00a0июня 2025", D(2025, 6, 13)),
    ],
)
def test_default_formats(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2016 жылғы 19 шілдедегі", D(2016, 7, 19)),
        ("2025 жылғы 29 желтоқсанда", D(2025, 12, 29)),  # zakon.kz
        ("2023 жылғы 5 қаңтардағы", D(2023, 1, 5)),
        ("2022 жылғы 1 қыркүйектен бастап", D(2022, 9, 1)),
        ("12 наурызда, 2020", D(2020, 3, 12)),
        ("3 ақпан 2019", D(2019, 2, 3)),
        ("10 мамыр 2018", D(2018, 5, 10)),
        ("21 маусым 2017", D(2017, 6, 21)),
        ("9 тамыз 2016", D(2016, 8, 9)),
        ("25 қазан 2015", D(2015, 10, 25)),
        ("13 қараша 2014", D(2014, 11, 13)),
        ("13 Кыркуйек 2014", D(2014, 9, 13)),  # typed without Kazakh letters
        ("2020 жылғы 1 мамырынан", D(2020, 5, 1)),
        ("2019 жылғы 25 қазанның", D(2019, 10, 25)),
        ("2019 жылғы 4 сәуірге", D(2019, 4, 4)),
    ],
)
def test_kazakh_inflected(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 Qazan, 2015", D(2015, 10, 15)),  # lat.egemen.kz
        ("13 qarasha 2020", D(2020, 11, 13)),
        ("1 qantar 2019", D(2019, 1, 1)),
        ("2 aqpan 2019", D(2019, 2, 2)),
        ("22 nauryz 2019", D(2019, 3, 22)),
        ("12 sáuir 2019", D(2019, 4, 12)),
        ("12 sauir 2019", D(2019, 4, 12)),
        ("12 Sa\u0301uir 2019", D(2019, 4, 12)),  # decomposed accent
        ("9 mamyr 2019", D(2019, 5, 9)),
        ("30 mausym 2019", D(2019, 6, 30)),
        ("6 shilde 2019", D(2019, 7, 6)),
        ("30 tamyz 2019", D(2019, 8, 30)),
        ("1 qyrkúiek 2019", D(2019, 9, 1)),
        ("1 qyrkuiek 2019", D(2019, 9, 1)),
        ("16 jeltoqsan 2019", D(2019, 12, 16)),
        ("2019 jylǵy 16 jeltoqsanda", D(2019, 12, 16)),
    ],
)
def test_kazakh_latin(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "31 февраля 2021",
        "30.02.2021",
        "29 Февраля, 2021",  # not a leap year
        "31 April, 2020",
        "32.01.2020",
        "12.13.2020",
        "2021-13-01",
        "0 мая 2020",
        "12 мая 1812",  # outside the years a news archive holds
        "в 2021 году 5 человек",
        "13 Июня",  # no year
        "Сегодня | 13:53",
        "",
        "12 сенбі 2020",  # Saturday, not a month
        "12 Наурызбай 2020",  # a name
    ],
)
def test_invalid_or_absent(text):
    assert parse_date(text) is None


def test_leap_day():
    assert parse_date("29 Февраля, 2024") == D(2024, 2, 29)


def test_first_date_in_text():
    text = "Опубликовано 12.03.2020. Мероприятие пройдет 15 апреля 2020 года."
    assert parse_date(text) == D(2020, 3, 12)
    assert parse_date("31.02.2020, 1 марта 2020") == D(2020, 3, 1)  # an invalid date is skipped


def test_config_formats():
    assembly = load_sources()["assembly"]
    assert parse_date("13 Июня, 2025", assembly.rules.date_formats) == D(2025, 6, 13)
    assert parse_date("24.02.2021", assembly.rules.date_formats) == D(2021, 2, 24)
    assert parse_date("2021-09-29", assembly.rules.date_formats) is None  # not one of its formats


def test_compile_formats():
    patterns = compile_formats(["{day} {month}, {year}", "{hour}:{minute}", "{year} жылғы {day} {month}"])
    assert all(isinstance(p, re.Pattern) for p in patterns)
    match = patterns[0].search("Дата: 13 Июня, 2025")
    assert match and match.group("day", "month", "year") == ("13", "Июня", "2025")
    assert patterns[1].fullmatch("14:35")
    assert patterns[2].search("2025 жылғы 29 желтоқсанда").group("month") == "желтоқсанда"
    numeric = compile_formats(["{day}.{month}.{year}"])[0]
    assert numeric.fullmatch("24.02.2021")
    assert not numeric.search("2021.02.24")
    assert parse_date("13 Июня, 2025", patterns) == D(2025, 6, 13)  # compiled patterns work too


def test_month_number():
    assert month_number("Июня") == 6
    assert month_number("июнь") == 6
    assert month_number("ШІЛДЕДЕГІ") == 7
    assert month_number("Sept.") == 9
    assert month_number("12") == 12
    assert month_number("13") is None
    assert month_number("Мамырбек") is None  # a name is not an inflected month
    assert month_number("Наурызбай") is None
    assert month_number("qazanda") == 10
    assert month_number("сентябрьский") is None  # Russian months are whole words only


@pytest.mark.parametrize(
    "line",
    [
        "13 Июня, 2025",
        "  30 Сәуір, 2024  ",
        "07 October, 2016",
        "29 Сентября 2021, 14:35",
        "14:35, 24 December 2015 | GMT +6",
        "8 мая 2020 г. 12:28",
        "2021 жылғы 29 қыркүйек",
        "24.02.2021",
        "Среда, 29 сентября 2021",
        "14:35",
    ],
)
def test_date_lines(line):
    assert is_date_line(line, DEFAULT_FORMATS)


@pytest.mark.parametrize(
    "line",
    [
        "28 сентября 2021 года в городе Тараз подписан меморандум.",
        "29 Сентября, 2021 268",  # date and views: the cleaner drops it by the source's rules
        "2021",
        "",
        "30 февраля 2021",
        "Ассамблея народа Казахстана",
    ],
)
def test_not_date_lines(line):
    assert not is_date_line(line, DEFAULT_FORMATS)


def test_strip_dates():
    assert strip_dates("29 Сентября, 2021 268") == "268"
    assert strip_dates("13:13, 20 Январь 2026 | GMT +5") == ", | GMT +5"
    assert strip_dates("без даты") == "без даты"


# -- the publication moment: date, time and offset -------------------------------------------------

FETCHED = "2026-01-05T03:00:00Z"  # 08:00 in Astana (UTC+5 since March 2024)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("13:13, 20 Январь 2026 | GMT +5", PublishedAt(D(2026, 1, 20), "13:13", "+05:00")),  # inform.kz 2023-
        ("14:35, 24 December 2015 | GMT +6", PublishedAt(D(2015, 12, 24), "14:35", "+06:00")),  # en.inform.kz
        ("29 Сентября 2021, 14:35", PublishedAt(D(2021, 9, 29), "14:35", "+06:00")),  # offset of Astana then
        ("8 мая 2020 г. 12:28", PublishedAt(D(2020, 5, 8), "12:28", "+06:00")),  # kazpravda.kz
        ("01 апреля 2024, 13:53", PublishedAt(D(2024, 4, 1), "13:53", "+05:00")),  # after the zone change
        ("29 февраля 2024, 23:10", PublishedAt(D(2024, 2, 29), "23:10", "+06:00")),  # the last day of UTC+6
        ("2021-09-29T10:00:00+06:00", PublishedAt(D(2021, 9, 29), "10:00", "+06:00")),
        ("2021-09-29T04:00:00Z", PublishedAt(D(2021, 9, 29), "10:00", "+06:00")),  # UTC read as Astana's
        ("2021-12-31T20:00:00Z", PublishedAt(D(2022, 1, 1), "02:00", "+06:00")),  # news of the new year
        ("2024-03-01T20:30:00Z", PublishedAt(D(2024, 3, 2), "01:30", "+05:00")),
        ("01.09.2022 12:12", PublishedAt(D(2022, 9, 1), "12:12", "+06:00")),
        ("2025 жылғы 29 желтоқсанда", PublishedAt(D(2025, 12, 29))),  # zakon.kz: no time, no offset
        ("2021 жылғы 29 қыркүйек 16:45", PublishedAt(D(2021, 9, 29), "16:45", "+06:00")),
        ("13 Июня, 2025", PublishedAt(D(2025, 6, 13))),
        ("15 Qazan, 2015", PublishedAt(D(2015, 10, 15))),
        ("13 qarasha 2017", PublishedAt(D(2017, 11, 13))),
        ("Сегодня | 13:53", PublishedAt(D(2026, 1, 5), "13:53", "+05:00")),  # tengrinews.kz
        ("Вчера | 20:10", PublishedAt(D(2026, 1, 4), "20:10", "+05:00")),
        ("Бүгін, 09:15", PublishedAt(D(2026, 1, 5), "09:15", "+05:00")),
        ("Yesterday", PublishedAt(D(2026, 1, 4))),
        ("29 желтоқсанда, 10:15", PublishedAt(D(2025, 12, 29), "10:15", "+05:00")),  # no year: the last one
        ("5 января", PublishedAt(D(2026, 1, 5))),
    ],
)
def test_published_moment(text, expected):
    assert parse_published(text, reference=FETCHED, zone="astana", allow_yearless=True) == expected


def test_relative_and_yearless_dates_need_the_fetch_time():
    assert parse_published("Сегодня | 13:53") is None
    assert parse_published("29 желтоқсанда", reference=FETCHED) is None  # not allowed outside a date element
    # "Вчера" shortly after midnight in Astana is the day before in Astana, not in UTC
    assert parse_published("Вчера", reference="2026-03-09T19:30:00Z").date == D(2026, 3, 9)


def test_utc_moments_stay_utc_without_a_zone():
    assert parse_published("2021-12-31T20:00:00Z") == PublishedAt(D(2021, 12, 31), "20:00", "+00:00")


def test_offsets_without_a_zone_and_fixed_zones():
    assert parse_published("29 Сентября 2021, 14:35") == PublishedAt(D(2021, 9, 29), "14:35", None)
    assert parse_published("29 Сентября 2021, 14:35", zone="+05:00").utc_offset == "+05:00"
    assert zone_offset("astana", D(2024, 2, 29)) == "+06:00"
    assert zone_offset("astana", D(2024, 3, 1)) == "+05:00"
    assert zone_offset("nowhere", D(2024, 3, 1)) is None


def test_dates_in_urls():
    assert date_from_url("https://ddakmo.kz/2019/05/14/sovet-materey/") == D(2019, 5, 14)
    assert date_from_url("https://taraz-ank.kz/ru/2020/page/7") is None
    assert date_from_url("https://x.kz/2019/13/40/a") is None
