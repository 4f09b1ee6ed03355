"""The one path for every change to quizzes and attempts."""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Model
from django.utils import timezone
from fsrs import Card, Rating, Scheduler

from learning.models import Attempt, Quiz, QuizQuestion, Response, ReviewItem, ReviewLog
from learning.scoring import score_answer
from quizgen.models import Question

QUIZ_NOT_PUBLISHED = "This quiz is not published yet."
QUIZ_NOT_OPEN = "This quiz opens on {opens}."
QUIZ_CLOSED = "This quiz closed on {closes}."
NO_ATTEMPTS_LEFT = "You have used all {count} attempts allowed for this quiz."
QUIZ_EMPTY = "A quiz needs at least one question before it can be published."
UNAPPROVED_QUESTIONS = "These questions are not approved yet: {questions}."
DEFECTIVE_QUESTIONS = "These questions have defects to fix first: {questions}."
QUESTION_NOT_IN_QUIZ = "That question is not part of this quiz."
ATTEMPT_SUBMITTED = "This attempt was already submitted; answers can no longer change."
INVALID_RATING = "Rate the review with Again, Hard, Good or Easy."
ATTEMPT_EXPIRED = "Time is up for this attempt: it was submitted with the answers saved in time."


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
    quiz = Quiz(owner=owner, title=title, **settings)
    quiz.full_clean()
    quiz.save()
    quiz_add_questions(quiz=quiz, questions=questions)
    return quiz


@transaction.atomic
def quiz_add_questions(*, quiz: Quiz, questions: Iterable[Question]) -> Quiz:
    present = set(quiz.quiz_questions.values_list("question_id", flat=True))
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


def _check_open(quiz: Quiz) -> None:
    now = timezone.now()
    if not quiz.is_published:
        raise ValidationError(QUIZ_NOT_PUBLISHED, code="not_published")
    if quiz.opens_at and now < quiz.opens_at:
        raise ValidationError(QUIZ_NOT_OPEN.format(opens=quiz.opens_at), code="not_open")
    if quiz.closes_at and now >= quiz.closes_at:
        raise ValidationError(QUIZ_CLOSED.format(closes=quiz.closes_at), code="closed")


def attempt_start(*, quiz: Quiz, student: AbstractBaseUser) -> Attempt:
    """Resume the student's attempt in progress, or start a new one."""
    with transaction.atomic():
        current = (
            Attempt.objects.select_for_update()
            .filter(quiz=quiz, student=student, state=Attempt.State.IN_PROGRESS)
            .first()
        )
        if current is not None:
            if attempt_expire_if_due(attempt=current):
                current = None
            else:
                return current
        _check_open(quiz)
        used = Attempt.objects.filter(quiz=quiz, student=student).count()
        if quiz.max_attempts and used >= quiz.max_attempts:
            raise ValidationError(
                NO_ATTEMPTS_LEFT.format(count=quiz.max_attempts), code="no_attempts_left"
            )
        now = timezone.now()
        deadline = (
            now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
        )
        if quiz.closes_at and (deadline is None or quiz.closes_at < deadline):
            deadline = quiz.closes_at
        try:
            with transaction.atomic():
                return Attempt.objects.create(
                    quiz=quiz,
                    student=student,
                    number=used + 1,
                    seed=random.SystemRandom().randrange(1, 2**31),
                    started_at=now,
                    deadline=deadline,
                )
        except IntegrityError:
            # A second tab started the same attempt at the same moment: use that one.
            return Attempt.objects.get(quiz=quiz, student=student, state=Attempt.State.IN_PROGRESS)


def attempt_expire_if_due(*, attempt: Attempt) -> bool:
    """Submit an attempt whose deadline has passed; returns whether it did."""
    if (
        attempt.state == Attempt.State.IN_PROGRESS
        and attempt.deadline is not None
        and timezone.now() >= attempt.deadline
    ):
        attempt_submit(attempt=attempt)
        return True
    return False


