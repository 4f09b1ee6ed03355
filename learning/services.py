"""The one path for every change to quizzes and attempts."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, FilteredRelation, Max, Model, Q, QuerySet
from django.utils import timezone
from fsrs import Card, Rating, Scheduler

from classes.selectors import QuizAccess, quiz_access
from config.compiled import CompiledRead
from learning.answer_input import answer_validate
from learning.forms import answers_from_post, posted_question_ids, question_fields
from learning.matching import DocumentKeys
from learning.models import (
    REVIEW_FIELDS,
    Attempt,
    Quiz,
    QuizQuestion,
    Regrade,
    Response,
    ReviewItem,
    ReviewLog,
    review_fields_for_mode,
)
from learning.scoring import is_empty, mark_answer
from learning.selectors import attempt_entries
from lti.grades import score_passbacks_request
from quizgen.models import Question

QUIZ_NOT_PUBLISHED = "This quiz is not published yet."
QUIZ_NOT_ASSIGNED = "This quiz is not assigned to any of your classes."
QUIZ_NOT_OPEN = "This quiz opens on {opens}."
QUIZ_CLOSED = "This quiz closed on {closes}."
NO_ATTEMPTS_LEFT = "You have used all {count} attempts allowed for this quiz."
QUIZ_EMPTY = "A quiz needs at least one question before it can be published."
UNAPPROVED_QUESTIONS = "These questions are not approved yet: {questions}."
DEFECTIVE_QUESTIONS = "These questions have defects to fix first: {questions}."
QUESTION_NOT_IN_QUIZ = "That question is not part of this quiz."
ATTEMPT_SUBMITTED = "This attempt was already submitted; answers can no longer change."
INVALID_RATING = "Rate the review with Again, Hard, Good or Easy."
ANSWERS_HIDDEN_DURING_ATTEMPT = (
    "Correct answers are hidden while you have an attempt of this quiz in progress; "
    "they show again once you submit it."
)
ANSWERS_AFTER_CLOSE = "Correct answers are shown after the quiz closes on {date}."
ANSWERS_LATER = "Correct answers are shown from {minutes} minutes after you submit; come back then."
ANSWERS_NOT_SHOWN = "Correct answers are not shown for this quiz."
ATTEMPT_EXPIRED = "Time is up for this attempt: it was submitted with the answers saved in time."
ANSWER_CHECKED = "You already checked this answer, so it can no longer change."
NOTHING_TO_CHECK = "Give an answer before checking it."
CHECKING_NOT_ALLOWED = "This quiz shows whether an answer is right only after submission."
LATE_ANSWERS_REFUSED = (
    "Time was up before these answers arrived, so they were not saved. "
    "The attempt was submitted with the answers saved in time."
)


def _describe(questions: Iterable[Question]) -> str:
    return "; ".join(f"#{question.pk} “{question.prompt[:60]}”" for question in questions)


@transaction.atomic
def quiz_create(
    *,
    owner: AbstractBaseUser,
    title: str,
    questions: Iterable[Question] = (),
    **settings: Any,
) -> Quiz:
    mode = settings.get("review_mode", Quiz.ReviewMode.AFTER_SUBMISSION)
    settings = {**review_fields_for_mode(mode), **settings}
    quiz = Quiz(owner=owner, title=title, **settings)
    quiz.full_clean()
    quiz.save()
    quiz_add_questions(quiz=quiz, questions=questions)
    return quiz


def _refuse_foreign_questions(*, quiz: Quiz, questions: list[Question]) -> None:
    """Questions must come from the quiz owner's documents (a superuser's quiz may use any)."""
    if not questions or quiz.owner.is_superuser:
        return
    owners = dict(
        Question.objects.filter(pk__in=[q.pk for q in questions]).values_list(
            "pk", "document__owner_id"
        )
    )
    foreign = [q for q in questions if owners.get(q.pk) != quiz.owner_id]
    if foreign:
        raise ValidationError(
            QUIZ_FOREIGN_QUESTIONS.format(questions=_describe(foreign)), code="foreign"
        )


@transaction.atomic
def quiz_add_questions(*, quiz: Quiz, questions: Iterable[Question]) -> Quiz:
    """Append `questions` (those not already in the quiz) at the end, in this order.

    Like `quiz_set_questions`: only the owner's questions, a published quiz takes only
    approved ones, and once students have attempted the quiz no question can be added.
    """
    questions = list(questions)
    present = set(quiz.quiz_questions.values_list("question_id", flat=True))
    if any(q.pk not in present for q in questions) and quiz.attempts.exists():
        raise ValidationError(QUIZ_HAS_ATTEMPTS, code="has_attempts")
    _refuse_foreign_questions(quiz=quiz, questions=[q for q in questions if q.pk not in present])
    position = (quiz.quiz_questions.aggregate(top=Max("position"))["top"] or 0) + 1
    for question in questions:
        if question.pk in present:
            continue
        if quiz.is_published and question.status != Question.Status.APPROVED:
            raise ValidationError(UNAPPROVED_QUESTIONS.format(questions=_describe([question])))
        QuizQuestion.objects.create(quiz=quiz, question=question, position=position)
        present.add(question.pk)
        position += 1
    return quiz


@transaction.atomic
def quiz_publish(*, quiz: Quiz) -> Quiz:
    """Publish `quiz`; refuses a quiz with no questions or with unapproved or defective ones."""
    questions = list(quiz.questions.order_by("quiz_entries__position"))
    if not questions:
        raise ValidationError(QUIZ_EMPTY, code="empty")
    unapproved = [q for q in questions if q.status != Question.Status.APPROVED]
    if unapproved:
        raise ValidationError(UNAPPROVED_QUESTIONS.format(questions=_describe(unapproved)))
    defective = [q for q in questions if q.defects]
    if defective:
        raise ValidationError(DEFECTIVE_QUESTIONS.format(questions=_describe(defective)))
    quiz.is_published = True
    quiz.published_at = quiz.published_at or timezone.now()
    quiz.save(update_fields=["is_published", "published_at", "updated_at"])
    return quiz


def _check_open(quiz: Quiz, access: QuizAccess | None) -> None:
    now = timezone.now()
    if not quiz.is_published:
        raise ValidationError(QUIZ_NOT_PUBLISHED, code="not_published")
    if access is None:
        raise ValidationError(QUIZ_NOT_ASSIGNED, code="not_assigned")
    if access.not_open_yet(now):
        raise ValidationError(QUIZ_NOT_OPEN.format(opens=access.opens_at), code="not_open")
    if access.closed(now):
        raise ValidationError(QUIZ_CLOSED.format(closes=access.closes_at), code="closed")


def attempt_start(
    *, quiz: Quiz, student: AbstractBaseUser, access: QuizAccess | None = None
) -> Attempt:
    """Resume the student's attempt in progress, or start a new one.

    The student's window, attempt limit and time limit come from their classes'
    assignments and accommodations (`classes.selectors.quiz_access`); the deadline never
    passes the close of their window. A caller that has just read the student's access
    (the quiz page's `selectors.quiz_for_student`) passes it as `access`, so it is not
    read twice in one request.
    """
    try:
        # No savepoint of its own around the INSERT (two queries less): a second tab
        # starting at the same moment makes the INSERT fail a unique constraint, which
        # rolls this block back, and the attempt that tab made is used.
        with transaction.atomic():
            return _attempt_start(quiz=quiz, student=student, access=access)
    except IntegrityError:
        return Attempt.objects.get(quiz=quiz, student=student, state=Attempt.State.IN_PROGRESS)


# The aggregate as a grouped values_list (one row, or none before the first attempt):
# compiled once (config/compiled.py).
_USED_AND_CURRENT = CompiledRead(
    lambda *, quiz_id, student_id: (
        Attempt.objects.filter(quiz_id=quiz_id, student_id=student_id)
        .order_by()
        .values("quiz_id")
        .annotate(used=Count("id"), current=Max("id", filter=Q(state=Attempt.State.IN_PROGRESS)))
        .values_list("used", "current")
    )
)


def _attempt_start(*, quiz: Quiz, student: AbstractBaseUser, access: QuizAccess | None) -> Attempt:
    # One query: the attempts used and the one in progress, if any (the unique constraint
    # "attempt_one_in_progress" keeps it to one; no row lock is needed to read it: a
    # concurrent start is refused by the constraints, and submitting takes its own lock).
    rows = _USED_AND_CURRENT.rows(quiz_id=quiz.pk, student_id=student.pk)
    used, current_id = rows[0] if rows else (0, None)
    if current_id is not None:
        current = Attempt.objects.get(pk=current_id)
        if not attempt_expire_if_due(attempt=current):
            return current
    if access is None:
        access = quiz_access(user=student, quiz=quiz)
    _check_open(quiz, access)
    limit = access.attempt_limit(quiz)
    if limit and used >= limit:
        raise ValidationError(NO_ATTEMPTS_LEFT.format(count=limit), code="no_attempts_left")
    now = timezone.now()
    time_limit = access.time_limit(quiz)
    deadline = now + time_limit if time_limit else None
    if access.closes_at and (deadline is None or access.closes_at < deadline):
        deadline = access.closes_at
    return Attempt.objects.create(
        quiz=quiz,
        student=student,
        number=used + 1,
        seed=random.SystemRandom().randrange(1, 2**31),
        started_at=now,
        deadline=deadline,
    )


def attempt_expire_if_due(*, attempt: Attempt) -> bool:
    """Submit an attempt whose deadline has passed; returns whether it did."""
    if attempt_is_late(attempt=attempt):
        attempt_submit(attempt=attempt)
        return True
    return False


def response_check(*, attempt: Attempt, question_id: int, answer: Any = None) -> Response:
    """Immediate feedback: save (when given) and score one answer, which then no longer changes.

    Only for quizzes whose review mode is "immediately"; an already checked answer is returned
    as it was.
    """
    if attempt.quiz.review_mode != Quiz.ReviewMode.IMMEDIATELY:
        raise ValidationError(CHECKING_NOT_ALLOWED, code="no_checking")
    if not attempt.quiz.quiz_questions.filter(question_id=question_id).exists():
        raise ValidationError(QUESTION_NOT_IN_QUIZ, code="not_in_quiz")
    answers = {} if answer is None else {int(question_id): answer}
    try:
        with transaction.atomic():
            # One lock for the save and the check, so a submission cannot slip in between.
            locked = _save_answers(attempt=attempt, answers=answers, page=None)
            response, _ = Response.objects.select_related("question").get_or_create(
                attempt=locked, question_id=int(question_id)
            )
            if response.checked_at is None:
                if is_empty(response.answer):
                    raise ValidationError(NOTHING_TO_CHECK, code="empty")
                mark = mark_answer(response.question, response.answer)
                response.score, response.accepted_as = mark.score, mark.note
                response.checked_at = timezone.now()
                response.save(update_fields=["score", "accepted_as", "checked_at", "saved_at"])
            return response
    except _TimeIsUp:
        attempt_submit(attempt=attempt)
        raise ValidationError(ATTEMPT_EXPIRED, code="expired") from None


class _TimeIsUp(Exception):
    pass


def attempt_save_answers(
    *, attempt: Attempt, answers: Mapping[int, Any], page: int | None = None
) -> Attempt:
    """Save answers (question id -> answer) to an attempt in progress.

    `page` records where a one-question-per-page attempt stands, so the student resumes there.
    Answers arriving after the deadline are refused: the attempt is submitted with what was
    saved in time and ATTEMPT_EXPIRED is raised.
    """
    try:
        with transaction.atomic():
            return _save_answers(attempt=attempt, answers=answers, page=page)
    except _TimeIsUp:
        # The late answers are dropped; the submission with what was saved is kept.
        attempt_submit(attempt=attempt)
        raise ValidationError(ATTEMPT_EXPIRED, code="expired") from None


def _locked_attempt(
    attempt: Attempt, *related: str, student: AbstractBaseUser | None = None
) -> Attempt:
    """The attempt's row locked for this transaction, with its quiz (and `related`). Only the
    attempt's row is locked (FOR UPDATE OF): locking the quiz row too made every student of
    a quiz wait on each other's saves. With `student`, only that student's attempt is found."""
    attempts = Attempt.objects.select_for_update(of=("self",)).select_related("quiz", *related)
    if student is not None:
        attempts = attempts.filter(student=student)
    return attempts.get(pk=attempt.pk)


def attempt_save_form(
    *, attempt_id: int, student: AbstractBaseUser, form: Mapping[str, str]
) -> Attempt:
    """The autosave: save the answers of the question fields in `form` (a posted form, see
    `learning.forms`) to the student's attempt in progress.

    Three queries: the attempt's row, locked (Attempt.DoesNotExist for another student's
    attempt); the posted questions that are in its quiz, with what their fields need and
    the attempt's saved responses to them; the write. Fields of questions not in the quiz
    are ignored. Refusals as `attempt_save_answers`.
    """
    try:
        with transaction.atomic():
            locked = _lock_in_progress(attempt_id=attempt_id, student=student)
            questions = _posted_questions(attempt=locked, question_ids=posted_question_ids(form))
            answers = answers_from_post(
                form, [question_fields(question) for question in questions.values()]
            )
            _write_answers(attempt=locked, questions=questions, answers=answers)
            return locked
    except _TimeIsUp:
        attempt_submit(attempt=Attempt(pk=attempt_id))
        raise ValidationError(ATTEMPT_EXPIRED, code="expired") from None


def _attempt_to_lock(*, shape: str, attempt_id: int, student_id: int = 0) -> QuerySet[Attempt]:
    attempts = Attempt.objects.select_for_update().filter(pk=attempt_id)
    return attempts.filter(student_id=student_id) if shape == "student's" else attempts


# Every autosave and submit locks the attempt: compiled once (config/compiled.py).
_LOCKED_ATTEMPT = CompiledRead(_attempt_to_lock)


def _lock_in_progress(*, attempt_id: int, student: AbstractBaseUser | None = None) -> Attempt:
    """The attempt's row only, locked for this transaction (its quiz is not read: saving
    does not need it), refused once submitted or past its deadline."""
    if student is None:
        locked = _LOCKED_ATTEMPT.one(shape="any", attempt_id=int(attempt_id))
    else:
        locked = _LOCKED_ATTEMPT.one(
            shape="student's", attempt_id=int(attempt_id), student_id=student.pk
        )
    if locked.state != Attempt.State.IN_PROGRESS:
        raise ValidationError(ATTEMPT_SUBMITTED, code="submitted")
    if locked.deadline is not None and timezone.now() >= locked.deadline:
        raise _TimeIsUp
    return locked


def _posted_questions(*, attempt: Attempt, question_ids: Iterable[int]) -> dict[int, Question]:
    """The attempt's quiz's questions among `question_ids` (others are left out), keyed by
    id, in one query (none with no id): only the columns that reading and checking an answer
    need (kind, options, answer), and as `saved_id`, `saved_answer` and `saved_checked_at`
    the attempt's response to each (None without one)."""
    ids = sorted({int(question_id) for question_id in question_ids})
    if not ids:
        return {}
    if len(ids) <= _COMPILED_POSTS:
        # The SQL has one placeholder per id: one compiled read per number of ids.
        questions = _POSTED_QUESTIONS.all(
            shape=len(ids),
            quiz_id=attempt.quiz_id,
            attempt_id=attempt.pk,
            **{f"question_{n}": question_id for n, question_id in enumerate(ids)},
        )
    else:
        questions = _posted_questions_of(
            shape=len(ids), quiz_id=attempt.quiz_id, attempt_id=attempt.pk, ids=ids
        )
    return {question.pk: question for question in questions}


