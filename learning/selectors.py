"""Reads of quizzes and attempts, joined for their pages in a fixed number of queries."""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    ExpressionWrapper,
    F,
    FilteredRelation,
    FloatField,
    IntegerField,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import NullIf, RowNumber
from django.utils import timezone

from classes.selectors import (
    QuizAccess,
    StudentAssignments,
    quiz_access,
    quiz_accesses,
    quizzes_assigned_filter,
    quizzes_visible_filter,
)
from config.compiled import CompiledRead
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


def quizzes_for_dashboard(*, student, assignments: StudentAssignments | None = None) -> list[Quiz]:
    """Quizzes still open to the student, each with `entry_count` (its number of questions)
    and `access` (the student's window, time limit and attempts). Two queries, or one with
    the student's `assignments` read already (`classes.selectors.student_assignments`)."""
    now = timezone.now()
    quiz_ids = (
        sorted(assignments.quiz_ids(now=now, open_only=True))
        if assignments is not None and not student.is_superuser
        else None
    )

    def visible() -> QuerySet[Quiz]:
        return _open_quizzes(
            quizzes_visible_filter(user=student, now=now, open_only=True, assignments=assignments)
        )

    if quiz_ids is None:
        quizzes = list(visible())
    else:
        quizzes = _ASSIGNED_OPEN_QUIZZES.all_of_ids(
            quiz_ids, otherwise=visible, student_id=student.pk, now=now
        )
    accesses = quiz_accesses(user=student, quizzes=quizzes, assignments=assignments)
    for quiz in quizzes:
        quiz.access = accesses.get(quiz.pk) or QuizAccess(
            opens_at=quiz.opens_at, closes_at=quiz.closes_at
        )
    return quizzes


def _open_quizzes(visible: Q) -> QuerySet[Quiz]:
    return (
        Quiz.objects.filter(is_published=True)
        .filter(visible)
        .annotate(entry_count=Count("quiz_questions"))
        .order_by("-published_at", "-id")
    )


def _assigned_open_quizzes(*, shape: int, student_id: int, now, **quiz_ids: int) -> QuerySet[Quiz]:
    # The filter reads only the user's id (not a superuser: they take the other path).
    student = get_user_model()(pk=student_id, is_superuser=False)
    return _open_quizzes(
        quizzes_assigned_filter(
            user=student, now=now, open_only=True, quiz_ids=list(quiz_ids.values())
        )
    )


# The dashboard's quizzes (the SQL has one placeholder per assigned quiz).
_ASSIGNED_OPEN_QUIZZES = CompiledRead(_assigned_open_quizzes)


def _quiz_for_student(*, shape: tuple[bool, bool], quiz_id: int, student_id: int) -> QuerySet[Quiz]:
    superuser, counted = shape
    # `quizzes_visible_filter` reads only the user's id and whether they are a superuser (the
    # shape); should it ever read more of the user, that goes into the shape too.
    student = get_user_model()(pk=student_id, is_superuser=superuser)
    quizzes = Quiz.objects.filter(is_published=True).filter(quizzes_visible_filter(user=student))
    if counted:
        quizzes = quizzes.annotate(entry_count=Count("quiz_questions"))
    return quizzes.filter(pk=quiz_id)


# The quiz intro's and the start's read: compiled once (config/compiled.py).
_QUIZ_FOR_STUDENT = CompiledRead(_quiz_for_student)


