"""Reads of quizzes and attempts, joined for their pages in a fixed number of queries."""

from __future__ import annotations

import random

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import NullIf
from django.utils import timezone

from classes.selectors import QuizAccess, quiz_access, quiz_accesses, quizzes_visible_filter
from learning.models import Attempt, Quiz, QuizQuestion, Response, ReviewItem
from quizgen.models import Question


def quiz_list_for_student(*, student) -> QuerySet[Quiz]:
    """Published quizzes assigned to the student's classes (and a teacher's own) that have
    not closed for them; who sees what is decided in `classes.selectors`."""
    return (
        Quiz.objects.filter(is_published=True)
        .filter(quizzes_visible_filter(user=student, open_only=True))
        .select_related("owner")
        .order_by("-published_at", "-id")
    )


def quizzes_for_dashboard(*, student) -> list[Quiz]:
    """Quizzes still open to the student, each with `entry_count` (its number of questions)
    and `access` (the student's window, time limit and attempts)."""
    quizzes = list(
        quiz_list_for_student(student=student).annotate(entry_count=Count("quiz_questions"))
    )
    accesses = quiz_accesses(user=student, quizzes=quizzes)
    for quiz in quizzes:
        quiz.access = accesses.get(quiz.pk) or QuizAccess(
            opens_at=quiz.opens_at, closes_at=quiz.closes_at
        )
    return quizzes


def quiz_for_student(*, quiz_id: int, student) -> Quiz:
    """One published quiz the student may see, with `entry_count` and `access`; raises
    Quiz.DoesNotExist for one not assigned to them."""
    quiz = (
        Quiz.objects.filter(is_published=True)
        .filter(quizzes_visible_filter(user=student))
        .annotate(entry_count=Count("quiz_questions"))
        .get(pk=quiz_id)
    )
    access = quiz_access(user=student, quiz=quiz)
    if access is None:
        raise Quiz.DoesNotExist
    quiz.access = access
    return quiz


def quiz_entries(*, quiz: Quiz) -> list[QuizQuestion]:
    return list(
        QuizQuestion.objects.filter(quiz=quiz).select_related("question").order_by("position", "id")
    )


def quiz_entries_for_questions(*, quiz: Quiz, question_ids) -> list[QuizQuestion]:
    """The quiz's entries for these questions only (ids not in the quiz are left out)."""
    return list(
        QuizQuestion.objects.filter(quiz=quiz, question_id__in=list(question_ids))
        .select_related("question")
        .order_by("position", "id")
    )


def order_entries(*, attempt: Attempt, entries: list[QuizQuestion]) -> list[QuizQuestion]:
    entries = list(entries)
    if attempt.quiz.shuffle_questions:
        random.Random(attempt.seed).shuffle(entries)
    return entries


def shuffled_options(*, seed: int, question_id: int, options: list) -> list:
    ordered = list(options)
    random.Random(seed * 1_000_003 + question_id).shuffle(ordered)
    return ordered


def attempt_for_student(*, attempt_id: int, student, with_responses: bool = True) -> Attempt:
    """One attempt of the student, with its quiz and (unless with_responses is False, for a
    request that only writes) its responses; raises Attempt.DoesNotExist."""
    attempts = Attempt.objects.select_related("quiz")
    if with_responses:
        attempts = attempts.prefetch_related(
            Prefetch("responses", queryset=Response.objects.order_by())
        )
    return attempts.get(pk=attempt_id, student=student)


def attempts_for_student(*, student) -> QuerySet[Attempt]:
    return Attempt.objects.filter(student=student).select_related("quiz")


def attempts_used(*, quiz: Quiz, student) -> list[Attempt]:
    return list(Attempt.objects.filter(quiz=quiz, student=student).order_by("number"))


def review_items_due(*, student, now=None) -> QuerySet[ReviewItem]:
    """The student's review items due now (quiz mistakes and flashcards), most overdue first."""
    return ReviewItem.objects.filter(
        student=student, due__lte=now or timezone.now()
    ).select_related("content_type")


def review_due_count(*, student, now=None) -> int:
    return review_items_due(student=student, now=now).count()


