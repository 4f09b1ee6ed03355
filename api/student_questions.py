"""Questions as a student sees them: the prompt and what to choose from, never the answers."""

from __future__ import annotations

import random
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from learning.answer_input import answer_problem
from quizgen.models import Question


def _text(option: Any) -> str:
    return str(option.get("text", "")) if isinstance(option, dict) else str(option)


def _shuffled(values: list[str], seed: int | None) -> list[str]:
    if seed is None:
        return sorted(values)
    shuffled = list(values)
    random.Random(seed).shuffle(shuffled)
    return shuffled


def student_question(
    question: Question, *, number: int, seed: int | None, shuffle_options: bool, saved: Any = None
) -> dict:
    """What a student may see of `question`, shuffled by `seed` (an attempt's) when asked.

    Only texts leave here: no `correct` flag, accepted answer, answer data or explanation.
    """
    option_seed = None if seed is None else seed * 1_000_003 + question.pk
    choices: list[str] = []
    items: list[str] = []
    left: list[str] = []
    right: list[str] = []
    kind = question.kind
    if kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE):
        texts = [_text(option) for option in question.options]
        choices = _shuffled(texts, option_seed) if shuffle_options else texts
    elif kind == Question.Kind.ORDERING:
        # Options hold the items in display order; the answer (the right order) stays here.
        items = [_text(option) for option in question.options] or sorted(
            str(item) for item in question.answer or []
        )
    elif kind == Question.Kind.MATCHING:
        pairs = [pair for pair in question.answer or [] if isinstance(pair, list | tuple)]
        left = [str(pair[0]) for pair in pairs if len(pair) == 2]
        right = _shuffled([str(pair[1]) for pair in pairs if len(pair) == 2], option_seed)
    return {
        "id": question.pk,
        "number": number,
        "kind": kind,
        "prompt": question.prompt,
        "choices": choices,
        "items": items,
        "left": left,
        "right": right,
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
    saved_answer = StudentAnswerField(allow_null=True)
