"""Reading a number a student typed ("9 billion", "9,000,000,000", "$9bn", "15 000", "1.5m",
"2,5" with a decimal comma),
and writing a time spent for a teacher to read ("2 s", "4 min 05 s", "1 h 02 min")."""

from __future__ import annotations

import re
from datetime import timedelta

_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "billions": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trillion": 1e12,
}
_CURRENCY = re.compile(r"[$€£¥%]|\b(?:us|usd|eur|gbp|dollars?|euros?|pounds?|per ?cent|percent)\b")
_NUMBER = re.compile(r"(-?\d+(?:[,\s]\d{3})*(?:\.\d+)?|-?\.\d+)\s*([a-z]+)?")
# "3,5" and "2,75" as written where the comma marks decimals: one or two digits after it
# cannot be a thousands separator ("1,500" stays 1500; "1.500" is left as 1.5).
_DECIMAL_COMMA = re.compile(r"(?<![\d,.])(\d+),(\d{1,2})(?![\d,.])")


def parse_number(text: str, *, strict: bool = False) -> float | None:
    """The number in `text`, or None. With `strict`, the text must be nothing but a number
    (with an optional currency, unit word or scale), so "March 1979" is not read as 1979."""
    cleaned = text.strip().lower().replace("\u00a0", " ").replace("\u202f", " ")
    cleaned = _CURRENCY.sub(" ", cleaned).strip()
    cleaned = _DECIMAL_COMMA.sub(r"\1.\2", cleaned)
    match = _NUMBER.fullmatch(cleaned) if strict else _NUMBER.search(cleaned)
    if match is None:
        return None
    scale = match.group(2)
    if strict and scale is not None and scale not in _SCALES:
        return None
    digits = re.sub(r"[,\s]", "", match.group(1))
    try:
        value = float(digits)
    except ValueError:
        return None
    if scale in _SCALES:
        value *= _SCALES[scale]
    return value


def format_duration(duration: timedelta | None) -> str:
    """A time spent in whole seconds: "2 s", "4 min 05 s", "1 h 02 min" ("–" for none)."""
    if duration is None:
        return "–"
    seconds = max(0, round(duration.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min {seconds:02d} s"
    return f"{seconds} s"
