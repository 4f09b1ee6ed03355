"""Questions as a student sees them: the prompt and what to choose from, never the answers."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from learning import display
from learning.answer_input import answer_problem
from quizgen.models import Question


def student_question(
    question: Question,
    *,
    number: int,
    seed: int | None,
    shuffle_options: bool,
    saved: Any = None,
    points: float = 1.0,
) -> dict:
    """What a student may see of `question`, in the order `learning.display` gives the pages.

    Only texts leave here: no `correct` flag, accepted answer, answer data or explanation.
    """
    choices: list[str] = []
    items: list[str] = []
    left: list[str] = []
    right: list[str] = []
    kind = question.kind
    if kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE):
        choices = display.choices(question, seed=seed, shuffle=shuffle_options)
    elif kind == Question.Kind.ORDERING:
        items = display.ordering_choices(question)
    elif kind == Question.Kind.MATCHING:
        left = display.matching_left(question)
        right = display.matching_choices(question)
    return {
        "id": question.pk,
        "number": number,
        "kind": kind,
        "prompt": question.prompt,
        "choices": choices,
        "items": items,
        "left": left,
        "right": right,
        "unit": display.numeric_unit(question) if kind == Question.Kind.NUMERIC else "",
        "points": points,
        "saved_answer": saved,
    }


@extend_schema_field(
    {
        "description": (
            "A student's answer: the chosen or typed text (multiple choice, true/false, fill in "
            "the blank, short answer, numeric); the items in the chosen order (ordering); "
            "{left: right} (matching)."
        ),
        "nullable": True,
        "oneOf": [
            {"type": "string", "maxLength": 1000},
            {"type": "array", "items": {"type": "string", "maxLength": 1000}, "maxItems": 50},
            {
                "type": "object",
                "additionalProperties": {"type": "string", "maxLength": 1000},
                "maxProperties": 50,
            },
        ],
    }
)
class StudentAnswerField(serializers.JSONField):
    """Accepts only the three answer shapes."""

    def to_internal_value(self, data):
        data = super().to_internal_value(data)
        # The same check as the save service's, so the error names the answer in `fields`.
        problem = answer_problem(data)
        if problem is not None:
            raise serializers.ValidationError(problem)
        return data


class StudentQuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField(help_text="Position in this attempt, from 1.")
    kind = serializers.ChoiceField(choices=Question.Kind.choices)
    prompt = serializers.CharField()
    choices = serializers.ListField(
        child=serializers.CharField(), help_text="Options to choose from (choice kinds)."
    )
    items = serializers.ListField(
        child=serializers.CharField(), help_text="Items to put in order (ordering)."
    )
    left = serializers.ListField(child=serializers.CharField(), help_text="Matching: left side.")
    right = serializers.ListField(child=serializers.CharField(), help_text="Matching: right side.")
    unit = serializers.CharField(
        help_text="Numeric: the unit the answer is read in (“billion dollars”), else empty."
    )
    points = serializers.FloatField(help_text="What the question is worth in this quiz.")
    saved_answer = StudentAnswerField(allow_null=True)
