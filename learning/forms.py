"""Reading a student's answers from a submitted quiz page."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict

from learning.models import QuizQuestion
from quizgen.models import Question


def field_name(question_id: int) -> str:
    return f"q-{question_id}"


def answers_from_post(post: QueryDict, entries: list[QuizQuestion]) -> dict[int, Any]:
    """Answers keyed by question id, for the questions present in the form."""
    answers: dict[int, Any] = {}
    for entry in entries:
        question = entry.question
        name = field_name(question.pk)
        if question.kind == Question.Kind.ORDERING:
            items = post.getlist(name)
            if any(items):
                answers[question.pk] = items
        elif question.kind == Question.Kind.MATCHING:
            pairs = {
                key[len(name) + 1 :]: value
                for key, value in post.items()
                if key.startswith(name + ":") and value
            }
            if pairs:
                answers[question.pk] = pairs
        elif name in post:
            answers[question.pk] = post.get(name, "").strip()
    return answers
