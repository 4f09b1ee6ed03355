"""How a question is shown to a student: one home for the pages, the API and the results.

- Multiple choice: the options in the attempt's order. With the quiz's "shuffle options" on,
  each attempt has its own order (seeded by the attempt and the question, so a reload, the
  page and the API agree); off, the teacher's order.
- True/false: always "True" then "False" as stored: a shuffled pair only confuses.
- Ordering: the items in the stored display order (the generator scrambles it), else
  alphabetical, which says nothing about the right order.
- Matching: the left-hand items in the key's order; the choices for each in the stored
  display order, else alphabetical.
- Numeric: the hint names the unit the answer is read in, and its examples are amounts of
  money only where the answer is one.
- The expected answer, written out (only where the review settings allow): the correct
  options; every accepted answer ("forty-two or 42"); the number with its unit; the order
  joined by arrows; the pairs.
- The given answer, written out the same way; and the teacher's feedback on the option
  chosen, when there is one.
"""

from __future__ import annotations

import re
from typing import Any

from learning.scoring import is_empty, matching_pairs, numeric_expected, option_text, ordering_items
from learning.selectors import shuffled_options
from quizgen.models import Question

# The examples of the hint are about money only where the answer is an amount of money: on
# "How many people…?" a hint of "$9bn" reads as a clue, and a wrong one.
MONEY_HINT = "Write the amount as you like: 9 billion, 9,000,000,000 or $9bn."
NUMBER_HINT = "Write the number in digits or words: 1,500, 1.5 thousand or fifteen hundred."
_MONEY = re.compile(
    r"[$€£¥₹₽]|\b(dollars?|euros?|pounds?|yen|yuan|rupees?|roubles?|rubles?|francs?)\b", re.I
)


def choices(question: Question, *, seed: int | None, shuffle: bool) -> list[str]:
    """The option texts of a choice question, in the order this attempt shows them."""
    options = list(question.options)
    if question.kind == Question.Kind.TRUE_FALSE:
        return [option_text(option) for option in options] or ["True", "False"]
    if shuffle and seed is not None:
        options = shuffled_options(seed=seed, question_id=question.pk, options=options)
    return [option_text(option) for option in options]


def ordering_choices(question: Question) -> list[str]:
    if question.options:
        return [option_text(option) for option in question.options]
    return sorted(ordering_items(question), key=str.casefold)


def matching_left(question: Question) -> list[str]:
    return [left for left, _ in matching_pairs(question)]


def matching_choices(question: Question) -> list[str]:
    if question.options:
        return [option_text(option) for option in question.options]
    return sorted({right for _, right in matching_pairs(question)}, key=str.casefold)


def numeric_unit(question: Question) -> str:
    answer = question.answer if isinstance(question.answer, dict) else {}
    return str(answer.get("unit") or "")


def numeric_hint(question: Question) -> str:
    unit = numeric_unit(question)
    answer = question.answer if isinstance(question.answer, dict) else {}
    money = _MONEY.search(unit) or _MONEY.search(str(answer.get("display") or ""))
    return (f"Answer in {unit}. " if unit else "") + (MONEY_HINT if money else NUMBER_HINT)


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
    if question.kind == Question.Kind.NUMERIC and numeric_unit(question):
        text = str(answer)
        return (
            text if any(char.isalpha() for char in text) else f"{text} ({numeric_unit(question)})"
        )
    return str(answer)


def option_feedback(question: Question, answer: Any) -> str | None:
    """The teacher's feedback on the option the student chose, if any."""
    if question.kind not in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE):
        return None
    for option in question.options:
        if isinstance(option, dict) and option_text(option) == str(answer):
            return str(option.get("feedback") or "") or None
    return None