def quiz_for_student(*, quiz_id: int, student, counted: bool = True) -> Quiz:
    """One published quiz the student may see, with `access` and (unless `counted` is False:
    starting does not show it) `entry_count`; raises Quiz.DoesNotExist for one not assigned
    to them."""
    quiz = _QUIZ_FOR_STUDENT.one(
        shape=(student.is_superuser, counted), quiz_id=int(quiz_id), student_id=student.pk
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


# What the pages and the scoring read of a saved response (attempt_entries).
_RESPONSE_COLUMNS = (
    "id",
    "answer",
    "score",
    "accepted_as",
    "checked_at",
    "overridden_by_id",
    "teacher_comment",
)


def _entries_with_saved(*, quiz_id: int, attempt_id: int) -> QuerySet[QuizQuestion]:
    saved = FilteredRelation(
        "question__responses", condition=Q(question__responses__attempt_id=attempt_id)
    )
    return (
        QuizQuestion.objects.filter(quiz_id=quiz_id)
        .select_related("question")
        .annotate(saved=saved)
        .annotate(**{f"saved_{column}": F(f"saved__{column}") for column in _RESPONSE_COLUMNS})
        .order_by("position", "id")
    )


# Read on every question page, confirm, submit and result: compiled once (config/compiled.py).
_ATTEMPT_ENTRIES = CompiledRead(_entries_with_saved)


def attempt_entries(*, attempt: Attempt) -> list[QuizQuestion]:
    """The entries of the attempt's quiz with their questions, in the quiz's order (the
    attempt's own order: `order_entries`), each with `response`: the attempt's saved
    response to its question (a Response with the columns the pages and the scoring read),
    or None. One query: the responses are joined to the entries, not read on their own."""
    entries = _ATTEMPT_ENTRIES.all(quiz_id=attempt.quiz_id, attempt_id=attempt.pk)
    for entry in entries:
        entry.response = (
            None
            if entry.saved_id is None
            else Response(
                attempt=attempt,
                question=entry.question,
                **{column: getattr(entry, f"saved_{column}") for column in _RESPONSE_COLUMNS},
            )
        )
    return entries


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


# The attempt pages' first read: compiled once (config/compiled.py).
_ATTEMPT_WITH_QUIZ = CompiledRead(
    lambda *, attempt_id, student_id: Attempt.objects.select_related("quiz").filter(
        pk=attempt_id, student_id=student_id
    )
)


def attempt_for_student(*, attempt_id: int, student, with_responses: bool = True) -> Attempt:
    """One attempt of the student, with its quiz and (unless with_responses is False: the
    pages read them joined to the entries, `attempt_entries`) its responses; raises
    Attempt.DoesNotExist."""
    if not with_responses:
        return _ATTEMPT_WITH_QUIZ.one(attempt_id=int(attempt_id), student_id=student.pk)
    return (
        Attempt.objects.select_related("quiz")
        .prefetch_related(Prefetch("responses", queryset=Response.objects.order_by()))
        .get(pk=attempt_id, student=student)
    )


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
    """How many of the student's review items are due (the dashboard's and the review
    page's count; compiled once, config/compiled.py)."""
    return _REVIEW_DUE_COUNT.value(student_id=student.pk, now=now or timezone.now())


# count() as a grouped values_list (one row, or none for no items): a read that compiles once.
_REVIEW_DUE_COUNT = CompiledRead(
    lambda *, student_id, now: (
        ReviewItem.objects.filter(student_id=student_id, due__lte=now)
        .order_by()
        .values("student_id")
        .annotate(due=Count("id"))
        .values_list("due")
    )
)


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


@dataclass(frozen=True)
class QuizAttempts:
    """A student's attempts at one quiz, counted in the database."""

    quiz: Quiz
    used: int
    submitted: int
    best: float | None  # best percentage of the submitted attempts, rounded to 0.1
    passed: bool  # any submitted attempt passed
    last: Attempt | None  # the last submitted attempt
    current: Attempt | None  # the attempt in progress


def attempts_by_quiz(*, student) -> dict[int, QuizAttempts]:
    """Per quiz the student tried: attempts used and submitted, best percentage, whether one
    passed, the last submitted attempt and the one in progress (each with its quiz).

    One query whatever the number of attempts: window functions count over each quiz's
    attempts, and only two rows per quiz come back (the newest of each state: the last
    submitted one and the one in progress, of which there is at most one).
    """
    result: dict[int, QuizAttempts] = {}
    for attempt in _ATTEMPTS_BY_QUIZ.all(student_id=student.pk):
        known = result.get(attempt.quiz_id)
        done = attempt.state == Attempt.State.SUBMITTED
        result[attempt.quiz_id] = QuizAttempts(
            quiz=attempt.quiz,
            used=attempt.quiz_used,
            submitted=attempt.quiz_submitted,
            best=None if attempt.quiz_best is None else round(attempt.quiz_best, 1),
            passed=attempt.quiz_passed > 0,
            last=attempt if done else (known.last if known else None),
            current=(known.current if known else None) if done else attempt,
        )
    return result


def _attempts_by_quiz(*, student_id: int) -> QuerySet[Attempt]:
    by_quiz = [F("quiz_id")]
    submitted = Q(state=Attempt.State.SUBMITTED)
    return (
        Attempt.objects.filter(student_id=student_id)
        .select_related("quiz")
        .annotate(
            quiz_used=Window(Count("id"), partition_by=by_quiz),
            quiz_submitted=Window(Count("id", filter=submitted), partition_by=by_quiz),
            quiz_best=Window(Max(_PERCENT, filter=submitted), partition_by=by_quiz),
            quiz_passed=Window(
                Count("id", filter=submitted & Q(passed=True)), partition_by=by_quiz
            ),
            newest=Window(
                RowNumber(),
                partition_by=[F("quiz_id"), F("state")],
                order_by=[F("submitted_at").desc(nulls_last=True), F("id").desc()],
            ),
        )
        .filter(newest=1)
        .order_by()
    )


# The dashboard's and the progress page's window query: compiled once (config/compiled.py).
_ATTEMPTS_BY_QUIZ = CompiledRead(_attempts_by_quiz)


def attempt_stats_by_quiz(*, student, quiz_ids=None) -> dict[int, dict]:
    """Per quiz the student tried: attempts used, submitted count, best percentage (rounded
    to 0.1 like Attempt.percent) and the last submitted attempt (with its quiz), in one
    query (`attempts_by_quiz`)."""
    wanted = None if quiz_ids is None else set(quiz_ids)
    return {
        quiz_id: {
            "title": row.quiz.title,
            "used": row.used,
            "submitted": row.submitted,
            "best": row.best,
            "last": row.last,
        }
        for quiz_id, row in attempts_by_quiz(student=student).items()
        if wanted is None or quiz_id in wanted
    }


def attempts_in_progress(*, student) -> list[Attempt]:
    return list(
        Attempt.objects.filter(student=student, state=Attempt.State.IN_PROGRESS)
        .select_related("quiz")
        .order_by("-started_at", "-id")
    )


def attempt_history_page(*, student, page, count: int | None = None) -> Page:
    """One page of the student's attempts, newest first: one page of rows, and a count
    unless the caller knows it already (`count`, e.g. the sum of `attempts_by_quiz`)."""
    history = (
        Attempt.objects.filter(student=student)
        .select_related("quiz")
        .order_by("-started_at", "-id")
    )
    paginator = Paginator(history, HISTORY_PAGE_SIZE)
    if count is not None:
        # Paginator.count is a cached property: set, it is not counted again.
        paginator.count = count
    return paginator.get_page(page)


def attempts_recent_submitted(*, student, limit: int, quiz=None) -> list[Attempt]:
    """The student's last `limit` submitted attempts (of one quiz, or all), newest first."""
    if quiz is None:
        return _RECENT_SUBMITTED.all(shape=(limit, False), student_id=student.pk)
    return _RECENT_SUBMITTED.all(shape=(limit, True), student_id=student.pk, quiz_id=quiz.pk)


def _recent_submitted(*, shape: tuple[int, bool], student_id: int, quiz_id: int = 0):
    limit, of_one_quiz = shape
    attempts = Attempt.objects.filter(student_id=student_id, state=Attempt.State.SUBMITTED)
    if of_one_quiz:
        attempts = attempts.filter(quiz_id=quiz_id)
    return attempts.select_related("quiz").order_by("-submitted_at", "-id")[:limit]


# The quiz intro's and the progress page's last attempts (the limit is part of the SQL).
_RECENT_SUBMITTED = CompiledRead(_recent_submitted)


def attempt_counts(*, quiz: Quiz, student) -> tuple[int, Attempt | None]:
    """(attempts used, the attempt in progress or None) for one quiz, in one query each."""
    used = attempts_used_count(quiz_id=quiz.pk, student_id=student.pk)
    current = next(iter(_CURRENT_ATTEMPT.all(quiz_id=quiz.pk, student_id=student.pk)), None)
    return used, current


def attempts_used_count(*, quiz_id: int, student_id: int) -> int:
    """How many attempts the student has made at the quiz (compiled once)."""
    return _ATTEMPTS_USED.value(quiz_id=quiz_id, student_id=student_id)


# count() as a grouped values_list (one row, or none): a read that compiles once.
_ATTEMPTS_USED = CompiledRead(
    lambda *, quiz_id, student_id: (
        Attempt.objects.filter(quiz_id=quiz_id, student_id=student_id)
        .order_by()
        .values("quiz_id")
        .annotate(used=Count("id"))
        .values_list("used")
    )
)


# At most one attempt is in progress (a constraint); the first, as QuerySet.first() would.
_CURRENT_ATTEMPT = CompiledRead(
    lambda *, quiz_id, student_id: (
        Attempt.objects.filter(
            quiz_id=quiz_id, student_id=student_id, state=Attempt.State.IN_PROGRESS
        )
        .select_related("quiz")
        .order_by("-started_at")[:1]
    )
)
