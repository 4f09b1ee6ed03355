"""Reading a number a student typed: "9 billion", "9,000,000,000", "$9bn", "15 000"."""

from __future__ import annotations

import re

_SCALES = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "t": 1e12,
    "tn": 1e12,
    "trillion": 1e12,
}
_NUMBER = re.compile(r"(-?\d+(?:[.,\s]\d{3})*(?:\.\d+)?)\s*([a-z]+)?")


def parse_number(text: str) -> float | None:
    cleaned = text.strip().lower().replace("\u00a0", " ")
    cleaned = re.sub(r"[$€£¥%]|usd|eur|gbp|per ?cent", " ", cleaned).strip()
    match = _NUMBER.search(cleaned)
    if match is None:
        return None
    digits = re.sub(r"[,\s]", "", match.group(1))
    try:
        value = float(digits)
    except ValueError:
        return None
    scale = match.group(2)
    if scale in _SCALES:
        value *= _SCALES[scale]
    return value
