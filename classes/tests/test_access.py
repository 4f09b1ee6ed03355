"""A student sees and takes only what their classes are assigned, in the assignment's window,
with their accommodations; pages, API and services agree."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from api.tests.conftest import client_for
from classes import services
from classes.models import Enrolment
from classes.selectors import (
    modules_visible_filter,
    quiz_accesses,
    quizzes_visible_filter,
    student_assignments,
)
from classes.tests.factories import assign, class_with
from learning import services as learning_services
from learning.models import Quiz
from learning.tests.factories import QuizFactory
from modules.models import Module
from modules.tests.factories import module_with_towns
from quizgen.tests.factories import TeacherFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quizzes():
    teacher = TeacherFactory(username="alice")
    return {
        "assigned": QuizFactory(owner=teacher, title="Assigned quiz", question_count=2),
        "unassigned": QuizFactory(owner=teacher, title="Unassigned quiz", question_count=2),
        "other_teacher": QuizFactory(title="Another teacher's quiz", question_count=2),
    }


def _dashboard_titles(client) -> list[str]:
    page = client.get(reverse("learning:dashboard")).content.decode()
    return [
        title for title in ("Assigned quiz", "Unassigned quiz", "Another teacher") if title in page
    ]


def test_a_student_sees_only_quizzes_assigned_to_their_classes(client, student, quizzes):
    assign(quizzes["assigned"], student)
    client.force_login(student)
    assert _dashboard_titles(client) == ["Assigned quiz"]
    assert (
        client.get(reverse("learning:quiz_intro", args=[quizzes["assigned"].pk])).status_code == 200
    )
    for name in ("unassigned", "other_teacher"):
        url = reverse("learning:quiz_intro", args=[quizzes[name].pk])
        assert client.get(url).status_code == 404


def test_the_api_lists_and_serves_only_assigned_quizzes(student, quizzes):
    assign(quizzes["assigned"], student)
    api = client_for(student)
    listed = api.get("/api/v1/quizzes/").json()["results"]
    assert [quiz["title"] for quiz in listed] == ["Assigned quiz"]
    assert api.get(f"/api/v1/quizzes/{quizzes['unassigned'].pk}/").status_code == 404
    assert api.post(f"/api/v1/quizzes/{quizzes['other_teacher'].pk}/attempts/").status_code == 404
    assert api.post(f"/api/v1/quizzes/{quizzes['assigned'].pk}/attempts/").status_code == 201


def test_the_service_refuses_to_start_an_unassigned_quiz(student, quizzes):
    with pytest.raises(ValidationError) as caught:
        learning_services.attempt_start(quiz=quizzes["unassigned"], student=student)
    assert caught.value.messages == [learning_services.QUIZ_NOT_ASSIGNED]


def test_a_student_in_no_class_sees_no_quiz_and_is_told_how_to_join(client, student, quizzes):
    client.force_login(student)
    assert _dashboard_titles(client) == []
    page = client.get(reverse("classes:mine")).content.decode()
    assert "You are not in a class yet." in page


def test_a_module_assignment_shows_the_module_and_its_quiz(client, student):
    module = module_with_towns(towns=2)
    quiz = QuizFactory(owner=module.owner, title="Towns quiz", question_count=1)
    Module.objects.filter(pk=module.pk).update(quiz=quiz)
    client.force_login(student)
    assert client.get(reverse("modules:study", args=[module.pk])).status_code == 404
    assign(module, student)
    assert client.get(reverse("modules:study", args=[module.pk])).status_code == 200
    assert client.get(reverse("learning:quiz_intro", args=[quiz.pk])).status_code == 200
    assert [
        row["title"] for row in client_for(student).get("/api/v1/modules/").json()["results"]
    ] == [module.title]


def test_the_assignments_dates_decide_when_the_quiz_opens_and_closes(client, student, quizzes):
    quiz = quizzes["assigned"]
    opens = timezone.now() + timedelta(days=2)
    assign(quiz, student, opens_at=opens)
    with pytest.raises(ValidationError) as caught:
        learning_services.attempt_start(quiz=quiz, student=student)
    assert caught.value.messages == [learning_services.QUIZ_NOT_OPEN.format(opens=opens)]
    client.force_login(student)
    page = client.get(reverse("learning:quiz_intro", args=[quiz.pk])).content.decode()
    assert "You cannot start this quiz:" in page


def test_a_closed_assignment_hides_the_quiz_and_refuses_attempts(client, student, quizzes):
    quiz = quizzes["assigned"]
    school_class = assign(quiz, student)
    assignment = school_class.assignments.get()
    closed = timezone.now() - timedelta(minutes=1)
    services.assignment_update(
        assignment=assignment, opens_at=closed - timedelta(days=1), closes_at=closed
    )
    with pytest.raises(ValidationError) as caught:
        learning_services.attempt_start(quiz=quiz, student=student)
    assert caught.value.messages == [learning_services.QUIZ_CLOSED.format(closes=closed)]
    client.force_login(student)
    assert _dashboard_titles(client) == []


def test_the_deadline_stops_at_the_assignments_close(student, quizzes):
    quiz = quizzes["assigned"]
    quiz.time_limit_minutes = 60
    quiz.save()
    closes = timezone.now() + timedelta(minutes=10)
    assign(quiz, student, closes_at=closes)
    attempt = learning_services.attempt_start(quiz=quiz, student=student)
    assert attempt.deadline == closes


def test_in_two_classes_the_widest_window_applies(student, quizzes):
    quiz = quizzes["assigned"]
    now = timezone.now()
    assign(quiz, student, closes_at=now - timedelta(hours=1))
    later = now + timedelta(days=1)
    assign(quiz, student, closes_at=later, school_class=class_with(owner=quiz.owner, name="8C"))
    attempt = learning_services.attempt_start(quiz=quiz, student=student)
    assert attempt.deadline == later


def _accommodate(school_class, student, **values) -> Enrolment:
    enrolment = Enrolment.objects.get(school_class=school_class, student=student)
    return services.enrolment_set_accommodations(enrolment=enrolment, **values)


@pytest.mark.parametrize(
    ("factor", "minutes", "expected_minutes"),
    [("1", 0, 20), ("1.5", 0, 30), ("1.25", 5, 30), ("1", 10, 30)],
)
def test_extra_time_lengthens_the_server_deadline(quizzes, factor, minutes, expected_minutes):
    quiz = quizzes["assigned"]
    quiz.time_limit_minutes = 20
    quiz.save()
    student, classmate = UserFactory(username="amira"), UserFactory(username="ben")
    school_class = assign(quiz, student, classmate)
    _accommodate(school_class, student, time_factor=factor, extra_minutes=minutes)
    attempt = learning_services.attempt_start(quiz=quiz, student=student)
    assert attempt.deadline - attempt.started_at == timedelta(minutes=expected_minutes)
    # The classmate's time is the quiz's own.
    other = learning_services.attempt_start(quiz=quiz, student=classmate)
    assert other.deadline - other.started_at == timedelta(minutes=20)


def test_extra_time_shows_on_the_intro_page(client, quizzes):
    quiz = quizzes["assigned"]
    quiz.time_limit_minutes = 20
    quiz.save()
    student = UserFactory(username="amira")
    school_class = assign(quiz, student)
    _accommodate(school_class, student, time_factor="1.5")
    client.force_login(student)
    page = client.get(reverse("learning:quiz_intro", args=[quiz.pk])).content.decode()
    assert "<dt>Time limit</dt><dd>30 minutes;" in page


def test_extra_attempts_raise_the_limit_for_that_student_only(client, quizzes):
    quiz = quizzes["assigned"]
    quiz.max_attempts = 1
    quiz.save()
    student, classmate = UserFactory(username="amira"), UserFactory(username="ben")
    school_class = assign(quiz, student, classmate)
    _accommodate(school_class, student, extra_attempts=1)
    for _ in range(2):
        learning_services.attempt_submit(
            attempt=learning_services.attempt_start(quiz=quiz, student=student)
        )
    with pytest.raises(ValidationError) as caught:
        learning_services.attempt_start(quiz=quiz, student=student)
    assert caught.value.messages == [learning_services.NO_ATTEMPTS_LEFT.format(count=2)]
    learning_services.attempt_submit(
        attempt=learning_services.attempt_start(quiz=quiz, student=classmate)
    )
    with pytest.raises(ValidationError) as caught:
        learning_services.attempt_start(quiz=quiz, student=classmate)
    assert caught.value.messages == [learning_services.NO_ATTEMPTS_LEFT.format(count=1)]


def test_accommodations_outside_the_allowed_range_are_refused(quizzes, student):
    school_class = assign(quizzes["assigned"], student)
    enrolment = Enrolment.objects.get(school_class=school_class, student=student)
    for factor in ("0.5", "5", "lots"):
        with pytest.raises(ValidationError) as caught:
            services.enrolment_set_accommodations(enrolment=enrolment, time_factor=factor)
        assert caught.value.messages == [services.ACCOMMODATION_FACTOR]
    enrolment.refresh_from_db()
    assert enrolment.time_factor == Decimal("1.00")


def test_the_teacher_still_previews_their_own_quiz(client, quizzes):
    quiz = quizzes["unassigned"]
    client.force_login(quiz.owner)
    assert client.get(reverse("learning:quiz_intro", args=[quiz.pk])).status_code == 200


def test_the_dashboards_one_read_of_the_assignments_agrees_with_the_sql_filters(student):
    now = timezone.now()
    teacher = TeacherFactory(username="bea")
    open_quiz = QuizFactory(owner=teacher, title="Open", question_count=1)
    closed = QuizFactory(owner=teacher, title="Closed by its assignment", question_count=1)
    reopened = QuizFactory(
        owner=teacher, title="Reopened", question_count=1, closes_at=now - timedelta(days=1)
    )
    module = module_with_towns(
        assigned_to=[], towns=1, quiz=QuizFactory(title="Module quiz", question_count=1)
    )
    later = Module.objects.create(owner=teacher, title="Opens later", is_published=True)
    school_class = assign(open_quiz, student)
    Enrolment.objects.filter(school_class=school_class).update(extra_attempts=2)
    assign(closed, student, closes_at=now - timedelta(hours=1))
    assign(reopened, student, closes_at=now + timedelta(days=1))
    assign(module, student)
    assign(later, student, opens_at=now + timedelta(days=2))
    assignments = student_assignments(user=student)
    for open_only in (True, False):
        by_sql = Quiz.objects.filter(quizzes_visible_filter(user=student, open_only=open_only))
        by_rows = Quiz.objects.filter(
            quizzes_visible_filter(user=student, open_only=open_only, assignments=assignments)
        )
        assert sorted(by_rows.values_list("title", flat=True)) == sorted(
            by_sql.values_list("title", flat=True)
        )
    assert sorted(
        Quiz.objects.filter(
            quizzes_visible_filter(user=student, open_only=True, assignments=assignments)
        ).values_list("title", flat=True)
    ) == ["Module quiz", "Open", "Reopened"]
    modules = [
        sorted(Module.objects.filter(choice).values_list("title", flat=True))
        for choice in (
            modules_visible_filter(user=student, now=now),
            modules_visible_filter(user=student, now=now, assignments=assignments),
        )
    ]
    assert modules[0] == modules[1] == [module.title]
    quizzes = list(Quiz.objects.filter(title__in=["Open", "Reopened"]))
    assert quiz_accesses(user=student, quizzes=quizzes, assignments=assignments) == (
        quiz_accesses(user=student, quizzes=quizzes)
    )
    access = quiz_accesses(user=student, quizzes=quizzes, assignments=assignments)
    assert access[open_quiz.pk].extra_attempts == 2
    assert access[reopened.pk].closes_at == reopened.assignments.get().closes_at
