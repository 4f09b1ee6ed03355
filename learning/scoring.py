"""Scoring of a student's answer, one rule per question kind.

Each function returns the fraction of the question's single point earned, in [0, 1].
Ordering earns a share per item in its right position; matching a share per right pair.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from quizgen.models import Question

_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def normalise_text(value: str) -> str:
    """Lower-case, strip accents' compatibility forms, punctuation and extra spaces."""
    folded = unicodedata.normalize("NFKC", value).casefold()
    folded = _PUNCTUATION.sub(" ", folded)
    folded = _SPACES.sub(" ", folded).strip()
    return re.sub(r"^(the|a|an) ", "", folded)


def score_answer(question: Question, answer: Any) -> float:
    if answer is None or answer == "" or answer == []:
        return 0.0
    kind = question.kind
    if kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE):
        correct = {
            normalise_text(option["text"]) for option in question.options if option["correct"]
        }
        return 1.0 if normalise_text(str(answer)) in correct else 0.0
    if kind in (Question.Kind.FILL_BLANK, Question.Kind.SHORT_ANSWER):
        accepted = {normalise_text(text) for text in question.accepted_answers}
        return 1.0 if normalise_text(str(answer)) in accepted else 0.0
    if kind == Question.Kind.NUMERIC:
        from learning.numbers import parse_number

        given = parse_number(str(answer))
        expected = (question.answer or {}).get("value")
        if given is None or expected is None:
            return 0.0
        tolerance = question.tolerance or 0.0
        return 1.0 if abs(given - float(expected)) <= tolerance else 0.0
    if kind == Question.Kind.ORDERING:
        expected = list(question.answer or [])
        given = list(answer) if isinstance(answer, list) else []
        if not expected:
            return 0.0
        right = sum(
            1
            for position, item in enumerate(expected)
            if position < len(given) and given[position] == item
        )
        return right / len(expected)
    if kind == Question.Kind.MATCHING:
        pairs = {left: right for left, right in (question.answer or [])}
        given = answer if isinstance(answer, dict) else {}
        if not pairs:
            return 0.0
        return sum(1 for left, right in pairs.items() if given.get(left) == right) / len(pairs)
    return 0.0
