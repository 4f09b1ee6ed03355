"""Scores sent back to the LMS's gradebook (LTI Assignment and Grade Services).

- A quiz placed in an LMS course by a graded link (the launch carried an AGS line item and the
  score scope) gets the student's score on that line item: after each submission and after
  each regrade that changed an attempt's score.
- What is sent is the student's best submitted attempt of the quiz, as the class results show
  it: scoreGiven and scoreMaximum in the quiz's points, activity Completed, grading
  FullyGraded, the LMS's own user id (`sub`).
- Sending is the background worker's job (`lti.tasks.score_passback_task`), queued once the
  transaction commits. A failed send is tried again after 1, then 2 minutes
  (`QUIZGEN_LTI_RETRY_SECONDS`, doubled each time); after `PASSBACK_TRIES` tries it is
  marked failed with the LMS's answer as its reason, on the class's results page and in the
  admin, where the teacher retries it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from lti_tool.models import LtiUser
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.grade import Grade
from pylti1p3.service_connector import ServiceConnector

from learning.models import Attempt
from lti.models import Placement, ScorePassback
from lti.services import SCORE_SCOPE

PASSBACK_TRIES = 3

LMS_REFUSED = "The LMS refused the score (HTTP {status}): {answer}"
LMS_UNREACHABLE = "The LMS could not be reached: {error}"
LMS_ERROR = "The score could not be sent: {error}"
NO_SUBMITTED_ATTEMPT = "The student has no submitted attempt of this quiz any more."


def retry_delay(tries: int) -> timedelta:
    """How long to wait before the next try, after `tries` failed ones (1, 2, 4... times the
    base)."""
    return timedelta(seconds=settings.QUIZGEN_LTI_RETRY_SECONDS * 2 ** (tries - 1))


def _enqueue(passback_id: int, *, delay: timedelta | None = None) -> None:
    from lti.tasks import score_passback_task

    task = score_passback_task
    # A backend that cannot defer (the test suite's immediate one) runs the retry at once.
    if delay and task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + delay)
    task.enqueue(passback_id)


def score_passbacks_request(*, attempts: Iterable[Attempt]) -> list[ScorePassback]:
    """Queue the score of each attempt's student for every graded LMS link of its quiz that
    the student launched from. Called by the services that submit and regrade attempts."""
    now = timezone.now()
    queued = []
    for attempt in attempts:
        if attempt.state != Attempt.State.SUBMITTED:
            continue
        placements = (
            Placement.objects.filter(
                quiz_id=attempt.quiz_id,
                resource_link__context__can_publish_scores=True,
                resource_link__context__quizgen_class__school_class__enrolments__student_id=(
                    attempt.student_id
                ),
            )
            .exclude(line_item_url="")
            .select_related(
                "resource_link__context__deployment", "resource_link__context__quizgen_class"
            )
        )
        for placement in placements:
            context = placement.resource_link.context
            lti_user = LtiUser.objects.filter(
                auth_user_id=attempt.student_id, registration_id=context.deployment.registration_id
            ).first()
            if lti_user is None:
                continue
            passback, _ = ScorePassback.objects.update_or_create(
                placement=placement,
                lti_user=lti_user,
                defaults={
                    "student_id": attempt.student_id,
                    "school_class_id": context.quizgen_class.school_class_id,
                    "status": ScorePassback.Status.PENDING,
                    "tries": 0,
                    "reason": "",
                    "requested_at": now,
                },
            )
            queued.append(passback)
            transaction.on_commit(lambda pk=passback.pk: _enqueue(pk))
    return queued


def _best_attempt(passback: ScorePassback) -> Attempt | None:
    attempts = Attempt.objects.filter(
        quiz_id=passback.placement.quiz_id,
        student_id=passback.student_id,
        state=Attempt.State.SUBMITTED,
        max_score__gt=0,
    ).only("score", "max_score")
    return max(attempts, key=lambda a: (a.score / a.max_score, a.score), default=None)


def _reason(error: Exception) -> str:
    if isinstance(error, LtiServiceException):
        answer = " ".join(error.response.text.split())[:300] or "no explanation"
        return LMS_REFUSED.format(status=error.response.status_code, answer=answer)
    if isinstance(error, requests.RequestException):
        return LMS_UNREACHABLE.format(error=error)
    return LMS_ERROR.format(error=error)


def score_passback_send(*, passback_id: int) -> str:
    """One try at sending a passback's score (run by the worker); returns its status.

    No transaction is held while the LMS is called (it may call back for the tool's keys)."""
    passback = (
        ScorePassback.objects.select_related(
            "placement__resource_link__context__deployment__registration", "lti_user"
        )
        .filter(pk=passback_id)
        .first()
    )
    if passback is None:
        return "missing"
    if passback.status in (ScorePassback.Status.SENT, ScorePassback.Status.FAILED):
        return passback.status
    best = _best_attempt(passback)
    tries = passback.tries + 1
    if best is None:
        return _record(passback, tries=tries, status=ScorePassback.Status.FAILED,
                       reason=NO_SUBMITTED_ATTEMPT)  # fmt: skip
    registration = passback.placement.resource_link.context.deployment.registration
    grade = (
        Grade()
        .set_score_given(best.score)
        .set_score_maximum(best.max_score)
        .set_timestamp(timezone.now().isoformat())
        .set_activity_progress("Completed")
        .set_grading_progress("FullyGraded")
        .set_user_id(passback.lti_user.sub)
    )
    service = AssignmentsGradesService(
        ServiceConnector(registration.to_registration()),
        {"scope": [SCORE_SCOPE], "lineitem": passback.placement.line_item_url},
    )
    try:
        service.put_grade(grade)
    except (LtiException, requests.RequestException) as error:
        last = tries >= PASSBACK_TRIES
        status = ScorePassback.Status.FAILED if last else ScorePassback.Status.RETRYING
        return _record(passback, tries=tries, status=status, reason=_reason(error))
    return _record(passback, tries=tries, status=ScorePassback.Status.SENT, reason="",
                   sent=(best.score, best.max_score))  # fmt: skip


def _record(passback, *, tries: int, status: str, reason: str, sent=None) -> str:
    with transaction.atomic():
        changed = ScorePassback.objects.filter(pk=passback.pk, requested_at=passback.requested_at)
        fields = {"tries": tries, "status": status, "reason": reason}
        if sent is not None:
            fields.update(score_given=sent[0], score_maximum=sent[1], sent_at=timezone.now())
        # A newer request (a later submission, a regrade, a retry) takes over from this try.
        if not changed.update(**fields):
            return "superseded"
        if status == ScorePassback.Status.RETRYING:
            delay = retry_delay(tries)
            transaction.on_commit(lambda: _enqueue(passback.pk, delay=delay))
    return status


@transaction.atomic
def score_passback_retry(*, passback: ScorePassback) -> ScorePassback:
    """The teacher's retry: the passback is sent again, with a fresh count of tries."""
    locked = ScorePassback.objects.select_for_update().get(pk=passback.pk)
    locked.status, locked.tries, locked.reason = ScorePassback.Status.PENDING, 0, ""
    locked.requested_at = timezone.now()
    locked.save(update_fields=["status", "tries", "reason", "requested_at"])
    transaction.on_commit(lambda: _enqueue(locked.pk))
    return locked