def review_item_next(*, student, now=None) -> ReviewItem | None:
    """The next item to review, with its object (question or flashcard) loaded: quiz mistakes
    before flashcards (a mistake is what the student most needs), then the most overdue."""
    return (
        review_items_due(student=student, now=now)
        .annotate(
            flashcard=Case(
                When(source=ReviewItem.Source.MISTAKE, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("flashcard", "due", "id")
        .prefetch_related("item")
        .first()
    )


def review_item_for_student(*, student, review_item_id: int) -> ReviewItem:
    """One of the student's review items with its object; raises ReviewItem.DoesNotExist."""
    return ReviewItem.objects.prefetch_related("item").get(pk=review_item_id, student=student)


# Teachers


def quizzes_owned(*, teacher) -> list[Quiz]:
    return list(
        Quiz.objects.filter(owner=teacher).annotate(
            entry_count=Count("quiz_questions", distinct=True),
            attempt_count=Count("attempts", distinct=True),
        )
    )


def quiz_owned(*, teacher, quiz_id: int) -> Quiz:
    """A quiz of this teacher; raises Quiz.DoesNotExist for anyone else's."""
    return Quiz.objects.get(pk=quiz_id, owner=teacher)


def quiz_attempts(*, quiz: Quiz, student=None, school_class=None) -> list[Attempt]:
    """The quiz's attempts, of one student or of the students of one class."""
    attempts = Attempt.objects.filter(quiz=quiz).select_related("student")
    if school_class is not None:
        attempts = attempts.filter(student__enrolments__school_class=school_class)
    if student is not None:
        attempts = attempts.filter(student=student).prefetch_related(
            Prefetch("responses", queryset=Response.objects.order_by())
        )
    return list(attempts.order_by("student__username", "number"))


def questions_by_id(*, ids) -> dict[int, Question]:
    return Question.objects.in_bulk(list(ids))


def question_content_type() -> ContentType:
    return ContentType.objects.get_for_model(Question)


# A student's history, computed in the database: the cost of these pages does not grow with
# the number of attempts (at most HISTORY_PAGE_SIZE attempts are loaded, plus one row per quiz).

HISTORY_PAGE_SIZE = 20
INTRO_ATTEMPTS_SHOWN = 10

_PERCENT = ExpressionWrapper(
    100.0 * F("score") / NullIf(F("max_score"), 0.0), output_field=FloatField()
)


def attempt_stats_by_quiz(*, student, quiz_ids=None) -> dict[int, dict]:
    """Per quiz the student tried: attempts used, submitted count, best percentage (rounded
    to 0.1 like Attempt.percent) and the last submitted attempt (with its quiz), in two
    queries."""
    attempts = Attempt.objects.filter(student=student)
    if quiz_ids is not None:
        attempts = attempts.filter(quiz_id__in=list(quiz_ids))
    last_submitted = (
        Attempt.objects.filter(
            student=student, quiz_id=OuterRef("quiz_id"), state=Attempt.State.SUBMITTED
        )
        .order_by("-submitted_at", "-id")
        .values("id")[:1]
    )
    submitted = Q(state=Attempt.State.SUBMITTED)
    rows = list(
        attempts.values("quiz_id", "quiz__title")
        .annotate(
            used=Count("id"),
            submitted=Count("id", filter=submitted),
            best=Max(_PERCENT, filter=submitted),
            last_id=Subquery(last_submitted),
        )
        .order_by()
    )
    last = Attempt.objects.select_related("quiz").in_bulk(
        [row["last_id"] for row in rows if row["last_id"]]
    )
    return {
        row["quiz_id"]: {
            "title": row["quiz__title"],
            "used": row["used"],
            "submitted": row["submitted"],
            "best": None if row["best"] is None else round(row["best"], 1),
            "last": last.get(row["last_id"]),
        }
        for row in rows
    }


def attempts_in_progress(*, student) -> list[Attempt]:
    return list(
        Attempt.objects.filter(student=student, state=Attempt.State.IN_PROGRESS)
        .select_related("quiz")
        .order_by("-started_at", "-id")
    )


def attempt_history_page(*, student, page) -> Page:
    """One page of the student's attempts, newest first (a count and one page of rows)."""
    history = (
        Attempt.objects.filter(student=student)
        .select_related("quiz")
        .order_by("-started_at", "-id")
    )
    return Paginator(history, HISTORY_PAGE_SIZE).get_page(page)


def attempts_recent_submitted(*, student, limit: int, quiz=None) -> list[Attempt]:
    """The student's last `limit` submitted attempts (of one quiz, or all), newest first."""
    attempts = Attempt.objects.filter(student=student, state=Attempt.State.SUBMITTED)
    if quiz is not None:
        attempts = attempts.filter(quiz=quiz)
    return list(attempts.select_related("quiz").order_by("-submitted_at", "-id")[:limit])


def attempt_counts(*, quiz: Quiz, student) -> tuple[int, Attempt | None]:
    """(attempts used, the attempt in progress or None) for one quiz, in one query each."""
    used = Attempt.objects.filter(quiz=quiz, student=student).count()
    current = (
        Attempt.objects.filter(quiz=quiz, student=student, state=Attempt.State.IN_PROGRESS)
        .select_related("quiz")
        .order_by("-started_at")
        .first()
    )
    return used, current
