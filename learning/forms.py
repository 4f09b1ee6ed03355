"""The answer widgets of a quiz page, and reading a student's answers back from the form.

A widget carries only what the student may see: the prompt, option texts in this attempt's
order (`learning.display`, shared with the API), the student's own saved answer. Never a
correctness flag, an accepted answer or the correct order of an ordering question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from learning import display
from learning.scoring import is_empty
from quizgen.models import Question

RADIO = "radio"
TEXT = "text"
ORDERING = "ordering"
MATCHING = "matching"


def field_name(question_id: int) -> str:
    return f"q-{question_id}"


@dataclass
class Row:
    """One select of an ordering (a position) or matching (a left-hand item) question."""

    label: str
    name: str
    selected: str = ""


@dataclass(frozen=True)
class FormFields:
    """How a question's answer is read from a posted form: its field (or one field per row
    of an ordering or matching question). What `answers_from_post` needs, without the
    prompt, the options in the attempt's order or the saved answer a widget carries."""

    id: int
    field: str
    input: str
    rows: list[Row]


def question_fields(question: Question) -> FormFields:
    """The form fields of `question`: reads only its kind and, for ordering and matching,
    its items (the number of positions, the left-hand names)."""
    name = field_name(question.pk)
    kind = question.kind
    rows: list[Row] = []
    if kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE):
        form_input = RADIO
    elif kind == Question.Kind.ORDERING:
        form_input = ORDERING
        rows = [
            Row(label=f"Position {position + 1}", name=f"{name}-{position}")
            for position in range(len(display.ordering_choices(question)))
        ]
    elif kind == Question.Kind.MATCHING:
        form_input = MATCHING
        rows = [
            Row(label=left, name=f"{name}-{index}")
            for index, left in enumerate(display.matching_left(question))
        ]
    else:
        form_input = TEXT
    return FormFields(id=question.pk, field=name, input=form_input, rows=rows)


@dataclass
class Widget:
    number: int
    id: int
    kind: str
    kind_label: str
    prompt: str
    field: str
    input: str
    answer: Any = None
    choices: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    hint: str = ""
    # Immediate feedback: a checked answer is locked and shows its verdict and correct answer.
    locked: bool = False
    feedback: dict | None = None

    @property
    def answered(self) -> bool:
        return not is_empty(self.answer)

    @property
    def text_value(self) -> str:
        return self.answer if isinstance(self.answer, str) else ""


def build_widget(
    question: Question, *, number: int, answer: Any, seed: int, shuffle_options: bool
) -> Widget:
    fields = question_fields(question)
    widget = Widget(
        number=number,
        id=question.pk,
        kind=question.kind,
        kind_label=question.get_kind_display(),
        prompt=question.prompt,
        field=fields.field,
        input=fields.input,
        answer=answer,
    )
    if fields.input == RADIO:
        widget.choices = display.choices(question, seed=seed, shuffle=shuffle_options)
    elif fields.input == ORDERING:
        widget.choices = display.ordering_choices(question)
        given = answer if isinstance(answer, list) else []
        widget.rows = [
            Row(
                label=row.label,
                name=row.name,
                selected=str(given[position]) if position < len(given) else "",
            )
            for position, row in enumerate(fields.rows)
        ]
    elif fields.input == MATCHING:
        widget.choices = display.matching_choices(question)
        given = answer if isinstance(answer, dict) else {}
        widget.rows = [
            Row(label=row.label, name=row.name, selected=str(given.get(row.label, "")))
            for row in fields.rows
        ]
    elif question.kind == Question.Kind.NUMERIC:
        widget.hint = display.numeric_hint(question)
    return widget


_FIELD = re.compile(r"^q-(\d+)(?:-\d+)?$")


def posted_question_ids(post: Mapping[str, str]) -> set[int]:
    """The ids of the questions whose fields were posted (see field_name and the row names)."""
    return {int(match.group(1)) for key in post if (match := _FIELD.match(key))}


def answers_from_post(
    post: Mapping[str, str], widgets: Iterable[Widget | FormFields]
) -> dict[int, Any]:
    """Answers keyed by question id, for the questions whose fields were on the page
    (`widgets`: their widgets, or only their `question_fields`).

    A field left empty saves an empty answer (the student cleared it), so what the page
    showed is what is saved.
    """
    answers: dict[int, Any] = {}
    for widget in widgets:
        name = widget.field
        if widget.input == ORDERING:
            if f"{name}-0" not in post:
                continue
            items = [post.get(row.name, "").strip() for row in widget.rows]
            answers[widget.id] = items if any(items) else None
        elif widget.input == MATCHING:
            if not widget.rows or widget.rows[0].name not in post:
                continue
            pairs = {
                row.label: post.get(row.name, "").strip()
                for row in widget.rows
                if post.get(row.name, "").strip()
            }
            answers[widget.id] = pairs or None
        elif name in post:
            text = post.get(name, "").strip()
            answers[widget.id] = text or None
    return answers
