"""Scoring of a student's answer: every rule for every question kind lives here.

Each question is worth one point; `score_answer` returns the fraction earned, in [0, 1].

- multiple choice, true/false: 1 for the correct option's text, else 0.
- fill in the blank, short answer: 1 when the typed answer matches one of the accepted
  answers by the rules of `learning.matching` (same text up to case, accents, punctuation
  and articles; same number in digits or words; same date in another written form; the
  surname of a person; a small typing slip), else 0.
- numeric: 1 when the number read from the answer, in the question's unit ("9", "$9 billion",
  "9bn" and "9,000,000,000" are all 9 for "billions of dollars"), is within the question's
  tolerance of the expected value (Question.tolerance, else the answer's own "tolerance",
  else exact); see `learning.matching.match_number`.
- ordering: partial credit, one share per item in its right position
  (4 items, 2 in place: 0.5). An item given twice counts at most once.
- matching: partial credit, one share per left-hand item paired with its right match
  (4 pairs, 3 right: 0.75).

An empty answer (None, "", whitespace, [] or {}) scores 0. `mark_answer` returns the score
with the note the result page shows when an answer was accepted in another form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from learning.matching import (
    DocumentKeys,
    fold,
    match_number,
    match_option,
    match_text,
    numeric_key,
)
from quizgen.models import Question


def normalise_text(value: str) -> str:
    """Lower-case; accents, punctuation, extra spaces and a leading article off."""
    return fold(value)


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


def numeric_expected(question: Question) -> tuple[float | None, float]:
    expected, tolerance, _unit = numeric_key(question)
    return expected, tolerance


@dataclass(frozen=True)
class Mark:
    """A scored answer: the fraction earned and, when accepted in another form, a note."""

    score: float
    note: str = ""


def score_answer(question: Question, answer: Any, *, keys: DocumentKeys | None = None) -> float:
    return mark_answer(question, answer, keys=keys).score


def mark_answer(question: Question, answer: Any, *, keys: DocumentKeys | None = None) -> Mark:
    """Score `answer`; `keys` caches the documents' keys across the questions of an attempt."""
    if is_empty(answer):
        return Mark(0.0)
    kind = question.kind
    if kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE):
        return Mark(1.0 if match_option(question, str(answer)).matched else 0.0)
    if kind in (Question.Kind.FILL_BLANK, Question.Kind.SHORT_ANSWER):
        keys = keys if keys is not None else DocumentKeys()
        match = match_text(question, str(answer), document=lambda: keys.get(question.document_id))
        return Mark(1.0, match.note) if match.matched else Mark(0.0)
    if kind == Question.Kind.NUMERIC:
        match = match_number(question, str(answer))
        return Mark(1.0, match.note) if match.matched else Mark(0.0)
    if kind == Question.Kind.ORDERING:
        expected = ordering_items(question)
        given = [str(item) for item in answer] if isinstance(answer, list) else []
        if not expected:
            return Mark(0.0)
        right = sum(
            1
            for position, item in enumerate(expected)
            if position < len(given) and given[position] == item
        )
        return Mark(right / len(expected))
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
            return Mark(0.0)
        return Mark(sum(1 for left, right in pairs if given.get(left) == right) / len(pairs))
    return Mark(0.0)
