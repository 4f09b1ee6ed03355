"""Question banks in the formats learning management systems import.

Each exporter takes questions (model instances) and returns an `Export`: the bytes, a file
name, a media type and the questions it had to leave out, with why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from quizgen.models import Question


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: str
    media_type: str
    left_out: tuple[str, ...] = field(default_factory=tuple)


def slug(title: str) -> str:
    from django.utils.text import slugify

    return slugify(title)[:60] or "questions"


def option_texts(question: Question) -> list[str]:
    return [str(option.get("text", "")) for option in question.options]


def correct_index(question: Question) -> int | None:
    flags = [bool(option.get("correct")) for option in question.options]
    return flags.index(True) if flags.count(True) == 1 else None


def numeric_answer(question: Question) -> tuple[float, float] | None:
    answer = question.answer if isinstance(question.answer, dict) else {}
    if answer.get("value") is None:
        return None
    tolerance = question.tolerance if question.tolerance is not None else answer.get("tolerance")
    return float(answer["value"]), float(tolerance or 0.0)


def matching_pairs(question: Question) -> list[tuple[str, str]]:
    return [
        (str(pair[0]), str(pair[1]))
        for pair in question.answer or []
        if isinstance(pair, list | tuple) and len(pair) == 2
    ]


def left_out_note(question: Question, reason: str) -> str:
    return f"#{question.pk} ({question.kind}): {reason}"


FORMATS: dict[str, Callable[[Sequence[Question], str], Export]] = {}


def export_questions(questions: Sequence[Question], *, export_format: str, title: str) -> Export:
    from quizgen.exports import aiken, csv_export, gift, moodle, qti  # noqa: F401 - registers

    return FORMATS[export_format](list(questions), title)


def register(name: str):
    def decorator(function):
        FORMATS[name] = function
        return function

    return decorator


EXPORT_FORMATS = ("qti", "moodle", "gift", "aiken", "csv")
