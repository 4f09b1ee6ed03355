"""What a student's answer may be before it is stored: its shape, its size, its characters.

One check, used by the save service (so the pages and the API refuse the same answers with the
same words) and by the API's answer field (so the error names the answer in `fields`):

- a text, a list of texts (ordering) or an object of texts (matching), or nothing;
- each text at most MAX_ANSWER_CHARS characters, a list or object at most MAX_ANSWER_PARTS;
- no character that cannot be stored or shown: a lone surrogate (it cannot be written as
  UTF-8, so every page showing it would fail), NUL (PostgreSQL refuses it), other control
  characters, or U+FFFD (what a browser's undecodable bytes turn into);
- no character that would make the teacher read something else than was typed: the
  direction overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069), which turn
  the rest of a line around, and the noncharacters (U+FFFE, U+FFFF, U+FDD0-U+FDEF, ...);
- no pile of more than MAX_COMBINING_MARKS combining marks on one letter (it draws over
  the lines above and below).

Everything else is kept as typed: accents precomposed or combined ("é", "e\u0301"), emoji
and their sequences, right-to-left text and its marks (U+200E, U+200F), zero-width
joiners.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.core.exceptions import ValidationError

MAX_ANSWER_CHARS = 1000
MAX_ANSWER_PARTS = 50
MAX_COMBINING_MARKS = 4

ANSWER_SHAPE = "Send a text, a list of texts or an object of texts."
ANSWER_TOO_LONG = "This answer is too long: keep it under 1,000 characters."
ANSWER_TOO_MANY_PARTS = "This answer has too many parts: at most 50 items."
ANSWER_UNREADABLE = (
    "This answer contains characters that cannot be read (control characters or broken "
    "text): type it again."
)

_ALLOWED_CONTROLS = frozenset("\t\n\r")
_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _noncharacter(character: str) -> bool:
    point = ord(character)
    return 0xFDD0 <= point <= 0xFDEF or (point & 0xFFFE) == 0xFFFE


def _text_problem(text: str) -> str | None:
    if len(text) > MAX_ANSWER_CHARS:
        return ANSWER_TOO_LONG
    marks = 0
    for character in text:
        if character == "\ufffd" or character in _DIRECTION_CONTROLS or _noncharacter(character):
            return ANSWER_UNREADABLE
        marks = marks + 1 if unicodedata.combining(character) else 0
        if marks > MAX_COMBINING_MARKS:
            return ANSWER_UNREADABLE
        if character in _ALLOWED_CONTROLS:
            continue
        if unicodedata.category(character) in ("Cc", "Cs"):
            return ANSWER_UNREADABLE
    return None


def answer_problem(answer: Any) -> str | None:
    """Why `answer` may not be stored (one of this module's messages), or None when it may."""
    if answer is None:
        return None
    if isinstance(answer, str):
        return _text_problem(answer)
    if isinstance(answer, list):
        if not all(isinstance(item, str) for item in answer):
            return ANSWER_SHAPE
        if len(answer) > MAX_ANSWER_PARTS:
            return ANSWER_TOO_MANY_PARTS
        texts = answer
    elif isinstance(answer, dict):
        if not all(
            isinstance(key, str) and isinstance(value, str) for key, value in answer.items()
        ):
            return ANSWER_SHAPE
        if len(answer) > MAX_ANSWER_PARTS:
            return ANSWER_TOO_MANY_PARTS
        texts = [*answer.keys(), *answer.values()]
    else:
        return ANSWER_SHAPE
    return next((problem for text in texts if (problem := _text_problem(text))), None)


def answer_validate(answer: Any) -> None:
    """Raise a ValidationError (code "invalid_answer") when `answer` may not be stored."""
    problem = answer_problem(answer)
    if problem is not None:
        raise ValidationError(problem, code="invalid_answer")
