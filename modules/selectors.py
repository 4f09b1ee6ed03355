"""Reads of modules, their materials and students' progress, in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    FilteredRelation,
    FloatField,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import NullIf
from django.utils import timezone
from fsrs import Card, Scheduler

from classes.selectors import StudentAssignments, modules_assigned_filter, modules_visible_filter
from config.compiled import CompiledRead
from learning.models import Attempt, ReviewItem
from modules.models import Flashcard, Module, ModuleDocument, ModuleProgress
from modules.services import FLASHCARD_ITEMS
from quizgen.models import Document, Fact

_scheduler = Scheduler()


class Status:
    NOT_STARTED = "not_started"
    STUDYING = "studying"
    QUIZ_PASSED = "quiz_passed"
    COMPLETED = "completed"

    LABELS = {
        NOT_STARTED: "Not started",
        STUDYING: "Studying",
        QUIZ_PASSED: "Quiz passed",
        COMPLETED: "Completed",
    }


@dataclass(frozen=True)
class ModuleSummary:
    """One student's progress in one module.

    `retention` is FSRS's estimate of the share of the module's flashcards the student would
    recall now: the mean retrievability over all the module's cards, a card never reviewed
    counting as 0 (None when the module has no flashcards).
    """

    module: Module
    student_id: int
    status: str
    cards_total: int
    cards_reviewed: int
    cards_due: int
    retention: float | None
    quiz_best: float | None
    quiz_passed: bool
    attempts: int
    started_at: datetime | None
    completed_at: datetime | None

    @property
    def status_label(self) -> str:
        return Status.LABELS[self.status]

    @property
    def retention_percent(self) -> int | None:
        return None if self.retention is None else round(100 * self.retention)

    @property
    def completed(self) -> bool:
        return self.status == Status.COMPLETED


@dataclass(frozen=True)
class QuizResult:
    """A student's submitted attempts at a module's quiz, counted in the database."""

    attempts: int
    best: float | None
    passed: bool


NO_RESULT = QuizResult(attempts=0, best=None, passed=False)

_PERCENT = ExpressionWrapper(
    100.0 * F("score") / NullIf(F("max_score"), 0.0), output_field=FloatField()
)


def _rounded(percent: float | None) -> float | None:
    return None if percent is None else round(percent, 1)


def module_list_published() -> QuerySet[Module]:
    return (
        Module.objects.filter(is_published=True)
        .select_related("quiz", "owner")
        .order_by("-published_at", "-id")
    )


def module_list_visible(*, user, assignments: StudentAssignments | None = None) -> QuerySet[Module]:
    """Published modules assigned to the user's classes (and a teacher's own); see
    `classes.selectors` for who sees what (given the user's `assignments` read already,
    with their ids rather than a subquery)."""
    return module_list_published().filter(
        modules_visible_filter(user=user, assignments=assignments)
    )


def module_get_published(*, module_id: int) -> Module:
    return module_list_published().get(pk=module_id)


def module_list_for_owner(*, owner) -> QuerySet[Module]:
    modules = Module.objects.select_related("quiz", "owner")
    return modules if owner.is_superuser else modules.filter(owner=owner)


def module_documents(*, module: Module) -> list[Document]:
    return [
        row.document
        for row in ModuleDocument.objects.filter(module=module)
        .select_related("document")
        .order_by("position", "id")
    ]


def module_facts(*, documents: Sequence[Document]) -> list[Fact]:
    return list(
        Fact.objects.filter(document__in=[document.pk for document in documents]).order_by(
            "document_id", "start", "id"
        )
    )


def module_flashcards(*, module: Module) -> list[Flashcard]:
    """The module's flashcards students see: not stale, their fact not hidden."""
    return list(
        Flashcard.objects.filter(module=module, stale=False, fact__hidden=False)
        .select_related("fact__document")
        .order_by("position", "id")
    )


