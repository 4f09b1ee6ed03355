"""Scores to the LMS's gradebook (AGS), end to end: a student launched from the platform takes
the quiz in the running app, the database worker sends the score, and it arrives at the
platform's score endpoint, checked there by lti1p3platform (token, scope). A regrade sends
again; a refusing gradebook leaves a failure the teacher sees and retries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from classes.models import SchoolClass
from learning import services as learning_services
from learning.models import Attempt, Response
from learning.tests.factories import QuizFactory
from lti import grades
from lti.models import ScorePassback
from lti.tests.platform import INSTRUCTOR, LEARNER

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker():
    """What `manage.py db_worker` does in production: take every queued job, then stop."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")


def _csrf(browser) -> dict:
    return {"csrfmiddlewaretoken": browser.cookies["csrftoken"]}


def take_quiz(platform, browser, quiz, *, right: int) -> Attempt:
    """Through the quiz's pages: start, answer `right` questions right and the rest wrong,
    submit."""
    live = platform.live
    browser.get(live + reverse("learning:quiz_intro", args=[quiz.pk]))
    started = browser.post(
        live + reverse("learning:quiz_start", args=[quiz.pk]), data=_csrf(browser)
    )
    assert started.status_code == 200, started.text[:300]
    attempt = Attempt.objects.filter(quiz=quiz).latest("pk")
    form = {"finish": "1", "page": "1", **_csrf(browser)}
    for index, entry in enumerate(quiz.quiz_questions.order_by("position")):
        form[f"q-{entry.question_id}"] = "1979" if index < right else "1983"
    browser.post(live + reverse("learning:attempt_take", args=[attempt.pk]), data=form)
    submitted = browser.post(
        live + reverse("learning:attempt_confirm", args=[attempt.pk]),
        data={"submit": "1", **_csrf(browser)},
    )
    assert submitted.status_code == 200
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    return attempt


@pytest.fixture
def course(platform):
    """A teacher's quiz placed in the course by a graded link, and a student launched from it."""
    platform.launch(sub="teacher-1", roles=[INSTRUCTOR], email="teacher@example.org")
    school_class = SchoolClass.objects.get()
    quiz = QuizFactory(owner=school_class.owner, title="Week 1", question_count=2)
    browser, launch, _ = platform.launch(
        sub="student-1", roles=[LEARNER], quiz=quiz, line_item="week-1"
    )
    assert launch.headers["Location"] == f"/quizzes/{quiz.pk}/"
    return {"class": school_class, "quiz": quiz, "browser": browser}


def test_the_score_goes_to_the_gradebook_from_the_worker_and_again_on_regrade(
    platform, course, settings
):
    settings.TASKS = DATABASE_TASKS
    attempt = take_quiz(platform, course["browser"], course["quiz"], right=1)
    # Submitting only queues the score: the worker sends it.
    passback = ScorePassback.objects.get()
    assert (passback.status, platform.scores) == (ScorePassback.Status.PENDING, [])
    run_worker()
    assert [
        (score["line_item"], score["userId"], score["scoreGiven"], score["scoreMaximum"])
        for score in platform.scores
    ] == [("week-1", "student-1", 1.0, 2.0)]
    assert (platform.scores[0]["activityProgress"], platform.scores[0]["gradingProgress"]) == (
        "Completed",
        "FullyGraded",
    )
    passback.refresh_from_db()
    assert (passback.status, passback.tries, passback.score_given) == ("sent", 1, 1.0)

    # The teacher marks the wrong answer right: the regraded score is sent again.
    wrong = Response.objects.get(attempt=attempt, score=0.0)
    learning_services.response_override(response=wrong, by=course["class"].owner, score=1.0)
    run_worker()
    assert [(score["scoreGiven"], score["scoreMaximum"]) for score in platform.scores] == [
        (1.0, 2.0),
        (2.0, 2.0),
    ]


def test_a_refused_score_is_retried_then_shown_to_the_teacher_who_retries_it(
    platform, course, settings, client
):
    settings.TASKS = DATABASE_TASKS
    settings.QUIZGEN_LTI_RETRY_SECONDS = 0
    platform.refuse_scores = True
    take_quiz(platform, course["browser"], course["quiz"], right=2)
    run_worker()
    passback = ScorePassback.objects.get()
    reason = (
        'The LMS refused the score (HTTP 503): {"error": "The gradebook is closed for upkeep."}'
    )
    assert (passback.status, passback.tries, passback.reason) == ("failed", 3, reason)
    assert platform.scores == []
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 3

    # The class's results page shows it, with a retry.
    teacher = course["class"].owner
    client.force_login(teacher)
    page = client.get(reverse("classes:teach_class", args=[course["class"].pk])).content.decode()
    assert "Scores the LMS did not take" in page
    assert reason.replace('"', "&quot;") in page
    retry_url = reverse("lti:passback_retry", args=[passback.pk])
    assert f'action="{retry_url}"' in page

    # In the admin too, where the retry is an action; the gradebook still refuses it.
    changelist = client.get(reverse("admin:lti_scorepassback_changelist")).content.decode()
    assert reason.replace('"', "&quot;") in changelist
    client.post(
        reverse("admin:lti_scorepassback_changelist"),
        {"action": "retry", "_selected_action": [passback.pk]},
    )
    run_worker()
    assert len(platform.scores) == 0
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 6
    passback.refresh_from_db()
    assert (passback.status, passback.tries) == ("failed", 3)

    platform.refuse_scores = False
    answer = client.post(retry_url)
    assert answer.status_code == 302
    run_worker()
    passback.refresh_from_db()
    assert (passback.status, passback.tries, passback.reason) == ("sent", 1, "")
    assert [(s["userId"], s["scoreGiven"]) for s in platform.scores] == [("student-1", 2.0)]
    page = client.get(reverse("classes:teach_class", args=[course["class"].pk])).content.decode()
    assert "Scores the LMS did not take" not in page


def test_a_failed_try_waits_before_the_next_one(platform, course, settings):
    settings.TASKS = DATABASE_TASKS
    platform.refuse_scores = True
    take_quiz(platform, course["browser"], course["quiz"], right=2)
    run_worker()
    passback = ScorePassback.objects.get()
    assert (passback.status, passback.tries) == ("retrying", 1)
    waiting = DBTaskResult.objects.get(status="READY")
    assert timedelta(seconds=55) < waiting.run_after - passback.requested_at < timedelta(seconds=70)
    assert [grades.retry_delay(tries).total_seconds() for tries in (1, 2)] == [60.0, 120.0]


def test_another_teacher_cannot_retry_a_passback(platform, course, client, settings):
    settings.TASKS = DATABASE_TASKS
    platform.refuse_scores = True
    settings.QUIZGEN_LTI_RETRY_SECONDS = 0
    take_quiz(platform, course["browser"], course["quiz"], right=2)
    run_worker()
    passback = ScorePassback.objects.get()
    other = QuizFactory().owner
    client.force_login(other)
    assert client.post(reverse("lti:passback_retry", args=[passback.pk])).status_code == 404
    passback.refresh_from_db()
    assert (passback.status, passback.tries) == ("failed", 3)


def test_an_ungraded_link_sends_nothing(platform):
    platform.launch(sub="teacher-1", roles=[INSTRUCTOR])
    quiz = QuizFactory(owner=SchoolClass.objects.get().owner, question_count=1)
    browser, _, _ = platform.launch(sub="student-1", roles=[LEARNER], quiz=quiz)
    take_quiz(platform, browser, quiz, right=1)
    assert (ScorePassback.objects.count(), platform.scores) == (0, [])
