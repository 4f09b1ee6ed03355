"""Date normalisation rules, without the trained pipeline."""

from datetime import date

import pytest

from quizgen.nlp.dates import DateValue, is_duration, looks_like_year, normalise_date

PUBLISHED = date(2025, 7, 3)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1979", DateValue("1979", "year", False)),
        ("August 2021", DateValue("2021-08", "month", False)),
        ("April 2025", DateValue("2025-04", "month", False)),
        ("Thursday", DateValue("2025-07-03", "day", False)),
        ("Monday", DateValue("2025-06-30", "day", False)),
        ("March this year", DateValue("2025-03", "month", False)),
        ("last year", DateValue("2024", "year", False)),
        ("yesterday", DateValue("2025-07-02", "day", False)),
        ("17 March 1782", DateValue("1782-03-17", "day", False)),
        ("July 21, 2017", DateValue("2017-07-21", "day", False)),
        ("the 12th of October 1859", DateValue("1859-10-12", "day", False)),
        ("May, 1750", DateValue("1750-05", "month", False)),
        ("the 1990s", DateValue("1990s", "decade", False)),
        ("the 20th century", DateValue("20th century", "century", False)),
        ("the 21st century", DateValue("21st century", "century", False)),
        ("the twelfth century", DateValue("12th century", "century", False)),
        ("September 14", DateValue("--09-14", "day", False)),
        ("the 12th of October", DateValue("--10-12", "day", False)),
        ("March 4 this year", DateValue("2025-03-04", "day", False)),
        ("6:23 p.m.", DateValue("18:23", "time", False)),
        ("15:11", DateValue("15:11", "time", False)),
        ("12 a.m.", DateValue("00:00", "time", False)),
        ("2003-2005", DateValue("2003/2005", "range", False)),
        ("from 1893 to 1925", DateValue("1893/1925", "range", False)),
        ("between 2001 and 2003", DateValue("2001/2003", "range", False)),
        ("1990-95", DateValue("1990/1995", "range", False)),
        ("2025-07-03", DateValue("2025-07-03", "day", False)),
        ("nearly four years ago", DateValue(None, "vague", True)),
        ("decades later", DateValue(None, "vague", True)),
        ("recently", DateValue(None, "vague", True)),
        ("every Thursday", DateValue(None, "vague", True)),
    ],
)
def test_normalise_date(text, expected):
    assert normalise_date(text, PUBLISHED) == expected


def test_a_weekday_without_a_publication_date_stays_vague():
    assert normalise_date("Thursday") == DateValue(None, "vague", True)


def test_a_month_without_a_year_keeps_the_month_only():
    assert normalise_date("September") == DateValue("--09", "month", False)


@pytest.mark.parametrize(
    ("text", "duration"),
    [
        ("15 years", True),
        ("just over 24 hours", True),
        ("two decades", True),
        ("nearly four years ago", False),
        ("two years later", False),
        ("the past decade", False),
        ("1979", False),
        ("last week", False),
        ("the second half", False),
        ("the 2011 season", False),
        ("twenty working days", True),
    ],
)
def test_is_duration(text, duration):
    assert is_duration(text) is duration


@pytest.mark.parametrize(
    ("text", "year"), [("1979", True), ("2025", True), ("149", False), ("2150", False)]
)
def test_looks_like_year(text, year):
    assert looks_like_year(text) is year
