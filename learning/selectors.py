"""Reads of quizzes and attempts, joined for their pages in a fixed number of queries."""

from __future__ import annotations

import random

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from learning.models import Attempt, Quiz, QuizQuestion, ReviewItem


def quiz_list_for_student(*, student) -> QuerySet[Quiz]:
    """Published quizzes the student can see now (open or not yet closed)."""
    now = timezone.now()
    return (
        Quiz.objects.filter(is_published=True)
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .select_related("owner")
        .order_by("-published_at", "-id")
    )


def quiz_entries(*, quiz: Quiz) -> list[QuizQuestion]:
    return list(
        QuizQuestion.objects.filter(quiz=quiz).select_related("question").order_by("position", "id")
    )


def attempt_entries(*, attempt: Attempt) -> list[QuizQuestion]:
    """The attempt's questions in the order this attempt shows them (stable per attempt)."""
    entries = quiz_entries(quiz=attempt.quiz)
    if attempt.quiz.shuffle_questions:
        random.Random(attempt.seed).shuffle(entries)
    return entries


def option_order(*, attempt: Attempt, question_id: int, options: list[dict]) -> list[dict]:
    """The options of one question in the order this attempt shows them."""
    ordered = list(options)
    if attempt.quiz.shuffle_options:
        random.Random(attempt.seed * 1_000_003 + question_id).shuffle(ordered)
    return ordered


def attempt_with_responses(*, attempt_id: int, student) -> Attempt:
    return (
        Attempt.objects.select_related("quiz")
        .prefetch_related(Prefetch("responses"))
        .get(pk=attempt_id, student=student)
    )


def attempts_for_student(*, student) -> QuerySet[Attempt]:
    return Attempt.objects.filter(student=student).select_related("quiz")


def review_items_due(*, student, now=None) -> QuerySet[ReviewItem]:
    """The student's review items due now (quiz mistakes and flashcards), most overdue first."""
    return ReviewItem.objects.filter(
        student=student, due__lte=now or timezone.now()
    ).select_related("content_type")