def _posted_questions_of(
    *, shape: int, quiz_id: int, attempt_id: int, ids=(), **question_ids: int
) -> QuerySet[Question]:
    saved = FilteredRelation("responses", condition=Q(responses__attempt_id=attempt_id))
    return (
        Question.objects.filter(
            pk__in=list(ids) or list(question_ids.values()), quiz_entries__quiz_id=quiz_id
        )
        .annotate(saved=saved)
        .annotate(
            saved_id=F("saved__id"),
            saved_answer=F("saved__answer"),
            saved_checked_at=F("saved__checked_at"),
        )
        .only("id", "kind", "options", "answer")
        .order_by()
    )


# An autosave posts the question just answered (the page with all questions, a few more).
_COMPILED_POSTS = 3
_POSTED_QUESTIONS = CompiledRead(_posted_questions_of)


def _write_answers(
    *, attempt: Attempt, questions: Mapping[int, Question], answers: Mapping[int, Any]
) -> None:
    """Store `answers` of the `_posted_questions`: new responses in one INSERT, changed ones
    in one UPDATE; an answer equal to the saved one is not written again."""
    for question_id, answer in answers.items():
        if int(question_id) not in questions:
            raise ValidationError(QUESTION_NOT_IN_QUIZ, code="not_in_quiz")
        # Nothing is stored that a page could not show again (see learning.answer_input).
        answer_validate(answer)
    changed, created = [], []
    for question_id, answer in answers.items():
        question = questions[int(question_id)]
        if question.saved_id is None:
            created.append(Response(attempt=attempt, question_id=question.pk, answer=answer))
            continue
        if question.saved_checked_at is not None:
            if question.saved_answer != answer:
                raise ValidationError(ANSWER_CHECKED, code="checked")
            continue
        if question.saved_answer != answer:
            changed.append(
                Response(
                    pk=question.saved_id, attempt=attempt, question_id=question.pk, answer=answer
                )
            )
    if created:
        Response.objects.bulk_create(created)
    now = timezone.now()
    if len(changed) == 1:
        # One answer (an autosave): a plain UPDATE, simpler to build than bulk_update's CASE.
        Response.objects.filter(pk=changed[0].pk).update(answer=changed[0].answer, saved_at=now)
    elif changed:
        for response in changed:
            response.saved_at = now
        Response.objects.bulk_update(changed, ["answer", "saved_at"])


