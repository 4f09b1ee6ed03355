"""Normalising date expressions to a value with a precision, and telling dates from durations.

Pure functions over strings: the spaCy side (which spans are dates) lives in `extract.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

# The months' names in calendar order; every other list of months is made from these.
FULL_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
# A month's number by its name or an abbreviation of it ("sept", "dec").
MONTHS = {name: number for number, name in enumerate(FULL_MONTH_NAMES, start=1)} | {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sept": 9, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    name: index
    for index, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "several": None, "few": None,
    "many": None,
}  # fmt: skip
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}  # fmt: skip
TIME_UNIT_RE = (
    r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|year|decade|century|"
    r"centuries|millenni(?:um|a)|season)s?"
)
UNIT_RE = re.compile(rf"\b({TIME_UNIT_RE})\b", re.IGNORECASE)
# Words that anchor an amount of time to a point ("two years later", "the last decade").
ANCHOR_RE = re.compile(
    r"\b(ago|later|earlier|before|after|since|previous|prior|next|last|this|that|these|those|"
    r"following|past|same|early|late|end|beginning|start|middle|of|every|each|until|till)\b",
    re.IGNORECASE,
)
COUNT_RE = re.compile(
    r"\b(\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundreds?|thousands?|several|few|dozens?|couple|half)\b",
    re.IGNORECASE,
)
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
# A count, at most one word ("working", "long"), then a unit of time: "twenty working days".
AMOUNT_OF_TIME_RE = re.compile(
    COUNT_RE.pattern + rf"(?:[\s-]+[a-z]+)?[\s\u2013-]+{TIME_UNIT_RE}\b", re.IGNORECASE
)
# Any month word, names and abbreviations, longest first, as alternatives of an expression
# matched ignoring case; the weekdays likewise.
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
WEEKDAY_PATTERN = "|".join(WEEKDAYS)
DAY_MONTH_YEAR = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+({MONTH_PATTERN})\.?,?\s+({YEAR})\b", re.I
)
MONTH_DAY_YEAR = re.compile(
    rf"\b({MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({YEAR})\b", re.IGNORECASE
)
MONTH_YEAR = re.compile(rf"\b({MONTH_PATTERN})\.?,?\s+(?:of\s+)?({YEAR})\b", re.IGNORECASE)
MONTH_DAY = re.compile(rf"\b({MONTH_PATTERN})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.IGNORECASE)
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+({MONTH_PATTERN})\b", re.I)
ISO_DATE = re.compile(rf"\b({YEAR})-(\d{{2}})-(\d{{2}})\b")
# "1990-95", "from 1893 to 1925", "between 2001 and 2003"; "2022 and 2024" alone is a list.
YEAR_RANGE = re.compile(
    rf"\b(?:from\s+)?({YEAR})\s*(?:-|–|—|to|until|through)\s*({YEAR}|\d{{2}})\b"
    rf"|\bbetween\s+({YEAR})\s+and\s+({YEAR})\b",
    re.IGNORECASE,
)
DECADE = re.compile(r"\b(1[0-9]{2}0|20[0-9]0)'?s\b")
SHORT_DECADE = re.compile(r"(?<![\w'])'?([2-9]0)s\b")
CENTURY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\s+century\b", re.IGNORECASE)
WORD_CENTURY = re.compile(rf"\b({'|'.join(ORDINAL_WORDS)})\s+century\b", re.IGNORECASE)
YEAR_ONLY = re.compile(rf"(?<![\d,.$£€])\b({YEAR})\b(?![\d,.]\d)")
# "6:23 p.m.", "6 pm", "15:11" (a clock time needs a colon or a.m./p.m.).
TIME_OF_DAY_RE = re.compile(
    r"\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\b\.?|\b(\d{1,2}):(\d{2})\b", re.IGNORECASE
)
MONTH_ONLY = re.compile(rf"\b({MONTH_PATTERN})\b", re.IGNORECASE)
WEEKDAY_ONLY = re.compile(rf"\b({WEEKDAY_PATTERN})s?\b", re.IGNORECASE)
# A year before 1000: with its era ("212 BC", "AD 733", "c. 318 BCE") or three digits alone.
EARLY_YEAR = re.compile(
    r"^(?:(?:c\.|ca\.|circa|about|around)\s*)?(?:(AD|A\.D\.)\s*)?([1-9]\d{0,3})"
    r"(?:\s*(BCE|BC|CE|AD|B\.C\.E\.|B\.C\.|C\.E\.|A\.D\.))?$"
)
RELATIVE_YEAR = re.compile(r"\b(this|last|next|previous|past)\s+(year|month)\b", re.IGNORECASE)
DEICTIC_DAY = {"today": 0, "yesterday": -1, "tomorrow": 1}


@dataclass(frozen=True)
class DateValue:
    """A normalised date: ISO-like `value` at `precision`, or `vague` when it cannot be pinned."""

    value: str | None
    precision: str
    vague: bool


VAGUE = DateValue(None, "vague", True)


def is_duration(text: str) -> bool:
    """True for a bare amount of time ("15 years", "just over 24 hours", "two decades").

    An amount anchored to a point ("two years later", "the past decade", "15 years ago")
    is a date, not a duration.
    """
    if ANCHOR_RE.search(text) or re.search(rf"\b{YEAR}\b", text):
        return False
    if CENTURY.search(text) or WORD_CENTURY.search(text):
        return False  # "the twenty-first century" ranks a century: its "twenty" counts nothing
    return bool(AMOUNT_OF_TIME_RE.search(text))


def looks_like_year(text: str) -> bool:
    """A bare number that reads as a year of the common era (1000-2099)."""
    return bool(re.fullmatch(YEAR, text.strip()))


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(year: int, month: int, day: int) -> DateValue:
    try:
        return DateValue(date(year, month, day).isoformat(), "day", False)
    except ValueError:
        return DateValue(f"{year:04d}-{month:02d}", "month", False)


def _relative_year(text: str, published_on: date | None) -> int | None:
    if published_on is None:
        return None
    match = RELATIVE_YEAR.search(text)
    if match is None or match.group(2).lower() != "year":
        return None
    word = match.group(1).lower()
    return published_on.year + {"this": 0, "next": 1}.get(word, -1)


def ordinal_suffix(number: int) -> str:
    """21 -> "21st", 12 -> "12th"."""
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def _day_without_year(year: int | None, month: int, day: int) -> DateValue:
    if year is not None:
        return _day(year, month, day)
    if not 1 <= day <= 31:
        return DateValue(f"--{month:02d}", "month", False)
    return DateValue(f"--{month:02d}-{day:02d}", "day", False)


def _time_of_day(match: re.Match[str]) -> DateValue:
    if match.group(4) is not None:
        hour, minute = int(match.group(4)), int(match.group(5))
    else:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        meridiem = match.group(3).lower()
        if meridiem == "p" and hour < 12:
            hour += 12
        elif meridiem == "a" and hour == 12:
            hour = 0
    if hour > 23 or minute > 59:
        return VAGUE
    return DateValue(f"{hour:02d}:{minute:02d}", "time", False)


@lru_cache(maxsize=4096)
def normalise_date(text: str, published_on: date | None = None) -> DateValue:
    """Normalise a date expression; relative ones resolve against `published_on` where they can.

    >>> normalise_date("August 2021")
    DateValue(value='2021-08', precision='month', vague=False)
    """
    cleaned = re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip()
    lowered = cleaned.lower()
    if (match := EARLY_YEAR.match(cleaned)) and (
        match.group(1) or match.group(3) or len(match.group(2)) == 3
    ):
        year, era = int(match.group(2)), match.group(3) or ""
        # Years before the common era as ISO 8601 writes them with a sign ("-0212").
        sign = "-" if era.startswith("B") else ""
        return DateValue(f"{sign}{year:04d}", "year", False)
    if match := ISO_DATE.search(cleaned):
        return _day(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := MONTH_DAY_YEAR.search(cleaned):
        return _day(int(match.group(3)), _month(match.group(1)), int(match.group(2)))
    if match := DAY_MONTH_YEAR.search(cleaned):
        return _day(int(match.group(3)), _month(match.group(2)), int(match.group(1)))
    if match := YEAR_RANGE.search(cleaned):
        first, second = match.group(1) or match.group(3), match.group(2) or match.group(4)
        if len(second) == 2:
            second = first[:2] + second
        if int(second) > int(first):
            return DateValue(f"{first}/{second}", "range", False)
    if match := MONTH_YEAR.search(cleaned):
        return DateValue(f"{match.group(2)}-{_month(match.group(1)):02d}", "month", False)
    if match := CENTURY.search(cleaned) or WORD_CENTURY.search(cleaned):
        number = match.group(1)
        ordinal = int(number) if number.isdigit() else ORDINAL_WORDS[number.lower()]
        return DateValue(f"{ordinal_suffix(ordinal)} century", "century", False)
    if match := DECADE.search(cleaned):
        return DateValue(f"{match.group(1)}s", "decade", False)
    if match := YEAR_ONLY.search(cleaned):
        if not ANCHOR_RE.search(lowered) or re.search(r"\b(of|in|early|late)\b", lowered):
            return DateValue(match.group(1), "year", False)
    year = _relative_year(cleaned, published_on)
    # A day and month with no year take the publication year only when the text says so
    # ("March 4 this year"); otherwise the year is unknown, not guessed.
    if match := MONTH_DAY.search(cleaned):
        return _day_without_year(year, _month(match.group(1)), int(match.group(2)))
    if match := DAY_MONTH.search(cleaned):
        return _day_without_year(year, _month(match.group(2)), int(match.group(1)))
    if match := TIME_OF_DAY_RE.search(cleaned):
        return _time_of_day(match)
    if match := MONTH_ONLY.search(cleaned):
        if match.group(1).lower() == "may" and not re.fullmatch(r"(in |of )?may", lowered):
            return VAGUE
        if year is not None:
            return DateValue(f"{year:04d}-{_month(match.group(1)):02d}", "month", False)
        return DateValue(f"--{_month(match.group(1)):02d}", "month", False)
    if (match := WEEKDAY_ONLY.search(cleaned)) and published_on is not None:
        if re.search(r"\b(last|next|every|each)\b", lowered) or lowered.endswith("s"):
            return VAGUE
        back = (published_on.weekday() - WEEKDAYS[match.group(1).lower()]) % 7
        return DateValue((published_on - timedelta(days=back)).isoformat(), "day", False)
    if lowered in DEICTIC_DAY and published_on is not None:
        day = published_on + timedelta(days=DEICTIC_DAY[lowered])
        return DateValue(day.isoformat(), "day", False)
    if year is not None:
        return DateValue(f"{year:04d}", "year", False)
    if SHORT_DECADE.search(cleaned):
        return DateValue(cleaned, "decade", True)
    return VAGUE
