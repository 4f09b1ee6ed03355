"""Scoring of a student's answer: every rule for every question kind lives here.

Each question is worth one point; `score_answer` returns the fraction earned, in [0, 1].

- multiple choice, true/false: 1 for the correct option's text, else 0.
- fill in the blank, short answer: 1 when the answer matches one of the accepted answers
  after normalising case, accents' compatibility forms, punctuation, whitespace and a
  leading article ("The Soviet Union." = "soviet union"); when both are plain numbers
  ("$9 billion" and "9,000,000,000") they match when the numbers are equal.
- numeric: 1 when the number read from the answer ("9 billion", "9,000,000,000", "$9bn")
  is within the question's tolerance of the expected value (Question.tolerance, else the
  answer's own "tolerance", else exact).
- ordering: partial credit, one share per item in its right position
  (4 items, 2 in place: 0.5). An item given twice counts at most once.
- matching: partial credit, one share per left-hand item paired with its right match
  (4 pairs, 3 right: 0.75).

An empty answer (None, "", whitespace, [] or {}) scores 0.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from learning.numbers import parse_number
from quizgen.models import Question

_PUNCTUATION = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")


def normalise_text(value: str) -> str:
    """Lower-case; fold compatibility forms; drop punctuation, extra spaces, a leading article."""
    folded = unicodedata.normalize("NFKC", value).casefold()
    folded = _PUNCTUATION.sub(" ", folded)
    folded = _SPACES.sub(" ", folded).strip()
    return re.sub(r"^(the|a|an) ", "", folded)


def option_text(option: Any) -> str:
    """The text of one option, whether stored as {"text": ...} or as a plain string."""
    if isinstance(option, dict):
        return str(option.get("text", ""))
    return str(option)


def is_empty(answer: Any) -> bool:
    if answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, list | dict):
        return not any(str(value).strip() for value in _values(answer))
    return False


def _values(answer: list | dict) -> list:
    return list(answer.values()) if isinstance(answer, dict) else list(answer)


def matching_pairs(question: Question) -> list[tuple[str, str]]:
    return [(str(left), str(right)) for left, right in (question.answer or [])]


def ordering_items(question: Question) -> list[str]:
    return [option_text(item) for item in (question.answer or [])]


def _texts_match(given: str, accepted: str) -> bool:
    if normalise_text(given) == normalise_text(accepted):
        return True
    given_number = parse_number(given, strict=True)
    accepted_number = parse_number(accepted, strict=True)
    return (
        given_number is not None
        and accepted_number is not None
        and math.isclose(given_number, accepted_number, rel_tol=1e-9)
    )


def numeric_expected(question: Question) -> tuple[float | None, float]:
    answer = question.answer if isinstance(question.answer, dict) else {}
    value = answer.get("value")
    if value is None and question.accepted_answers:
        value = parse_number(str(question.accepted_answers[0]))
    tolerance = question.tolerance
    if tolerance is None:
        tolerance = answer.get("tolerance") or 0.0
    return (None if value is None else float(value)), float(tolerance)


def score_answer(question: Question, answer: Any) -> float:
    if is_empty(answer):
        return 0.0
    kind = question.kind
    if kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE):
        correct = {
            normalise_text(option_text(option))
            for option in question.options
            if isinstance(option, dict) and option.get("correct")
        }
        return 1.0 if normalise_text(str(answer)) in correct else 0.0
    if kind in (Question.Kind.FILL_BLANK, Question.Kind.SHORT_ANSWER):
        given = str(answer)
        return 1.0 if any(_texts_match(given, str(a)) for a in question.accepted_answers) else 0.0
    if kind == Question.Kind.NUMERIC:
        given_number = parse_number(str(answer))
        expected, tolerance = numeric_expected(question)
        if given_number is None or expected is None:
            return 0.0
        # A small relative slack absorbs float noise ("0.1 + 0.2").
        return 1.0 if abs(given_number - expected) <= tolerance + 1e-9 * abs(expected) else 0.0
    if kind == Question.Kind.ORDERING:
        expected = ordering_items(question)
        given = [str(item) for item in answer] if isinstance(answer, list) else []
        if not expected:
            return 0.0
        right = sum(
            1
            for position, item in enumerate(expected)
            if position < len(given) and given[position] == item
        )
        return right / len(expected)
    if kind == Question.Kind.MATCHING:
        pairs = matching_pairs(question)
        if isinstance(answer, dict):
            given = {str(left): str(right) for left, right in answer.items()}
        elif isinstance(answer, list):
            given = {
                str(pair[0]): str(pair[1])
                for pair in answer
                if isinstance(pair, list | tuple) and len(pair) == 2
            }
        else:
            given = {}
        if not pairs:
            return 0.0
        return sum(1 for left, right in pairs if given.get(left) == right) / len(pairs)
    return 0.0


def expected_answer_text(question: Question) -> str:
    """The correct answer written out for a results page (only shown when review is allowed)."""
    kind = question.kind
    if kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE):
        return ", ".join(
            option_text(o) for o in question.options if isinstance(o, dict) and o.get("correct")
        )
    if kind in (Question.Kind.FILL_BLANK, Question.Kind.SHORT_ANSWER):
        return " or ".join(str(a) for a in question.accepted_answers)
    if kind == Question.Kind.NUMERIC:
        answer = question.answer if isinstance(question.answer, dict) else {}
        if answer.get("display"):
            return str(answer["display"])
        expected, _ = numeric_expected(question)
        if expected is None:
            return ""
        text = f"{expected:g}"
        return f"{text} {answer['unit']}" if answer.get("unit") else text
    if kind == Question.Kind.ORDERING:
        return " → ".join(ordering_items(question))
    if kind == Question.Kind.MATCHING:
        return "; ".join(f"{left} = {right}" for left, right in matching_pairs(question))
    return ""


def given_answer_text(question: Question, answer: Any) -> str:
    """The student's answer written out for results and teacher pages."""
    if is_empty(answer):
        return ""
    if question.kind == Question.Kind.ORDERING and isinstance(answer, list):
        return " → ".join(str(item) or "?" for item in answer)
    if question.kind == Question.Kind.MATCHING:
        if isinstance(answer, dict):
            return "; ".join(f"{left} = {right}" for left, right in answer.items() if right)
        if isinstance(answer, list):
            return "; ".join(" = ".join(map(str, pair)) for pair in answer)
    return str(answer)