@transaction.atomic
def attempt_save_answers(*, attempt: Attempt, answers: Mapping[int, Any]) -> Attempt:
    """Save answers (question id -> answer) to an attempt in progress."""
    locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
    if locked.state != Attempt.State.IN_PROGRESS:
        raise ValidationError(ATTEMPT_SUBMITTED, code="submitted")
    if locked.deadline is not None and timezone.now() >= locked.deadline:
        attempt_submit(attempt=locked)
        raise ValidationError(ATTEMPT_EXPIRED, code="expired")
    allowed = set(locked.quiz.quiz_questions.values_list("question_id", flat=True))
    for question_id in answers:
        if int(question_id) not in allowed:
            raise ValidationError(QUESTION_NOT_IN_QUIZ, code="not_in_quiz")
    for question_id, answer in answers.items():
        Response.objects.update_or_create(
            attempt=locked, question_id=int(question_id), defaults={"answer": answer}
        )
    return locked


@transaction.atomic
def attempt_submit(*, attempt: Attempt, answers: Mapping[int, Any] | None = None) -> Attempt:
    """Score and close an attempt. Submitting twice scores once and returns the same result."""
    locked = Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)
    if locked.state == Attempt.State.SUBMITTED:
        return locked
    now = timezone.now()
    late = locked.deadline is not None and now >= locked.deadline
    if answers and not late:
        attempt_save_answers(attempt=locked, answers=answers)
    entries = list(locked.quiz.quiz_questions.select_related("question"))
    saved = {response.question_id: response for response in locked.responses.all()}
    total = 0.0
    for entry in entries:
        response = saved.get(entry.question_id)
        if response is None:
            response = Response(attempt=locked, question=entry.question, answer=None)
        response.score = score_answer(entry.question, response.answer)
        response.save()
        total += response.score
    locked.state = Attempt.State.SUBMITTED
    locked.submitted_at = min(now, locked.deadline) if late and locked.deadline else now
    locked.score = total
    locked.max_score = float(len(entries))
    locked.passed = bool(entries) and 100 * total / len(entries) >= locked.quiz.pass_mark
    locked.save()
    return locked


def attempt_review_allowed(*, attempt: Attempt) -> bool:
    """Whether the student may now see correct answers and explanations for `attempt`."""
    quiz = attempt.quiz
    if attempt.state != Attempt.State.SUBMITTED:
        return False
    mode = quiz.review_mode
    if mode in (Quiz.ReviewMode.IMMEDIATELY, Quiz.ReviewMode.AFTER_SUBMISSION):
        return True
    if mode == Quiz.ReviewMode.AFTER_CLOSE:
        return quiz.closes_at is not None and timezone.now() >= quiz.closes_at
    return False


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


# Written by the API branch with the names the admin branch gives them; theirs wins on merge.
QUIZ_UPDATE_FIELDS = frozenset(
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
    }
)


@transaction.atomic
def quiz_update(*, quiz: Quiz, **fields: Any) -> Quiz:
    """Change a quiz's settings."""
    unknown = set(fields) - QUIZ_UPDATE_FIELDS
    if unknown:
        raise ValueError(f"Not settings of a quiz: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(quiz, name, value)
    quiz.full_clean()
    quiz.save()
    return quiz


@transaction.atomic
def quiz_set_questions(*, quiz: Quiz, questions: Iterable[Question]) -> Quiz:
    """Make `questions`, in this order, the quiz's questions."""
    questions = list(dict.fromkeys(questions))
    if quiz.is_published:
        if not questions:
            raise ValidationError(QUIZ_EMPTY, code="empty")
        unapproved = [q for q in questions if q.status != Question.Status.APPROVED]
        if unapproved:
            raise ValidationError(UNAPPROVED_QUESTIONS.format(questions=_describe(unapproved)))
    QuizQuestion.objects.filter(quiz=quiz).delete()
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question=question, position=position)
        for position, question in enumerate(questions, start=1)
    )
    return quiz
