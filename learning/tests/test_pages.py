"""What a student's pages and the API show before submission: never a correct answer."""

import pytest
from django.urls import reverse

from learning.models import Attempt
from learning.tests.factories import QuizFactory, QuizQuestionFactory
from quizgen.tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    quiz = QuizFactory()
    QuizQuestionFactory(
        quiz=quiz,
        question=QuestionFactory(
            prompt="Who invaded Afghanistan in 1979?",
            options=[
                {"text": "Soviet Union", "correct": True},
                {"text": "Ottoman Empire", "correct": False},
                {"text": "Prussia", "correct": False},
                {"text": "Portugal", "correct": False},
            ],
            accepted_answers=["Soviet Union"],
            explanation="The article says: In 1979, the Soviet Union invaded Afghanistan.",
        ),
    )
    QuizQuestionFactory(
        quiz=quiz,
        question=QuestionFactory(
            kind="fill_blank",
            prompt="The U.S. froze _____ in Afghan central bank assets.",
            options=[],
            accepted_answers=["$9 billion"],
            explanation="The article says: The U.S. froze $9 billion.",
        ),
    )
    return quiz


def test_student_quiz_page_has_no_answers(client, student, quiz):
    client.force_login(student)
    body = client.get(reverse("learning:quiz_take", args=[quiz.pk])).content.decode()
    assert "Who invaded Afghanistan in 1979?" in body
    assert "Ottoman Empire" in body
    for secret in ["$9 billion", "correct", "The article says", "explanation"]:
        assert secret not in body


def test_result_page_before_submission_redirects_to_the_quiz(client, student, quiz):
    client.force_login(student)
    client.get(reverse("learning:quiz_take", args=[quiz.pk]))
    attempt = Attempt.objects.get(student=student)
    response = client.get(reverse("learning:attempt_result", args=[attempt.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("learning:quiz_take", args=[quiz.pk])


def test_api_quiz_list_has_no_answers(client, student, quiz):
    client.force_login(student)
    response = client.get("/api/v1/quizzes/")
    assert response.status_code == 200
    payload = response.json()
    assert payload["count"] == 1
    assert payload["results"][0]["title"] == quiz.title
    assert payload["results"][0]["question_count"] == 2
    raw = response.content.decode()
    for secret in ["Soviet Union", "$9 billion", "correct", "accepted_answers"]:
        assert secret not in raw


def test_api_requires_authentication(client, quiz):
    assert client.get("/api/v1/quizzes/").status_code in (401, 403)


def test_unpublished_quiz_is_not_listed(client, student, quiz):
    QuizFactory(is_published=False, title="Hidden draft")
    client.force_login(student)
    titles = [q["title"] for q in client.get("/api/v1/quizzes/").json()["results"]]
    assert titles == [quiz.title]


def test_double_submit_scores_once(client, student, quiz):
    client.force_login(student)
    url = reverse("learning:quiz_take", args=[quiz.pk])
    client.get(url)
    question = quiz.questions.order_by("quiz_entries__position").first()
    client.post(url, {"submit": "1", f"q-{question.pk}": "Soviet Union"})
    attempt = Attempt.objects.get(student=student)
    from learning import services

    again = services.attempt_submit(attempt=attempt)
    assert again.pk == attempt.pk
    assert Attempt.objects.filter(student=student).count() == 1
    assert (again.score, again.max_score) == (1.0, 2.0)
