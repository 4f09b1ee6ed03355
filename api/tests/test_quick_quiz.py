"""A quiz in a minute through the API: the proposal, making it, unpublishing and deleting."""

import pytest

from learning import services
from learning.models import Quiz
from learning.tests.factories import AttemptFactory, QuizFactory
from quizgen.models import Question
from quizgen.tests.factories import DocumentFactory, FactFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(people):
    document = DocumentFactory(owner=people["teacher"], title="Talks")
    for n in range(3):
        question = QuestionFactory(
            document=document,
            status=Question.Status.DRAFT,
            score=0.9 - n / 10,
            source_start=n * 50,
            prompt=f"In which year did step {n} happen?",
        )
        question.facts.add(FactFactory(document=document, key=f"date:{n}"))
    return document


def test_the_proposal_and_a_published_quiz_made_from_it(clients, people, document):
    url = f"/api/v1/documents/{document.pk}/quiz-proposal/"
    proposal = clients["teacher"].get(url, {"count": 2})
    assert proposal.status_code == 200
    expected = list(document.questions.order_by("-score").values_list("pk", flat=True)[:2])
    assert proposal.json()["question_ids"] == expected
    assert [q["id"] for q in proposal.json()["questions"]] == expected
    made = clients["teacher"].post(
        f"/api/v1/documents/{document.pk}/quizzes/", {"count": 2, "publish": True}, format="json"
    )
    assert made.status_code == 201
    body = made.json()
    assert (body["title"], body["is_published"], body["question_ids"]) == ("Talks", True, expected)
    assert set(Question.objects.filter(pk__in=expected).values_list("status", flat=True)) == {
        "approved"
    }


def test_making_a_quiz_of_two_questions_on_one_fact_is_refused(clients, document):
    first, second = document.questions.order_by("id")[:2]
    second.facts.set(first.facts.all())
    response = clients["teacher"].post(
        f"/api/v1/documents/{document.pk}/quizzes/",
        {"questions": [first.pk, second.pk]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["message"] == services.QUIZ_PICK_SAME_FACT.format(
        questions=services._describe([first, second])
    )
    assert Quiz.objects.count() == 0


@pytest.mark.parametrize("role", ["other_teacher", "student"])
def test_only_the_documents_teacher_may_make_its_quiz(clients, document, role):
    response = clients[role].get(f"/api/v1/documents/{document.pk}/quiz-proposal/")
    assert response.status_code == {"other_teacher": 404, "student": 403}[role]


def test_unpublish_and_delete(clients, people):
    quiz = QuizFactory(owner=people["teacher"], is_published=True)
    response = clients["teacher"].post(f"/api/v1/quizzes/{quiz.pk}/unpublish/")
    assert (response.status_code, response.json()["is_published"]) == (200, False)
    assert clients["other_teacher"].delete(f"/api/v1/quizzes/{quiz.pk}/delete/").status_code == 404
    assert clients["teacher"].delete(f"/api/v1/quizzes/{quiz.pk}/delete/").status_code == 204
    assert not Quiz.objects.filter(pk=quiz.pk).exists()


def test_a_quiz_students_attempted_is_not_deleted(clients, people):
    quiz = QuizFactory(owner=people["teacher"])
    AttemptFactory(quiz=quiz)
    response = clients["teacher"].delete(f"/api/v1/quizzes/{quiz.pk}/delete/")
    assert response.status_code == 409
    assert response.json()["error"] == {
        "code": "quiz_has_attempts",
        "message": services.QUIZ_DELETE_HAS_ATTEMPTS,
        "fields": {},
    }
    assert Quiz.objects.filter(pk=quiz.pk).exists()


def test_duplicate_a_quiz(clients, people, document):
    questions = list(document.questions.order_by("-score"))
    quiz = services.quiz_create(
        owner=people["teacher"], title="Week 1", questions=questions, pass_mark=70
    )
    document.questions.update(status=Question.Status.APPROVED)
    services.quiz_publish(quiz=quiz)  # the copy starts unpublished all the same
    response = clients["teacher"].post(f"/api/v1/quizzes/{quiz.pk}/duplicate/")
    assert response.status_code == 201
    body = response.json()
    assert (body["title"], body["pass_mark"], body["is_published"], body["question_ids"]) == (
        "Copy of Week 1",
        70,
        False,
        [q.pk for q in questions],
    )