def flashcards_due(*, module: Module, student, now: datetime | None = None) -> list[tuple]:
    """(review item, flashcard) pairs of this module due now, most overdue first."""
    moment = now or timezone.now()
    items = list(
        ReviewItem.objects.filter(
            FLASHCARD_ITEMS,
            student=student,
            due__lte=moment,
            object_id__in=Flashcard.objects.filter(
                module=module, stale=False, fact__hidden=False
            ).values("pk"),
        ).order_by("due", "id")
    )
    cards = Flashcard.objects.select_related("fact").in_bulk([item.object_id for item in items])
    return [(item, cards[item.object_id]) for item in items if item.object_id in cards]


def flashcard_for_module(*, module: Module, flashcard_id: int) -> Flashcard:
    return Flashcard.objects.select_related("fact").get(module=module, pk=flashcard_id)


def next_flashcard_due(*, module: Module, student) -> datetime | None:
    item = (
        ReviewItem.objects.filter(
            FLASHCARD_ITEMS,
            student=student,
            object_id__in=Flashcard.objects.filter(
                module=module, stale=False, fact__hidden=False
            ).values("pk"),
        )
        .order_by("due")
        .first()
    )
    return item.due if item else None


def _retrievability(card_state: dict, now: datetime) -> float:
    if not card_state or not card_state.get("last_review"):
        return 0.0
    return float(_scheduler.get_card_retrievability(Card.from_dict(card_state), now))


def module_summaries(
    *, modules: Sequence[Module], student_ids: Iterable[int], now: datetime | None = None
) -> dict[tuple[int, int], ModuleSummary]:
    """Progress of every (module, student) pair, keyed by (module id, student id).

    Four queries whatever the number of modules, students, cards and attempts.
    """
    moment = now or timezone.now()
    student_ids = list(student_ids)
    modules = list(modules)
    if not modules or not student_ids:
        return {}
    cards_by_module: dict[int, set[int]] = defaultdict(set)
    for card_id, module_id in Flashcard.objects.filter(
        module__in=[module.pk for module in modules if module.show_flashcards],
        stale=False,
        fact__hidden=False,
    ).values_list("pk", "module_id"):
        cards_by_module[module_id].add(card_id)
    all_cards = set().union(*cards_by_module.values()) if cards_by_module else set()
    items: dict[tuple[int, int], tuple] = {}
    for student_id, card_id, due, card_state, count in ReviewItem.objects.filter(
        FLASHCARD_ITEMS, student_id__in=student_ids, object_id__in=all_cards
    ).values_list("student_id", "object_id", "due", "card", "review_count"):
        items[(student_id, card_id)] = (due, card_state, count)
    quiz_ids = {module.quiz_id for module in modules if module.quiz_id}
    # Counted in the database: one row per (student, quiz), whatever the number of attempts.
    results = {
        (row["student_id"], row["quiz_id"]): QuizResult(
            attempts=row["attempts"], best=_rounded(row["best"]), passed=row["passed"] > 0
        )
        for row in Attempt.objects.filter(
            student_id__in=student_ids, quiz_id__in=quiz_ids, state=Attempt.State.SUBMITTED
        )
        .values("student_id", "quiz_id")
        .annotate(
            attempts=Count("id"), best=Max(_PERCENT), passed=Count("id", filter=Q(passed=True))
        )
        .order_by()
    }
    progress = {
        (row.module_id, row.student_id): row
        for row in ModuleProgress.objects.filter(
            module__in=[module.pk for module in modules], student_id__in=student_ids
        )
    }
    summaries = {}
    for module in modules:
        cards = cards_by_module.get(module.pk, set())
        for student_id in student_ids:
            states = [items[(student_id, card)] for card in cards if (student_id, card) in items]
            taken = (
                results.get((student_id, module.quiz_id), NO_RESULT)
                if module.quiz_id
                else NO_RESULT
            )
            summaries[(module.pk, student_id)] = _summary(
                module=module,
                student_id=student_id,
                card_count=len(cards),
                states=states,
                taken=taken,
                row=progress.get((module.pk, student_id)),
                now=moment,
            )
    return summaries