def _save_answers(*, attempt: Attempt, answers: Mapping[int, Any], page: int | None) -> Attempt:
    # Saving needs the attempt's own row only: its quiz's columns (26 of them) are not read
    # again here, which is a good part of an autosave's CPU.
    locked = _lock_in_progress(attempt_id=attempt.pk)
    # Only the posted questions are looked up (not every question of the quiz), with the
    # attempt's responses to them, and with nothing posted (a page turned) nothing is.
    questions = _posted_questions(attempt=locked, question_ids=answers)
    _write_answers(attempt=locked, questions=questions, answers=answers)
    if page is not None and page != locked.current_page:
        locked.current_page = page
        locked.save(update_fields=["current_page"])
    return locked


def attempt_submit(*, attempt: Attempt, answers: Mapping[int, Any] | None = None) -> Attempt:
    """Score and close an attempt. Submitting twice scores once and returns the same result.

    Answers given with a late submission are not saved (the attempt is scored with what was
    saved in time). Every question not answered fully right goes into the student's review
    queue, due at once.
    """
    with transaction.atomic():
        # With the student, whose review queue receives the mistakes (one query less).
        locked = _locked_attempt(attempt, "student")
        if locked.state == Attempt.State.SUBMITTED:
            return locked
        late = locked.deadline is not None and timezone.now() >= locked.deadline
        if answers and not late:
            _save_answers(attempt=locked, answers=answers, page=None)
        return _submit_locked(locked)


