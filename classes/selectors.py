"""Who sees which quiz and module, when, and with which accommodations: the one place of
these rules (pages, the API and the attempt services all ask here).

- A student sees a published quiz or module assigned to one of their classes (a module's
  assignment also assigns its quiz). An assignment's empty dates fall back to the quiz's own.
  In several classes, the student gets the widest window and the largest accommodations.
- A teacher sees their own quizzes and modules as well (to preview them), with the quiz's own
  dates; a superuser sees every published one.
- An integration account sees its teachers' published quizzes and modules, and their classes.
- A module is shown from its assignment's opening on; its quiz closes with the assignment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from classes.models import Assignment, Enrolment, SchoolClass
from config.compiled import CompiledRead
from learning.models import Quiz
from roles.groups import is_integration


@dataclass(frozen=True)
class QuizAccess:
    """When a user may take a quiz and with how much time and how many attempts."""

    opens_at: datetime | None
    closes_at: datetime | None
    time_factor: Decimal = Decimal("1")
    extra_minutes: int = 0
    extra_attempts: int = 0

    def attempt_limit(self, quiz: Quiz) -> int:
        """0 means unlimited."""
        return quiz.max_attempts + self.extra_attempts if quiz.max_attempts else 0

    def time_limit(self, quiz: Quiz) -> timedelta | None:
        if not quiz.time_limit_minutes:
            return None
        minutes = Decimal(quiz.time_limit_minutes) * self.time_factor + self.extra_minutes
        return timedelta(minutes=float(minutes))

    def time_limit_minutes(self, quiz: Quiz) -> int | None:
        limit = self.time_limit(quiz)
        return None if limit is None else round(limit.total_seconds() / 60)

    def not_open_yet(self, now: datetime) -> bool:
        return self.opens_at is not None and now < self.opens_at

    def closed(self, now: datetime) -> bool:
        return self.closes_at is not None and now >= self.closes_at


def _widest(windows: list[tuple[datetime | None, datetime | None]]):
    opens = [start for start, _ in windows]
    closes = [end for _, end in windows]
    return (
        None if None in opens else min(opens),
        None if None in closes else max(closes),
    )


def _enrolled_assignments(student) -> QuerySet[Assignment]:
    return Assignment.objects.filter(school_class__enrolments__student=student)


@dataclass(frozen=True)
class StudentAssignments:
    """What a student's classes assign them, read in one plain query
    (`student_assignments`), for a page that asks several questions of it: the dashboard
    asks which quizzes and modules the student sees and with which access. The filters
    and `quiz_accesses` below take it instead of their subqueries (which cost more CPU to
    build than the queries they save) and apply the same rules to its rows."""

    # (quiz, its close, module, the module's quiz, that quiz's close, opens, closes,
    #  time factor, extra minutes, extra attempts), one row per assignment and class
    rows: tuple[tuple, ...]

    def quiz_ids(self, *, now: datetime, open_only: bool) -> set[int]:
        """The quizzes assigned (directly or as a module's), open at `now` if open_only."""
        ids = set()
        for quiz_id, quiz_closes, _, module_quiz_id, module_quiz_closes, _, closes, *_ in self.rows:
            for assigned, own_close in (
                (quiz_id, quiz_closes),
                (module_quiz_id, module_quiz_closes),
            ):
                if assigned is None:
                    continue
                end = closes or own_close
                if not open_only or end is None or end > now:
                    ids.add(assigned)
        return ids

    def module_ids(self, *, now: datetime) -> set[int]:
        """The modules assigned, from their assignment's opening on."""
        return {
            row[2] for row in self.rows if row[2] is not None and (row[5] is None or row[5] <= now)
        }

    def access_rows(self, quiz_ids) -> list[tuple]:
        """(quiz id, module quiz id, opens, closes, factor, minutes, attempts), as
        `quiz_accesses` reads them, for these quizzes."""
        wanted = set(quiz_ids)
        return [
            (row[0], row[3], *row[5:]) for row in self.rows if row[0] in wanted or row[3] in wanted
        ]


def _student_assignment_rows(*, student_id: int) -> QuerySet[Assignment]:
    return Assignment.objects.filter(school_class__enrolments__student_id=student_id).values_list(
        "quiz_id",
        "quiz__closes_at",
        "module_id",
        "module__quiz_id",
        "module__quiz__closes_at",
        "opens_at",
        "closes_at",
        "school_class__enrolments__time_factor",
        "school_class__enrolments__extra_minutes",
        "school_class__enrolments__extra_attempts",
    )


# The dashboard's first read: compiled once (config/compiled.py).
_STUDENT_ASSIGNMENT_ROWS = CompiledRead(_student_assignment_rows)


def student_assignments(*, user) -> StudentAssignments:
    """The user's assignments through their classes (one query)."""
    return StudentAssignments(rows=tuple(_STUDENT_ASSIGNMENT_ROWS.rows(student_id=user.pk)))


def quiz_accesses(
    *, user, quizzes: list[Quiz], assignments: StudentAssignments | None = None
) -> dict[int, QuizAccess]:
    """The access of `user` to each of `quizzes` they may see, keyed by quiz id (one query,
    none with the user's `assignments` read already)."""
    by_id = {quiz.pk: quiz for quiz in quizzes}
    accesses: dict[int, QuizAccess] = {}
    if not by_id or not user.is_authenticated:
        return accesses
    for quiz in by_id.values():
        if user.is_superuser or quiz.owner_id == user.pk:
            accesses[quiz.pk] = QuizAccess(opens_at=quiz.opens_at, closes_at=quiz.closes_at)
    rest = [quiz_id for quiz_id in by_id if quiz_id not in accesses]
    if not rest:
        return accesses
    if assignments is not None:
        rows = assignments.access_rows(rest)
    else:
        # The quiz intro's and the start's read (one quiz): compiled once per length.
        rows = _ACCESS_ROWS.rows_of_ids(
            rest,
            otherwise=lambda: _access_rows(shape=len(rest), student_id=user.pk, quiz_ids=rest),
            student_id=user.pk,
        )
    grouped: dict[int, list[tuple]] = {}
    for quiz_id, module_quiz_id, opens, closes, factor, minutes, attempts in rows:
        grouped.setdefault(quiz_id or module_quiz_id, []).append(
            (opens, closes, factor, minutes, attempts)
        )
    for quiz_id, found in grouped.items():
        quiz = by_id[quiz_id]
        opens_at, closes_at = _widest(
            [(opens or quiz.opens_at, closes or quiz.closes_at) for opens, closes, *_ in found]
        )
        accesses[quiz_id] = QuizAccess(
            opens_at=opens_at,
            closes_at=closes_at,
            time_factor=max(row[2] for row in found),
            extra_minutes=max(row[3] for row in found),
            extra_attempts=max(row[4] for row in found),
        )
    return accesses


def _access_rows(*, shape: int, student_id: int, quiz_ids=(), **each: int) -> QuerySet:
    ids = list(quiz_ids) or list(each.values())
    return (
        Assignment.objects.filter(school_class__enrolments__student_id=student_id)
        .filter(Q(quiz_id__in=ids) | Q(module__quiz_id__in=ids))
        .values_list(
            "quiz_id",
            "module__quiz_id",
            "opens_at",
            "closes_at",
            "school_class__enrolments__time_factor",
            "school_class__enrolments__extra_minutes",
            "school_class__enrolments__extra_attempts",
        )
    )


_ACCESS_ROWS = CompiledRead(_access_rows)


def quiz_access(*, user, quiz: Quiz) -> QuizAccess | None:
    """`user`'s access to `quiz`, or None when it is not theirs to see (one query at most)."""
    return quiz_accesses(user=user, quizzes=[quiz]).get(quiz.pk)


def quizzes_visible_filter(
    *,
    user,
    now: datetime | None = None,
    open_only: bool = False,
    assignments: StudentAssignments | None = None,
) -> Q:
    """A filter on Quiz for what `user` may see (published or their own), in SQL subqueries
    (or, given the user's `assignments`, the ids they assign).

    `open_only` leaves out quizzes whose window has closed for this user.
    """
    if user.is_superuser:
        return Q(is_published=True) | Q(owner=user)
    now = now or timezone.now()
    own = Q(owner=user)
    if open_only:
        own &= Q(closes_at__isnull=True) | Q(closes_at__gt=now)
    if assignments is not None:
        return quizzes_assigned_filter(
            user=user,
            now=now,
            open_only=open_only,
            quiz_ids=assignments.quiz_ids(now=now, open_only=open_only),
        )
    direct = _enrolled_assignments(user).filter(quiz__isnull=False)
    via_module = _enrolled_assignments(user).filter(module__quiz__isnull=False)
    if open_only:
        direct = direct.annotate(closes=Coalesce("closes_at", "quiz__closes_at")).filter(
            Q(closes__isnull=True) | Q(closes__gt=now)
        )
        via_module = via_module.annotate(
            closes=Coalesce("closes_at", "module__quiz__closes_at")
        ).filter(Q(closes__isnull=True) | Q(closes__gt=now))
    assigned = Q(pk__in=direct.values("quiz_id")) | Q(pk__in=via_module.values("module__quiz_id"))
    return own | Q(is_published=True) & (assigned | _integration_teachers(user))


def quizzes_assigned_filter(*, user, now: datetime, open_only: bool, quiz_ids) -> Q:
    """`quizzes_visible_filter` for a user who is not a superuser, given the ids of the
    quizzes their classes assign them (`StudentAssignments.quiz_ids` at `now`)."""
    own = Q(owner=user)
    if open_only:
        own &= Q(closes_at__isnull=True) | Q(closes_at__gt=now)
    assigned = Q(pk__in=list(quiz_ids))
    return own | Q(is_published=True) & (assigned | _integration_teachers(user))


def _integration_teachers(user) -> Q:
    # A subquery rather than a look at the user's groups, so a page costs no query to learn
    # the role: only an integration account has teachers (and a user has at most one account).
    return Q(
        owner__in=get_user_model().objects.filter(integration_accounts__user=user).values("pk")
    )


def modules_visible_filter(
    *, user, now: datetime | None = None, assignments: StudentAssignments | None = None
) -> Q:
    """A filter on Module for the published modules `user` may see (and their own); given
    the user's `assignments`, with the ids they assign instead of a subquery."""
    if user.is_superuser:
        return Q(is_published=True) | Q(owner=user)
    now = now or timezone.now()
    if assignments is not None:
        return modules_assigned_filter(user=user, module_ids=assignments.module_ids(now=now))
    assigned = (
        _enrolled_assignments(user)
        .filter(module__isnull=False)
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
    )
    return Q(owner=user) | Q(is_published=True) & (
        Q(pk__in=assigned.values("module_id")) | _integration_teachers(user)
    )


def modules_assigned_filter(*, user, module_ids) -> Q:
    """`modules_visible_filter` for a user who is not a superuser, given the ids of the
    modules their classes assign them (`StudentAssignments.module_ids`)."""
    return Q(owner=user) | Q(is_published=True) & (
        Q(pk__in=list(module_ids)) | _integration_teachers(user)
    )


# Classes, for their teachers


def classes_taught(*, teacher) -> QuerySet[SchoolClass]:
    """The classes a teacher owns or co-teaches (every class for a superuser), with counts."""
    classes = SchoolClass.objects.all()
    if not teacher.is_superuser:
        classes = classes.filter(
            pk__in=SchoolClass.objects.filter(Q(owner=teacher) | Q(co_teachers=teacher)).values(
                "pk"
            )
        )
    return classes.select_related("owner").annotate(
        student_count=Count("enrolments", distinct=True),
        assignment_count=Count("assignments", distinct=True),
    )


def classes_for_integration(*, user) -> QuerySet[SchoolClass]:
    """The classes of an integration account's teachers (owned or co-taught)."""
    teachers = user.integration_account.teachers.values("pk")
    return (
        SchoolClass.objects.filter(
            pk__in=SchoolClass.objects.filter(
                Q(owner__in=teachers) | Q(co_teachers__in=teachers)
            ).values("pk")
        )
        .select_related("owner")
        .annotate(
            student_count=Count("enrolments", distinct=True),
            assignment_count=Count("assignments", distinct=True),
        )
    )


def classes_readable(*, user) -> QuerySet[SchoolClass]:
    """The classes whose roster and results `user` may read (teacher or integration)."""
    if is_integration(user):
        return classes_for_integration(user=user)
    if user.is_staff:
        return classes_taught(teacher=user)
    return SchoolClass.objects.none()


def class_detail(*, school_class_id: int, user) -> SchoolClass:
    """One readable class with its enrolments (students) and assignments; raises DoesNotExist."""
    return (
        classes_readable(user=user)
        .prefetch_related(
            Prefetch(
                "enrolments",
                queryset=Enrolment.objects.select_related("student").order_by("student__username"),
            ),
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("quiz", "module__quiz").order_by(
                    "created_at", "id"
                ),
            ),
            "co_teachers",
        )
        .get(pk=school_class_id)
    )


def classes_for_student(*, student) -> QuerySet[SchoolClass]:
    return SchoolClass.objects.filter(enrolments__student=student).select_related("owner")


def class_student_ids(*, school_class: SchoolClass) -> list[int]:
    return list(school_class.enrolments.values_list("student_id", flat=True))


def class_assigned_quiz_ids(*, school_class: SchoolClass) -> set[int]:
    """The quizzes a class is assigned, directly or as the quiz of an assigned module."""
    ids = set()
    for quiz_id, module_quiz_id in school_class.assignments.values_list(
        "quiz_id", "module__quiz_id"
    ):
        ids.add(quiz_id or module_quiz_id)
    ids.discard(None)
    return ids