def _summary(
    *,
    module: Module,
    student_id: int,
    card_count: int,
    states: list[tuple] | None,
    taken: QuizResult,
    row: ModuleProgress | None,
    now: datetime,
    reviewed: int = 0,
    due: int = 0,
) -> ModuleSummary:
    """Apply the module's completion rule to what the student did (no query). With the
    cards' `states`, their counts and the retention come from them; without (None), from
    `reviewed` and `due`, and the retention is not estimated (None)."""
    retention = None
    if states is not None:
        reviewed = sum(1 for _, _, count in states if count)
        due = sum(1 for when, _, _ in states if when <= now)
        retention = (
            sum(_retrievability(state, now) for _, state, _ in states) / card_count
            if card_count
            else None
        )
    best = taken.best
    passed = taken.passed
    all_reviewed = reviewed >= card_count
    if module.needs_quiz and module.needs_flashcards:
        complete = passed and all_reviewed
    elif module.needs_quiz:
        complete = passed
    else:
        complete = all_reviewed and (row is not None or reviewed > 0)
    if complete:
        status = Status.COMPLETED
    elif passed:
        status = Status.QUIZ_PASSED
    elif row is not None or reviewed or taken.attempts:
        status = Status.STUDYING
    else:
        status = Status.NOT_STARTED
    return ModuleSummary(
        module=module,
        student_id=student_id,
        status=status,
        cards_total=card_count,
        cards_reviewed=reviewed,
        cards_due=due,
        retention=retention,
        quiz_best=best,
        quiz_passed=passed,
        attempts=taken.attempts,
        started_at=row.started_at if row else None,
        completed_at=row.completed_at if row else None,
    )


def module_summary_for_started(
    *,
    module: Module,
    student,
    card_ids: Iterable[int],
    states: dict[int, tuple],
    progress: ModuleProgress,
    now: datetime | None = None,
) -> ModuleSummary:
    """The student's progress from what modules.services.module_start returned: one query
    (the quiz attempts) instead of four."""
    cards = set(card_ids) if module.show_flashcards else set()
    taken = NO_RESULT
    if module.quiz_id:
        row = Attempt.objects.filter(
            student=student, quiz_id=module.quiz_id, state=Attempt.State.SUBMITTED
        ).aggregate(
            attempts=Count("id"), best=Max(_PERCENT), passed=Count("id", filter=Q(passed=True))
        )
        taken = QuizResult(
            attempts=row["attempts"], best=_rounded(row["best"]), passed=row["passed"] > 0
        )
    return _summary(
        module=module,
        student_id=student.pk,
        card_count=len(cards),
        states=[states[card] for card in cards if card in states],
        taken=taken,
        row=progress,
        now=now or timezone.now(),
    )


def _with_progress(modules: QuerySet[Module], *, student_id: int, now: datetime):
    """The modules with the student's progress row and their card counts (due at `now`)."""
    shown = Flashcard.objects.filter(
        module=OuterRef(OuterRef("pk")), stale=False, fact__hidden=False
    )
    items = ReviewItem.objects.filter(
        FLASHCARD_ITEMS, student_id=student_id, object_id__in=shown.values("pk")
    )
    # The student's progress row (one per module and student: "module_progress_once") is
    # joined, not read by three subqueries: simpler SQL, a third of this query's compiling.
    own_progress = FilteredRelation("progress", condition=Q(progress__student_id=student_id))
    return modules.annotate(own_progress=own_progress).annotate(
        progress_id=F("own_progress__id"),
        progress_started=F("own_progress__started_at"),
        progress_completed=F("own_progress__completed_at"),
        card_count=_count(
            Flashcard.objects.filter(module=OuterRef("pk"), stale=False, fact__hidden=False)
        ),
        reviewed_count=_count(items.filter(review_count__gt=0)),
        due_count=_count(items.filter(due__lte=now)),
    )


def _assigned_modules(*, shape: int, student_id: int, now, **module_ids: int) -> QuerySet[Module]:
    # The filter reads only the user's id (not a superuser: they take the other path).
    student = get_user_model()(pk=student_id, is_superuser=False)
    visible = module_list_published().filter(
        modules_assigned_filter(user=student, module_ids=list(module_ids.values()))
    )
    return _with_progress(visible, student_id=student_id, now=now)


# The dashboard's modules (one placeholder per assigned module).
_ASSIGNED_MODULES = CompiledRead(_assigned_modules)


