"""The dashboard, quiz intro and progress pages cost the same whatever a student's history.

Each page is requested for a student with one attempt and for one with 45 (15 on each of
three quizzes): the same number of queries, and the long history is shown a page at a time.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from classes.tests.factories import enrol_for
from learning.models import Attempt
from learning.tests.factories import AttemptFactory, QuizFactory, QuizQuestionFactory
from quizgen.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def history(student, quizzes, per_quiz: int) -> None:
    """`per_quiz` submitted attempts at each quiz (the student in a class assigned them)."""
    for quiz in quizzes:
        enrol_for(quiz, student)
    start = timezone.now() - timedelta(days=30)
    for offset, quiz in enumerate(quizzes):
        for number in range(1, per_quiz + 1):
            moment = start + timedelta(hours=10 * number + offset)
            AttemptFactory(
                quiz=quiz,
                student=student,
                number=number,
                state=Attempt.State.SUBMITTED,
                started_at=moment,
                submitted_at=moment + timedelta(minutes=5),
                score=float(number % 5),
                max_score=4.0,
                passed=number % 5 >= 2,
            )


def queries(client, student, url) -> int:
    client.force_login(student)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def quizzes():
    made = [QuizFactory(title=f"Quiz {name}", max_attempts=0) for name in "ABC"]
    for quiz in made:
        QuizQuestionFactory(quiz=quiz)
    return made


@pytest.mark.parametrize("page", ["learning:dashboard", "learning:progress", "learning:quiz_intro"])
def test_the_page_costs_the_same_with_1_or_45_attempts(client, quizzes, page):
    light, heavy = UserFactory(username="light"), UserFactory(username="heavy")
    history(light, quizzes[:1], 1)
    history(heavy, quizzes, 15)
    url = reverse(page, args=[quizzes[0].pk] if page == "learning:quiz_intro" else [])
    assert queries(client, light, url) == queries(client, heavy, url)


def test_the_progress_history_is_paged(client, quizzes):
    student = UserFactory()
    history(student, quizzes, 15)
    client.force_login(student)
    first = client.get(reverse("learning:progress")).content.decode()
    assert first.count("<tr><td>") == 20 + 3  # 20 attempts and the 3 quizzes' rows
    assert "Page 1 of 3 (45 attempts)" in first
    last = client.get(reverse("learning:progress"), {"page": 3}).content.decode()
    assert "Page 3 of 3 (45 attempts)" in last
    assert last.count("<tr><td>") == 5 + 3


def test_the_per_quiz_table_counts_in_the_database(client, quizzes):
    student = UserFactory()
    history(student, quizzes, 15)
    client.force_login(student)
    body = client.get(reverse("learning:progress")).content.decode()
    # 15 attempts each; best 100% (score 4 of 4); the last (number 15) scored 0 of 4.
    for title in ("Quiz A", "Quiz B", "Quiz C"):
        assert f"<tr><td>{title}</td><td>15</td><td>100.0%</td>" in body


def test_the_quiz_intro_lists_the_last_ten_attempts(client, quizzes):
    student = UserFactory()
    history(student, quizzes[:1], 15)
    client.force_login(student)
    body = client.get(reverse("learning:quiz_intro", args=[quizzes[0].pk])).content.decode()
    assert body.count("Attempt ") == 10
    assert "Attempt 15: 0.0%" in body and "Attempt 5:" not in body
    assert "Your last 10 of 15 attempts" in body
