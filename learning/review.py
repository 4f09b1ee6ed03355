"""What a student sees of a submitted attempt, and when: Moodle's review options.

For each thing a result can show, a quiz says at which of three moments it is shown (the
nine `review_<item>_<timing>` fields of Quiz, set together by its review mode, then each
changeable by the teacher):

- items: **marks** (per question right or wrong, the points earned, how a typed answer was
  accepted), **answers** (the correct answer, the explanation, the source sentence) and
  **feedback** (the teacher's feedback on the option chosen and comment on the answer);
- timings: **immediately** (the first REVIEW_IMMEDIATELY_FOR after submitting), **later**
  (after that, while the quiz is still open for the student) and **after_close** (once it
  has closed for the student: the quiz's close time, or, for a student assigned the quiz,
  the latest close of their assignments of it; a quiz that never closes is never "after
  close").

Whatever the options, nothing is shown before the attempt is submitted, nor while the
student has another attempt of the same quiz in progress (an earlier attempt's answers
would answer it). The total score is always shown. Pages, the API and the review queue
all ask `attempt_review` (or `question_answers_shown_now`); nothing else decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.formats import date_format

from learning.models import REVIEW_ITEMS, REVIEW_TIMINGS, Attempt, Quiz, review_field

REVIEW_IMMEDIATELY_FOR = timedelta(minutes=2)


@dataclass(frozen=True)
class Review:
    """What of a submitted attempt may be shown now, and why not when nothing is."""

    marks: bool = False
    answers: bool = False
    feedback: bool = False
    # Set when the options would show something but another attempt is in progress.
    hidden_by_attempt_in_progress: bool = False
    timing: str | None = None

    @property
    def anything(self) -> bool:
        return self.marks or self.answers or self.feedback


NOTHING = Review()


def student_closes_at(*, attempt: Attempt) -> datetime | None:
    """When the quiz closes for the attempt's student (None: it never closes for them)."""
    from classes.selectors import quiz_access

    access = quiz_access(user=attempt.student, quiz=attempt.quiz)
    return access.closes_at if access is not None else attempt.quiz.closes_at


def review_timing(*, submitted_at: datetime, closes_at: datetime | None, now: datetime) -> str:
    """Which review moment `now` is for an attempt submitted at `submitted_at`."""
    if closes_at is not None and now >= closes_at:
        return "after_close"
    if now < submitted_at + REVIEW_IMMEDIATELY_FOR:
        return "immediately"
    return "later"


def _timing_matters(quiz: Quiz) -> bool:
    """Whether the options differ between moments (if not, no close time need be read)."""
    return any(
        len({getattr(quiz, review_field(item, timing)) for timing in REVIEW_TIMINGS}) > 1
        for item in REVIEW_ITEMS
    )


def attempt_review(
    *,
    attempt: Attempt,
    now: datetime | None = None,
    in_progress_elsewhere: bool | None = None,
) -> Review:
    """What the student may see now of `attempt` (see the module's docstring)."""
    if attempt.state != Attempt.State.SUBMITTED or attempt.submitted_at is None:
        return NOTHING
    quiz = attempt.quiz
    now = now or timezone.now()
    timing = None
    if _timing_matters(quiz):
        timing = review_timing(
            submitted_at=attempt.submitted_at,
            closes_at=student_closes_at(attempt=attempt),
            now=now,
        )
    shown = {
        item: getattr(quiz, review_field(item, timing or REVIEW_TIMINGS[0]))
        for item in REVIEW_ITEMS
    }
    if not any(shown.values()):
        return Review(timing=timing)
    if in_progress_elsewhere is None:
        in_progress_elsewhere = attempt_in_progress_elsewhere(attempt=attempt)
    if in_progress_elsewhere:
        return Review(hidden_by_attempt_in_progress=True, timing=timing)
    return Review(**shown, timing=timing)


def attempt_in_progress_elsewhere(*, attempt: Attempt) -> bool:
    """Whether the student has an attempt of this attempt's quiz in progress."""
    return Attempt.objects.filter(
        quiz_id=attempt.quiz_id, student_id=attempt.student_id, state=Attempt.State.IN_PROGRESS
    ).exists()


def answers_shown_later(*, quiz: Quiz, review: Review, closes_at: datetime | None) -> str:
    """When the correct answers will be shown, for a result that does not show them now:
    "after_close", "later", or "" (not any more, or never)."""
    order = list(REVIEW_TIMINGS)
    start = order.index(review.timing) + 1 if review.timing else len(order)
    for timing in order[start:]:
        if getattr(quiz, review_field("answers", timing)):
            if timing == "after_close" and closes_at is None:
                continue
            return timing
    return ""


def question_answers_shown_now(*, student, question_id: int, now: datetime | None = None) -> bool:
    """Whether the correct answer of a question may be shown to `student` now, outside a
    result (the review queue): every quiz of it the student attempted must allow it for the
    student's latest submitted attempt, and none may have an attempt in progress."""
    now = now or timezone.now()
    attempts = (
        Attempt.objects.filter(student=student, quiz__quiz_questions__question_id=question_id)
        .select_related("quiz", "student")
        .order_by("quiz_id", "-submitted_at", "-id")
    )
    latest: dict[int, Attempt] = {}
    for attempt in attempts:
        if attempt.state == Attempt.State.IN_PROGRESS:
            return False
        latest.setdefault(attempt.quiz_id, attempt)
    return all(
        attempt_review(attempt=attempt, now=now, in_progress_elsewhere=False).answers
        for attempt in latest.values()
    )


_SUMMARIES = {
    ("immediately",): "for {minutes} minutes after you submit",
    ("later",): "from {minutes} minutes after you submit until the quiz closes{on}",
    ("after_close",): "after the quiz closes{on}",
    ("immediately", "later"): "after you submit, until the quiz closes{on}",
    ("immediately", "after_close"): (
        "for {minutes} minutes after you submit, and again after the quiz closes{on}"
    ),
    ("later", "after_close"): "from {minutes} minutes after you submit",
}


def answers_summary(*, quiz: Quiz, closes_at: datetime | None) -> str:
    """When the quiz's correct answers are shown, in the words of the quiz's intro page."""
    timings = quiz.review_options()["answers"]
    if closes_at is None:
        # A quiz that never closes: "later" lasts for ever, "after the close" never comes.
        timings = [timing for timing in timings if timing != "after_close"]
        if "later" in timings:
            timings.append("after_close")
    if not timings:
        return "Correct answers are not shown; you see your score."
    if timings == list(REVIEW_TIMINGS):
        return "Correct answers and explanations are shown after you submit."
    on = f" on {date_format(timezone.localtime(closes_at), 'j M Y H:i')}" if closes_at else ""
    minutes = int(REVIEW_IMMEDIATELY_FOR.total_seconds() // 60)
    when = _SUMMARIES[tuple(timings)].format(minutes=minutes, on=on)
    return f"Correct answers are shown {when}."