def attempt_submit_for_student(
    *, attempt_id: int, student: AbstractBaseUser
) -> tuple[Attempt, bool]:
    """The student's "Submit" (Attempt.DoesNotExist for another student's attempt): the
    attempt is read once, locked, and scored as `attempt_submit` does. Returns it and
    whether this submission came after its deadline (it was scored with what was saved in
    time); an attempt submitted before is returned as it is, with False."""
    with transaction.atomic():
        locked = _locked_attempt(Attempt(pk=attempt_id), "student", student=student)
        if locked.state == Attempt.State.SUBMITTED:
            return locked, False
        late = locked.deadline is not None and timezone.now() >= locked.deadline
        return _submit_locked(locked), late


def attempt_is_late(*, attempt: Attempt) -> bool:
    return (
        attempt.state == Attempt.State.IN_PROGRESS
        and attempt.deadline is not None
        and timezone.now() >= attempt.deadline
    )


def _submit_locked(locked: Attempt) -> Attempt:
    now = timezone.now()
    late = locked.deadline is not None and now >= locked.deadline
    # The entries with the attempt's responses joined: one query.
    entries = attempt_entries(attempt=locked)
    total = 0.0
    maximum = 0.0
    keys = DocumentKeys()
    to_create, to_update, mistakes = [], [], []
    for entry in entries:
        response = entry.response
        if response is None:
            response = Response(attempt=locked, question=entry.question, answer=None)
            to_create.append(response)
        else:
            to_update.append(response)
        if response.overridden_by_id is None:
            mark = mark_answer(entry.question, response.answer, keys=keys)
            response.score, response.accepted_as = mark.score, mark.note
        total += response.score * entry.points
        maximum += entry.points
        if response.score < 1.0:
            mistakes.append(entry.question)
    Response.objects.bulk_create(to_create)
    Response.objects.bulk_update(to_update, ["score", "accepted_as"])
    locked.state = Attempt.State.SUBMITTED
    locked.submitted_at = min(now, locked.deadline) if late and locked.deadline else now
    locked.score = total
    locked.max_score = maximum
    locked.passed = _passed(score=total, max_score=maximum, pass_mark=locked.quiz.pass_mark)
    locked.save()
    # Explicitly, not through a signal: the mistakes of this attempt enter the review queue.
    review_items_add_mistakes(student=locked.student, questions=mistakes, now=now)
    # The score goes to the LMS's gradebook when the quiz was opened from a graded link.
    score_passbacks_request(attempts=[locked])
    return locked


def _passed(*, score: float, max_score: float, pass_mark: int) -> bool:
    # A small slack so that 0.1 + 0.2 of 0.6 points is the half it is meant to be.
    return max_score > 0 and 100 * score / max_score >= pass_mark - 1e-9


def attempts_expire_overdue(
    *, student: AbstractBaseUser | None = None, quiz: Quiz | None = None
) -> int:
    """Submit the attempts (of a student, or of a quiz) whose time is up, with what was saved.

    Returns how many. Called by the pages that list attempts, so an abandoned attempt is
    scored as soon as anyone looks at it.
    """
    overdue = Attempt.objects.filter(state=Attempt.State.IN_PROGRESS, deadline__lte=timezone.now())
    if student is not None:
        overdue = overdue.filter(student=student)
    if quiz is not None:
        overdue = overdue.filter(quiz=quiz)
    overdue = list(overdue.values_list("pk", flat=True))
    for attempt_id in overdue:
        attempt_submit(attempt=Attempt(pk=attempt_id))
    return len(overdue)


# Spaced review (FSRS). Quiz mistakes and module flashcards share one queue per student.

_scheduler = Scheduler()


def review_item_add(
    *, student: AbstractBaseUser, item: Model, source: str, now: datetime | None = None
) -> ReviewItem:
    """Put `item` (a Question or a flashcard) in the student's review queue, due now.

    An item already queued is made due again (a new mistake on it), keeping its history.
    """
    moment = now or timezone.now()
    content_type = ContentType.objects.get_for_model(item, for_concrete_model=False)
    review_item, created = ReviewItem.objects.get_or_create(
        student=student,
        content_type=content_type,
        object_id=item.pk,
        defaults={"source": source, "card": Card(due=moment).to_dict(), "due": moment},
    )
    if not created and review_item.due > moment:
        review_item.due = moment
        review_item.save(update_fields=["due"])
    return review_item


