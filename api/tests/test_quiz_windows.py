"""The API gives a student the window of the assignment to their class (what attempts are held
to), not the quiz's own dates; a teacher sees the quiz's own."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from api.tests.conftest import client_for
from classes.tests.factories import assign, class_with
from learning import services as learning_services
from learning.tests.factories import QuizFactory
from quizgen.tests.factories import TeacherFactory, UserFactory

pytestmark = pytest.mark.django_db


NOW = timezone.now().replace(microsecond=0)


def _at(days: int) -> datetime:
    return NOW + timedelta(days=days)


def _read(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value.replace("Z", "+00:00"))


def _windows(client, quiz) -> dict:
    detail = client.get(reverse("api:quiz-detail", args=[quiz.pk])).json()
    (listed,) = [row for row in client.get(reverse("api:quiz-list")).json()["results"]]
    assert (listed["opens_at"], listed["closes_at"]) == (detail["opens_at"], detail["closes_at"])
    return {
        "opens_at": _read(detail["opens_at"]),
        "closes_at": _read(detail["closes_at"]),
        "questions": len(detail["questions"]),
    }


@pytest.fixture
def quiz():
    # The quiz's own window is open now and closes in 30 days.
    return QuizFactory(
        owner=TeacherFactory(username="ms-window"),
        question_count=2,
        opens_at=_at(-30),
        closes_at=_at(30),
    )


def test_a_student_sees_the_window_of_their_class_and_no_questions_before_it(quiz):
    student = UserFactory(username="amira")
    assign(quiz, student, opens_at=_at(1), closes_at=_at(10))
    client = client_for(student)

    assert _windows(client, quiz) == {"opens_at": _at(1), "closes_at": _at(10), "questions": 0}
    # What the server holds attempts to: not open yet.
    with pytest.raises(ValidationError) as refused:
        learning_services.attempt_start(quiz=quiz, student=student)
    assert refused.value.code == "not_open"
    started = client.post(reverse("api:attempt-start", args=[quiz.pk]))
    assert started.status_code == 409


def test_in_two_classes_the_earliest_opening_and_latest_close(quiz):
    student = UserFactory(username="ben")
    assign(quiz, student, opens_at=_at(-2), closes_at=_at(3))
    assign(
        quiz,
        student,
        opens_at=_at(1),
        closes_at=_at(9),
        school_class=class_with(owner=quiz.owner, name="Second"),
    )
    assert _windows(client_for(student), quiz) == {
        "opens_at": _at(-2),
        "closes_at": _at(9),
        "questions": 2,
    }


def test_an_assignment_without_dates_keeps_the_quizs_own(quiz):
    student = UserFactory(username="chen")
    assign(quiz, student, closes_at=_at(5))
    assert _windows(client_for(student), quiz) == {
        "opens_at": _at(-30),
        "closes_at": _at(5),
        "questions": 2,
    }


def test_the_teacher_sees_the_quizs_own_window(quiz):
    assign(quiz, UserFactory(username="dana"), opens_at=_at(1), closes_at=_at(10))
    assert _windows(client_for(quiz.owner), quiz) == {
        "opens_at": _at(-30),
        "closes_at": _at(30),
        "questions": 2,
    }
