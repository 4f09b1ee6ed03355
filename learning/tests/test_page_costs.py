"""The student's dashboard and progress page cost a fixed number of queries, whatever the
number of quizzes and attempts; a GET of the dashboard writes only when an attempt's time
ran out, and then shows it as done at once; starting reads the student's access once."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learning import services
from learning.models import Attempt
from learning.tests.factories import QuizFactory
from modules import services as module_services
from modules.tests.factories import module_with_towns

pytestmark = pytest.mark.django_db

# Session, user, the student's assignments (quizzes, modules and accesses in one query), the
# open quizzes, the attempts per quiz (one window query), the review items due, the modules
# with progress and card counts.
DASHBOARD = 7
# Session, user, the attempts per quiz, one page of history, scores by kind and document,
# the calendar (one UNION ALL), the trend.
PROGRESS = 7


def history(student, count: int) -> list:
    """`count` quizzes, each with `count` submitted attempts (one of which passed), a module
    built on the first (with flashcards, started) and an attempt in progress on the last,
    with a time limit that has not run out."""
    quizzes = [
        QuizFactory(
            assigned_to=[student],
            title=f"Quiz {number}",
            question_count=2,
            time_limit_minutes=30,
        )
        for number in range(1, count + 1)
    ]
    for quiz in quizzes:
        questions = list(quiz.questions.all())
        for index in range(count):
            attempt = services.attempt_start(quiz=quiz, student=student)
            right = {question.pk: "1979" for question in questions} if index == 0 else {}
            services.attempt_submit(attempt=attempt, answers=right)
    module = module_with_towns(assigned_to=[student], towns=2, quiz=quizzes[0])
    module_services.module_start(module=module, student=student)
    services.attempt_start(quiz=quizzes[-1], student=student)
    return quizzes


@pytest.mark.parametrize("count", [1, 5])
def test_the_dashboard_costs_the_same_for_one_or_five_quizzes_and_attempts(
    client, student, django_assert_num_queries, count
):
    history(student, count)
    client.force_login(student)
    with django_assert_num_queries(DASHBOARD) as captured:
        body = client.get(reverse("learning:dashboard")).content.decode()
    # No attempt is overdue: the GET writes nothing.
    assert [
        query["sql"].split()[0]
        for query in captured.captured_queries
        if query["sql"].split()[0] in ("UPDATE", "INSERT", "DELETE")
    ] == []
    assert body.count("Best score 100.0% · last score") == count
    assert f"· {count} attempt{'s' if count > 1 else ''}</p>" in body
    assert f"Resume “Quiz {count}”" in body
    # The module's quiz was passed (its first attempt was right) and its 6 cards are due.
    assert "Quiz passed</span>" in body
    assert "· 6 flashcards due" in body
    assert "· quiz best 100.0%" in body


@pytest.mark.parametrize("count", [1, 5])
def test_the_progress_page_costs_the_same_for_one_or_five_quizzes_and_attempts(
    client, student, django_assert_num_queries, count
):
    history(student, count)
    client.force_login(student)
    with django_assert_num_queries(PROGRESS):
        response = client.get(reverse("learning:progress"))
    progress = response.context["progress"]
    assert [(row.title, row.attempts, row.best, row.last) for row in progress.quizzes] == [
        (
            f"Quiz {number}",
            count + (1 if number == count else 0),  # the last quiz has one in progress
            100.0,
            100.0 if count == 1 else 0.0,  # the last submitted is the first only with one
        )
        for number in range(1, count + 1)
    ]
    # Attempts used over all quizzes: the count the history's pages come from.
    assert progress.history.paginator.count == count * count + 1
    assert len(progress.history.object_list) == min(count * count + 1, 20)


def test_an_attempt_whose_time_ran_out_shows_as_done_on_the_dashboard_at_once(client, student):
    quiz = QuizFactory(assigned_to=[student], title="Timed", question_count=1, time_limit_minutes=5)
    attempt = services.attempt_start(quiz=quiz, student=student)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    client.force_login(student)
    body = client.get(reverse("learning:dashboard")).content.decode()
    assert "No quiz in progress." in body
    assert (
        f'Best score 0% · last score <a href="/attempts/{attempt.pk}/">0.0%</a> (not passed)'
        in body
    )
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED
    # Scored with what was saved in time, dated at its deadline.
    assert (attempt.score, attempt.submitted_at) == (0.0, attempt.deadline)


def test_starting_reads_the_students_access_once(client, student, django_assert_num_queries):
    quiz = QuizFactory(assigned_to=[student], question_count=2)
    client.force_login(student)
    # Session, user, the quiz (without its question count, which starting does not show),
    # the student's access; then, inside a savepoint (the test's transaction; in
    # production BEGIN and COMMIT), the attempts used and the one in progress (one
    # aggregate) and the new attempt. 11 before: the attempt in progress was locked and
    # the attempts counted apart, and the INSERT had a savepoint of its own (a second tab
    # starting at the same moment now rolls the whole block back and uses that tab's
    # attempt). 12 before that: the service read the access a second time.
    with django_assert_num_queries(8) as captured:
        response = client.post(reverse("learning:quiz_start", args=[quiz.pk]))
    assert response.status_code == 302
    attempt = Attempt.objects.get(quiz=quiz, student=student)
    assert response["Location"] == reverse("learning:attempt_take", args=[attempt.pk])
    accesses = [
        query
        for query in captured.captured_queries
        if query["sql"].startswith('SELECT "classes_assignment"."quiz_id"')
    ]
    assert len(accesses) == 1