def review_items_add_mistakes(
    *, student: AbstractBaseUser, questions: Iterable[Question], now: datetime | None = None
) -> None:
    """`review_item_add` for many questions at once, in a fixed number of queries."""
    questions = list(questions)
    if not questions:
        return
    moment = now or timezone.now()
    content_type = ContentType.objects.get_for_model(Question)
    ids = {question.pk for question in questions}
    existing = set(
        ReviewItem.objects.filter(
            student=student, content_type=content_type, object_id__in=ids
        ).values_list("object_id", flat=True)
    )
    ReviewItem.objects.filter(
        student=student, content_type=content_type, object_id__in=existing, due__gt=moment
    ).update(due=moment)
    ReviewItem.objects.bulk_create(
        [
            ReviewItem(
                student=student,
                source=ReviewItem.Source.MISTAKE,
                content_type=content_type,
                object_id=question_id,
                card=Card(due=moment).to_dict(),
                due=moment,
            )
            for question_id in sorted(ids - existing)
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def review_record(
    *, review_item: ReviewItem, rating: int, now: datetime | None = None
) -> ReviewItem:
    """Record one review (1 Again, 2 Hard, 3 Good, 4 Easy) and reschedule with FSRS."""
    if rating not in ReviewLog.Rating.values:
        raise ValidationError(INVALID_RATING, code="invalid_rating")
    moment = now or timezone.now()
    locked = ReviewItem.objects.select_for_update().get(pk=review_item.pk)
    card = Card.from_dict(locked.card) if locked.card else Card(due=locked.due)
    card, _log = _scheduler.review_card(card, Rating(rating), review_datetime=moment)
    due_before = locked.due
    locked.card = card.to_dict()
    locked.due = card.due
    locked.last_reviewed_at = moment
    locked.review_count += 1
    locked.save()
    ReviewLog.objects.create(
        review_item=locked,
        rating=rating,
        reviewed_at=moment,
        due_before=due_before,
        due_after=locked.due,
    )
    return locked


# Quiz building (teachers)

QUIZ_UNKNOWN_SETTING = "“{name}” is not a quiz setting."
QUIZ_DUPLICATE_QUESTION = "A question can appear only once in a quiz: {questions}."
QUIZ_HAS_ATTEMPTS = (
    "Students have already attempted this quiz, so its questions can no longer change. "
    "Create a new quiz instead."
)
QUIZ_POINTS_RANGE = "A question is worth from 0 to 100 points."
QUIZ_FOREIGN_QUESTIONS = "These questions come from another teacher's documents: {questions}."

QUIZ_SETTINGS = frozenset(
    {
        "title",
        "description",
        "max_attempts",
        "time_limit_minutes",
        "pass_mark",
        "shuffle_questions",
        "shuffle_options",
        "review_mode",
        "layout",
        "opens_at",
        "closes_at",
        *REVIEW_FIELDS,
    }
)


@transaction.atomic
def quiz_update(*, quiz: Quiz, by: AbstractBaseUser | None = None, **fields: Any) -> Quiz:
    """Change a quiz's settings (any of QUIZ_SETTINGS); publishing has its own services.

    A new pass mark regrades the submitted attempts (passed or not), recorded as done `by`.
    """
    for name in fields:
        if name not in QUIZ_SETTINGS:
            raise ValidationError(QUIZ_UNKNOWN_SETTING.format(name=name), code="unknown_setting")
    pass_mark_before = quiz.pass_mark
    mode = fields.get("review_mode", quiz.review_mode)
    if mode != quiz.review_mode:
        # A new review mode sets the review options it stands for; options given in the
        # same change win.
        given = {name: fields[name] for name in REVIEW_FIELDS if name in fields}
        fields = {**fields, **review_fields_for_mode(mode), **given}
    for name, value in fields.items():
        setattr(quiz, name, value)
    quiz.full_clean()
    quiz.save()
    if quiz.pass_mark != pass_mark_before and quiz.attempts.exists():
        quiz_regrade(
            quiz=quiz,
            by=by,
            reason=REGRADE_PASS_MARK.format(before=pass_mark_before, after=quiz.pass_mark),
        )
    return quiz


@transaction.atomic
def quiz_set_questions(
    *,
    quiz: Quiz,
    questions: Iterable[Question],
    points: Mapping[int, float] | None = None,
    by: AbstractBaseUser | None = None,
) -> Quiz:
    """Make `questions`, in this order, the quiz's questions (positions 1, 2, ...).

    A published quiz keeps only approved, defect-free questions; once students have attempted
    a quiz its questions can be reordered but not added or removed. Questions must come from
    the quiz owner's documents (a superuser's quiz may use any). `points` (question id ->
    points, 0 to 100) sets what questions are worth; questions not named keep theirs (1 when
    new). New points on an attempted quiz regrade its attempts, recorded as done `by`.
    """
    ordered = list(questions)
    points = {int(key): float(value) for key, value in (points or {}).items()}
    bad_points = [value for value in points.values() if not 0 <= value <= 100]
    if bad_points:
        raise ValidationError(QUIZ_POINTS_RANGE, code="points")
    seen: set[int] = set()
    duplicates = []
    for question in ordered:
        if question.pk in seen:
            duplicates.append(question)
        seen.add(question.pk)
    if duplicates:
        raise ValidationError(
            QUIZ_DUPLICATE_QUESTION.format(questions=_describe(duplicates)), code="duplicate"
        )
    current_points = dict(
        quiz.quiz_questions.order_by("position", "id").values_list("question_id", "points")
    )
    current = list(current_points)
    new_points = {
        question.pk: points.get(question.pk, current_points.get(question.pk, 1.0))
        for question in ordered
    }
    points_changed = any(
        new_points[question_id] != current_points[question_id]
        for question_id in current
        if question_id in new_points
    )
    if current == [question.pk for question in ordered] and not points_changed:
        return quiz
    # Reordering is harmless once students have answered; changing the set is not.
    if set(current) != seen and quiz.attempts.exists():
        raise ValidationError(QUIZ_HAS_ATTEMPTS, code="has_attempts")
    _refuse_foreign_questions(quiz=quiz, questions=[q for q in ordered if q.pk not in current])
    if quiz.is_published:
        unapproved = [q for q in ordered if q.status != Question.Status.APPROVED]
        if unapproved:
            raise ValidationError(
                UNAPPROVED_QUESTIONS.format(questions=_describe(unapproved)), code="unapproved"
            )
        defective = [q for q in ordered if q.defects]
        if defective:
            raise ValidationError(
                DEFECTIVE_QUESTIONS.format(questions=_describe(defective)), code="defective"
            )
        if not ordered:
            raise ValidationError(QUIZ_EMPTY, code="empty")
    quiz.quiz_questions.all().delete()
    QuizQuestion.objects.bulk_create(
        QuizQuestion(
            quiz=quiz, question=question, position=position, points=new_points[question.pk]
        )
        for position, question in enumerate(ordered, start=1)
    )
    if points_changed and quiz.attempts.exists():
        changed = [
            f"#{question_id} {current_points[question_id]:g} → {new_points[question_id]:g}"
            for question_id in current
            if new_points[question_id] != current_points[question_id]
        ]
        quiz_regrade(quiz=quiz, by=by, reason=REGRADE_POINTS.format(changes=", ".join(changed)))
    return quiz


QUIZ_COPY_TITLE = "Copy of {title}"


@transaction.atomic
def quiz_duplicate(*, quiz: Quiz, owner: AbstractBaseUser) -> Quiz:
    """A new, unpublished quiz with the same settings and questions, in the same order and
    with the same points."""
    settings = {name: getattr(quiz, name) for name in QUIZ_SETTINGS if name != "title"}
    copy = quiz_create(
        owner=owner, title=QUIZ_COPY_TITLE.format(title=quiz.title)[:300], **settings
    )
    entries = list(quiz.quiz_questions.select_related("question"))
    return quiz_set_questions(
        quiz=copy,
        questions=[entry.question for entry in entries],
        points={entry.question_id: entry.points for entry in entries},
    )


QUIZ_DELETE_HAS_ATTEMPTS = (
    "Students have attempted this quiz, so it stays as their record: unpublish it instead."
)


@transaction.atomic
def quiz_delete(*, quiz: Quiz) -> None:
    """Delete a quiz no student has attempted (an attempted one is unpublished, not deleted)."""
    if quiz.attempts.exists():
        raise ValidationError(QUIZ_DELETE_HAS_ATTEMPTS, code="quiz_has_attempts")
    quiz.delete()


@transaction.atomic
def quiz_unpublish(*, quiz: Quiz) -> Quiz:
    """Hide a quiz from students again; attempts already made are kept."""
    quiz.is_published = False
    quiz.save(update_fields=["is_published", "updated_at"])
    return quiz


# Making a quiz in a minute: the selection rule (the admin's "Make a quiz" and the API)

QUIZ_NOTHING_TO_PICK = "“{document}” has no question without defects to make a quiz from."
QUIZ_PICK_SAME_FACT = "These questions ask about the same fact, so keep one of them: {questions}."
QUIZ_PICK_GIVES_AWAY = "#{giver} “{prompt}” gives away the answer of #{given}: keep one of them."
QUIZ_PICK_NOT_OFFERED = (
    "These questions are rejected, stale or defective, so they cannot go into a quiz: {questions}."
)
QUIZ_PICK_EMPTY = "Choose at least one question for the quiz."
QUIZ_PICK_DEFAULT = 10
# What the pick page says about the pick (quiz_pick_summary).
QUIZ_PICK_FOUND = "{picked} of the {count} questions asked for were found."
QUIZ_PICK_TOPPED_UP = (
    "Only {preferred} approved or recommended questions are on distinct facts, so {others} "
    "more were drawn from the document's other questions without defects."
)
QUIZ_PICK_FEW_FACTS = (
    "Fewer than asked: the document's questions without defects are about {facts} distinct "
    "facts, and a quiz asks about each fact once."
)
QUIZ_PICK_FEW_CLASHES = (
    "Fewer than asked: every other question without defects is about a fact already asked, "
    "or one of the two would give the other's answer away."
)


def _pick_tier(question: Question) -> int:
    """0 approved, 1 recommended draft, 2 any other draft without defects."""
    if question.status == Question.Status.APPROVED:
        return 0
    return 1 if question.recommended else 2


def quiz_candidates(*, documents: Iterable) -> list[Question]:
    """The questions a quick quiz may take from `documents`: approved ones, recommended
    drafts, then the other drafts without defects (drafts are approved when the quiz is
    made); never rejected, stale or defective ones.

    Best first: approved, then recommended, then the other drafts, each by score.
    """
    questions = (
        Question.objects.filter(document__in=list(documents), stale=False, defects=[])
        .exclude(status=Question.Status.REJECTED)
        .select_related("document")
        .prefetch_related("facts")
    )
    return sorted(questions, key=lambda q: (_pick_tier(q), -q.score, q.pk))


def question_answer_texts(question: Question) -> list[str]:
    """What a student must produce to answer `question` (what another prompt must not show)."""
    if question.kind == Question.Kind.TRUE_FALSE:
        return []  # "True" or "False" gives nothing away
    texts = list(question.correct_options) + [str(text) for text in question.accepted_answers]
    answer = question.answer
    if question.kind == Question.Kind.NUMERIC and isinstance(answer, dict):
        if answer.get("display"):
            texts.append(str(answer["display"]))
    return list(dict.fromkeys(text.strip() for text in texts if text and text.strip()))


def _words(text: str) -> str:
    import re

    return " " + " ".join(re.findall(r"\w+", text.casefold())) + " "


def question_gives_away(*, giver: Question, given: Question) -> bool:
    """Whether the prompt of `giver` contains an answer of `given` (as whole words)."""
    prompt = _words(giver.prompt)
    return any(
        _words(text).strip() and _words(text) in prompt for text in question_answer_texts(given)
    )


def _fact_keys(question: Question) -> set:
    keys = getattr(question, "_quiz_fact_keys", None)
    if keys is None:
        keys = {("fact", fact.pk) for fact in question.facts.all()}
        # A question with no fact is about its sentence.
        keys = keys or {("sentence", question.document_id, question.source_start)}
        question._quiz_fact_keys = keys
    return keys


def quiz_pick_conflict(*, question: Question, chosen: Iterable[Question]) -> str:
    """Why `question` cannot join `chosen` in a quiz (a shared fact, a give-away), or ""."""
    keys = _fact_keys(question)
    for other in chosen:
        if keys & _fact_keys(other):
            return QUIZ_PICK_SAME_FACT.format(questions=_describe([other, question]))
        for giver, given in ((question, other), (other, question)):
            if question_gives_away(giver=giver, given=given):
                return QUIZ_PICK_GIVES_AWAY.format(
                    giver=giver.pk, prompt=giver.prompt[:60], given=given.pk
                )
    return ""


def quiz_pick_questions(*, documents: Iterable, count: int = QUIZ_PICK_DEFAULT) -> list[Question]:
    """The questions of a quick quiz: the rule, in one place.

    Up to `count` of `quiz_candidates`, each on facts no other chosen question is about, none
    whose prompt holds another's answer, kinds mixed. Each pick takes, in this order of
    preference: an approved question, then a recommended one, and only when none of those
    is left that fits, another draft without defects; a kind not yet chosen `count / 3`
    times (rounded up); the question that rules out the fewest of those left (a matching
    question on three facts rules out every question on them; an answer such as the country
    the text is about rules out every prompt naming it); the kind chosen least so far; the
    best score. Returned in the documents' order.
    """
    import math

    candidates = quiz_candidates(documents=documents)
    clashes: dict[int, set[int]] = {question.pk: set() for question in candidates}
    for index, question in enumerate(candidates):
        for other in candidates[index + 1 :]:
            if quiz_pick_conflict(question=question, chosen=[other]):
                clashes[question.pk].add(other.pk)
                clashes[other.pk].add(question.pk)
    cap = math.ceil(count / 3)
    chosen: list[Question] = []
    kinds: dict[str, int] = {}
    remaining = {question.pk: question for question in candidates}
    while remaining and len(chosen) < count:
        best = min(
            remaining.values(),
            key=lambda q: (
                _pick_tier(q),
                kinds.get(q.kind, 0) >= cap,
                len(clashes[q.pk] & remaining.keys()),
                kinds.get(q.kind, 0),
                -q.score,
                q.pk,
            ),
        )
        chosen.append(best)
        kinds[best.kind] = kinds.get(best.kind, 0) + 1
        for pk in clashes[best.pk] | {best.pk}:
            remaining.pop(pk, None)
    return sorted(chosen, key=lambda q: (q.document_id, q.source_start, q.pk))


def quiz_pick_summary(
    *, picked: list[Question], candidates: list[Question], count: int
) -> list[str]:
    """What the pick page says about `picked` (from `candidates`, `count` asked for): how
    many were found, how many came from beyond the approved and recommended questions, and
    why fewer than asked when fewer."""
    lines = [QUIZ_PICK_FOUND.format(picked=len(picked), count=count)]
    others = sum(1 for question in picked if _pick_tier(question) == 2)
    if others:
        lines.append(QUIZ_PICK_TOPPED_UP.format(preferred=len(picked) - others, others=others))
    if len(picked) < count:
        facts = set().union(*(_fact_keys(question) for question in candidates))
        if len(facts) < count:
            lines.append(QUIZ_PICK_FEW_FACTS.format(facts=len(facts)))
        else:
            lines.append(QUIZ_PICK_FEW_CLASHES)
    return lines


def quiz_selection_check(*, questions: list[Question]) -> None:
    """Refuse a quick quiz's questions when two share a fact or one gives another away, or
    when one could not go into a quiz (rejected, stale, defective)."""
    if not questions:
        raise ValidationError(QUIZ_PICK_EMPTY, code="empty")
    refused = [q for q in questions if q.status == Question.Status.REJECTED or q.stale or q.defects]
    if refused:
        raise ValidationError(
            QUIZ_PICK_NOT_OFFERED.format(questions=_describe(refused)), code="not_offered"
        )
    for index, question in enumerate(questions):
        conflict = quiz_pick_conflict(question=question, chosen=questions[:index])
        if conflict:
            raise ValidationError(conflict, code="conflict")


@transaction.atomic
def quiz_create_from_selection(
    *,
    owner: AbstractBaseUser,
    title: str,
    questions: list[Question],
    publish: bool = False,
    **settings: Any,
) -> Quiz:
    """Make a quiz of `questions` (checked by `quiz_selection_check`), approving the drafts
    among them for `owner`, and publish it if asked."""
    from quizgen import services as quizgen_services

    quiz_selection_check(questions=questions)
    for question in questions:
        if question.status == Question.Status.DRAFT:
            quizgen_services.question_approve(question=question, reviewer=owner)
    quiz = quiz_create(owner=owner, title=title, questions=questions, **settings)
    if publish:
        quiz_publish(quiz=quiz)
    return quiz


# Regrading: every change to what a question accepts, or to what the questions of an attempted
# quiz are worth, rescores the answers already given. A mark a teacher set by hand stays.

REGRADE_PASS_MARK = "Pass mark changed from {before}% to {after}%"
REGRADE_POINTS = "Points changed: {changes}"
REGRADE_QUESTION = "Question #{question} changed: {fields}"
REGRADE_OVERRIDE = "Mark of question #{question} set by hand for {student}: {before} → {after}"
REGRADE_OVERRIDE_CLEARED = "Mark of question #{question} for {student} given back to marking"
REGRADE_COMMENT = "Comment on question #{question} for {student}"
ANSWERED_OPTIONS_KEPT = (
    "Students chose {options} in their answers, so these options cannot be renamed or "
    "removed. Mark another option correct, or add a new option, instead."
)
ANSWERED_ITEMS_KEPT = (
    "Students have answered this question, so its items cannot be renamed, added or "
    "removed; the right order or pairs of the same items can change."
)
OVERRIDE_SCORE_RANGE = "A mark set by hand is a fraction of the question's points, from 0 to 1."
OVERRIDE_NOT_SUBMITTED = "Marks can be set by hand only on a submitted attempt."
REGRADED_FIELDS = frozenset({"options", "accepted_answers", "answer", "tolerance"})


def question_change_refusal(*, question: Question, fields: Mapping[str, Any]) -> str | None:
    """Why this change to an answered question is refused, or None when it may be made.

    Answers are stored as the texts students chose, so an option or item they chose must
    keep its text; what is correct, accepted or in what order can change (and regrades).
    """
    kind = question.kind
    if kind in (Question.Kind.MULTIPLE_CHOICE, Question.Kind.TRUE_FALSE) and "options" in fields:
        kept = {str(option.get("text", "")).strip() for option in fields["options"]}
        chosen = set(
            Response.objects.filter(question=question)
            .exclude(answer=None)
            .values_list("answer", flat=True)
            .distinct()
        )
        gone = sorted(str(text) for text in chosen if str(text) not in kept)
        if gone:
            return ANSWERED_OPTIONS_KEPT.format(options=", ".join(f"“{text}”" for text in gone))
        return None
    if kind in (Question.Kind.ORDERING, Question.Kind.MATCHING) and (
        "answer" in fields or "options" in fields
    ):
        if not Response.objects.filter(question=question).exclude(answer=None).exists():
            return None

        def items(answer: Any, options: Any) -> set[str]:
            if kind == Question.Kind.ORDERING:
                return {str(item) for item in answer or []}
            return {str(part) for pair in answer or [] for part in pair}

        before = items(question.answer, question.options)
        after = items(fields.get("answer", question.answer), fields.get("options"))
        if before != after:
            return ANSWERED_ITEMS_KEPT
    return None


def question_regrade(
    *, question: Question, by: AbstractBaseUser | None, fields: Iterable[str]
) -> list[Regrade]:
    """Regrade every answer to `question`, in every quiz holding it (after its key changed)."""
    changed = sorted(set(fields) & REGRADED_FIELDS)
    if not changed:
        return []
    quizzes = Quiz.objects.filter(
        pk__in=Response.objects.filter(question=question).values("attempt__quiz_id")
    )
    reason = REGRADE_QUESTION.format(question=question.pk, fields=", ".join(changed))
    return [
        quiz_regrade(quiz=quiz, by=by, reason=reason, question=question)
        for quiz in quizzes.order_by("pk")
    ]


@transaction.atomic
def quiz_regrade(
    *,
    quiz: Quiz,
    by: AbstractBaseUser | None,
    reason: str,
    question: Question | None = None,
) -> Regrade:
    """Rescore the answers of `quiz` (only those to `question` when given) and its attempts.

    Submitted attempts get their score, maximum and pass recomputed from the current key and
    points; checked answers of attempts in progress are rescored too. Marks set by hand are
    kept. Answers that are no longer right enter the student's review queue. The Regrade row
    records who, when, why and every mark that changed.
    """
    now = timezone.now()
    entries = list(quiz.quiz_questions.select_related("question"))
    attempts = list(
        Attempt.objects.select_for_update()
        .filter(quiz=quiz)
        .select_related("student")
        .order_by("pk")
    )
    responses: dict[int, dict[int, Response]] = {attempt.pk: {} for attempt in attempts}
    for response in Response.objects.filter(attempt__quiz=quiz):
        responses[response.attempt_id][response.question_id] = response
    keys = DocumentKeys()
    response_changes, attempt_changes, changed_responses, changed_attempts = [], [], [], []
    for attempt in attempts:
        submitted = attempt.state == Attempt.State.SUBMITTED
        total = maximum = 0.0
        new_mistakes = []
        for entry in entries:
            response = responses[attempt.pk].get(entry.question_id)
            rescore = (
                response is not None
                and response.overridden_by_id is None
                and (question is None or entry.question_id == question.pk)
                and (submitted or response.checked_at is not None)
            )
            if rescore:
                mark = mark_answer(entry.question, response.answer, keys=keys)
                if (mark.score, mark.note) != (response.score, response.accepted_as):
                    response_changes.append(
                        {
                            "attempt": attempt.pk,
                            "student": attempt.student.get_username(),
                            "question": entry.question_id,
                            "before": response.score,
                            "after": mark.score,
                        }
                    )
                    if mark.score < 1.0 <= (response.score or 0.0):
                        new_mistakes.append(entry.question)
                    response.score, response.accepted_as = mark.score, mark.note
                    changed_responses.append(response)
            score = response.score if response is not None and response.score is not None else 0.0
            total += score * entry.points
            maximum += entry.points
        if not submitted:
            continue
        passed = _passed(score=total, max_score=maximum, pass_mark=quiz.pass_mark)
        if (attempt.score, attempt.max_score, attempt.passed) != (total, maximum, passed):
            attempt_changes.append(
                {
                    "attempt": attempt.pk,
                    "student": attempt.student.get_username(),
                    "score_before": attempt.score,
                    "score_after": total,
                    "max_score_before": attempt.max_score,
                    "max_score_after": maximum,
                    "passed_before": attempt.passed,
                    "passed_after": passed,
                }
            )
            attempt.score, attempt.max_score, attempt.passed = total, maximum, passed
            changed_attempts.append(attempt)
        if new_mistakes:
            review_items_add_mistakes(student=attempt.student, questions=new_mistakes, now=now)
    Response.objects.bulk_update(changed_responses, ["score", "accepted_as"])
    Attempt.objects.bulk_update(changed_attempts, ["score", "max_score", "passed"])
    score_passbacks_request(attempts=changed_attempts)
    return Regrade.objects.create(
        quiz=quiz,
        question=question,
        regraded_by=by,
        regraded_at=now,
        reason=reason[:300],
        responses_changed=len(changed_responses),
        attempts_changed=len(changed_attempts),
        changes={"responses": response_changes, "attempts": attempt_changes},
    )


@transaction.atomic
def response_override(
    *,
    response: Response,
    by: AbstractBaseUser,
    score: float | None,
    comment: str = "",
) -> Response:
    """The teacher's last word on one answer: `score` (a fraction of the question's points,
    0 to 1) replaces the marking and stays through every regrade; None gives the answer back
    to the marking rules. `comment` is shown to the student with the result.
    """
    locked = (
        Response.objects.select_for_update()
        .select_related("attempt__quiz", "attempt__student", "question")
        .get(pk=response.pk)
    )
    if locked.attempt.state != Attempt.State.SUBMITTED:
        raise ValidationError(OVERRIDE_NOT_SUBMITTED, code="not_submitted")
    if score is not None and not (isinstance(score, int | float) and 0 <= score <= 1):
        raise ValidationError(OVERRIDE_SCORE_RANGE, code="score")
    before = locked.score
    student = locked.attempt.student.get_username()
    locked.teacher_comment = (comment or "").strip()
    if score is None:
        mark = mark_answer(locked.question, locked.answer)
        reason = (REGRADE_OVERRIDE_CLEARED if locked.overridden_by_id else REGRADE_COMMENT).format(
            question=locked.question_id, student=student
        )
        locked.score, locked.accepted_as = mark.score, mark.note
        locked.overridden_by, locked.overridden_at = None, None
    else:
        locked.score = float(score)
        locked.overridden_by, locked.overridden_at = by, timezone.now()
        reason = REGRADE_OVERRIDE.format(
            question=locked.question_id, student=student, before=before, after=float(score)
        )
    locked.save(
        update_fields=[
            "score", "accepted_as", "overridden_by", "overridden_at", "teacher_comment"
        ]
    )  # fmt: skip
    quiz_regrade(quiz=locked.attempt.quiz, by=by, reason=reason, question=locked.question)
    return locked