def module_list_for_student(
    *,
    student,
    now: datetime | None = None,
    quiz_attempts: Mapping | None = None,
    assignments: StudentAssignments | None = None,
) -> list[ModuleSummary]:
    """Modules assigned to the student, with their progress in each, newest first.

    For the lists (dashboard, modules page), which show the status, the cards due and the
    quiz's best score but not the retention estimate (None here): one query for the modules
    with the student's progress and card counts, and one for the module quizzes' results,
    unless the caller has them (`quiz_attempts`, from learning.selectors.attempts_by_quiz).
    The dashboard also passes the student's `assignments` (classes.selectors), read once.
    """
    moment = now or timezone.now()
    module_ids = (
        sorted(assignments.module_ids(now=moment))
        if assignments is not None and not student.is_superuser
        else None
    )

    def visible() -> QuerySet[Module]:
        return _with_progress(
            module_list_visible(user=student, assignments=assignments),
            student_id=student.pk,
            now=moment,
        )

    if module_ids is None:
        modules = list(visible())
    else:
        modules = _ASSIGNED_MODULES.all_of_ids(
            module_ids, otherwise=visible, student_id=student.pk, now=moment
        )
    if quiz_attempts is None:
        quiz_ids = {module.quiz_id for module in modules if module.quiz_id}
        results = _quiz_results(student=student, quiz_ids=quiz_ids) if quiz_ids else {}
    else:
        results = {
            quiz_id: QuizResult(attempts=row.submitted, best=row.best, passed=row.passed)
            for quiz_id, row in quiz_attempts.items()
        }
    summaries = []
    for module in modules:
        row = None
        if module.progress_id is not None:
            row = ModuleProgress(
                pk=module.progress_id,
                module=module,
                student_id=student.pk,
                started_at=module.progress_started,
                completed_at=module.progress_completed,
            )
        cards = module.card_count if module.show_flashcards else 0
        summaries.append(
            _summary(
                module=module,
                student_id=student.pk,
                card_count=cards,
                states=None,
                taken=results.get(module.quiz_id, NO_RESULT) if module.quiz_id else NO_RESULT,
                row=row,
                now=moment,
                reviewed=module.reviewed_count if cards else 0,
                due=module.due_count if cards else 0,
            )
        )
    return summaries


def _quiz_results(*, student, quiz_ids) -> dict[int, QuizResult]:
    return {
        row["quiz_id"]: QuizResult(
            attempts=row["attempts"], best=_rounded(row["best"]), passed=row["passed"] > 0
        )
        for row in Attempt.objects.filter(
            student=student, quiz_id__in=list(quiz_ids), state=Attempt.State.SUBMITTED
        )
        .values("quiz_id")
        .annotate(
            attempts=Count("id"), best=Max(_PERCENT), passed=Count("id", filter=Q(passed=True))
        )
        .order_by()
    }


def _count(queryset: QuerySet) -> Subquery:
    """The number of rows of `queryset`, as a subquery (a COUNT with no GROUP BY)."""
    return Subquery(
        queryset.order_by().annotate(rows=Func(F("pk"), function="COUNT")).values("rows"),
        output_field=IntegerField(),
    )


def module_progress_for_student(
    *, module: Module, student, now: datetime | None = None
) -> ModuleSummary:
    return module_summaries(modules=[module], student_ids=[student.pk], now=now)[
        (module.pk, student.pk)
    ]


def module_class_students(*, module: Module, school_class=None) -> list:
    """The students of a class, or, without one, everyone who started the module or took
    its quiz."""
    users = get_user_model().objects.order_by("username")
    if school_class is not None:
        return list(users.filter(enrolments__school_class=school_class))
    started = Q(module_progress__module=module)
    if module.quiz_id:
        started |= Q(attempts__quiz_id=module.quiz_id)
    return list(users.filter(started).distinct())


def module_class_progress(
    *, module: Module, students: Sequence, now: datetime | None = None
) -> list[tuple]:
    """(student, summary) rows for a teacher's class view and its CSV."""
    summaries = module_summaries(
        modules=[module], student_ids=[student.pk for student in students], now=now
    )
    return [(student, summaries[(module.pk, student.pk)]) for student in students]
