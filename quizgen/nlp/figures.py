"""Reading figures: value, unit and qualifier kept apart ("over $9 billion" is 9e9 USD, "over").

Pure functions over strings; which spans are figures is decided in `extract.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text_to_num import text2num

SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
CURRENCIES = {
    "$": "USD",
    "us$": "USD",
    "£": "GBP",
    "€": "EUR",
    "¥": "JPY",
    "₹": "INR",
    "dollar": "USD",
    "dollars": "USD",
    "pound": "GBP",
    "pounds": "GBP",
    "euro": "EUR",
    "euros": "EUR",
    "yen": "JPY",
    "rupees": "INR",
    "roubles": "RUB",
    "rubles": "RUB",
    "yuan": "CNY",
}
UNITS = {
    "percent": "%", "per cent": "%", "%": "%", "percentage points": "percentage point",
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "miles": "mile", "mile": "mile", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "feet": "ft", "foot": "ft", "ft": "ft", "inches": "inch", "inch": "inch", "cm": "cm",
    "centimetres": "cm", "centimeters": "cm", "mm": "mm", "kg": "kg", "kilograms": "kg",
    "kilogram": "kg", "grams": "g", "gram": "g", "tonnes": "tonne", "tons": "ton", "ton": "ton",
    "pounds": "lb", "lbs": "lb", "litres": "l", "liters": "l", "gallons": "gallon",
    "degrees": "degree", "°c": "°C", "°f": "°F", "°": "degree", "acres": "acre", "hectares": "ha",
    "mph": "mph", "km/h": "km/h", "watts": "W", "megawatts": "MW", "mw": "MW",
    "seconds": "second", "second": "second", "minutes": "minute", "minute": "minute",
    "hours": "hour", "hour": "hour", "days": "day", "day": "day", "nights": "night",
    "weeks": "week", "week": "week", "months": "month", "month": "month", "years": "year",
    "year": "year", "decades": "decade", "decade": "decade", "centuries": "century",
    "century": "century",
}  # fmt: skip
QUALIFIERS = (
    "just over", "just under", "more than", "less than", "fewer than", "at least", "at most",
    "up to", "as many as", "as much as", "no more than", "nearly", "almost", "about", "around",
    "approximately", "roughly", "some", "over", "under", "above", "below", "only", "just",
    "close to", "an estimated", "estimated", "upwards of", "some", "approx.",
)  # fmt: skip
QUALIFIER_RE = re.compile(
    r"^(" + "|".join(re.escape(q) for q in sorted(set(QUALIFIERS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
UNIT_RE = re.compile(
    r"(?<![a-z])("
    + "|".join(re.escape(word) for word in sorted(UNITS, key=len, reverse=True))
    + r")(?![a-z])"
)
NUMBER_WORDS = set(
    "a an and zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty "
    "seventy eighty ninety hundred thousand million billion trillion dozen half".split()
)
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
    "hundredth": 100,
}  # fmt: skip
ORDINAL_RE = re.compile(r"(?:(\d+)(?:st|nd|rd|th)|(" + "|".join(ORDINAL_WORDS) + r"))")
NUMERAL_RE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|\.\d+")
WORDS_ONLY = {"a": 1.0, "an": 1.0, "dozen": 12.0, "a dozen": 12.0, "half": 0.5, "a half": 0.5}
VAGUE_AMOUNTS = {"dozens", "hundreds", "thousands", "millions", "billions", "several", "few"}
RANGE_RE = re.compile(
    r"(?:between\s+)?(\d[\d,.]*)\s*(?:-|–|—|to|and)\s*(\d[\d,.]*)(?!\d)", re.IGNORECASE
)


@dataclass(frozen=True)
class FigureValue:
    """A parsed figure. `value` is a number, a [low, high] pair for a range, or None if vague."""

    value: float | list[float] | None
    unit: str
    qualifier: str


def _words_to_number(words: str) -> float | None:
    words = words.strip().lower().replace("-", " ")
    if not words:
        return None
    if words in WORDS_ONLY:
        return WORDS_ONLY[words]
    if words.startswith(("a ", "an ")) and words.split(" ", 1)[1] in SCALES:
        return SCALES[words.split(" ", 1)[1]]
    if words.endswith(" dozen"):
        inner = _words_to_number(words[: -len(" dozen")])
        return inner * 12 if inner is not None else None
    try:
        return float(text2num(words, "en"))
    except ValueError:
        return None


def _number(text: str) -> float | None:
    """The number written in `text`, digits or words, with its scale word applied."""
    lowered = text.lower()
    scale = 1.0
    for word, factor in SCALES.items():
        if re.search(rf"(?<=[\d\s]){re.escape(word)}\b", lowered):
            scale = factor
            lowered = re.sub(rf"\b{re.escape(word)}\b", " ", lowered) if factor > 100 else lowered
            break
    match = NUMERAL_RE.search(lowered)
    if match is not None:
        return float(match.group(0).replace(",", "")) * scale
    words = re.sub(r"[^a-z\s]", " ", lowered)
    words = " ".join(word for word in words.split() if word in NUMBER_WORDS)
    value = _words_to_number(words)
    if value is None and scale > 1:
        return scale
    return value * scale if value is not None and scale > 100 else value


@lru_cache(maxsize=8192)
def parse_figure(text: str, label: str = "") -> FigureValue:
    """Read a figure's value, unit and qualifier from its text.

    >>> parse_figure("over 15,000")
    FigureValue(value=15000.0, unit='', qualifier='over')
    """
    cleaned = re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()
    qualifier = ""
    if match := QUALIFIER_RE.match(cleaned):
        qualifier = match.group(1).lower()
        cleaned = cleaned[match.end() :].strip()
    lowered = cleaned.lower()
    unit = ""
    for symbol, code in CURRENCIES.items():
        if (symbol in lowered and not symbol.isalpha()) or re.search(
            rf"\b{re.escape(symbol)}\b", lowered
        ):
            unit = code
            break
    if not unit and (match := UNIT_RE.search(lowered)):
        unit = UNITS[match.group(1)]
    if match := ORDINAL_RE.fullmatch(lowered):
        number = match.group(1)
        value = float(number) if number else float(ORDINAL_WORDS[match.group(2)])
        return FigureValue(value, "ordinal", qualifier)
    if lowered in VAGUE_AMOUNTS or lowered.split(" ")[0] in VAGUE_AMOUNTS:
        return FigureValue(None, unit, qualifier)
    if match := RANGE_RE.search(lowered):
        low, high = _number(match.group(1)), _number(match.group(2))
        if low is not None and high is not None and high > low:
            scale = _number("1 " + lowered[match.end() :].strip().split(" ")[0]) or 1.0
            scale = scale if scale > 100 else 1.0
            return FigureValue([low * scale, high * scale], unit, qualifier)
        if low is not None and high is not None and re.fullmatch(r"\d+\s*[-–—]\s*\d+", lowered):
            # "31–24" falling is a score or a ratio, not an amount: no single value is true.
            return FigureValue(None, unit, qualifier)
    return FigureValue(_number(cleaned), unit, qualifier)
